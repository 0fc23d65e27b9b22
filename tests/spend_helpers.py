"""Spend test data with known answers, shared by the matching and report tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.db import Database
from core.models import Category, Contract, Supplier, SupplierAlias


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


SPEND = (
    "Date,Supplier,Org number,Amount,Category\n"
    "2023-12-31,Renhold Vest AS,923609016,100,Cleaning\n"     # before the contract
    "2024-01-15,RENHOLD VEST,,200,Cleaning\n"                # by name, in force
    "2024-06-30,Renhold Vest,,300,cleaning\n"                # last day of the term
    "2024-07-01,Renhold Vest AS,,400,Cleaning\n"             # after it ended
    "2024-03-01,Whatever Name,923609016,500,Cleaning\n"      # by org number
    "2024-03-01,Acme Trading,,600,Office supplies\n"          # by alias, open-ended
    "2024-03-01,Acme Holdings Ltd,,700,Catering\n"           # contract names another category
    "2024-03-01,Redacted personal data,,800,Grants\n"
    "2024-03-01,,,900,Grants\n"
    "2024-03-01,Nobody We Know Ltd,,1000,Cleaning\n"
    "00:00:00,Acme Holdings Ltd,,1100,Office supplies\n"     # no date: no contract
)


def setup_known_world(database: Database) -> dict[str, int]:
    with database.session() as session:
        cleaning = Category(name="Cleaning")
        office = Category(name="Office supplies", code="6500")
        session.add(Category(name="Catering"))
        renhold = Supplier(name="Renhold Vest AS", org_number="923609016")
        acme = Supplier(name="Acme Holdings Limited")
        acme.aliases.append(SupplierAlias(alias="ACME Trading", normalized="acme trading"))
        session.add_all([cleaning, office, renhold, acme])
        session.flush()
        cleaning_contract = Contract(title="Cleaning", supplier_id=renhold.id,
                                     effective_date=dt.date(2024, 1, 1),
                                     ends_on=dt.date(2024, 6, 30))
        office_contract = Contract(title="Office", supplier_id=acme.id,
                                   category_id=office.id, effective_date=dt.date(2023, 1, 1),
                                   auto_renewal=True)
        session.add_all([cleaning_contract, office_contract])
        session.flush()
        return {"renhold": renhold.id, "acme": acme.id, "cleaning": cleaning.id,
                "office": office.id, "cleaning_contract": cleaning_contract.id,
                "office_contract": office_contract.id}
