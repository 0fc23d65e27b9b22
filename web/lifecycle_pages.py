"""Recording a contract's life from its page: notice given, option exercised, terminated
early, renewed on new terms; withdrawing an event; archive and restore."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from contracts import lifecycle, service
from contracts.schemas import ContractFields
from core.http import DbSession
from core.models import LifecycleKind
from web.common import CsrfChecked, PageUser, error_page, flash, redirect, said, t, today
from web.i18n import N_, Message, message

router = APIRouter()

KIND_LABELS = {
    LifecycleKind.NOTICE_GIVEN: N_("Notice given"),
    LifecycleKind.OPTION_EXERCISED: N_("Option exercised"),
    LifecycleKind.TERMINATED: N_("Terminated early"),
    LifecycleKind.RENEWED: N_("Renewed on new terms"),
}
NOT_FOUND = "There is no such contract, or you may not see it."


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise service.ContractInputError(message(
            N_("%(what)s: give a date as YYYY-MM-DD"), what=Message(what))) from error


@router.post("/contracts/{contract_id}/events", include_in_schema=False,
             dependencies=[CsrfChecked])
def record_event(
    request: Request, contract_id: int, user: PageUser, session: DbSession,
    kind: Annotated[str, Form()] = "", occurred_on: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=5000)] = "",
    new_end_date: Annotated[str, Form()] = "",
) -> Response:
    back = f"/contracts/{contract_id}#life"
    try:
        contract = service.visible_contract(session, user, contract_id)
        chosen = LifecycleKind(kind) if kind in set(LifecycleKind) else None
        if chosen is None:
            raise service.ContractInputError(N_("choose what happened"))
        new_terms = None
        if chosen is LifecycleKind.RENEWED:
            new_terms = ContractFields(end_date=_date(new_end_date, N_("New end date")))
        lifecycle.record_event(
            session, user, contract, kind=chosen,
            occurred_on=_date(occurred_on, N_("Date")), today=today(), note=note,
            new_terms=new_terms,
        )
    except service.ContractNotFoundError:
        return error_page(request, 404, NOT_FOUND, user)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    except service.ContractInputError as problem:
        session.rollback()
        flash(request, "Not recorded: %(problem)s", "error", problem=said(request, problem))
        return redirect(back)
    session.commit()
    flash(request, "%(event)s recorded; the deadlines have been updated.",
          event=t(request, KIND_LABELS[chosen]))
    return redirect(back)


@router.post("/contracts/{contract_id}/events/{event_id}/withdraw", include_in_schema=False,
             dependencies=[CsrfChecked])
def withdraw_event(
    request: Request, contract_id: int, event_id: int, user: PageUser, session: DbSession
) -> Response:
    try:
        contract = service.visible_contract(session, user, contract_id)
        lifecycle.withdraw_event(session, user, contract, event_id, today())
    except service.ContractNotFoundError:
        return error_page(request, 404, NOT_FOUND, user)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    except service.ContractInputError as problem:
        flash(request, said(request, problem), "error")
        return redirect(f"/contracts/{contract_id}#life")
    session.commit()
    flash(request, "Event withdrawn; the deadlines have been updated.")
    return redirect(f"/contracts/{contract_id}#life")


@router.post("/contracts/{contract_id}/archive", include_in_schema=False,
             dependencies=[CsrfChecked])
def archive(request: Request, contract_id: int, user: PageUser, session: DbSession,
            restore: Annotated[str, Form()] = "") -> Response:
    try:
        contract = service.visible_contract(session, user, contract_id)
        if restore:
            lifecycle.restore(session, user, contract, today())
        else:
            lifecycle.archive(session, user, contract, today())
    except service.ContractNotFoundError:
        return error_page(request, 404, NOT_FOUND, user)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    session.commit()
    if restore:
        flash(request, "Contract restored.")
    else:
        flash(request, "Contract archived: it no longer appears in search, lists or alerts.")
    return redirect(f"/contracts/{contract_id}")
