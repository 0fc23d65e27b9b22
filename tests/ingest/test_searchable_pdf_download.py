"""The searchable PDF of a scanned upload: offered by the document's status, the contract's
documents and the contract page, downloaded by those who may see the contract and by nobody
else; a born-digital upload has none and says why."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from conftest import World
from page_client import Browser
from pdf_factory import fixture_text, pdf_from_text

from benchmarks.scans import ScanDefects, scanned_pdf
from core.models import Role
from ingest import ocr


def page_text(pdf: bytes, index: int) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[index].get_textpage()
        return " ".join(textpage.get_text_range().split())
    finally:
        document.close()


def mixed_contract() -> bytes:
    """The first page born digital, the second a scan (no text layer)."""
    contract = pdf_from_text(fixture_text("nb_renholdsavtale"))
    document = pdfium.PdfDocument(contract)
    scan = pdfium.PdfDocument(scanned_pdf(contract, ScanDefects(skew=1.0), pages=[1]))
    document.import_pages(scan, [0], 1)
    document.del_page(2)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    scan.close()
    return buffer.getvalue()


@pytest.mark.ocr
def test_a_scanned_upload_offers_a_searchable_pdf_to_those_who_may_see_it(
    world: World,
) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    owner = world.make_user("owner@example.no", Role.EDITOR)
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    response = owner.client.post(
        "/api/v1/documents", data={"visibility": "restricted"},
        files=[("files", ("skannet.pdf", mixed_contract(), "application/pdf"))])
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()

    status = owner.client.get(f"/api/v1/documents/{document_id}").json()
    assert status["status"] == "ready", status
    assert status["ocr_pages"] == [2]
    # Its first page's text is Norwegian: not English beyond doubt, so read in both.
    assert status["ocr_languages"] == {"2": "nor+eng"}
    link = f"/api/v1/documents/{document_id}/searchable.pdf"
    assert status["searchable_pdf"] == link

    download = owner.client.get(link)
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]
    assert "Eiendomsselskapet Nidaros AS" in page_text(download.content, 1)

    assert outsider.client.get(link).status_code == 404
    assert outsider.client.get(f"/api/v1/documents/{document_id}").status_code == 404

    contract = owner.client.get(f"/api/v1/contracts/{status['contract_id']}").json()
    assert [(d["id"], d["ocr_pages"], d["ocr_languages"], d["searchable_pdf"])
            for d in contract["documents"]] == [(document_id, [2], {"2": "nor+eng"}, True)]
    page = Browser(world, owner).get(f"/contracts/{status['contract_id']}")
    assert f'href="{link}"' in page.text


def test_a_born_digital_upload_has_no_searchable_pdf_and_says_why(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("avtale.pdf", pdf_from_text(fixture_text("nb_renholdsavtale")),
                   "application/pdf"))])
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    status = editor.client.get(f"/api/v1/documents/{document_id}").json()
    assert status["ocr_pages"] == [] and status["searchable_pdf"] is None
    assert status["ocr_languages"] == {}
    missing = editor.client.get(f"/api/v1/documents/{document_id}/searchable.pdf")
    assert missing.status_code == 404
    assert "needed no OCR" in missing.json()["detail"]
    page = Browser(world, editor).get(f"/contracts/{status['contract_id']}")
    assert "searchable.pdf" not in page.text
