"""Straightening a scanned page before OCR: a quarter turn or upside down (tesseract's
orientation detection says which), and a small skew (a page fed crooked into the scanner).

Tesseract reads a page skewed by a degree or two noticeably worse, and one on its side not at
all. The skew is found by a small angle search on a reduced copy: rotated by the right angle,
the text lines lie flat, so the dark pixels pile into few rows and the spread of the row sums
is largest (the projection-profile method). That costs a few milliseconds a page, against
the ~1 s of a second tesseract pass that the same search would need at full size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# Scanners and phones rarely skew a page by more; past this it is a layout, not a skew.
MAX_SKEW_DEGREES = 5.0
_COARSE_STEP = 0.5
_FINE_STEP = 0.1
# The search runs on a copy about this wide: enough rows per text line to tell 0.1 degrees.
_SEARCH_WIDTH = 800
# Below this the page is left as it is: rotating by less only blurs it.
MIN_CORRECTION_DEGREES = 0.2
_WHITE = 255


@dataclass(frozen=True)
class Straightening:
    """What was done to a page: turned clockwise by `rotation` degrees (0, 90, 180, 270),
    then rotated by `skew` degrees (counter-clockwise, PIL's sense) to level its lines."""

    rotation: int = 0
    skew: float = 0.0


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines of `image`, in
    steps of 0.1 within +-MAX_SKEW_DEGREES; 0.0 for a page with nothing on it."""
    ink = _ink(image)
    if not ink.getbbox():
        return 0.0
    coarse = _best_angle(ink, _steps(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, _COARSE_STEP))
    fine = _best_angle(ink, _steps(coarse - _COARSE_STEP, coarse + _COARSE_STEP, _FINE_STEP))
    return round(fine, 1)


def turn(image: Image.Image, clockwise_degrees: int) -> Image.Image:
    """`image` turned clockwise by a multiple of 90 degrees (tesseract's "Rotate: N")."""
    quarter_turns = (clockwise_degrees // 90) % 4
    if quarter_turns == 0:
        return image
    transpose = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180,
                 3: Image.Transpose.ROTATE_90}[quarter_turns]
    return image.transpose(transpose)


def level(image: Image.Image, angle: float) -> Image.Image:
    """`image` rotated by `angle` degrees (counter-clockwise) about its centre, same size,
    corners filled with paper white."""
    if abs(angle) < MIN_CORRECTION_DEGREES:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False,
                        fillcolor=_WHITE)


def _ink(image: Image.Image) -> Image.Image:
    """A reduced copy with ink white on black (so rotation fills corners with no ink)."""
    gray = image.convert("L")
    if gray.width > _SEARCH_WIDTH:
        factor = gray.width / _SEARCH_WIDTH
        gray = gray.resize((_SEARCH_WIDTH, max(1, round(gray.height / factor))),
                           Image.Resampling.BOX)
    pixels = np.asarray(gray)
    threshold = min(160, int(pixels.mean()) - 30)
    return Image.fromarray(((pixels < threshold) * 255).astype(np.uint8))


def _best_angle(ink: Image.Image, angles: list[float]) -> float:
    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST),
                          dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    return max(angles, key=lambda angle: (sharpness(angle), -abs(angle)))


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]
