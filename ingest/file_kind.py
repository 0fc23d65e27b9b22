"""What a file is, from its bytes (never from its name or the type the client sent).

A PDF starts with its header `%PDF-<digit>`. ISO 32000 puts the header on the first line;
readers tolerate up to 1 KiB of junk before it, which is how a stored (uncompressed) zip
holding a PDF passed for one. We allow only what a PDF can pick up in transit without
being something else: a UTF-8 byte order mark and a little whitespace (a CR/LF added by a
mail gateway or a text-mode copy), at most `MAX_PDF_PREFIX` bytes in all.
"""

from __future__ import annotations

import io
import re
import zipfile

PDF = "PDF document"
WORD_97 = "Word 97-2003 document (.doc)"
OUTLOOK_MSG = "Outlook e-mail (.msg)"
LEGACY_OFFICE = "legacy Office document (.doc/.xls/.ppt)"
MAX_PDF_PREFIX = 16
_PDF_HEADER = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n\f\x00]*%PDF-\d")

# An OLE compound file (Word 97-2003, Excel, PowerPoint, Outlook .msg and more) is a little
# file system; the names of its streams say which program wrote it.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_KINDS = (
    ("WordDocument", WORD_97),
    # Every .msg holds its top-level properties here, beside `__substg1.0_*` streams.
    ("__properties_version1.0", OUTLOOK_MSG),
    ("Workbook", "Excel 97-2003 workbook (.xls)"),
    ("Book", "Excel 97-2003 workbook (.xls)"),
    ("PowerPoint Document", "PowerPoint 97-2003 presentation (.ppt)"),
)
# Leading bytes of formats people upload by mistake, most specific first.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", "BMP image"),
    (b"{\\rtf", "RTF document"),
    (b"%!PS", "PostScript file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Office Open XML and OpenDocument files are zip archives; their parts say which.
_ZIP_KINDS = (
    ("word/", "Word document (.docx)"),
    ("xl/", "Excel workbook (.xlsx)"),
    ("ppt/", "PowerPoint presentation (.pptx)"),
)
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument."


def is_pdf(data: bytes) -> bool:
    head = _PDF_HEADER.match(data[: MAX_PDF_PREFIX + 6])
    return head is not None and head.end() - 6 <= MAX_PDF_PREFIX


def file_kind(data: bytes) -> str:
    """A name a person knows for what the bytes are: "PDF document", "zip archive",
    "Word document (.docx)", "PNG image", "plain text", ..."""
    if not data:
        return "empty file"
    if is_pdf(data):
        return PDF
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return _ole_kind(data)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return _text_kind(data[:4096])


def _zip_kind(data: bytes) -> str:
    if data[30:30 + len(_OPENDOCUMENT)] == _OPENDOCUMENT:
        return "OpenDocument file (.odt/.ods/.odp)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip archive"
    for prefix, kind in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return "zip archive"


def _ole_kind(data: bytes) -> str:
    """By the top-level stream names. Reading the directory runs in the limited child process
    like every reader (see `ingest.sandbox`): a crafted directory costs it, not the server."""
    import olefile

    try:
        # A file object, never the bytes: olefile takes short bytes for a file name.
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            names = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # olefile raises OSError, ValueError, IndexError, struct.error, ...
        return LEGACY_OFFICE
    for stream, kind in _OLE_KINDS:
        if stream in names and (kind != OUTLOOK_MSG or any(
                name.startswith("__substg1.0_") for name in names)):
            return kind
    return "OLE compound file (not a Word, Excel, PowerPoint or Outlook file)"


def _text_kind(head: bytes) -> str:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        if error.start < len(head) - 3:
            return "unrecognised binary data"
        text = head[: error.start].decode("utf-8")
    if any(ch < " " and ch not in "\t\r\n\f" for ch in text):
        return "unrecognised binary data"
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return "HTML page"
    if lowered.startswith("<?xml"):
        return "XML file"
    return "plain text"
