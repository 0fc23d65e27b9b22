"""Whether a scanned page stands upright, decided cheaply, so that tesseract's orientation
detection (OSD, ~0.65 s a page here, and unreliable on clear upright pages: confidence 1-2
where 5 is needed) runs only on the pages that need it.

Two checks, neither of which can make a page read worse, only slower:

- `looks_upright`, before recognition, from the page's shape alone (milliseconds): text lines
  that lie flat pile the ink into rows rather than columns (a page on its side does the
  opposite), and Latin letters reach up (capitals, b d f h k l t, accents) more than they hang
  down (g j p q y), so in each line more ink lies above the band of small letters than below
  it; upside down, more lies below. A page that does not look upright goes to OSD first.
- `reads_upright`, after recognition, from tesseract's own word confidences: an upright page
  reads at ~93-96 mean confidence, the same page upside down at ~45, whatever its layout. A
  page that does not read upright goes to OSD, and is read again only if OSD turns it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

# The shape check runs on a copy about this wide: at A4, ~120 dpi, enough rows per line to
# tell the band of small letters from the ascenders above it.
_CHECK_WIDTH = 1000
# Measured on 12 CUAD pages in four scan kinds: rows against columns 1.1-18 upright, 0.07-0.9
# on the side (one 1.6); ascenders against descenders 0.02-0.93 upright, -0.24 to -0.94 upside
# down; a page on its side whose short lines each span the rows of all the others, 0.0. A
# turned page missed here costs a wasted recognition, an upright one sent to OSD first only
# what every page cost before.
_MIN_ROW_TO_COLUMN_SHARPNESS = 1.0
_MIN_ASCENDER_LEAN = 0.0
_MAX_UPSIDE_DOWN_LEAN = -0.15
# A row is part of a text line once this share of the width is ink (speckle stays below).
_LINE_ROW_SHARE = 0.004
_MIN_LINE_ROWS = 4
# Fewer separate lines than this is a page of a few words, or one on its side whose rows all
# hold ink: OSD decides.
_MIN_LINES = 3
# Rows holding at least this share of a line's densest row are its band of small letters.
_CORE_SHARE = 0.5

# Tesseract's mean word confidence (0-100) from which a reading is taken as upright, and the
# fewest words it must rest on: a signature page or a stamp says nothing either way.
MIN_UPRIGHT_CONFIDENCE = 80.0
MIN_WORDS = 20


def looks_upright(gray: Image.Image) -> bool:
    """Whether the level (deskewed) page in `gray` looks upright by its ink alone."""
    shape = _shape(gray)
    if shape is None:
        return True  # nothing to turn
    lines_flat, lines, lean = shape
    return lines_flat and lines >= _MIN_LINES and lean > _MIN_ASCENDER_LEAN


def looks_upside_down(gray: Image.Image) -> bool:
    """Whether the level page in `gray` clearly has its letters hanging down: asked only
    when OSD cannot tell (confidence 1.6-2.4 on one CUAD page in twelve upside down)."""
    shape = _shape(gray)
    if shape is None:
        return False
    lines_flat, lines, lean = shape
    return lines_flat and lines >= _MIN_LINES and lean < _MAX_UPSIDE_DOWN_LEAN


def _shape(gray: Image.Image) -> tuple[bool, int, float] | None:
    """Whether the ink lies in rows more than in columns, the text lines, and their
    ascender lean; None for a page without ink."""
    ink = _ink(gray)
    if not ink.any():
        return None
    rows = ink.sum(axis=1, dtype=np.float64)
    columns = ink.sum(axis=0, dtype=np.float64)
    row_sharpness = float(np.square(np.diff(rows)).sum()) / max(1, rows.size)
    column_sharpness = float(np.square(np.diff(columns)).sum()) / max(1, columns.size)
    lines, lean = ascender_lean(rows, ink.shape[1])
    return row_sharpness > _MIN_ROW_TO_COLUMN_SHARPNESS * column_sharpness, lines, lean


def ascender_lean(rows: np.ndarray, width: int) -> tuple[int, float]:
    """The text lines of a row profile, and (ink above their small letters - ink below) /
    both: positive for upright Latin text, negative upside down, 0 with no lines."""
    on = rows > max(2.0, _LINE_ROW_SHARE * width)
    lines, above, below = 0, 0.0, 0.0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        line = rows[start:end]
        if line.size < _MIN_LINE_ROWS:
            continue
        lines += 1
        core = np.flatnonzero(line >= _CORE_SHARE * line.max())
        above += float(line[: core[0]].sum())
        below += float(line[core[-1] + 1:].sum())
    return lines, (above - below) / max(1.0, above + below)


def reads_upright(confidences: Sequence[float]) -> bool:
    """Whether tesseract's word confidences (0-100, one per word read) say the page was
    read the right way up."""
    if len(confidences) < MIN_WORDS:
        return False
    return mean_confidence(confidences) >= MIN_UPRIGHT_CONFIDENCE


def mean_confidence(confidences: Sequence[float]) -> float:
    return sum(confidences) / len(confidences) if confidences else 0.0


def _ink(gray: Image.Image) -> np.ndarray:
    if gray.width > _CHECK_WIDTH:
        factor = gray.width / _CHECK_WIDTH
        gray = gray.resize((_CHECK_WIDTH, max(1, round(gray.height / factor))),
                           Image.Resampling.BOX)
    pixels = np.asarray(gray.convert("L"))
    threshold = min(160, int(pixels.mean()) - 30)
    ink: np.ndarray = pixels < threshold
    return ink
