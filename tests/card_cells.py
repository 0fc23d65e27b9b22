"""The body cells of a page's tables, to check that each becomes a line of a card on a
phone (style.css, `.table-view`: "column: value", the column headings hidden)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Cells(HTMLParser):
    """The body cells of the page's tables: [table classes, data-label or None, whether the
    cell is a button (which needs no column name: "Deactivate: Deactivate")]."""

    def __init__(self) -> None:
        super().__init__()
        self.table = ""
        self.in_body = False
        self.cells: list[list[object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.table = found.get("class") or ""
        elif tag == "tbody":
            self.in_body = True
        elif tag == "td" and self.in_body and "colspan" not in found:
            self.cells.append([self.table, found.get("data-label"), False])
        elif tag == "button" and self.in_body and self.cells:
            self.cells[-1][2] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False


def table_cells(page: str) -> list[list[object]]:
    parser = _Cells()
    parser.feed(page)
    assert parser.cells, "no table rows on the page"
    return parser.cells


def every_cell_is_a_card_line(page: str) -> None:
    for table, label, button in table_cells(page):
        assert "table-view" in str(table).split(), table
        assert label or button, "a cell without its column's name"
