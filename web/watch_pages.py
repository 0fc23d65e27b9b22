"""The watch button on the contract page: watch with lead times, change them, unwatch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from core.http import DbSession, clock_of
from core.ids import PathId
from watchers import repository
from watchers.errors import ConflictError, NotFoundError
from watchers.schemas import WatchIn, WatchPatch
from watchers.watches import create_watch, end_watch, update_watch, watch_of
from web.common import CsrfChecked, PageUser, error_page, flash, redirect

router = APIRouter()
NOT_FOUND = "There is no such contract, or you may not see it."


def _lead_days(text: str) -> list[int]:
    """"90, 30, 7" -> [90, 30, 7]; ValueError with a message a person can act on."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        return [int(p) for p in parts]
    except ValueError as error:
        raise ValueError("lead times are whole days, separated by commas, e.g. 90, 30, 7"
                         ) from error


@router.post("/contracts/{contract_id}/watch", include_in_schema=False,
             dependencies=[CsrfChecked])
def watch_contract(
    request: Request, contract_id: PathId, user: PageUser, session: DbSession,
    lead_days: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    back = f"/contracts/{contract_id}#watching"
    try:
        days = _lead_days(lead_days) or None
        existing = repository.watch_on_contract(session, user.id, contract_id)
        if existing is None:
            create_watch(session, user, WatchIn(contract_id=contract_id, lead_days=days),
                         clock_of(request)())
        else:
            watch = watch_of(session, user, existing.id)
            update_watch(session, watch, WatchPatch.model_validate(
                {"lead_days": days, "active": True}))
    except NotFoundError:
        session.rollback()
        return error_page(request, 404, NOT_FOUND, user)
    except (ValueError, ValidationError, ConflictError) as problem:
        session.rollback()
        message = problem.errors()[0]["msg"] if isinstance(problem, ValidationError) \
            else str(problem)
        flash(request, f"Not watched: {message}", "error")
        return redirect(back)
    session.commit()
    flash(request, "You are watching this contract.")
    return redirect(back)


@router.post("/contracts/{contract_id}/unwatch", include_in_schema=False,
             dependencies=[CsrfChecked])
def unwatch_contract(
    request: Request, contract_id: PathId, user: PageUser, session: DbSession,
) -> Response:
    existing = repository.watch_on_contract(session, user.id, contract_id)
    try:
        if existing is None:
            raise NotFoundError("not watched")
        end_watch(session, user, watch_of(session, user, existing.id))
    except NotFoundError:
        return error_page(request, 404, "You do not watch this contract.", user)
    session.commit()
    flash(request, "You no longer watch this contract.")
    return redirect(f"/contracts/{contract_id}#watching")
