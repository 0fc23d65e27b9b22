"""A contract's page (fields, evidence, review, deadlines, documents, edit) and new contracts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from contracts import fields, presenter, review, service
from contracts.evidence import page_text
from contracts.schemas import ContractOut, FieldValueOut
from core.http import DbSession, settings_of
from core.ids import PathId
from core.models import Contract, ReviewState, User
from core.principals import may_edit
from suppliers.supplier_side import Organisation
from watchers.contract_watching import contract_watching
from web.common import (
    CsrfChecked,
    PageUser,
    error_page,
    flash,
    is_editor,
    redirect,
    render,
    said,
    t,
    today,
)
from web.contract_forms import (
    FACT_LABELS,
    create_from_form,
    current_facts,
    not_kept,
    patch_from_form,
    submitted_facts,
)
from web.contract_search import open_at, search_within
from web.document_viewer import viewer_for
from web.evidence_view import EvidenceView, distinct, evidence_view
from web.formatting import FIELD_LABELS, form_defaults
from web.i18n import N_
from web.lifecycle_pages import KIND_LABELS
from web.review_forms import UNITS, FormValueError, field_value_from_form
from web.spend_report_pages import contract_spend_section
from web.supplier_scorecard_pages import visible_evaluations

router = APIRouter()

DECISIONS = {
    "accept": ReviewState.ACCEPTED,
    "correct": ReviewState.CORRECTED,
    "reject": ReviewState.REJECTED,
}
MAX_EVIDENCE_PER_FIELD = 3


@dataclass(frozen=True)
class FieldRow:
    name: str
    value: Any  # the contract's value now (what search and deadlines use)
    extracted: FieldValueOut | None
    evidence: list[EvidenceView]
    defaults: dict[str, str]
    low_confidence: bool
    # How the contract's value was computed, when it was (an end date from start + term).
    derived_from: dict[str, Any] | None = None


def field_rows(session: Session, contract: Contract, shown: ContractOut) -> list[FieldRow]:
    extracted = {row.field: row for row in shown.fields}
    texts: dict[tuple[int, int], str | None] = {}

    def text_of(document_id: int | None, page: Any) -> str | None:
        if document_id is None or not isinstance(page, int):
            return None
        key = (document_id, page)
        if key not in texts:
            texts[key] = page_text(session, contract.id, document_id, page)
        return texts[key]

    rows = []
    for name in fields.REVIEWABLE_FIELDS:
        row = extracted.get(name)
        value = fields.get_from_contract(contract, name)
        if name in ("perpetual", "auto_renewal") and row is None and not value:
            value = None  # "no" by default is not a finding worth a line
        evidence = [
            evidence_view(item, text_of(row.document_id, item.get("page")))
            for item in distinct(row.evidence)[:MAX_EVIDENCE_PER_FIELD]
        ] if row is not None else []
        rows.append(FieldRow(
            name=name, value=value, extracted=row, evidence=evidence,
            defaults=form_defaults(name, value),
            low_confidence=row is not None and row.confidence is not None
            and row.confidence < review.LOW_CONFIDENCE,
            derived_from=shown.end_date_derived_from if name == "end_date" else None,
        ))
    return rows


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def organisation_of(request: Request) -> Organisation:
    return Organisation.from_settings(settings_of(request))


def _visible(session: Session, user: User, contract_id: int) -> Contract | None:
    try:
        return service.visible_contract(session, user, contract_id)
    except service.ContractNotFoundError:
        return None


def facts_form(
    title: Annotated[str, Form()] = "", supplier_name: Annotated[str, Form()] = "",
    supplier_org_number: Annotated[str, Form()] = "",
    category_path: Annotated[str, Form()] = "", signed_date: Annotated[str, Form()] = "",
    effective_date: Annotated[str, Form()] = "", end_date: Annotated[str, Form()] = "",
    value_amount: Annotated[str, Form()] = "", value_currency: Annotated[str, Form()] = "",
    owner_email: Annotated[str, Form()] = "", visibility: Annotated[str, Form()] = "",
    allowed_user_emails: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> dict[str, str]:
    """The main-facts form's inputs (see web/contract_forms.py)."""
    return {
        "title": title, "supplier_name": supplier_name,
        "supplier_org_number": supplier_org_number, "category_path": category_path,
        "signed_date": signed_date, "effective_date": effective_date, "end_date": end_date,
        "value_amount": value_amount, "value_currency": value_currency,
        "owner_email": owner_email, "visibility": visibility,
        "allowed_user_emails": allowed_user_emails, "notes": notes,
    }


FactsForm = Annotated[dict[str, str], Depends(facts_form)]
NOT_FOUND = "There is no such contract, or you may not see it."


@router.get("/contracts/new", response_class=HTMLResponse, include_in_schema=False)
def new_contract_form(request: Request, user: PageUser) -> HTMLResponse:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can add contracts.", user)
    return render(request, "contract_new.html",
                  {"facts": {"visibility": "organisation"}, "labels": FACT_LABELS}, user=user)


@router.post("/contracts/new", include_in_schema=False, dependencies=[CsrfChecked])
def create_contract(
    request: Request, user: PageUser, session: DbSession,
    form: FactsForm,
) -> Response:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can add contracts.", user)
    try:
        data = create_from_form(form)
        contract = service.create_contract(session, user, data, today(),
                                           organisation=organisation_of(request))
    except (FormValueError, service.ContractInputError) as problem:
        session.rollback()
        return render(request, "contract_new.html",
                      {"facts": submitted_facts(form), "labels": FACT_LABELS,
                       "error": said(request, problem)},
                      user=user, status_code=422)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    notes = not_kept(form, current_facts(presenter.contract_out(session, contract)))
    session.commit()
    if notes:
        flash(request, "Contract created, but not everything as typed. %(notes)s", "error",
              notes=" ".join(said(request, note) for note in notes))
    else:
        flash(request, "Contract created. Attach its PDF below if you have one.")
    return redirect(f"/contracts/{contract.id}")


@router.get("/contracts/{contract_id}", response_class=HTMLResponse, include_in_schema=False)
def contract_page(
    request: Request, contract_id: PathId, user: PageUser, session: DbSession
) -> HTMLResponse:
    contract = _visible(session, user, contract_id)
    if contract is None:
        return error_page(request, 404, NOT_FOUND, user)
    return _show(request, session, user, contract)


def _show(request: Request, session: Session, user: User, contract: Contract,
          facts: dict[str, str] | None = None, facts_error: str | None = None,
          status_code: int = 200) -> HTMLResponse:
    """The contract page; `facts` and `facts_error` redisplay an edit that was not saved, with
    what the person typed."""
    shown = presenter.contract_out(session, contract)
    within = search_within(session, contract, request)
    return render(
        request, "contract.html",
        {
            "c": shown, "rows": field_rows(session, contract, shown),
            "viewer": viewer_for(shown, open_at=open_at(request, within)),
            "within": within,
            "can_edit": may_edit(user, contract), "facts": facts or current_facts(shown),
            "facts_error": facts_error,
            "labels": FACT_LABELS, "units": UNITS, "deadlines": shown.deadlines or {},
            "kind_labels": {k.value: text for k, text in KIND_LABELS.items()}, "today": today(),
            "supplier_evaluations": visible_evaluations(session, user, contract.supplier_id),
            "watching": contract_watching(session, user, contract, today()),
            **contract_spend_section(session, contract.id),
        },
        user=user, status_code=status_code,
    )


@router.post("/contracts/{contract_id}/edit", include_in_schema=False,
             dependencies=[CsrfChecked])
def edit_contract(
    request: Request, contract_id: PathId, user: PageUser, session: DbSession,
    form: FactsForm,
) -> Response:
    contract = _visible(session, user, contract_id)
    if contract is None:
        return error_page(request, 404, NOT_FOUND, user)
    if not may_edit(user, contract):
        return error_page(request, 403, "You may view this contract but not change it.", user)
    before = current_facts(presenter.contract_out(session, contract))
    try:
        patch = patch_from_form(form, before)
        if patch.model_fields_set:
            service.update_contract(session, user, contract, patch, today(),
                                    organisation=organisation_of(request))
    except (FormValueError, service.ContractInputError) as problem:
        session.rollback()
        again = _visible(session, user, contract_id)
        if again is None:
            return error_page(request, 404, NOT_FOUND, user)
        return _show(request, session, user, again, facts=submitted_facts(form),
                     facts_error=said(request, problem), status_code=422)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    after = current_facts(presenter.contract_out(session, contract))
    if after == before:
        session.rollback()  # written differently, meaning the same: no update to audit
        flash(request, "Nothing changed.")
        return redirect(f"/contracts/{contract_id}#facts")
    notes = not_kept(form, after)
    session.commit()
    if notes:
        flash(request, "Saved, but not everything as typed. %(notes)s", "error",
              notes=" ".join(said(request, note) for note in notes))
    else:
        flash(request, "Saved.")
    return redirect(f"/contracts/{contract_id}#facts")


@router.post("/contracts/{contract_id}/fields/{field}/review", include_in_schema=False,
             dependencies=[CsrfChecked])
def review_field(
    request: Request, contract_id: PathId, field: str, user: PageUser, session: DbSession,
    decision: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "", count: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "", amount: Annotated[str, Form()] = "",
    currency: Annotated[str, Form()] = "",
) -> Response:
    contract = _visible(session, user, contract_id)
    if contract is None:
        return error_page(request, 404, NOT_FOUND, user)
    if not may_edit(user, contract):
        return error_page(request, 403, "Only editors and admins may review values.", user)
    if decision not in DECISIONS or field not in fields.REVIEWABLE_FIELDS:
        return error_page(request, 400, "Choose accept, correct or reject for a known field.",
                          user)
    back = f"/contracts/{contract_id}#field-{field}"
    try:
        corrected = None
        if decision == "correct":
            corrected = field_value_from_form(field, {
                "value": value, "count": count, "unit": unit, "amount": amount,
                "currency": currency,
            })
        review.decide(session, user, contract, field, DECISIONS[decision], today(), corrected,
                      organisation_of(request))
    except (FormValueError, service.ContractInputError, review.FieldNotFoundError) as problem:
        session.rollback()
        flash(request, "%(field)s not saved: %(problem)s", "error",
              field=t(request, field_label(field)), problem=said(request, problem))
        return redirect(back)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    session.commit()
    done = {"accept": N_("%(field)s accepted."), "correct": N_("%(field)s corrected."),
            "reject": N_("%(field)s rejected.")}[decision]
    flash(request, done, field=t(request, field_label(field)))
    return redirect(back)
