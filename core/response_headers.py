"""Security headers that are not about one page: HSTS, and how original files are served."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS_VALUE = "max-age=31536000; includeSubDomains"
# An uploaded file is whatever its uploader made it: served as a download, never rendered as
# this site's page, and if a browser renders it anyway it runs nothing and loads nothing.
ORIGINAL_FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
}
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')
MAX_NAME_LENGTH = 150


def safe_filename(name: str, fallback: str = "document.pdf") -> str:
    """The uploader's file name without paths, control characters or header syntax."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_IN_NAME.sub("_", unicodedata.normalize("NFC", name)).strip(" ._")
    if not name:
        return fallback
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: MAX_NAME_LENGTH - len(extension) - 1] + dot + extension
                if dot and len(extension) <= 10 else name[:MAX_NAME_LENGTH])
    return name


def attachment_headers(filename: str) -> dict[str, str]:
    name = safe_filename(filename)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    disposition = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        disposition += f"; filename*=UTF-8''{quote(name, safe='')}"
    return {"Content-Disposition": disposition, **ORIGINAL_FILE_HEADERS}


class HstsMiddleware:
    """Tells browsers to come back over HTTPS only; installed when the base URL is https."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_hsts(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"strict-transport-security", HSTS_VALUE.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_hsts)
