"""Word 97-2003 (.doc) contracts, read by Debian's `antiword` (a program, not a library: it
runs inside the limited child process like every reader, and inherits its limits). Pages are
split where antiword marks the author's page breaks (form feeds)."""

from __future__ import annotations

import contextlib
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.pdf_reader import PdfText, UnreadableDocumentError

# The child process's own time limit ends a stuck antiword too; this one names the cause.
ANTIWORD_SECONDS = 300


def read_word97(data: bytes) -> PdfText:
    program = shutil.which("antiword")
    if program is None:
        raise UnreadableDocumentError(
            "this is a Word 97-2003 file (.doc) and antiword is not installed on the server; "
            "save it as .docx or PDF and upload that")
    with tempfile.TemporaryDirectory(prefix="avtale-doc-") as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(data)  # antiword seeks about the file: it cannot read a pipe
        process = subprocess.Popen(  # noqa: S603 - a fixed program, our own temporary file
            [program, "-m", "UTF-8.txt", "-w", "0", str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # A CPU limit of its own: should the child process be killed at its time limit,
        # an antiword caught in a loop still ends (the memory limit it inherits).
        with contextlib.suppress(OSError):
            resource.prlimit(process.pid, resource.RLIMIT_CPU,
                             (ANTIWORD_SECONDS, ANTIWORD_SECONDS))
        try:
            stdout, stderr = process.communicate(timeout=ANTIWORD_SECONDS)
        except subprocess.TimeoutExpired as error:
            process.kill()
            process.communicate()
            raise UnreadableDocumentError(
                f"reading the Word 97-2003 file took longer than {ANTIWORD_SECONDS} s") from error
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        why = detail[-1].replace(str(path), "the file") if detail else "antiword failed"
        raise UnreadableDocumentError(f"the Word 97-2003 file cannot be read: {why}")
    text = stdout.decode("utf-8", "replace")
    pages = [page.strip() for page in text.split("\f")]
    pages = [page for page in pages if page] or [""]
    if not any(pages):
        raise UnreadableDocumentError("the Word 97-2003 file has no text")
    return PdfText(pages=pages)
