"""Word files, scanned images and e-mails read into the same page texts a PDF gives."""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import World

from core.models import Role
from ingest.formats.docx_reader import read_docx
from ingest.formats.email_reader import looks_like_email, read_email
from ingest.formats.image_reader import read_image
from ingest.pdf_reader import PageLimits, UnreadableDocumentError
from tests.pdf_factory import contract_pdf

TERMS = "Avtalen gjelder fra 1. mars 2024 og løper i to (2) år."


def _docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Fjordbyen kommune – Rammeavtale"
    document.add_heading("RAMMEAVTALE OM RENHOLD", level=1)
    document.add_paragraph("Mellom Fjordbyen kommune (Oppdragsgiver) og Renhold Nord AS, "
                           "org.nr. 923 609 016 (Leverandør).")
    document.add_paragraph(TERMS)
    document.add_paragraph("Vedlegg følger.").add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=2, cols=3)
    for cells, values in zip(table.rows, [("Tjeneste", "Enhet", "Pris"),
                                          ("Kontorrenhold", "m²", "1 250,00")], strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_contract_reads_as_pages_with_tables_and_headers() -> None:
    pdf = read_docx(_docx())
    assert len(pdf.pages) == 2  # split at the author's page break
    assert pdf.pages[0].startswith("Fjordbyen kommune – Rammeavtale")
    assert "RAMMEAVTALE OM RENHOLD" in pdf.pages[0] and TERMS in pdf.pages[0]
    (table,) = pdf.tables
    assert table.page == 2
    assert table.rows == [["Tjeneste", "Enhet", "Pris"], ["Kontorrenhold", "m²", "1 250,00"]]
    assert "Kontorrenhold | m² | 1 250,00" in pdf.pages[1]


def test_a_damaged_word_file_fails_with_a_reason() -> None:
    with pytest.raises(UnreadableDocumentError, match="Word file is damaged"):
        read_docx(_docx()[:2000])


def _page_image(format_: str, pages: int = 1) -> bytes:
    document = pdfium.PdfDocument(contract_pdf(
        [f"SERVICES AGREEMENT page {n + 1}. {TERMS}" for n in range(pages)]))
    images = [document[i].render(scale=2.5, grayscale=True).to_pil() for i in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format=format_, save_all=pages > 1, append_images=images[1:])
    return buffer.getvalue()


@pytest.mark.ocr
@pytest.mark.parametrize("format_", ["PNG", "JPEG"])
def test_a_scanned_image_is_ocrd(format_: str) -> None:
    pdf = read_image(_page_image(format_))
    assert pdf.ocr_pages == [1]
    assert "SERVICES AGREEMENT" in pdf.pages[0]
    assert "løper" in pdf.pages[0] or "loper" in pdf.pages[0]


@pytest.mark.ocr
def test_a_multi_page_tiff_is_one_page_a_frame_within_the_limit() -> None:
    tiff = _page_image("TIFF", pages=2)
    pdf = read_image(tiff)
    assert [("page 1" in p, "page 2" in p) for p in pdf.pages] == [(True, False), (False, True)]
    with pytest.raises(UnreadableDocumentError, match="has 2 pages; at most 1"):
        read_image(tiff, PageLimits(max_pages=10, max_ocr_pages=1))


def test_an_email_gives_its_text_and_its_attached_contracts() -> None:
    message = EmailMessage()
    message["From"] = "Innkjøp <innkjop@fjordbyen.kommune.no>"
    message["To"] = "avtaler@fjordbyen.kommune.no"
    message["Subject"] = "Signert rammeavtale renhold"
    message["Date"] = "Mon, 04 Mar 2024 10:00:00 +0100"
    message.set_content("Vedlagt signert avtale.")
    attached = contract_pdf(["SERVICES AGREEMENT. " + TERMS])
    message.add_attachment(attached, maintype="application", subtype="pdf",
                           filename="rammeavtale.pdf")
    raw = message.as_bytes()
    assert looks_like_email(raw)
    assert not looks_like_email(b"Subject: this is only a text file\nabout a from: line")
    mail = read_email(raw)
    assert mail.subject == "Signert rammeavtale renhold"
    assert "Vedlagt signert avtale." in mail.text
    assert [(a.filename, a.data) for a in mail.attachments] == [("rammeavtale.pdf", attached)]


def test_word_files_and_emails_become_contracts_through_the_pipeline(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    message = EmailMessage()
    message["From"] = "innkjop@fjordbyen.kommune.no"
    message["Subject"] = "Signert avtale"
    message["Date"] = "Mon, 04 Mar 2024 10:00:00 +0100"
    message["Message-ID"] = "<1@fjordbyen.kommune.no>"
    message.set_content("Vedlagt.")
    message.add_attachment(_docx(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="avtale.docx")
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("rammeavtale.docx", _docx(), "application/octet-stream")),
        ("files", ("signert.eml", message.as_bytes(), "message/rfc822")),
    ])
    assert response.status_code == 202, response.text
    world.wait_idle()
    for document in response.json()["documents"]:
        state = editor.client.get(f"/api/v1/documents/{document['id']}").json()
        assert state["status"] == "ready", state
        contract = editor.client.get(f"/api/v1/contracts/{state['contract_id']}").json()
        assert contract["effective_date"] == "2024-03-01", contract["title"]


def test_e_mails_nested_without_end_stop_at_a_fixed_depth() -> None:
    from ingest.document_reader import MAX_EMAIL_DEPTH, read_document

    message = EmailMessage()
    message["From"] = "a@example.no"
    message["Subject"] = "forwarded again"
    message["Date"] = "Mon, 04 Mar 2024 10:00:00 +0100"
    message["Message-ID"] = "<9@example.no>"
    message.set_content("see attached")
    message.add_attachment(contract_pdf(["SERVICES AGREEMENT. " + TERMS]),
                           maintype="application", subtype="pdf", filename="contract.pdf")
    raw = message.as_bytes()
    assert read_document(raw, depth=MAX_EMAIL_DEPTH - 1).pages  # still read
    with pytest.raises(UnreadableDocumentError, match="nested too deep"):
        read_document(raw, depth=MAX_EMAIL_DEPTH)


WORD_97_SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "office" / "test-ole-file.doc"


def _outlook_msg(attachments: list[tuple[str, bytes]], *, sender: str = "innkjop@fjordbyen.no",
                 subject: str = "Signert rammeavtale") -> bytes:
    from msgforge import Message

    message = Message(subject=subject, text_body="Vedlagt signert avtale.",
                      sender=(sender, "Innkjøp Fjordbyen"), to=["avtaler@fjordbyen.no"],
                      sent=dt.datetime(2024, 3, 4, 10, 0))
    for name, data in attachments:
        message.attach_bytes(name, data)
    raw: bytes = message.as_bytes()
    return raw


def _ole_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding `streams`, none of Word's, Excel's or Outlook's."""
    from msgforge._builder import _OleWriter

    writer = _OleWriter()
    for name, data in streams.items():
        writer.add_stream(writer.root, name, data)
    raw: bytes = writer.build()
    return raw


def test_ole_files_are_told_apart_by_their_streams() -> None:
    from ingest.file_kind import file_kind

    assert file_kind(WORD_97_SAMPLE.read_bytes()) == "Word 97-2003 document (.doc)"
    assert file_kind(_outlook_msg([])) == "Outlook e-mail (.msg)"
    assert file_kind(_ole_file({"Workbook": b"\x09\x08" * 64})) == "Excel 97-2003 workbook (.xls)"
    assert file_kind(_ole_file({"Thumbs": b"x" * 64})) == (
        "OLE compound file (not a Word, Excel, PowerPoint or Outlook file)")


def test_a_word_97_file_is_read_by_antiword() -> None:
    from ingest.document_reader import read_document

    pdf = read_document(WORD_97_SAMPLE.read_bytes())
    assert pdf.pages == ["Test OLE file, saved as Word 97-2003 Document."]
    assert pdf.ocr_pages == []


def test_a_damaged_word_97_file_fails_with_a_reason() -> None:
    from ingest.document_reader import read_document

    data = bytearray(WORD_97_SAMPLE.read_bytes())
    with pytest.raises(UnreadableDocumentError, match="Word 97-2003 file cannot be read"):
        # Keep the directory (the file is still a .doc) but blank the WordDocument stream's
        # header (its FIB), which antiword needs.
        word = WORD_97_SAMPLE.read_bytes().index(b"\xec\xa5")  # the FIB's magic number
        data[word:word + 512] = bytes(512)
        read_document(bytes(data))


def test_an_outlook_msg_gives_its_sender_text_and_attached_contracts() -> None:
    from ingest.formats.outlook_reader import read_outlook

    attached = contract_pdf(["SERVICES AGREEMENT. " + TERMS])
    mail = read_outlook(_outlook_msg([("rammeavtale.pdf", attached)]))
    assert mail.subject == "Signert rammeavtale"
    assert mail.sender == "Innkjøp Fjordbyen <innkjop@fjordbyen.no>"
    assert mail.sent == "Mon, 04 Mar 2024 10:00:00 +0000"
    assert mail.text == "Vedlagt signert avtale."
    assert [(a.filename, a.data) for a in mail.attachments] == [("rammeavtale.pdf", attached)]


def test_an_outlook_msg_reads_like_an_eml_and_a_cut_one_fails_clearly() -> None:
    from ingest.document_reader import read_document

    raw = _outlook_msg([("logo.png", b"\x89PNG\r\n\x1a\nnot an image"),
                        ("rammeavtale.pdf", contract_pdf(["SERVICES AGREEMENT. " + TERMS]))])
    pdf = read_document(raw)
    assert "SERVICES AGREEMENT" in pdf.pages[0]
    assert pdf.pages[-1].startswith("E-mail from Innkjøp Fjordbyen <innkjop@fjordbyen.no>")
    with pytest.raises(UnreadableDocumentError, match="no attached contract"):
        read_document(_outlook_msg([]))
    # Cut short, the attachment's sectors are gone: that is said, the worker goes on.
    with pytest.raises(UnreadableDocumentError, match=r"no attached contract|\.msg\) is damaged"):
        read_document(raw[:4096])


def test_other_ole_files_stay_unsupported_with_their_kind() -> None:
    from ingest.document_reader import read_document

    with pytest.raises(UnreadableDocumentError,
                       match=r"^unsupported format: Excel 97-2003 workbook \(\.xls\)"):
        read_document(_ole_file({"Workbook": b"\x09\x08" * 64}))
    with pytest.raises(UnreadableDocumentError, match=r"^unsupported format: OLE compound file"):
        read_document(_ole_file({"Thumbs": b"x" * 64}))


def test_word_97_and_outlook_files_become_documents_through_the_pipeline(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    msg = _outlook_msg([("rammeavtale.pdf", contract_pdf(["SERVICES AGREEMENT. " + TERMS]))])
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("gammel.doc", WORD_97_SAMPLE.read_bytes(), "application/msword")),
        ("files", ("signert.msg", msg, "application/vnd.ms-outlook")),
    ])
    assert response.status_code == 202, response.text
    world.wait_idle()
    states = [editor.client.get(f"/api/v1/documents/{d['id']}").json()
              for d in response.json()["documents"]]
    assert [s["status"] for s in states] == ["ready", "ready"], states
    contract = editor.client.get(f"/api/v1/contracts/{states[1]['contract_id']}").json()
    assert contract["effective_date"] == "2024-03-01", contract["title"]
