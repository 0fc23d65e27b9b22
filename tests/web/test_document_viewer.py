"""The PDF beside a contract's terms: shown only to those who may see the contract, served
from this site, and the page still works (and says so) when pdf.js was not fetched."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from conftest import Actor, World
from page_client import Browser
from pdf_factory import pdf_from_text

from core.models import Role
from scripts import fetch_pdfjs
from web import document_viewer

CONTRACT = ("Services Agreement between Fjordbyen kommune (the Customer) and Acme AS (the "
            "Supplier).\nThis Agreement is governed by the laws of Norway.")


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def upload_contract(world: World, actor: Actor) -> int:
    response = actor.client.post("/api/v1/documents", files=[
        ("files", ("services.pdf", pdf_from_text(CONTRACT), "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    status = actor.client.get(
        f"/api/v1/documents/{response.json()['documents'][0]['id']}").json()
    assert status["status"] == "ready", status
    return int(status["contract_id"])


def test_contract_page_offers_the_viewer_and_each_evidence_link(
    world: World, editor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract_id = upload_contract(world, editor)
    page = Browser(world, editor).get(f"/contracts/{contract_id}").text
    shown = editor.client.get(f"/api/v1/contracts/{contract_id}").json()
    document_id = shown["documents"][0]["id"]
    if document_viewer.pdfjs_installed():
        assert 'id="document-viewer"' in page and 'src="/static/document_viewer.js"' in page
    assert f'data-document="{document_id}"' in page  # "Show on page N" links
    monkeypatch.setattr(document_viewer, "PDFJS_DIR", tmp_path)  # as if never fetched
    without = Browser(world, editor).get(f"/contracts/{contract_id}").text
    assert 'data-state="unavailable"' in without and "document_viewer.js" not in without
    assert f'href="/api/v1/documents/{document_id}/file"' in without

    outsider = world.make_user("outsider@example.no", Role.VIEWER)
    restricted = editor.client.patch(f"/api/v1/contracts/{contract_id}",
                                     json={"visibility": "restricted"})
    assert restricted.status_code == 200
    assert outsider.client.get(f"/api/v1/documents/{document_id}/file").status_code == 404
    assert Browser(world, outsider).get(f"/contracts/{contract_id}").status_code == 404


def _tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_fetch_refuses_a_tarball_whose_checksum_differs() -> None:
    with pytest.raises(fetch_pdfjs.FetchError, match="checksum mismatch"):
        fetch_pdfjs.check_integrity(b"not the real pdf.js")


def test_fetch_unpacks_only_the_viewers_files_and_nothing_outside(tmp_path: Path) -> None:
    data = _tarball({
        "package/build/pdf.min.mjs": b"// pdf", "package/build/pdf.worker.min.mjs": b"// w",
        "package/LICENSE": b"Apache", "package/standard_fonts/FoxitFixed.pfb": b"font",
        "package/standard_fonts/../../evil.js": b"no", "package/build/pdf.mjs": b"unused",
    })
    target = tmp_path / "pdfjs"
    fetch_pdfjs.unpack(data, target)
    written = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert written == ["LICENSE", "VERSION", "pdf.min.mjs", "pdf.worker.min.mjs",
                       "standard_fonts/FoxitFixed.pfb"]
    assert not (tmp_path / "evil.js").exists()
    assert document_viewer.pdfjs_installed(target)
