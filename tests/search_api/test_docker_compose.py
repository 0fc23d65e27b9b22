"""docker-compose.yml cannot run here (no container engine): parse it and check that it is a
complete deployment whose Avtale settings are real ones, the same the test suite uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from avtale.runtime import make_search_index
from core.settings import Settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
LONG_RUNNING = {"api", "worker", "postgres", "redis", "elasticsearch", "mailpit"}
# What an operator must (or may) set; everything else has a value in the file.
OPERATOR_ENV = {"AVTALE_SECRET_KEY": "s" * 64, "ELASTIC_PASSWORD": "elastic-secret"}
_VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?:(:\?|:-)([^}]*))?\}")


def substitute(value: str, env: dict[str, str]) -> str:
    """Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$ for a dollar."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, operator, argument = match.groups()
        if env.get(name):
            return env[name]
        if operator == ":?":
            raise KeyError(f"{name}: {argument}")
        return argument or ""

    return _VARIABLE.sub(replace, value)


def load(env: dict[str, str]) -> dict[str, Any]:
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return substitute(node, env) if isinstance(node, str) else node

    return dict(walk(yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load(OPERATOR_ENV)


def test_services(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == LONG_RUNNING | {"migrate"}
    image = compose["services"]["elasticsearch"]["image"]
    assert re.fullmatch(r"docker\.elastic\.co/elasticsearch/elasticsearch:9\.\d+\.\d+", image)
    assert compose["services"]["api"]["command"][:2] == ["avtale", "serve"]
    assert compose["services"]["worker"]["command"] == ["avtale", "worker"]
    assert compose["services"]["migrate"]["command"] == ["avtale", "db", "upgrade"]


def test_every_long_running_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name in LONG_RUNNING:
        check = compose["services"][name].get("healthcheck")
        assert check and check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert check.get("interval") and check.get("retries"), name


def test_avtale_waits_for_healthy_dependencies_and_migrations(compose: dict[str, Any]) -> None:
    for name in ("api", "worker"):
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        for dependency in ("postgres", "redis", "elasticsearch", "mailpit"):
            assert depends[dependency] == {"condition": "service_healthy"}, (name, dependency)
            assert "healthcheck" in compose["services"][dependency]


def test_volumes(compose: dict[str, Any]) -> None:
    declared = set(compose["volumes"])
    used: set[str] = set()
    for name, service in compose["services"].items():
        for mount in service.get("volumes", []):
            source, target = mount.split(":")[:2]
            assert source in declared, (name, mount)
            used.add(source)
            if name in ("api", "worker", "migrate"):
                # Originals uploaded through the API are read by the worker.
                assert (source, target) == ("avtale-data", "/data")
    assert used == declared
    for stateful in ("postgres", "redis", "elasticsearch", "mailpit"):
        assert compose["services"][stateful].get("volumes"), stateful


def test_every_avtale_variable_is_a_setting(compose: dict[str, Any]) -> None:
    settings_names = {f"AVTALE_{name.upper()}" for name in Settings.model_fields}
    for name, service in compose["services"].items():
        variables = {key for key in service.get("environment", {}) if key.startswith("AVTALE_")}
        assert variables <= settings_names, (name, variables - settings_names)


def test_the_settings_build_the_elasticsearch_adapter(compose: dict[str, Any]) -> None:
    environment = {
        key: str(value) for key, value in compose["services"]["api"]["environment"].items()
    }
    assert environment == {
        key: str(value) for key, value in compose["services"]["worker"]["environment"].items()
    }
    prefix_len = len("AVTALE_")
    settings = Settings(**{key[prefix_len:].lower(): value for key, value in environment.items()})
    assert settings.search_backend == "elasticsearch"
    assert settings.elasticsearch_url == "http://elasticsearch:9200"
    # Avtale logs in with the password the cluster was started with.
    es_env = compose["services"]["elasticsearch"]["environment"]
    assert settings.elasticsearch_password == es_env["ELASTIC_PASSWORD"] == "elastic-secret"
    assert settings.elasticsearch_user == "elastic"
    assert settings.smtp_host == "mailpit"
    assert settings.broker_url.startswith("redis://redis:")
    assert settings.resolved_database_url.startswith("postgresql://avtale:avtale@postgres:")
    index = make_search_index(settings)  # lazy: nothing is contacted
    assert isinstance(index, ElasticsearchSearchIndex)
    assert index.alias == "avtale-contracts"
    index.close()


def test_secrets_must_be_given() -> None:
    with pytest.raises(KeyError, match="AVTALE_SECRET_KEY"):
        load({"ELASTIC_PASSWORD": "x"})
    with pytest.raises(KeyError, match="ELASTIC_PASSWORD"):
        load({"AVTALE_SECRET_KEY": "s" * 64})
