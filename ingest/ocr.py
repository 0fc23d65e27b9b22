"""OCR of pages that have no text layer, with the tesseract command (eng+nor).

Rendering uses pypdfium2 (under the caller's PDFium lock); recognition runs tesseract as a
subprocess with OMP_THREAD_LIMIT=1, which is several times faster on these machines.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading

import pypdfium2 as pdfium

LANGUAGES = "nor+eng"
RENDER_SCALE = 300 / 72  # 300 dpi
TIMEOUT_SECONDS = 120


def available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_pages(data: bytes, page_indexes: list[int], lock: threading.Lock) -> dict[int, str]:
    images: dict[int, bytes] = {}
    with lock:
        document = pdfium.PdfDocument(data)
        try:
            for index in page_indexes:
                page = document[index]
                try:
                    bitmap = page.render(scale=RENDER_SCALE, grayscale=True)
                    buffer = io.BytesIO()
                    bitmap.to_pil().save(buffer, format="PNG")
                    images[index] = buffer.getvalue()
                finally:
                    page.close()
        finally:
            document.close()
    return {index: recognise(png) for index, png in images.items()}


def recognise(png: bytes) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    binary = shutil.which("tesseract") or "tesseract"
    completed = subprocess.run(  # noqa: S603 - fixed binary, no shell, bytes on stdin
        [binary, "stdin", "stdout", "-l", LANGUAGES, "--psm", "3"],
        input=png,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        return ""
    return completed.stdout.decode("utf-8", errors="replace").replace("\f", "")
