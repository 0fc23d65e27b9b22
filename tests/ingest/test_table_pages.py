"""Which pages go to pdfplumber's slow table pass: those whose rules cross in a grid."""

from __future__ import annotations

import io
from itertools import pairwise

import pypdfium2 as pdfium
from pdf_factory import contract_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.pdf_reader import has_ruling, read_pdf

PRICE_PROSE = (
    "Prices\nSenior consultant hour 1 250,00\nArchitect hour 1 450,00\n"
    "Travel hour 650,00\nLicence per year 12 000,-"
)


def _ruled(pdf: bytes) -> list[bool]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [has_ruling(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _page(draw_rules: str) -> bytes:
    """One page of price-like text lines with the given rules drawn around them."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for number, line in enumerate(PRICE_PROSE.splitlines()):
        sheet.drawString(72, height - 100 - 16 * number, line)
    if draw_rules in ("border", "grid"):
        sheet.rect(20, 20, width - 40, height - 40)  # a page border
        for number in range(5):  # underlines
            sheet.line(72, height - 103 - 16 * number, 300, height - 103 - 16 * number)
    if draw_rules == "grid":
        # A 3 x 2 grid drawn one cell side at a time, as some producers do.
        xs, ys = (72, 250, 400), (500, 480, 460, 440)
        for y in ys:
            for left, right in pairwise(xs):
                sheet.line(left, y, right, y)
        for x in xs:
            for top, bottom in pairwise(ys):
                sheet.line(x, top, x, bottom)
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def test_a_border_and_underlines_are_no_table_grid() -> None:
    assert _ruled(_page("none")) == [False]
    assert _ruled(_page("border")) == [False]
    assert read_pdf(_page("border")).tables == []


def test_rules_drawn_cell_by_cell_that_cross_in_a_grid_are_a_table_page() -> None:
    assert _ruled(_page("grid")) == [True]


def test_a_ruled_price_table_page_is_ruled_and_its_table_read() -> None:
    rows = [["Description", "Unit", "Price (NOK)"], ["Consultant", "hour", "1 250,00"],
            ["Architect", "hour", "1 450,00"], ["Travel", "hour", "650,00"]]
    text = "Price schedule\n\n" + "\n".join("|" + "|".join(row) for row in rows)
    pdf = contract_pdf(["The parties agree as follows.", text])
    assert _ruled(pdf) == [False, True]
    [table] = read_pdf(pdf).tables
    assert table.page == 2
    assert table.rows[0] == rows[0]
