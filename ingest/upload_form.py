"""Reading a multipart upload as it arrives.

Starlette's `request.form()` receives the whole body (spooling files to disk) before anyone
can look at it, so a 2 GiB upload was taken in full before it was refused. Here the body is
parsed chunk by chunk: each file goes straight into the file store's staging folder and the
upload is refused the moment a file passes the limit, a field fails its check (`on_field`,
e.g. a CSRF token or a contract the user may not change) or the body is malformed. Whatever
was staged for a refused upload is deleted before the error leaves this module.

The caller must have authenticated and authorised the user before calling this: it is the
first thing that reads the body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from core.filestore import FileStore, StagedFile, StagingWriter
from ingest.service import MalformedUploadError, UploadTooLargeError, too_large_message

MAX_FILES_PER_UPLOAD = 200
MAX_FIELDS = 50
MAX_FIELD_BYTES = 64 * 1024
MAX_PART_HEADER_BYTES = 8 * 1024


@dataclass(frozen=True)
class ReceivedFile:
    filename: str
    staged: StagedFile


@dataclass
class UploadForm:
    files: list[ReceivedFile] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self, store: FileStore) -> None:
        """Delete the staged files not yet stored (storing a staged file moves it away)."""
        for received in self.files:
            store.discard(received.staged)


class _Part:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.name = ""
        self.filename: str | None = None
        self.writer: StagingWriter | None = None
        self.value = bytearray()


class _Reader:
    """The parser's callbacks: one part at a time, into a staged file or a small field."""

    def __init__(self, store: FileStore, *, file_field: str, max_file_bytes: int,
                 max_files: int, on_field: Callable[[str, str], None] | None) -> None:
        self.store = store
        self.file_field = file_field
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        self.on_field = on_field
        self.form = UploadForm()
        self.part = _Part()
        self.header_field = bytearray()
        self.header_value = bytearray()

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]
        self._bound_header()

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]
        self._bound_header()

    def _bound_header(self) -> None:
        if len(self.header_field) + len(self.header_value) > MAX_PART_HEADER_BYTES:
            raise MalformedUploadError("a part of the upload has an oversized header")

    def on_header_end(self) -> None:
        name = self.header_field.decode("latin-1").strip().lower()
        self.part.headers[name] = self.header_value.decode("latin-1")
        self.header_field.clear()
        self.header_value.clear()

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.part.headers.get("content-disposition"))
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = options.get(b"filename")
        if raw_filename is None:
            if len(self.form.fields) >= MAX_FIELDS:
                raise MalformedUploadError(f"the upload has more than {MAX_FIELDS} fields")
            return
        # A browser sends an empty, nameless part when no file was chosen: skip it.
        if not raw_filename or self.part.name != self.file_field:
            return
        if len(self.form.files) >= self.max_files:
            raise UploadTooLargeError(f"at most {self.max_files} files can be uploaded at once")
        self.part.filename = raw_filename.decode("utf-8", "replace")
        self.part.writer = self.store.stage()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part.writer is not None:
            part.writer.write(data[start:end])
            if part.writer.size > self.max_file_bytes:
                raise UploadTooLargeError(
                    too_large_message(part.filename or "a file", self.max_file_bytes))
        elif part.filename is None:
            part.value += data[start:end]
            if len(part.value) > MAX_FIELD_BYTES:
                raise MalformedUploadError(
                    f"the form field {part.name!r} is longer than {MAX_FIELD_BYTES} bytes")

    def on_part_end(self) -> None:
        part = self.part
        if part.writer is not None:
            staged = part.writer.finish()
            part.writer = None
            self.form.files.append(ReceivedFile(filename=part.filename or "", staged=staged))
        elif part.filename is None:
            value = part.value.decode("utf-8", "replace")
            self.form.fields.setdefault(part.name, value)
            if self.on_field is not None:
                self.on_field(part.name, value)

    def abort(self) -> None:
        if self.part.writer is not None:
            self.part.writer.abort()
            self.part.writer = None
        self.form.discard(self.store)


async def receive_upload_form(
    chunks: AsyncIterator[bytes],
    content_type: str,
    store: FileStore,
    *,
    max_file_bytes: int,
    max_files: int,
    file_field: str = "files",
    on_field: Callable[[str, str], None] | None = None,
) -> UploadForm:
    """The upload's files (staged) and fields. `on_field(name, value)` is called as each
    field is complete and may raise to refuse the upload there and then. Raises
    `UploadTooLargeError`, `MalformedUploadError`, or whatever `on_field` raises; nothing
    staged is left behind then. The caller discards the form's staged files it does not
    store (`UploadForm.discard`)."""
    media_type, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        raise MalformedUploadError("send the files as multipart/form-data")
    reader = _Reader(store, file_field=file_field, max_file_bytes=max_file_bytes,
                     max_files=max_files, on_field=on_field)
    parser = MultipartParser(boundary, callbacks={
        "on_part_begin": reader.on_part_begin,
        "on_part_data": reader.on_part_data,
        "on_part_end": reader.on_part_end,
        "on_header_field": reader.on_header_field,
        "on_header_value": reader.on_header_value,
        "on_header_end": reader.on_header_end,
        "on_headers_finished": reader.on_headers_finished,
    })
    try:
        async for chunk in chunks:
            if chunk:
                parser.write(chunk)
        if parser.state != MultipartState.END:
            raise MalformedUploadError("the upload ended before its last part was complete")
        parser.finalize()
    except FormParserError as error:
        reader.abort()
        raise MalformedUploadError("the upload is not well-formed multipart/form-data") from error
    except BaseException:
        # Also a client that hung up (ClientDisconnect) or a refused field.
        reader.abort()
        raise
    return reader.form
