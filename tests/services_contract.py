"""A small services contract, clause by clause, made into a PDF and uploaded through the API
(the in-process worker reads it), for tests that follow a value from the text to the pages."""

from __future__ import annotations

import io
from typing import Any

from conftest import Actor, World

TERM_CLAUSE = ("1. Term. This Agreement is effective as of April 1, 2030 and shall continue "
               "for a period of two (2) years.")
STATED_END_CLAUSE = ("1. Term. This Agreement is effective as of April 1, 2030 and expires "
                     "on April 1, 2032.")
# One line a clause, as the rules read them best (the small font keeps each on the page).
REST = [
    "2. Renewal. This Agreement renews automatically for successive one (1) year periods "
    "unless either party gives notice of non-renewal at least three (3) months before the "
    "end of the then-current term.",
    "3. Termination for convenience. The Customer may terminate this Agreement for "
    "convenience at any time on thirty (30) days written notice.",
    "4. Governing law. This Agreement is governed by the laws of Norway.",
]


def lines_of(term_clause: str = TERM_CLAUSE) -> list[str]:
    return [
        "SERVICES AGREEMENT",
        "This Services Agreement is made between Fjordkraft Innkjøp AS (the Customer) and "
        "Nordlys Data AS (the Supplier).",
        term_clause,
        *REST,
    ]


def pdf_of(lines: list[str]) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("Helvetica", 5)
    y = 780
    for line in lines:
        pdf.drawString(30, y, line)
        y -= 12
    pdf.save()
    return buffer.getvalue()


def upload(world: World, actor: Actor, lines: list[str]) -> dict[str, Any]:
    response = actor.client.post(
        "/api/v1/documents", files=[("files", ("services.pdf", pdf_of(lines), "application/pdf"))]
    )
    return ready_contract(world, actor, response)


def ready_contract(world: World, actor: Actor, response: Any) -> dict[str, Any]:
    """The contract an upload `response` made, once the worker has read the document."""
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    status = actor.client.get(f"/api/v1/documents/{document_id}").json()
    assert status["status"] == "ready", status
    return contract_of(actor, status["contract_id"])


def contract_of(actor: Actor, contract_id: int) -> dict[str, Any]:
    response = actor.client.get(f"/api/v1/contracts/{contract_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def field_of(contract: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in contract["fields"] if f["field"] == name)
