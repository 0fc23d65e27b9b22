"""A user's alert preferences: language, default lead times, single e-mails or digests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.models import AlertPreferences, DigestFrequency, User
from core.models.watchers import DEFAULT_LEAD_DAYS
from watchers import repository
from watchers.schemas import PreferencesIn, PreferencesOut
from watchers.wording import language_of


def preferences_out(session: Session, user: User) -> PreferencesOut:
    found = repository.preferences_of(session, user.id)
    language = language_of(found.language if found else None)
    return PreferencesOut(
        language="nb" if language == "nb" else "en",
        lead_days=list(found.lead_days) if found and found.lead_days else list(DEFAULT_LEAD_DAYS),
        digest=found.digest.value if found else DigestFrequency.OFF.value,
    )


def update_preferences(session: Session, user: User, data: PreferencesIn) -> PreferencesOut:
    found = repository.preferences_of(session, user.id)
    if found is None:
        found = AlertPreferences(user_id=user.id, language="en", lead_days=list(DEFAULT_LEAD_DAYS),
                                 digest=DigestFrequency.OFF)
        session.add(found)
    if data.language is not None:
        found.language = data.language
    if data.lead_days is not None:
        found.lead_days = data.lead_days
    if data.digest is not None:
        found.digest = DigestFrequency(data.digest)
    session.flush()
    return preferences_out(session, user)
