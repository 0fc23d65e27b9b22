"""The contracts every `SearchIndex` adapter is tested with, relative to a fixed today.

Each carries the status the deadline engine would have stored for TODAY (adapters never
compute a status): contract 4 has no dates at all, so its status is "unknown".
"""

from __future__ import annotations

import datetime as dt

from search_api.port import IndexedContract

TODAY = dt.date(2025, 6, 1)
ORG = frozenset({"org", "user:1"})
ADMIN = frozenset({"user:2", "role:admin"})
LEGAL = frozenset({"org", "group:legal"})
ACME = "Acme Consulting AS"
BETA = "Beta Software Ltd"


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


CORPUS = [
    IndexedContract(
        contract_id=1,
        status="expiring",
        title="Master Services Agreement",
        parties=[ACME, "Oslo kommune"],
        body=(
            "The supplier shall deliver consulting services. Fees are subject to price "
            "indexation every January. The liability cap equals the annual fees. "
            "Hosting is not included."
        ),
        supplier=ACME,
        category="IT services",
        end_date=days(20),
        notice_deadline=days(5),
        value=500_000,
        currency="NOK",
        principals=["org"],
    ),
    IndexedContract(
        contract_id=2,
        status="expired",
        title="Rammeavtale om renhold",
        parties=["Renhold Nord AS", "Tromsø kommune"],
        body=(
            "Leverandøren skal levere renhold av kontorlokaler. Prisjustering skjer årlig "
            "etter konsumprisindeksen. Avtalen kan sies opp med tre måneders varsel."
        ),
        supplier="Renhold Nord AS",
        category="Facility management",
        governing_law="Norway",
        end_date=days(-10),
        value=120_000,
        currency="NOK",
        principals=["org"],
    ),
    IndexedContract(
        contract_id=3,
        status="active",
        title="Software licence agreement",
        parties=[BETA],
        body=(
            "The licence fee is subject to price indexation each year. "
            "Liability is limited to the fees paid in the previous twelve months."
        ),
        supplier=BETA,
        category="IT services",
        governing_law="England and Wales",
        end_date=days(200),
        notice_deadline=days(100),
        value=75_000,
        currency="EUR",
        principals=["org"],
    ),
    IndexedContract(
        contract_id=4,
        status="unknown",
        title="Cloud hosting agreement <img src=x onerror=alert(1)>",
        parties=[ACME],
        body=(
            "Hosting of the platform. Fees follow <script>alert('x')</script> "
            "price indexation. Hosting availability is 99.9 percent."
        ),
        supplier=ACME,
        category="IT services",
        principals=["org"],
    ),
    IndexedContract(
        contract_id=5,
        status="expiring",
        title="Confidential settlement agreement",
        parties=["Gamma Legal"],
        body="Confidential merger terms. Price indexation does not apply.",
        supplier="Gamma Legal",
        category="Legal",
        end_date=days(60),
        notice_deadline=days(1),
        value=9_000_000,
        principals=["group:legal", "role:admin"],
    ),
    IndexedContract(
        contract_id=6,
        status="active",
        title="Perpetual software licence",
        parties=[BETA],
        body="The price is fixed for the term; no indexation applies to this licence.",
        supplier=BETA,
        category="IT services",
        end_date=days(-100),
        perpetual=True,
        value=10_000,
        principals=["org"],
    ),
    IndexedContract(
        contract_id=7,
        status="active",
        title="Printer lease",
        body="Lease of printers with price indexation.",
        supplier="Print AS",
        category="Office",
        end_date=days(400),
        principals=["user:42"],
    ),
]
VISIBLE_TO_ORG = {1, 2, 3, 4, 6}
