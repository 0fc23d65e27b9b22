"""Request bodies are bounded, and a request answered before its body arrived is cut off.

A pure ASGI middleware, so it sees the body as it streams in:
- A body larger than `default_limit` is refused with 413 as soon as the limit is passed
  (or at once when Content-Length says so). Routes in `streamed` bound their own bodies
  while they read them (uploads, per file), so they are left to do so.
- An answer sent before the whole body was received (401 or 403 before an upload was read,
  413 half-way) carries `Connection: close`. Without it uvicorn keeps the connection for the
  next request and goes on receiving, and throwing away, the rest of a 2 GiB body.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CLOSE = (b"connection", b"close")


class BodyTooLargeError(HTTPException):
    """Raised from `receive`. An HTTPException, so that whoever was reading the body (FastAPI
    turns any other error while parsing a body into a 400) lets it through as a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes")


class BoundedRequestBodies:
    def __init__(self, app: ASGIApp, *, default_limit: int, streamed: Collection[str],
                 larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.default_limit = default_limit
        self.streamed = frozenset(streamed)
        # Routes that take bigger bodies than the default but read them whole (spend files).
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = None if path in self.streamed else self.larger.get(path, self.default_limit)
        received = 0
        body_done = not _may_have_body(scope)
        response_started = False

        async def bounded_receive() -> Message:
            nonlocal received, body_done
            if limit is not None and _declared_length(scope) > limit:
                raise BodyTooLargeError(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if limit is not None and received > limit:
                    raise BodyTooLargeError(limit)
                if not message.get("more_body", False):
                    body_done = True
            return message

        async def closing_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                if not body_done:
                    headers = [h for h in message.get("headers", []) if h[0].lower() != CLOSE[0]]
                    message = {**message, "headers": [*headers, CLOSE]}
            await send(message)

        try:
            await self.app(scope, bounded_receive, closing_send)
        except BodyTooLargeError as error:
            if response_started:
                raise
            await _too_large(send, error.detail)


def _may_have_body(scope: Scope) -> bool:
    headers = dict(scope.get("headers", []))
    return _declared_length(scope) > 0 or b"transfer-encoding" in headers


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _too_large(send: Send, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        CLOSE,
    ]})
    await send({"type": "http.response.body", "body": body})
