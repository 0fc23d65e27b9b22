"""Outlook e-mail files (.msg, [MS-OXMSG]): the message text and its attachments, read into the
same `MailMessage` an .eml gives, so both go the same way through the pipeline.

Read with olefile (BSD; a maintained OLE reader) rather than extract-msg, which is GPL: we
take only a handful of properties from the compound file. A .msg stores each property as a
stream named `__substg1.0_<id><type>` (strings in UTF-16 or an 8-bit code page), fixed-size
ones (dates, numbers) in `__properties_version1.0`; attachments are storages, and an attached
e-mail (a forwarded message) is a storage inside one, read the same way, one level deep.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import struct
from typing import Any

from ingest.formats.email_reader import MAX_ATTACHMENTS, Attachment, MailMessage
from ingest.pdf_reader import UnreadableDocumentError

_UNICODE, _STRING8, _BINARY, _SYSTIME = 0x001F, 0x001E, 0x0102, 0x0040
_SUBJECT, _BODY, _HTML = 0x0037, 0x1000, 0x1013
_SENDER_NAME, _SENDER_EMAIL, _SENDER_SMTP = 0x0C1A, 0x0C1F, 0x5D01
_SUBMITTED, _DELIVERED, _CODEPAGE = 0x0039, 0x0E06, 0x3FFD
_ATTACH_DATA, _ATTACH_LONG_NAME, _ATTACH_NAME = 0x3701, 0x3707, 0x3704
_EMBEDDED = "__substg1.0_3701000D"
_PROPERTIES = "__properties_version1.0"
# The fixed-size property stream starts with a header: 32 bytes for the message itself,
# 24 for an attached message, 8 for an attachment or recipient.
_TOP_HEADER, _EMBEDDED_HEADER = 32, 24
_FILETIME_EPOCH = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
_TAGS = re.compile(r"<[^>]+>")


def read_outlook(data: bytes) -> MailMessage:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return _Message(ole, [], _TOP_HEADER).read(depth=0)
    except UnreadableDocumentError:
        raise
    except Exception as error:  # olefile raises OSError, ValueError, struct.error, ...
        raise UnreadableDocumentError(
            "the Outlook e-mail (.msg) is damaged and cannot be opened") from error


class _Message:
    def __init__(self, ole: Any, prefix: list[str], header: int) -> None:
        self.ole = ole
        self.prefix = prefix
        self.header = header

    def read(self, depth: int) -> MailMessage:
        codepage = self._fixed(_CODEPAGE)
        encoding = _python_codec(int(codepage) if codepage is not None else 1252)
        text = self._string(_BODY, encoding)
        if not text:
            html = self._string(_HTML, "utf-8") or ""
            text = _TAGS.sub(" ", html)
        name = self._string(_SENDER_NAME, encoding) or ""
        address = self._string(_SENDER_SMTP, encoding) or self._string(_SENDER_EMAIL, encoding)
        sent = self._fixed(_SUBMITTED) or self._fixed(_DELIVERED)
        return MailMessage(
            subject=self._string(_SUBJECT, encoding) or "",
            sender=f"{name} <{address}>" if name and address else (address or name),
            sent=email.utils.format_datetime(_filetime(sent)) if sent else "",
            text=text or "",
            attachments=self._attachments(encoding, depth),
        )

    def _attachments(self, encoding: str, depth: int) -> list[Attachment]:
        found: list[Attachment] = []
        storages = sorted({entry[len(self.prefix)] for entry in self.ole.listdir(
            streams=True, storages=True) if entry[:len(self.prefix)] == self.prefix
            and len(entry) > len(self.prefix)
            and entry[len(self.prefix)].startswith("__attach_version1.0_")})
        for storage in storages[:MAX_ATTACHMENTS]:
            part = _Message(self.ole, [*self.prefix, storage], 8)
            data = part._binary(_ATTACH_DATA)
            name = (part._string(_ATTACH_LONG_NAME, encoding)
                    or part._string(_ATTACH_NAME, encoding) or f"attachment-{len(found) + 1}")
            if data:
                found.append(Attachment(filename=name, data=data))
            elif depth == 0 and self.ole.exists("/".join([*part.prefix, _EMBEDDED])):
                # A forwarded e-mail: its own attachments are the contracts.
                inner = _Message(self.ole, [*part.prefix, _EMBEDDED], _EMBEDDED_HEADER)
                found.extend(inner.read(depth + 1).attachments)
        return found[:MAX_ATTACHMENTS]

    def _stream(self, name: str) -> bytes | None:
        path = "/".join([*self.prefix, name])
        if not self.ole.exists(path):
            return None
        data: bytes = self.ole.openstream(path).read()
        return data

    def _string(self, prop: int, encoding: str) -> str | None:
        unicode = self._stream(f"__substg1.0_{prop:04X}{_UNICODE:04X}")
        if unicode is not None:
            return unicode.decode("utf-16-le", "replace").rstrip("\x00")
        raw = self._stream(f"__substg1.0_{prop:04X}{_STRING8:04X}")
        if raw is None:
            raw = self._binary(prop)  # HTML bodies are often stored as bytes
        return raw.decode(encoding, "replace").rstrip("\x00") if raw is not None else None

    def _binary(self, prop: int) -> bytes | None:
        return self._stream(f"__substg1.0_{prop:04X}{_BINARY:04X}")

    def _fixed(self, prop: int) -> int | None:
        """A fixed-size property's value (a number or a FILETIME), or None."""
        data = self._stream(_PROPERTIES) or b""
        for offset in range(self.header, len(data) - 15, 16):
            tag, _flags, value = struct.unpack_from("<IIQ", data, offset)
            if tag >> 16 == prop:
                return int(value & 0xFFFFFFFF) if tag & 0xFFFF != _SYSTIME else int(value)
        return None


def _filetime(value: int) -> dt.datetime:
    return _FILETIME_EPOCH + dt.timedelta(microseconds=value // 10)


def _python_codec(codepage: int) -> str:
    name = "utf-8" if codepage == 65001 else f"cp{codepage}"
    try:
        "".encode(name)
    except LookupError:
        return "cp1252"
    return name
