"""/docs and /openapi.json for signed-in people only (outside development by default): the
API description lists every endpoint and parameter, which is a map for an attacker and of no
use to anyone who cannot sign in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response

from core.http import optional_user
from core.models import User
from web.common import login_redirect

MaybeUser = Annotated[User | None, Depends(optional_user)]


def mount_private_docs(app: FastAPI) -> None:
    """Serve the docs behind login; the app must have been built with docs_url=None and
    openapi_url=None."""

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(user: MaybeUser) -> JSONResponse:
        if user is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "sign in to read the API docs",
                                headers={"WWW-Authenticate": "Bearer"})
        schema: dict[str, Any] = app.openapi()
        return JSONResponse(schema)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(user: MaybeUser) -> Response:
        if user is None:
            return login_redirect("/docs")
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} - API")
