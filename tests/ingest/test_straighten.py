"""Straightening before OCR: the skew search finds the angle a page was scanned at, on a
real page layout (a contract built with reportlab, rendered as a scanner would)."""

from __future__ import annotations

import pytest
from pdf_factory import fixture_text, pdf_from_text
from PIL import Image

from benchmarks.scans import ScanDefects, scan_images
from ingest.straighten import MAX_SKEW_DEGREES, level, skew_angle, turn


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return scan_images(pdf_from_text(fixture_text("nb_renholdsavtale")), pages=[0])[0]


@pytest.mark.parametrize("scanned_at", [-4.0, -1.5, -0.6, 0.8, 2.3, 3.7])
def test_the_skew_of_a_page_is_found_to_a_tenth_of_a_degree(
    page: Image.Image, scanned_at: float
) -> None:
    skewed = page.rotate(scanned_at, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(skewed) == pytest.approx(-scanned_at, abs=0.15)


def test_a_straight_page_is_left_alone(page: Image.Image) -> None:
    assert abs(skew_angle(page)) <= 0.1
    assert level(page, skew_angle(page)) is page


def test_a_blank_page_has_no_skew() -> None:
    assert skew_angle(Image.new("L", (1700, 2300), 255)) == 0.0


def test_blur_and_speckle_do_not_hide_the_skew() -> None:
    pdf = pdf_from_text(fixture_text("nb_renholdsavtale"))
    scan = scan_images(pdf, ScanDefects(blur=1.2, skew=2.0, speckle=0.002), pages=[0])[0]
    assert skew_angle(scan) == pytest.approx(-2.0, abs=0.2)


def test_angles_past_the_search_range_are_not_guessed(page: Image.Image) -> None:
    # A page at 20 degrees is a layout choice or a photo, not a scanner skew.
    assert abs(skew_angle(page.rotate(20, fillcolor=255))) <= MAX_SKEW_DEGREES


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_turning_undoes_a_page_fed_on_its_side(page: Image.Image, clockwise: int) -> None:
    fed = scan_images(pdf_from_text(fixture_text("nb_renholdsavtale")),
                      ScanDefects(turn=clockwise), pages=[0])[0]
    upright = turn(fed, clockwise)
    assert upright.size == page.size
    assert upright.tobytes() == page.tobytes()
