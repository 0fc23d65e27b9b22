"""Any file people send, read into page texts: the format is decided by the bytes (never the
name), then the reader for it runs. PDF, Word (.docx and 97-2003 .doc), scanned images (PNG,
JPEG, TIFF) and e-mail (.eml, Outlook .msg); anything else fails with "unsupported format:
<what it is>"."""

from __future__ import annotations

from ingest.file_kind import LEGACY_OFFICE, OUTLOOK_MSG, WORD_97, file_kind
from ingest.formats.docx_reader import read_docx
from ingest.formats.email_reader import MailMessage, looks_like_email, read_email
from ingest.formats.image_reader import read_image
from ingest.formats.outlook_reader import read_outlook
from ingest.formats.word97_reader import read_word97
from ingest.pdf_reader import PageLimits, PdfText, UnreadableDocumentError, read_pdf

WORD = "Word document (.docx)"
IMAGES = ("PNG image", "JPEG image", "TIFF image")
ACCEPTED = ("a PDF, a Word file (.docx, .doc), a scanned image (PNG, JPEG, TIFF) or an e-mail "
            "(.eml, .msg)")
# File name endings a folder scan or the CLI picks up (the bytes still decide the format).
SUFFIXES = (".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".eml", ".msg")


# An e-mail forwarded inside an e-mail is read; deeper nesting is not a contract.
MAX_EMAIL_DEPTH = 3


def read_document(data: bytes, limits: PageLimits = PageLimits(), depth: int = 0) -> PdfText:
    if not data:
        raise UnreadableDocumentError("the file is empty")
    kind = file_kind(data)
    if kind == WORD:
        return read_docx(data)
    if kind == WORD_97:
        return read_word97(data)
    if kind in IMAGES:
        return read_image(data, limits)
    is_eml = kind == "plain text" and looks_like_email(data)
    if is_eml or kind == OUTLOOK_MSG:
        if depth >= MAX_EMAIL_DEPTH:
            raise UnreadableDocumentError("e-mails nested too deep inside one another")
        return _read_email(read_email(data) if is_eml else read_outlook(data), limits, depth)
    if kind == LEGACY_OFFICE or "97-2003" in kind:
        raise UnreadableDocumentError(
            f"unsupported format: {kind}; save it as .docx or PDF and upload that")
    if kind != "PDF document":
        raise UnreadableDocumentError(f"unsupported format: {kind}; upload {ACCEPTED}")
    return read_pdf(data, limits=limits)


def _read_email(mail: MailMessage, limits: PageLimits, depth: int) -> PdfText:
    """The attached contract(s) first, in the order attached, then the message itself as a
    last page (who sent it, when, and what they wrote) for the record."""
    pages: list[str] = []
    result = PdfText(pages=pages)
    for attachment in mail.attachments:
        try:
            part = read_document(attachment.data, limits, depth + 1)
        except UnreadableDocumentError:
            continue  # a logo or a signature image is not the contract
        offset = len(pages)
        pages.extend(part.pages)
        result.tables.extend(t.model_copy(update={"page": t.page + offset}) for t in part.tables)
        result.ocr_pages.extend(p + offset for p in part.ocr_pages)
        result.ocr_languages.update((p + offset, languages)
                                    for p, languages in part.ocr_languages.items())
    if not pages:
        raise UnreadableDocumentError(
            f"the e-mail has no attached contract that can be read ({ACCEPTED})")
    pages.append(f"E-mail from {mail.sender}, {mail.sent}\nSubject: {mail.subject}\n\n"
                 f"{mail.text.strip()}")
    return result
