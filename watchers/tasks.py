"""The scheduler pass as a job, addressed by name: "watchers.run_alerts" (no arguments; the
worker's clock decides what is due). The composition root registers the handler, which
builds the channels from the settings and calls `watchers.service.run_alerts`."""

from __future__ import annotations

import datetime as dt
import logging

from core.db import Database
from core.models.base import utcnow
from core.settings import Settings
from search_api.port import SearchIndex
from watchers.channels import Channels
from watchers.email_channel import SmtpMailer
from watchers.service import PassReport, run_alerts
from watchers.webhook_channel import HttpWebhookPoster

RUN_ALERTS_JOB = "watchers.run_alerts"

log = logging.getLogger(__name__)


def channels_from_settings(settings: Settings) -> Channels:
    return Channels(base_url=settings.base_url, mail_from=settings.mail_from,
                    secret_key=settings.secret_key, mailer=SmtpMailer.from_settings(settings),
                    webhooks=HttpWebhookPoster(allow_private=settings.webhook_allow_private))


def run_alerts_pass(
    database: Database, settings: Settings, search_index: SearchIndex | None,
    now: dt.datetime | None = None,
) -> PassReport:
    report = run_alerts(database, channels_from_settings(settings), now=now or utcnow(),
                        search_index=search_index)
    log.info("alerts pass: %s", report)
    return report
