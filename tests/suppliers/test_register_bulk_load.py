"""`avtale suppliers load-register FILE`, run as a real process: Enhetsregisteret's bulk
download (a gzipped JSON array of entities with the API's fields, built here from the
fixtures in tests/fixtures/brreg, padded with entities we do not buy from) updates the
status flags of the suppliers we know and records the risk change a new flag brings; the
CSV variant reads the same; a truncated file is refused with a clear error."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from register_servers import fixture
from sqlalchemy import select

from avtale.runtime import Runtime
from core.models import Supplier, SupplierRegisterRecord, SupplierRiskChange
from suppliers.risk.bulk_load import CHUNK, entities

AVTALE = Path(sys.executable).with_name("avtale")


def _others(count: int) -> list[dict[str, Any]]:
    """Entities of companies we do not buy from, enough to span many read chunks."""
    template = fixture("brreg", "enheter_923609016.json")
    return [{**template, "organisasjonsnummer": f"8{n:08d}", "navn": f"ANDRE {n} AS"}
            for n in range(count)]


def _load(runtime: Runtime, path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env.update({"AVTALE_DATA_DIR": str(runtime.settings.data_dir),
                "AVTALE_DATABASE_URL": runtime.settings.resolved_database_url})
    return subprocess.run([str(AVTALE), "suppliers", "load-register", str(path)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_bulk_download_flags_the_suppliers_we_know(runtime: Runtime,
                                                       tmp_path: Path) -> None:
    with runtime.database.session() as session:
        healthy = Supplier(name="Renhold Vest AS", org_number="923609016")
        bankrupt = Supplier(name="Krise Bygg AS", org_number="987654321")
        session.add_all([healthy, bankrupt, Supplier(name="Not in the file AS",
                                                     org_number="911111111")])
        session.flush()
        # Known as low risk (a refresh found sound accounts and no flags).
        session.add(SupplierRegisterRecord(
            supplier_id=bankrupt.id, register="brreg", identifier="987654321",
            entity={"organisation_form": "AS"}, status_flags=[], risk_level="low",
            accounts=[{"year": 2025, "revenue": 50_000_000, "operating_result": 3_000_000,
                       "result_before_tax": 2_500_000, "equity": 6_000_000,
                       "total_assets": 20_000_000, "current_assets": 12_000_000,
                       "current_liabilities": 8_000_000}], failures=0))
        ids = (healthy.id, bankrupt.id)
    padding = _others(3000)
    listed = [*padding[:1500], fixture("brreg", "enheter_987654321.json"), *padding[1500:],
              fixture("brreg", "enheter_923609016.json")]
    path = tmp_path / "enheter_alle.json.gz"
    path.write_bytes(gzip.compress(json.dumps(listed, ensure_ascii=False).encode()))
    assert len(gzip.decompress(path.read_bytes())) > 20 * CHUNK  # read in many chunks

    result = _load(runtime, path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "3002 entities read, 2 suppliers updated, 1 risk changes, 3000 skipped")

    with runtime.database.session() as session:
        records = {r.supplier_id: r for r in session.scalars(select(SupplierRegisterRecord))}
        assert set(records) == set(ids)  # the supplier not in the file is left alone
        assert records[ids[0]].status_flags == [] and records[ids[0]].accounts == []
        flagged = records[ids[1]]
        assert flagged.status_flags == ["bankruptcy"] and flagged.risk_level == "high"
        assert flagged.accounts[0]["revenue"] == 50_000_000  # the kept figures stay
        (change,) = session.scalars(select(SupplierRiskChange)).all()
        assert (change.supplier_id, change.previous_level, change.level, change.new_flags) == (
            ids[1], "low", "high", ["bankruptcy"])

    # Loaded again: nothing new to tell.
    again = _load(runtime, path)
    assert again.returncode == 0 and "0 risk changes" in again.stdout


def test_the_csv_variant_and_a_truncated_file(runtime: Runtime, tmp_path: Path) -> None:
    text = ('"organisasjonsnummer";"navn";"organisasjonsform.kode";"konkurs";'
            '"underAvvikling";"underTvangsavviklingEllerTvangsopplosning"\n'
            '"987654321";"KRISE BYGG AS";"AS";"false";"true";"false"\n'
            '"923609016";"RENHOLD VEST AS";"AS";"false";"false";"false"\n')
    read = list(entities(io.StringIO(text)))
    assert [(e["organisasjonsnummer"], e["underAvvikling"], e["konkurs"]) for e in read] == [
        ("987654321", True, False), ("923609016", False, False)]
    assert read[0]["organisasjonsform"] == {"kode": "AS"}

    with runtime.database.session() as session:
        session.add(Supplier(name="Krise Bygg AS", org_number="987654321"))
    path = tmp_path / "enheter_alle.csv.gz"
    path.write_bytes(gzip.compress(text.encode()))
    result = _load(runtime, path)
    assert result.returncode == 0, result.stderr
    assert "2 entities read, 1 suppliers updated, 1 risk changes, 1 skipped" in result.stdout
    with runtime.database.session() as session:
        (record,) = session.scalars(select(SupplierRegisterRecord)).all()
        assert record.status_flags == ["winding_up"]

    truncated = tmp_path / "truncated.json.gz"
    whole = json.dumps([fixture("brreg", "enheter_987654321.json")] * 3).encode()
    truncated.write_bytes(gzip.compress(whole[: len(whole) - 40]))
    refused = _load(runtime, truncated)
    assert refused.returncode == 1
    assert "not a JSON array of entities" in refused.stderr


@pytest.mark.parametrize("text", ["[]", "  [ ]  ", ""])
def test_an_empty_download_has_no_entities(text: str) -> None:
    assert list(entities(io.StringIO(text))) == []
