"""Word (.docx) contracts: paragraphs and tables in document order, headers and footers, pages
split where the author put a page break (a .docx has no pages of its own)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from extraction.model import PageTable
from ingest.pdf_reader import PdfText, UnreadableDocumentError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> PdfText:
    import docx
    from docx.document import Document as WordDocument

    try:
        document: WordDocument = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocumentError(
            "the Word file is damaged and cannot be opened") from error
    pages: list[list[str]] = [[]]
    tables: list[PageTable] = []
    for kind, block in _blocks(document):
        if kind == "break":
            pages.append([])
        elif kind == "paragraph":
            pages[-1].append(str(block))
        else:
            rows = block if isinstance(block, list) else []
            tables.append(PageTable(page=len(pages), rows=rows))
            pages[-1].extend(" | ".join(cell or "" for cell in row) for row in rows)
    furniture = _headers_and_footers(document)
    if furniture:
        pages[0] = [*furniture, *pages[0]]
    texts = ["\n".join(line for line in page).strip() for page in pages]
    texts = [t for t in texts if t] or [""]
    if not any(texts):
        raise UnreadableDocumentError("the Word file has no text")
    return PdfText(pages=texts, tables=tables)


def _blocks(document: object) -> Iterator[tuple[str, object]]:
    """("paragraph", text), ("table", rows) and ("break", None) in document order."""
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = "".join(node.text or "" for node in child.iter(f"{_W}t"))
            breaks = [b for b in child.iter(f"{_W}br") if b.get(f"{_W}type") == "page"]
            if breaks and not text.strip():
                yield "break", None
                continue
            yield "paragraph", text
            if breaks:
                yield "break", None
        elif child.tag == f"{_W}tbl":
            rows: list[list[str | None]] = []
            for row in child.iter(f"{_W}tr"):
                cells = [" ".join("".join(t.text or "" for t in cell.iter(f"{_W}t")).split())
                         or None for cell in row.iter(f"{_W}tc")]
                rows.append(cells)
            yield "table", rows


def _headers_and_footers(document: object) -> list[str]:
    lines: list[str] = []
    for section in document.sections:  # type: ignore[attr-defined]
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and text not in lines:
                    lines.append(text)
    return lines
