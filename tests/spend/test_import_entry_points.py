"""Spend import through the API, the upload page and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import World
from signin import csrf_of, signed_in_browser

from core.models import Role

CSV = "Date,Supplier,Amount\n2024-01-02,Acme Ltd,100.00\n2024-01-03,Acme Ltd,oops\n"
ODD = "When,Who,How much\n01/02/2024,Acme Ltd,10.00\n"


def test_api_imports_and_reports_rejected_rows(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/spend/imports",
                                  files={"files": ("jan.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    (summary,) = response.json()["imports"]
    assert (summary["status"], summary["rows_imported"], summary["rows_rejected"]) == (
        "done", 1, 1)
    assert summary["problems"] == [{"file": "jan.csv", "line": 3, "rejected": True,
                                    "reason": "amount 'oops' is not a number"}]
    again = editor.client.post("/api/v1/spend/imports",
                               files={"files": ("jan-again.csv", CSV.encode(), "text/csv")})
    assert again.json()["imports"][0]["rows_already_imported"] == 1


def test_viewers_read_imports_but_may_not_import(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    refused = viewer.client.post("/api/v1/spend/imports",
                                 files={"files": ("jan.csv", CSV.encode(), "text/csv")})
    assert refused.status_code == 403
    assert viewer.client.get("/api/v1/spend/imports").status_code == 200


def test_api_corrects_a_mapping_and_remembers_it(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    first = editor.client.post("/api/v1/spend/imports",
                               files={"files": ("odd.csv", ODD.encode(), "text/csv")})
    summary = first.json()["imports"][0]
    assert summary["status"] == "needs_mapping"
    assert summary["headers"] == ["When", "Who", "How much"]
    mapping = {"date": "When", "supplier_name": "Who", "amount": "How much"}
    wrong = editor.client.post(f"/api/v1/spend/imports/{summary['id']}/mapping",
                               json={"headers": summary["headers"],
                                     "mapping": {"date": "When"}})
    assert wrong.status_code == 422 and "supplier_name" in wrong.text
    fixed = editor.client.post(f"/api/v1/spend/imports/{summary['id']}/mapping",
                               json={"headers": summary["headers"], "mapping": mapping})
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["status"], fixed.json()["rows_imported"]) == ("done", 1)
    proposal = editor.client.post("/api/v1/spend/mappings/proposal",
                                  json={"headers": ["when", "WHO", "How much"], "mapping": {}})
    assert proposal.json()["mapping"] == mapping and proposal.json()["missing"] == []


def test_upload_page_imports_and_offers_the_mapping(world: World) -> None:
    world.make_user("editor@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "editor@example.no")
    form = browser.get("/spend/import")
    assert form.status_code == 200 and 'name="files"' in form.text
    posted = browser.post("/spend/import", data={"csrf_token": csrf_of(form.text)},
                          files={"files": ("odd.csv", ODD.encode(), "text/csv")},
                          follow_redirects=True)
    assert posted.status_code == 200
    assert "needs_mapping" in posted.text and 'name="field_supplier_name"' in posted.text
    action = posted.text.split('action="/spend/imports/')[1].split('"')[0]
    corrected = browser.post(f"/spend/imports/{action}", data={
        "csrf_token": csrf_of(posted.text), "field_date": "When", "field_supplier_name": "Who",
        "field_amount": "How much"}, follow_redirects=True)
    assert corrected.status_code == 200
    assert "<strong>1</strong> imported" in corrected.text
    assert "remembered for this layout" in corrected.text


def _avtale(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env["AVTALE_DATA_DIR"] = str(data_dir)
    command = [str(Path(sys.executable).with_name("avtale")), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def test_cli_imports_with_a_summary(tmp_path: Path) -> None:
    good = tmp_path / "jan.csv"
    good.write_text(CSV)
    odd = tmp_path / "odd.csv"
    odd.write_text(ODD)
    done = _avtale(tmp_path / "data", "spend", "import", str(good))
    assert done.returncode == 0, done.stderr
    assert "1 files, 2 rows: 1 imported, 0 already imported, 1 rejected" in done.stdout
    assert "jan.csv:3: amount 'oops' is not a number" in done.stdout
    mapped = _avtale(tmp_path / "data", "spend", "import", str(odd), "--mapping",
                     json.dumps({"date": "When", "supplier_name": "Who", "amount": "How much"}))
    assert mapped.returncode == 0, mapped.stderr
    assert "1 imported" in mapped.stdout
    unmapped = _avtale(tmp_path / "data", "spend", "import", str(good), str(tmp_path / "x.csv"))
    assert unmapped.returncode == 1 and "not found" in unmapped.stderr
    rematch = _avtale(tmp_path / "data", "spend", "rematch")
    assert rematch.returncode == 0 and "2 lines: 0 on contract" in rematch.stdout


def test_a_spend_file_over_a_mebibyte_uploads(world: World) -> None:
    """Spend files are larger than the 1 MiB other request bodies may be."""
    editor = world.make_user("bigfile@example.no", Role.EDITOR)
    rows = "".join(f"0{1 + n % 9}.03.2024;Leverandør {n % 50} AS;{n},50\n"
                   for n in range(60_000))
    data = ("Dato;Leverandør;Beløp\n" + rows).encode("utf-8")
    assert len(data) > 1024 * 1024
    response = editor.client.post("/api/v1/spend/imports",
                                  files=[("files", ("stor.csv", data, "text/csv"))])
    assert response.status_code == 200, response.text[:300]
