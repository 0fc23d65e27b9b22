"""The API documentation page (/docs) with Swagger UI served by the app itself.

FastAPI's default page loads Swagger UI from a CDN, so on a network without internet it stays
blank. The assets come from the `fastapi-offline` package instead, and the page runs no
inline script, so a strict content security policy holds for it too.

Outside development (setting `AVTALE_PUBLIC_API_DOCS`) /docs and /openapi.json are for
signed-in people only: the API description is a map for an attacker and of no use to anyone
who cannot sign in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import fastapi_offline
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from core.http import optional_user
from core.models import User
from web.common import login_redirect

MaybeUser = Annotated[User | None, Depends(optional_user)]

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/static/api-docs"
DOCS_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}
_INIT_JS = """window.ui = SwaggerUIBundle({
  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
});
"""
_PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Avtale API</title>
  <link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
  <link rel="icon" href="{ASSETS_URL}/favicon.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
"""


def mount_api_docs(app: FastAPI, *, private: bool) -> None:
    """Create the app with `docs_url=None` (and `openapi_url=None` when `private`); this
    adds /docs, its assets and, when private, /openapi.json behind login."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="api-docs-assets")

    @app.get("/docs", include_in_schema=False, response_model=None)
    def docs(user: MaybeUser) -> Response:
        if private and user is None:
            return login_redirect("/docs")
        return HTMLResponse(_PAGE, headers=DOCS_HEADERS)

    if private:

        @app.get("/openapi.json", include_in_schema=False)
        def openapi(user: MaybeUser) -> JSONResponse:
            if user is None:
                raise HTTPException(status.HTTP_401_UNAUTHORIZED,
                                    "sign in to read the API docs",
                                    headers={"WWW-Authenticate": "Bearer"})
            schema: dict[str, Any] = app.openapi()
            return JSONResponse(schema)

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return Response(_INIT_JS, media_type="text/javascript", headers=DOCS_HEADERS)
