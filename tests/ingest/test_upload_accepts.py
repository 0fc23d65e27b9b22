"""The upload forms offer every kind of file the reader takes, so the browser's file picker
does not hide `.doc` or `.msg` files."""

from __future__ import annotations

import re

from conftest import World
from page_client import Browser

from core.models import Role
from ingest.document_reader import SUFFIXES


def _accepted(page: str) -> set[str]:
    [accept] = re.findall(r'name="files" accept="([^"]*)"', page)
    return set(accept.split(","))


def test_the_upload_and_attach_forms_accept_every_readable_file_type(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={"title": "Renhold"})
    assert response.status_code == 201, response.text
    browser = Browser(world, editor)
    for url in ("/upload", f"/contracts/{response.json()['id']}"):
        assert set(SUFFIXES) <= _accepted(browser.get(url).text), url
