"""A Redis database of the real server on loopback, emptied before and after a test. Each
test file uses a database number of its own, so files running in parallel never share one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis


@contextmanager
def clean_redis(url: str) -> Iterator[str]:
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis is not reachable at {url}: {error}")
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()
