"""Importing a supplier register from CSV and XLSX: columns found by their headers in English
or Norwegian, known suppliers updated rather than added twice, bad rows reported with their
line and reason while the good ones are imported, and the same through the API and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import World
from openpyxl import Workbook
from sqlalchemy import func, select

from avtale.runtime import Runtime
from core.models import AuditEvent, Role, Supplier, SupplierAlias
from suppliers.register_files import UnreadableRegisterError
from suppliers.register_import import RegisterImportSummary, import_register_file

AVTALE = Path(sys.executable).with_name("avtale")
# Valid Norwegian org numbers (MOD11); 923609017 is 923609016 with a typo in the check digit.
RENHOLD, BYGG, DATA = "923609016", "987654309", "987654317"

REGISTER_CSV = (
    "Leverandørnavn;Organisasjonsnummer;Land;Andre navn\n"
    "Renhold Vest AS;923 609 016;NO;Vest Renhold| RV Renhold\n"
    ";987654325;NO;\n"                                       # line 3: no name
    "Feil Nummer AS;923609017;NO;\n"                         # line 4: check digit wrong
    "Bygg og Anlegg AS;987654309;Norge;\n"
    "Acme Holdings Ltd;01234567;GB;Acme Trading\n"
    "Konsulent Hansen;;;\n"                                  # no org number: by name
    "\n"                                                     # blank lines are skipped
    "Oslo Data AS;987654317;XX1;\n"                          # line 9: no such country
)


def _import(runtime: Runtime, path: Path) -> RegisterImportSummary:
    with runtime.database.session() as session:
        return import_register_file(session, path)


def _suppliers(runtime: Runtime) -> dict[str, Supplier]:
    with runtime.database.session() as session:
        found = session.scalars(select(Supplier)).all()
        for supplier in found:
            _ = supplier.aliases  # loaded before the session closes
        return {s.name: s for s in found}


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_csv_register_imports_good_rows_and_reports_bad_ones(runtime: Runtime,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "leverandører.csv"
    path.write_bytes(REGISTER_CSV.encode("cp1252"))  # a Windows export: ø in cp1252
    summary = _import(runtime, path)
    assert summary.columns == {"name": "Leverandørnavn", "org_number": "Organisasjonsnummer",
                               "country": "Land", "aliases": "Andre navn"}
    assert (summary.rows_read, summary.created, summary.updated, summary.rejected) == (7, 4, 0, 3)
    problems = {p.line: p.reason for p in summary.problems}
    assert set(problems) == {3, 4, 9}
    assert problems[3] == "no supplier name"
    assert "check digit" in problems[4]
    assert "country" in problems[9]

    suppliers = _suppliers(runtime)
    assert set(suppliers) == {"Renhold Vest AS", "Bygg og Anlegg AS", "Acme Holdings Ltd",
                              "Konsulent Hansen"}
    renhold = suppliers["Renhold Vest AS"]
    assert (renhold.org_number, renhold.country) == (RENHOLD, "NO")
    assert {a.alias for a in renhold.aliases} >= {"Vest Renhold", "RV Renhold"}
    assert suppliers["Bygg og Anlegg AS"].country == "NO"  # "Norge" read as Norway
    assert suppliers["Acme Holdings Ltd"].org_number == "01234567"
    assert suppliers["Konsulent Hansen"].org_number is None


def test_reimport_adds_nothing_and_known_suppliers_are_updated(runtime: Runtime,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER_CSV, encoding="utf-8")
    _import(runtime, path)
    again = _import(runtime, path)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 4, 3)
    with runtime.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Supplier)) == 4
        aliases = session.scalar(select(func.count()).select_from(SupplierAlias))

    # Another layout of the register, in English: same org number = the same supplier, even
    # renamed; a supplier known without a number gets one, found by its name written another
    # way; an empty country keeps the one known.
    changed = tmp_path / "register-2.csv"
    changed.write_text(
        "Supplier name,Company number,Country,Aliases\n"
        "Renhold Vest Holding AS,923609016,,\n"
        f"KONSULENT HANSEN,{DATA},NO,Hansen Consulting\n"
        "Bygg og Anlegg AS,,,\n", encoding="utf-8")
    summary = _import(runtime, changed)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 1), summary
    suppliers = _suppliers(runtime)
    assert "Renhold Vest AS" not in suppliers
    renamed = suppliers["Renhold Vest Holding AS"]
    assert renamed.country == "NO"
    # The old name stays one the supplier is known by (spend files still use it).
    assert "Renhold Vest AS" in {a.alias for a in renamed.aliases}
    hansen = suppliers["KONSULENT HANSEN"]
    assert (hansen.org_number, hansen.country) == (DATA, "NO")
    assert "Hansen Consulting" in {a.alias for a in hansen.aliases}
    with runtime.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Supplier)) == 4
        assert session.scalar(select(func.count()).select_from(SupplierAlias)) == aliases + 2
        updates = session.scalars(select(AuditEvent.action)).all()
    assert updates.count("supplier.updated") == 2 and updates.count("supplier.created") == 4


def test_a_name_another_supplier_has_is_refused_not_merged(runtime: Runtime,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text("name,orgnr\n"
                    f"Renhold Vest AS,{RENHOLD}\n"
                    f"Renhold Vest AS,{BYGG}\n"                # the name, another number
                    f"Bygg AS,{BYGG},\n"
                    f"Bygg og Anlegg AS,{BYGG}\n", encoding="utf-8")  # renamed: fine
    summary = _import(runtime, path)
    assert (summary.created, summary.updated, summary.rejected) == (2, 1, 1)
    (problem,) = summary.problems
    assert problem.line == 3 and "belongs to supplier" in problem.reason
    assert problem.name == "Renhold Vest AS"


def test_xlsx_register_with_a_title_row_and_numbers_as_numbers(runtime: Runtime,
                                                               tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "register.xlsx", [
        ["Leverandørregister 2026"],  # a title above the header
        [],
        ["Navn", "Orgnr", "Land", "Alias 1", "Alias 2"],
        ["Renhold Vest AS", int(RENHOLD), "NO", "Vest Renhold", None],
        ["Bygg og Anlegg AS", float(BYGG), None, "Bygg-Anlegg", "B&A Entreprenør"],
        [None, int(DATA), "NO", None, None],
        ["Feil AS", 923609017, "NO", None, None],
    ])
    summary = _import(runtime, path)
    assert summary.columns["aliases"] == "Alias 1, Alias 2"
    assert (summary.created, summary.rejected) == (2, 2)
    assert {(p.line, p.reason.split(" (")[0]) for p in summary.problems} == {
        (6, "no supplier name"),
        (7, "org number 923609017 is not a valid Norwegian organisation number")}
    suppliers = _suppliers(runtime)
    assert suppliers["Bygg og Anlegg AS"].org_number == BYGG  # 987654309.0 read as digits
    assert {a.alias for a in suppliers["Bygg og Anlegg AS"].aliases} >= {
        "Bygg-Anlegg", "B&A Entreprenør"}
    assert _import(runtime, path).unchanged == 2


def test_a_file_without_a_name_column_is_refused_whole(runtime: Runtime,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "spend.csv"
    path.write_text("Date,Amount\n2026-01-01,100\n", encoding="utf-8")
    with pytest.raises(UnreadableRegisterError, match="no column names the supplier"):
        _import(runtime, path)
    binary = tmp_path / "register.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(UnreadableRegisterError, match="binary"):
        _import(runtime, binary)


def test_api_import_is_for_editors(world: World, tmp_path: Path) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    viewer = world.make_user("les@example.no", Role.VIEWER)
    files = {"files": ("register.csv", REGISTER_CSV.encode(), "text/csv")}
    refused = viewer.client.post("/api/v1/suppliers/import", files=files)
    assert refused.status_code == 403
    response = editor.client.post("/api/v1/suppliers/import", files=files)
    assert response.status_code == 200, response.text
    (result,) = response.json()["imports"]
    assert (result["created"], result["rejected"]) == (4, 3)
    assert [p["line"] for p in result["problems"]] == [3, 4, 9]
    listed = editor.client.get("/api/v1/suppliers").json()
    assert len(listed) == 4
    bad = editor.client.post("/api/v1/suppliers/import",
                             files={"files": ("x.csv", b"Date,Amount\n1,2\n", "text/csv")})
    assert bad.status_code == 422 and "x.csv" in bad.json()["detail"]


def test_cli_import_prints_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER_CSV, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env["AVTALE_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(AVTALE), "suppliers", "import", *args], env=env,
                              capture_output=True, text=True, timeout=300, check=False)

    first = run(str(path))
    assert first.returncode == 0, first.stderr
    assert "7 rows: 4 added, 0 updated, 0 unchanged, 3 rejected" in first.stdout
    assert "register.csv:4: org number 923609017" in first.stdout
    second = run(str(path))
    assert "0 added, 0 updated, 4 unchanged" in second.stdout
    missing = run(str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "not found" in missing.stderr
