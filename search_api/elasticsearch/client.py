"""The Elasticsearch client, built from Avtale's settings."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from core.settings import Settings

# Connection errors and timeouts are retried by the client on another attempt; bulk
# rejections (429) are retried by the adapter with back-off.
CLIENT_RETRIES = 3


def client_from_settings(settings: Settings, **options: Any) -> Elasticsearch:
    """`options` go to the client as they are (tests pass a `node_class`)."""
    kwargs: dict[str, Any] = {
        "request_timeout": settings.elasticsearch_request_timeout,
        "max_retries": CLIENT_RETRIES,
        "retry_on_timeout": True,
    }
    if settings.elasticsearch_api_key:
        kwargs["api_key"] = settings.elasticsearch_api_key
    elif settings.elasticsearch_user:
        kwargs["basic_auth"] = (settings.elasticsearch_user, settings.elasticsearch_password)
    if settings.elasticsearch_ca_certs is not None:
        kwargs["ca_certs"] = str(settings.elasticsearch_ca_certs)
    kwargs.update(options)
    return Elasticsearch(settings.elasticsearch_url, **kwargs)
