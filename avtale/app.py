"""The FastAPI application: every capability's endpoints under /api/v1, and the pages."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.sessions import SessionMiddleware

from avtale.api_docs import mount_api_docs
from avtale.runtime import Runtime
from contracts.endpoints import router as contracts_router
from contracts.lifecycle_endpoints import router as lifecycle_router
from core.clock import SYSTEM_CLOCK, Clock
from core.endpoints import router as users_router
from core.login_throttle import LoginThrottle
from core.request_body import BoundedRequestBodies
from core.response_headers import HstsMiddleware
from core.settings import Settings
from core.token_endpoints import router as tokens_router
from ingest.endpoints import router as documents_router
from search_api.endpoints import router as search_router
from spend.endpoints import router as spend_router
from spend.report_endpoints import router as spend_reports_router
from spend.suggestion_endpoints import router as spend_suggestions_router
from suppliers.endpoints import router as suppliers_router
from suppliers.evaluations.endpoints import router as evaluations_router
from suppliers.register_endpoints import router as supplier_register_router
from suppliers.risk.endpoints import router as supplier_risk_router
from watchers.endpoints import router as watchers_router
from web.pages import mount as mount_pages

API_PREFIX = "/api/v1"
# JSON bodies and page forms; uploads are bounded per file by the routes that stream them.
MAX_REQUEST_BODY_BYTES = 1024 * 1024
STREAMED_UPLOAD_PATHS = (f"{API_PREFIX}/documents", "/upload")
# Spend files are read whole by their importer: bounded by the upload limit instead.
SPEND_UPLOAD_PATHS = (f"{API_PREFIX}/spend/imports", "/spend/import")


@functools.cache
def _api_router() -> APIRouter:
    """Every capability's endpoints under /api/v1, gathered once per process: the routes
    hold no state of an app (they reach the runtime through `request.app.state`), and
    gathering them is most of what building an app costs."""
    api = APIRouter(prefix=API_PREFIX)

    @api.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    for router in (users_router, tokens_router, documents_router, contracts_router,
                   lifecycle_router, search_router, watchers_router, spend_router,
                   spend_reports_router, spend_suggestions_router, suppliers_router,
                   supplier_register_router, evaluations_router, supplier_risk_router):
        api.include_router(router)
    return api


def app_from_environment() -> FastAPI:
    """The app on the settings of the environment (AVTALE_...): the factory each uvicorn
    worker process of `avtale serve` calls when AVTALE_WEB_WORKERS is above 1."""
    return create_app(Settings())


def create_app(
    settings: Settings | None = None,
    runtime: Runtime | None = None,
    *,
    run_worker: bool | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> FastAPI:
    """Build the app. With the in-process broker the app runs the worker too, unless
    `run_worker` says otherwise. `clock` is what sessions, tokens and login throttling
    take as now (tests move it instead of sleeping)."""
    settings = settings or (runtime.settings if runtime else Settings())
    owns_runtime = runtime is None
    runtime = runtime or Runtime.build(settings)
    start_worker = runtime.jobs.in_process if run_worker is None else run_worker

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if start_worker:
            runtime.start_worker()
        yield
        if owns_runtime:
            runtime.close()

    public_docs = settings.api_docs_public
    app = FastAPI(
        title="Avtale",
        version="1",
        description="Contract follow-up: ingest, extraction, search and deadlines.",
        lifespan=lifespan,
        docs_url=None,  # served by avtale.api_docs, without a CDN
        redoc_url=None,
        openapi_url="/openapi.json" if public_docs else None,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.database = runtime.database
    app.state.files = runtime.files
    app.state.jobs = runtime.jobs
    app.state.search_index = runtime.search_index
    app.state.clock = clock
    app.state.login_throttle = LoginThrottle()
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="avtale_session",
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    if settings.secure_cookies:
        app.add_middleware(HstsMiddleware)
    app.add_middleware(BoundedRequestBodies, default_limit=MAX_REQUEST_BODY_BYTES,
                       streamed=STREAMED_UPLOAD_PATHS,
                       larger=dict.fromkeys(SPEND_UPLOAD_PATHS, settings.max_upload_bytes))

    app.include_router(_api_router())
    # Before the pages: its /static/api-docs precedes their /static.
    mount_api_docs(app, private=not public_docs)
    mount_pages(app)
    return app
