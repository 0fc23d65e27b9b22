"""Scans made from born-digital PDFs, as a scanner or a phone would make them: each page
rendered to a grey image, optionally blurred, skewed by a small angle, turned on its side or
upside down, with speckle noise, and saved as an image-only PDF (no text layer).

Their text is known (the born-digital PDF's own), which is what lets the OCR benchmark
measure the character error rate, and the tests check straightening on real page layouts.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanDefects:
    dpi: int = 200  # office scanners' default
    blur: float = 0.0  # Gaussian radius, in pixels at `dpi`
    skew: float = 0.0  # degrees, counter-clockwise
    turn: int = 0  # degrees clockwise the sheet was fed: 0, 90, 180, 270
    speckle: float = 0.0  # share of pixels flipped to dark
    seed: int = 0


# The kinds of scans the benchmarks make, by name.
SCANS: dict[str, ScanDefects] = {
    "clean_300dpi": ScanDefects(dpi=300),
    "office_200dpi_blur_skew": ScanDefects(dpi=200, blur=0.8, skew=1.5, speckle=0.0005),
    "upside_down_200dpi": ScanDefects(dpi=200, turn=180, skew=-0.8),
}


def scan_images(pdf: bytes, defects: ScanDefects = ScanDefects(),
                pages: Sequence[int] | None = None) -> list[Image.Image]:
    """The given pages (0-based; default all) of `pdf` as scanned grey images."""
    document = pdfium.PdfDocument(pdf)
    try:
        indexes = list(pages) if pages is not None else list(range(len(document)))
        images: list[Image.Image] = []
        for index in indexes:
            page = document[index]
            try:
                image = page.render(scale=defects.dpi / 72, grayscale=True).to_pil()
            finally:
                page.close()
            images.append(_damaged(image.convert("L"), defects, index))
        return images
    finally:
        document.close()


def scanned_pdf(pdf: bytes, defects: ScanDefects = ScanDefects(),
                pages: Sequence[int] | None = None) -> bytes:
    """An image-only PDF of the given pages of `pdf`, scanned with `defects`."""
    return images_pdf(scan_images(pdf, defects, pages), defects.dpi)


def images_pdf(images: Sequence[Image.Image], dpi: int) -> bytes:
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    """The born-digital text of each page: the reference the OCR is scored against."""
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
            finally:
                page.close()
        return texts
    finally:
        document.close()


def _damaged(image: Image.Image, defects: ScanDefects, index: int) -> Image.Image:
    if defects.blur:
        image = image.filter(ImageFilter.GaussianBlur(defects.blur))
    if defects.skew:
        image = image.rotate(defects.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if defects.speckle:
        image = _speckled(image, defects.speckle, defects.seed + index)
    if defects.turn % 360:
        # Fed turned clockwise by N: the image shows the page turned counter-clockwise.
        image = image.rotate(defects.turn % 360, expand=True, fillcolor=255)
    return image


def _speckled(image: Image.Image, share: float, seed: int) -> Image.Image:
    pixels = image.load()
    assert pixels is not None
    rng = random.Random(seed)
    width, height = image.size
    for _ in range(int(width * height * share)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.randrange(0, 90)
    return image
