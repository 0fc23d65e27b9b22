"""A real browser against the real app: sign in, upload a CUAD contract, find it, open it.

Runs uvicorn in a thread on a free loopback port with the embedded defaults (SQLite,
tantivy, in-process worker) in a temporary data directory, and drives Debian's chromium
through Playwright.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from conftest import PASSWORD, cuad_pdf

from avtale.app import create_app
from avtale.runtime import Runtime
from core.models import Role
from core.settings import Settings
from core.users import create_user

pytestmark = pytest.mark.browser

CUAD_PDFS = Path(__file__).resolve().parents[3] / "shared/data/cuad-dev/pdf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
# A 4-page endorsement agreement; the phrase below stands on its first page.
CONTRACT_PDF = "HOLIDAYRVSUPERSTORESINC_04_15_2002-EX-10.13-ENDORSEMENT AGREEMENT.PDF"
PHRASE = "chain of dealerships"
EMAIL = "legal@example.no"
SCREENSHOT_DIR = Path(os.environ.get("AVTALE_SCREENSHOT_DIR", "/tmp"))


@dataclass
class LiveServer:
    url: str
    runtime: Runtime


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(runtime: Runtime, port: int) -> Iterator[LiveServer]:
    """The app of `runtime` served by uvicorn in a thread on loopback `port`, until closed."""
    server = uvicorn.Server(uvicorn.Config(
        create_app(runtime=runtime), host="127.0.0.1", port=port, log_level="warning",
    ))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", runtime=runtime)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        runtime.close()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    port = _free_port()
    settings = Settings(
        environment="test", data_dir=tmp_path / "data", broker_url="",
        secret_key="browser-test-secret-key-long-enough", base_url=f"http://127.0.0.1:{port}",
    )
    runtime = Runtime.build(settings)
    with runtime.database.session() as session:
        create_user(session, email=EMAIL, role=Role.EDITOR, password=PASSWORD)
    with serving(runtime, port) as server:
        yield server


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def test_sign_in_upload_search_and_read_the_evidence(live_server: LiveServer) -> None:
    from playwright.sync_api import expect, sync_playwright

    pdf = cuad_pdf(CONTRACT_PDF[:24])
    assert pdf.is_file(), f"missing test contract {pdf}"
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(20_000)

            page.goto(base + "/")
            expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page).to_have_url(base + "/")

            page.goto(base + "/upload")
            page.set_input_files("input[name=files]", str(pdf))
            page.click("form[action='/upload'] button[type=submit]")
            expect(page).to_have_url(re.compile(r"/upload/status\?id=\d+"))
            # The status page refreshes itself until the worker is done.
            page.wait_for_selector("tr[data-state=ready]", timeout=120_000)
            assert page.locator("tr[data-state=failed]").count() == 0

            # The index is written by the worker's outbox sync: wait until it is searchable.
            deadline = time.monotonic() + 30
            while True:
                page.goto(base + "/")
                page.fill("input[name=q]", f'"{PHRASE}"')
                page.press("input[name=q]", "Enter")
                page.wait_for_load_state()
                if page.locator(".hit").count() or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert page.locator(".hit").count() == 1
            marks = [_words(text) for text in page.locator(".hit mark").all_inner_texts()]
            assert PHRASE in marks, marks
            expect(page.locator(".facets")).to_contain_text("Status")
            page.screenshot(path=str(SCREENSHOT_DIR / "avtale-search.png"), full_page=True)

            page.click(".hit h3 a")
            expect(page).to_have_url(re.compile(r"/contracts/\d+$"))
            quotes = page.locator(".quote blockquote mark")
            assert quotes.count() >= 1
            expect(quotes.first).to_be_visible()
            expect(page.locator("#deadlines")).to_contain_text("Notice deadline")
            expect(page.locator("#documents")).to_contain_text(pdf.name)
            page.screenshot(path=str(SCREENSHOT_DIR / "avtale-contract.png"), full_page=True)
        finally:
            browser.close()


def test_api_documentation_loads_with_no_internet(live_server: LiveServer) -> None:
    """Every request leaving loopback is refused, as on a closed network: the page must
    still render the operations (it used to stay blank, Swagger UI came from a CDN)."""
    from playwright.sync_api import Route, expect, sync_playwright

    base = live_server.url
    refused: list[str] = []

    def only_loopback(route: Route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", only_loopback)
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(base + "/docs")  # outside development the docs need a signed-in user
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page).to_have_url(base + "/docs")
            expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
            expect(page.locator("#swagger-ui")).to_contain_text("/api/v1/search")
            assert refused == []
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()


def test_change_password_sign_out_and_a_copied_cookie_is_dead(live_server: LiveServer) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = live_server.url
    new_password = "another long passphrase"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.goto(base + "/login")
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page).to_have_url(base + "/")

            page.click("a[href='/account']")
            page.click("a[href='/account/password']")
            page.fill("input[name=current_password]", PASSWORD)
            page.fill("input[name=new_password]", new_password)
            page.fill("input[name=repeat_password]", new_password)
            page.click("form[action='/account/password'] button[type=submit]")
            expect(page).to_have_url(base + "/")
            expect(page.locator(".flash")).to_contain_text("Password changed")

            copied = context.cookies()
            page.click("form[action='/logout'] button[type=submit]")
            expect(page).to_have_url(base + "/login")

            thief = browser.new_context()
            thief.add_cookies(copied)  # type: ignore[arg-type]  # Cookie vs SetCookieParam
            stolen = thief.new_page()
            stolen.goto(base + "/")
            expect(stolen).to_have_url(re.compile(r"/login\?next="))

            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", new_password)
            page.click("button[type=submit]")
            expect(page).to_have_url(base + "/")
        finally:
            browser.close()
