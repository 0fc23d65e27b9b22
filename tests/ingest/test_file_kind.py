"""Formats are decided by content: a PDF must start with its header."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import World
from pdf_factory import contract_pdf
from PIL import Image

from core.models import Role
from ingest.file_kind import file_kind, is_pdf
from ingest.pdf_reader import UnreadableDocumentError, read_pdf

PDF_BYTES = contract_pdf(["This Agreement is made between Alfa AS and Beta AS."])


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (_zip({"contract.pdf": PDF_BYTES}), "zip archive"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
          zipfile.ZIP_DEFLATED), "Word document (.docx)"),
    (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
     "Excel workbook (.xlsx)"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
     "OpenDocument file (.odt/.ods/.odp)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
     "legacy Office document (.doc/.xls/.ppt)"),
    (_png(), "PNG image"),
    ("Avtale om konsulenttjenester for Bodø kommune.\n".encode(), "plain text"),
    (b"<!DOCTYPE html><html><body>contract</body></html>", "HTML page"),
    (b"\x00\x01\x02garbage" * 10, "unrecognised binary data"),
    (PDF_BYTES, "PDF document"),
])
def test_file_kind_is_read_from_the_bytes(data: bytes, kind: str) -> None:
    assert file_kind(data) == kind


def test_a_pdf_may_carry_a_bom_and_a_little_whitespace_but_nothing_else() -> None:
    assert is_pdf(b"\xef\xbb\xbf\r\n" + PDF_BYTES)
    assert is_pdf(b" \n\t" + PDF_BYTES)
    assert not is_pdf(b"x" + PDF_BYTES)
    assert not is_pdf(b"\n" * 17 + PDF_BYTES)
    assert not is_pdf(b"%PDF-x")
    assert len(read_pdf(b"\r\n" + PDF_BYTES, with_ocr=False).pages) == 1


def test_a_stored_zip_holding_a_pdf_is_not_read_as_one() -> None:
    archive = _zip({"contract.pdf": PDF_BYTES})
    assert b"%PDF-" in archive[:1024]  # why a search of the first KiB was fooled
    with pytest.raises(UnreadableDocumentError) as refused:
        read_pdf(archive)
    assert str(refused.value) == (
        "unsupported format: zip archive (not a PDF); upload the signed contract as a PDF")


def test_an_uploaded_zip_fails_with_its_format_and_makes_no_contract(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("contract.pdf", _zip({"contract.pdf": PDF_BYTES}), "application/pdf")),
        ("files", ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
                   "application/msword")),
    ])
    assert response.status_code == 202, response.text
    world.wait_idle()
    states = [editor.client.get(f"/api/v1/documents/{d['id']}").json()
              for d in response.json()["documents"]]
    assert [(s["status"], s["reason"].split(";")[0], s["contract_id"]) for s in states] == [
        ("failed", "unsupported format: zip archive", None),
        ("failed", "unsupported format: legacy Office document (.doc/.xls/.ppt)", None),
    ]
    assert "save it as .docx or PDF" in states[1]["reason"]
