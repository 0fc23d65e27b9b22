"""A new user's first hour, in a real browser: the first-account form on a fresh install,
an uploaded contract, a notice recorded, a table exported, evidence read in the PDF viewer
with its quote marked on the right page, the pages switched to Norwegian, and the contract
page on a phone without sideways scrolling.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import cuad_pdf
from e2e.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOT_DIR,
    LiveServer,
    _free_port,
    serving,
)

from avtale.runtime import Runtime
from core.settings import Settings
from web.document_viewer import pdfjs_installed

pytestmark = pytest.mark.browser

# Four pages; the governing-law clause ("State of California") stands on page 3.
CONTRACT_PDF = "HOLIDAYRVSUPERSTORESINC_04_15_2002-EX-10.13-ENDORSEMENT AGREEMENT.PDF"
ADMIN = "first@fjordbyen.no"
ADMIN_PASSWORD = "a long first password"
PHONE = {"width": 390, "height": 844}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NORWEGIAN_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


@pytest.fixture
def fresh_install(tmp_path: Path) -> Iterator[LiveServer]:
    """The service as `make serve` starts it the first time: development, nobody yet."""
    port = _free_port()
    settings = Settings(
        environment="development", data_dir=tmp_path / "data", broker_url="",
        secret_key="walkthrough-secret-key-long-enough", base_url=f"http://127.0.0.1:{port}",
    )
    with serving(Runtime.build(settings), port) as server:
        yield server


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def test_a_new_users_first_hour(fresh_install: LiveServer) -> None:
    from playwright.sync_api import expect, sync_playwright

    if not pdfjs_installed():
        pytest.skip("pdf.js is not fetched: run `make` (scripts/fetch_pdfjs.py)")
    pdf = cuad_pdf(CONTRACT_PDF[:24])
    base = fresh_install.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900},
                                          accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(20_000)
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))

            # A fresh install: the first-account form comes first.
            page.goto(base + "/")
            expect(page.locator("form[action='/setup']")).to_be_visible()
            page.fill("form[action='/setup'] input[name=email]", ADMIN)
            page.fill("form[action='/setup'] input[name=password]", ADMIN_PASSWORD)
            page.click("form[action='/setup'] button[type=submit]")
            expect(page).to_have_url(base + "/")

            # Upload a contract and open it once it has been read.
            page.goto(base + "/upload")
            page.set_input_files("input[name=files]", str(pdf))
            page.click("form[action='/upload'] button[type=submit]")
            page.wait_for_selector("tr[data-state=ready]", timeout=120_000)
            page.click("a:text('Open contract')")
            expect(page).to_have_url(re.compile(r"/contracts/\d+$"))
            contract_url = page.url
            title = page.locator("h1").evaluate("h => h.firstChild.textContent.trim()")

            # Record that notice was given: the page says so and the life lists it.
            page.select_option("#record-event select[name=kind]", "notice_given")
            page.fill("#record-event input[name=note]", "sent by registered letter")
            page.click("#record-event button[type=submit]")
            expect(page.locator(".flash")).to_contain_text("Notice given recorded")
            expect(page.locator("#life")).to_contain_text("sent by registered letter")

            # Export the contracts as a table: the download holds this contract.
            fresh_install.runtime.jobs.wait_idle()
            fresh_install.runtime.sync_search()
            page.goto(base + "/table")
            with page.expect_download() as download_info:
                page.click("a:text('Export CSV')")
            download = download_info.value
            assert download.suggested_filename.endswith(".csv")
            rows = list(csv.reader(Path(download.path()).read_text("utf-8-sig").splitlines()))
            assert title and [row for row in rows[1:] if title in row], (title, rows)

            # A search passage says its page; following it opens the PDF there, words marked.
            page.goto(base + "/?q=California+governed")
            passage = page.locator(".hit .passage a.page-ref").first
            expect(passage).to_have_text("p. 3")
            passage.click()
            viewer = page.locator("#document-viewer")
            expect(viewer).to_have_attribute("data-state", "marked")
            expect(viewer).to_have_attribute("data-page", "3")
            expect(page.locator("#passages")).to_contain_text("California")

            # Evidence in the PDF: the governing-law quote, marked on its page (3).
            page.goto(contract_url)
            viewer = page.locator("#document-viewer")
            expect(viewer).to_have_attribute("data-state", "shown")
            link = page.locator("#field-governing_law a[data-evidence-page]").first
            evidence_page = link.get_attribute("data-evidence-page")
            quote = link.get_attribute("data-quote") or ""
            assert evidence_page == "3" and "California" in quote
            link.click()
            expect(viewer).to_have_attribute("data-state", "marked")
            expect(viewer).to_have_attribute("data-page", "3")
            expect(viewer.locator("[data-role=page-number]")).to_have_text("3")
            marks = viewer.locator("mark.evidence-hit")
            expect(marks.first).to_be_in_viewport()
            marked = _squeezed("".join(marks.all_inner_texts()))
            assert marked and marked in _squeezed(quote), (marked, quote)
            assert "california" in marked
            canvas = viewer.locator("canvas").bounding_box()
            first_mark = marks.first.bounding_box()
            assert canvas is not None and first_mark is not None
            assert canvas["y"] <= first_mark["y"] <= canvas["y"] + canvas["height"]
            page.screenshot(path=str(SCREENSHOT_DIR / "avtale-evidence.png"))

            # Switch to Norwegian: the pages, the messages and the dates follow.
            page.goto(base + "/account")
            page.select_option("select[name=language]", "nb")
            page.click("form[action='/account/language'] button[type=submit]")
            expect(page.locator(".flash")).to_have_text("Språket er lagret.")
            expect(page.locator("html")).to_have_attribute("lang", "nb")
            page.goto(contract_url)
            expect(page.locator("#deadlines h2")).to_have_text("Frister")
            expect(page.locator("nav")).to_contain_text("Søk")
            life = page.locator("#life").inner_text()
            assert "Oppsagt" in life
            today = dt.date.today()
            assert today.strftime("%d.%m.%Y") in life, life
            dates_shown = page.locator("#deadlines, #life").all_inner_texts()
            assert NORWEGIAN_DATE.search(" ".join(dates_shown))
            assert not ISO_DATE.search(" ".join(dates_shown)), dates_shown

            # On a phone: nothing scrolls sideways and the viewer still marks the quote.
            page.set_viewport_size(PHONE)
            page.goto(contract_url)
            expect(viewer).to_have_attribute("data-state", "shown")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], width
            page.locator("#field-governing_law a[data-evidence-page]").first.click()
            expect(viewer).to_have_attribute("data-state", "marked")
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(SCREENSHOT_DIR / "avtale-phone-nb.png"), full_page=True)
            assert not [p for p in problems if "Content Security Policy" in p], problems
        finally:
            browser.close()
