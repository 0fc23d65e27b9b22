"""Settings come from AVTALE_ environment variables when (and only when) they are built, and
refuse the development secret in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from core.settings import DEVELOPMENT_SECRET, Settings

A_REAL_SECRET = "k3Jq9vXw2LmP8rTz5Yb7Nc4Hd6Gf1Sa0"


@pytest.fixture(autouse=True)
def no_avtale_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("AVTALE_"):
            monkeypatch.delenv(name)


def test_defaults_are_the_embedded_development_setup(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.environment == "development"
    assert settings.broker_url == ""
    assert settings.search_backend == "tantivy"
    assert settings.secret_key == DEVELOPMENT_SECRET
    assert settings.resolved_database_url == f"sqlite:///{(tmp_path / 'avtale.sqlite3')}"
    assert settings.files_dir == tmp_path / "files"
    assert settings.index_dir == tmp_path / "index"


def test_environment_is_read_when_settings_are_built(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AVTALE_DATA_DIR", str(tmp_path / "first"))
    first = Settings()
    monkeypatch.setenv("AVTALE_DATA_DIR", str(tmp_path / "second"))
    second = Settings()
    assert first.data_dir == tmp_path / "first"  # built earlier, not changed afterwards
    assert second.data_dir == tmp_path / "second"


def test_every_documented_variable_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment = {
        "AVTALE_DATA_DIR": str(tmp_path),
        "AVTALE_DATABASE_URL": "postgresql://avtale@db.example.no/avtale",
        "AVTALE_BROKER_URL": "redis://127.0.0.1:6379/2",
        "AVTALE_SEARCH_BACKEND": "elasticsearch",
        "AVTALE_ELASTICSEARCH_URL": "http://search.example.no:9200",
        "AVTALE_SECRET_KEY": A_REAL_SECRET,
        "AVTALE_SMTP_HOST": "smtp.example.no",
        "AVTALE_SMTP_PORT": "587",
        "AVTALE_SMTP_USER": "avtale",
        "AVTALE_SMTP_PASSWORD": "smtp-password",
        "AVTALE_SMTP_TLS": "starttls",
        "AVTALE_MAIL_FROM": "avtale@example.no",
        "AVTALE_BASE_URL": "https://avtale.example.no",
        "AVTALE_ENVIRONMENT": "production",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.resolved_database_url == "postgresql://avtale@db.example.no/avtale"
    assert settings.broker_url == "redis://127.0.0.1:6379/2"
    assert settings.search_backend == "elasticsearch"
    assert settings.elasticsearch_url == "http://search.example.no:9200"
    assert settings.secret_key == A_REAL_SECRET
    assert (settings.smtp_host, settings.smtp_port) == ("smtp.example.no", 587)
    assert (settings.smtp_user, settings.smtp_password) == ("avtale", "smtp-password")
    assert settings.smtp_tls == "starttls"
    assert settings.mail_from == "avtale@example.no"
    assert settings.secure_cookies
    assert settings.environment == "production"


def test_variables_without_the_prefix_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://someone-else/db")
    monkeypatch.setenv("BROKER_URL", "redis://someone-else")
    settings = Settings()
    assert settings.database_url == ""
    assert settings.broker_url == ""


def test_explicit_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVTALE_BROKER_URL", "redis://127.0.0.1:6379/2")
    assert Settings(broker_url="").broker_url == ""


def test_bad_values_are_refused_when_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVTALE_SMTP_TLS", "sometimes")
    with pytest.raises(ValidationError, match="smtp_tls"):
        Settings()


def test_nothing_reads_the_environment_at_import_time(tmp_path: Path) -> None:
    # A broken AVTALE_ variable must not matter until Settings() is built: importing every
    # entry point succeeds, building the settings fails.
    environment = {**os.environ, "AVTALE_SMTP_PORT": "not-a-port",
                   "AVTALE_ENVIRONMENT": "production"}
    imports = "import avtale.app, avtale.cli, avtale.runtime, core.settings"
    imported = subprocess.run(
        [sys.executable, "-c", f"{imports}; print('imported')"],
        env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "imported"
    built = subprocess.run(
        [sys.executable, "-c", f"{imports}; core.settings.Settings()"],
        env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert built.returncode != 0
    assert "smtp_port" in built.stderr


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="AVTALE_SECRET_KEY"):
        Settings(environment="production")
    monkeypatch.setenv("AVTALE_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="AVTALE_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("AVTALE_SECRET_KEY", DEVELOPMENT_SECRET)
    with pytest.raises(ValidationError, match="AVTALE_SECRET_KEY"):
        Settings()


@pytest.mark.parametrize("secret", ["", "   ", "secret", "changeme"])
def test_production_refuses_an_empty_or_short_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="AVTALE_SECRET_KEY"):
        Settings(environment="production", secret_key=secret)


def test_production_accepts_a_real_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVTALE_ENVIRONMENT", "production")
    monkeypatch.setenv("AVTALE_SECRET_KEY", A_REAL_SECRET)
    assert Settings().secret_key == A_REAL_SECRET


def test_only_development_runs_on_the_default_secret() -> None:
    assert Settings(environment="development").secret_key == DEVELOPMENT_SECRET
    with pytest.raises(ValidationError):
        Settings(environment="test")


def test_a_base_url_from_the_environment_counts_as_set_even_at_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pages fall back on the request's origin only when nobody set AVTALE_BASE_URL."""
    assert not Settings().base_url_configured
    monkeypatch.setenv("AVTALE_BASE_URL", "http://127.0.0.1:8000")
    assert Settings().base_url_configured
