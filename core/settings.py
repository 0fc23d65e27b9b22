"""Avtale's settings: one class, read from the environment (prefix AVTALE_) when built.

Nothing reads the environment at import time; the composition root builds `Settings` once and
passes it on, which lets tests build as many differently-configured apps as they like.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"  # noqa: S105 - refused outside dev
# An empty or short secret is as guessable as the default one (it signs session cookies).
MIN_PRODUCTION_SECRET_LENGTH = 32


class InsecureSettingsError(ValueError):
    pass


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AVTALE_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("./.avtale")
    database_url: str = ""  # empty = SQLite in data_dir
    broker_url: str = ""  # empty = in-process; redis://... or amqp://...
    search_backend: Literal["tantivy", "elasticsearch"] = "tantivy"
    elasticsearch_url: str = "http://127.0.0.1:9200"
    # Either an API key (preferred: scoped, revocable) or user and password.
    elasticsearch_api_key: str = ""
    elasticsearch_user: str = ""
    elasticsearch_password: str = ""
    # The cluster's CA certificate (PEM) when it is not signed by a public CA.
    elasticsearch_ca_certs: Path | None = None
    elasticsearch_request_timeout: float = Field(default=30.0, gt=0)
    # Index names and the alias start with this, so several Avtale installations (or test
    # runs) can share one cluster.
    elasticsearch_index_prefix: str = Field(default="avtale", pattern=r"^[a-z0-9][a-z0-9_-]*$")
    secret_key: str = DEVELOPMENT_SECRET
    # Where people reach the service, for links in e-mails and jobs (no request to go by).
    # Left unset, pages link to the address the browser used (see core.http.public_base_url).
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    # Processes of `avtale serve` answering HTTP (uvicorn workers), all reading the one
    # search index. Above 1 it needs a broker: with in-process jobs the job worker, and so
    # the tantivy index's single writer, must stay in the one process that serves.
    web_workers: int = Field(default=1, ge=1, le=64)

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    mail_from: str = "avtale@localhost"

    # `avtale serve` on the in-process broker runs the alert scheduler pass this often;
    # 0 = never (run `avtale alerts run` from cron, or `avtale scheduler` with a broker).
    alert_pass_minutes: int = Field(default=15, ge=0)
    # Webhooks may call loopback, private and link-local addresses: only for receivers on
    # the service's own network. Off, such targets are refused (no SSRF into internals).
    webhook_allow_private: bool = False

    max_upload_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    # Worker threads of the in-process job runner (`avtale serve`): more than one, so that a
    # long document (a big scan) does not hold up the ones uploaded after it.
    worker_threads: int = Field(default=2, ge=1, le=16)
    # Reading a file runs in a child process with these limits; past them the document
    # fails with the reason and the worker goes on (decompression bombs, endless loops).
    parse_time_limit_seconds: float = Field(default=600, gt=0)
    parse_memory_limit_mb: int = Field(default=2048, ge=256)
    max_pages: int = Field(default=2000, ge=1)
    max_ocr_pages: int = Field(default=300, ge=0)
    # Scanned pages of one document OCR'd at once (one tesseract process each, single
    # threaded): about the cores one document may take.
    ocr_workers: int = Field(default=2, ge=1, le=16)
    # Documents `avtale ingest` processes at once (each read in a child process of its
    # own); 0 = as many as there are cores, at most 4.
    ingest_workers: int = Field(default=0, ge=0, le=32)
    # A folder whose new files are ingested (then moved to done/ or failed/); empty = none.
    watch_folder: Path | None = None
    # Who uploaded what the folder brings in (their contracts); empty = nobody in particular.
    watch_folder_owner: str = ""
    # A file is taken once its size and time have not changed for this long.
    watch_folder_settle_seconds: float = Field(default=5.0, ge=0)
    # An IMAP mailbox whose messages' attachments are ingested (the sender is told by reply,
    # over AVTALE_SMTP_*, when a file fails); empty host = none. A mailbox meant for contracts:
    # every message Avtale has not marked yet is taken, read or not.
    imap_host: str = ""
    imap_port: int = Field(default=993, ge=1, le=65535)
    imap_tls: Literal["none", "starttls", "tls"] = "tls"
    imap_user: str = ""
    imap_password: str = ""
    imap_mailbox: str = "INBOX"
    # The IMAP server's CA certificate (PEM) when it is not signed by a public CA.
    imap_ca_certs: Path | None = None
    # Who uploaded what comes in from a sender who is not a user here (a sender who is one
    # uploads their own); empty = nobody in particular.
    imap_owner: str = ""
    imap_poll_seconds: float = Field(default=60.0, ge=1)
    # A browser session ends this long after sign-in at the latest (sooner on sign-out,
    # password change or deactivation).
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    # /docs and /openapi.json without signing in; empty = only in development.
    public_api_docs: bool | None = None
    # A document whose worker has not renewed its claim for this long is taken over by
    # another (the first one is presumed dead). A working worker renews it every third of
    # this, however long the document takes, so it only bounds how long a killed worker's
    # documents wait.
    processing_lease_seconds: int = Field(default=120, ge=1)
    # An installed trained spaCy model ("en_core_web_sm") used besides the rules; empty = the
    # rule pipeline (spacy.blank + EntityRuler), which needs no model.
    nlp_model: str = ""
    # Who "we" are: the customer side of our contracts, so never linked as their supplier
    # (e.g. "Fjordbyen kommune", "938765124"). Empty = only the roles in the text decide.
    organisation_name: str = Field(default="", max_length=300)
    organisation_org_number: str = Field(default="", max_length=40)
    # The pages' and e-mails' language for people who have not chosen one: "en" or "nb".
    default_language: Literal["en", "nb"] = "en"
    # The Brønnøysund registers' open API, and the pause between lookups (they ask callers
    # not to hammer them). A test or a mirror points the URL elsewhere.
    brreg_base_url: str = "https://data.brreg.no"
    register_pause_seconds: float = Field(default=1.0, ge=0, le=60)
    # Companies House's public data API; without a key UK suppliers are not looked up.
    companies_house_base_url: str = "https://api.company-information.service.gov.uk"
    companies_house_api_key: str = ""
    # How often the register refresh pass runs (it looks up only suppliers that are due:
    # weekly, or after a failure's backoff); 0 = never (run `avtale suppliers refresh-risk`).
    risk_refresh_minutes: int = Field(default=60, ge=0)
    # A supplier holding more than this share of a category's spend (last 12 months) is a
    # concentration risk.
    concentration_threshold: float = Field(default=0.5, gt=0, lt=1)

    @model_validator(mode="after")
    def _refuse_default_secret_outside_development(self) -> Settings:
        if self.environment != "development" and (
            self.secret_key == DEVELOPMENT_SECRET
            or len(self.secret_key.strip()) < MIN_PRODUCTION_SECRET_LENGTH
        ):
            raise InsecureSettingsError(
                "AVTALE_SECRET_KEY must be set to a long random value in production "
                f"(at least {MIN_PRODUCTION_SECRET_LENGTH} characters)"
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'avtale.sqlite3').resolve()}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def base_url_configured(self) -> bool:
        """Whether an operator gave AVTALE_BASE_URL (even to its default value), rather than
        the service falling back on the default."""
        return "base_url" in self.model_fields_set

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def api_docs_public(self) -> bool:
        if self.public_api_docs is not None:
            return self.public_api_docs
        return self.environment == "development"
