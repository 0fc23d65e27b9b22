"""Someone using the keyboard sees where they are: on the dark header the browser's own
dark focus ring could not be seen, so the header draws a light one."""

from __future__ import annotations

import pytest
from conftest import PASSWORD
from e2e.test_browser import CHROMIUM, CHROMIUM_ARGS, EMAIL, LiveServer, live_server

pytestmark = pytest.mark.browser
__all__ = ["live_server"]  # the fixture, imported to be used here


def _luminance(colour: str) -> float:
    """Of "rgb(r, g, b)" or "rgba(...)", 0 (black) to 1 (white)."""
    red, green, blue = (int(part) / 255 for part in
                        colour[colour.index("(") + 1:].rstrip(")").split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_the_focused_header_link_has_a_visible_ring(live_server: LiveServer) -> None:
    from playwright.sync_api import sync_playwright

    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(base + "/login")
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            page.keyboard.press("Tab")  # the brand
            page.keyboard.press("Tab")  # the first link: Search
            focused = page.evaluate(
                "(() => { const e = document.activeElement, s = getComputedStyle(e),"
                " bar = getComputedStyle(document.querySelector('.topbar'));"
                " return [e.textContent.trim(), s.outlineStyle, s.outlineWidth,"
                " s.outlineColor, bar.backgroundColor]; })()")
            text, style, width, colour, background = focused
            assert text == "Search"
            assert style != "none" and float(width.removesuffix("px")) >= 2
            assert _luminance(colour) - _luminance(background) > 0.5, (colour, background)
        finally:
            browser.close()
