"""The synthetic-but-realistic contract corpus of the search benchmark, streamed into a
runtime's database in batches (100,000 contracts of tens of pages do not fit in memory).

Bodies are tens of pages long (`pages` per contract drawn from a range, `words_per_page`
each). Sentences come from the real contracts in ../shared/data/cuad-dev when it is there
(read once with pypdfium2), mixed with clause sentences of a few topics per contract so that a
topical query matches a subset, as in a real archive; without ../shared only the topical
sentences are used. Suppliers follow a long tail, categories a tree, end dates and values
spread; about one in ten contracts is restricted to its owner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from avtale.runtime import Runtime
from core.models import (
    Category,
    Contract,
    ContractAccess,
    ContractParty,
    Document,
    DocumentPage,
    DocumentState,
    Supplier,
    Visibility,
)

CUAD_PDFS = Path(__file__).resolve().parents[2] / "shared" / "data" / "cuad-dev" / "pdf"
BATCH = 500

CUSTOMER = "Bergen kommune"

# Clause topics: each contract covers some of them, so a topical query matches a subset.
TOPICS: dict[str, list[str]] = {
    "liability": ["limitation of liability", "liability cap", "consequential damages",
                  "indirect loss", "aggregate liability", "annual fees", "gross negligence"],
    "indexation": ["price indexation", "consumer price index", "annual price adjustment",
                   "Statistics Norway", "index regulation", "base index"],
    "confidentiality": ["confidential information", "non-disclosure", "trade secrets",
                        "need to know", "public access", "confidentiality obligations"],
    "termination": ["termination for convenience", "notice period", "material breach",
                    "termination for cause", "written notice", "cure period"],
    "renewal": ["automatic renewal", "renewal term", "extension option", "initial term",
                "successive periods", "option to extend"],
    "data_protection": ["personal data", "data processing agreement", "GDPR", "sub-processor",
                        "data subject", "processing instructions"],
    "service_levels": ["service level", "availability", "response time", "service credits",
                       "incident", "maintenance window"],
    "intellectual_property": ["intellectual property", "licence", "source code", "escrow",
                              "moral rights", "background IP"],
    "payment": ["invoice", "payment terms", "thirty days", "late payment interest",
                "electronic invoicing", "EHF"],
    "insurance": ["insurance", "professional indemnity", "public liability insurance",
                  "insured sum", "certificate of insurance"],
    "audit": ["audit rights", "records", "inspection", "auditor", "books and accounts"],
    "force_majeure": ["force majeure", "beyond reasonable control", "pandemic", "strike",
                      "natural disaster"],
    "subcontracting": ["subcontractor", "prior written consent", "pay and working conditions",
                       "supply chain", "human rights due diligence"],
    "warranty": ["warranty", "defects", "remedy", "warranty period", "fitness for purpose"],
    "delivery": ["delivery", "delivery date", "Incoterms", "acceptance test", "handover",
                 "delay"],
    "penalties": ["liquidated damages", "daily penalty", "delay penalty", "cap on penalties"],
    "security": ["information security", "ISO 27001", "penetration test", "encryption",
                 "security incident"],
    "environment": ["environmental requirements", "emissions", "climate", "recycling",
                    "Eco-Lighthouse", "sustainability"],
    "disputes": ["governing law", "Norwegian law", "Oslo District Court", "arbitration",
                 "negotiation", "mediation"],
    "change_control": ["change request", "change order", "variation", "change control board"],
    "anti_corruption": ["anti-corruption", "bribery", "conflict of interest", "ethical standards"],
    "exclusivity": ["exclusivity", "non-solicitation", "non-compete", "most favoured customer"],
}
_GENERAL_WORDS = (
    "agreement party parties shall may must within days months year years written notice "
    "provided that unless otherwise agreed pursuant to clause schedule appendix customer "
    "supplier services deliverables obligations rights reasonable including without "
    "limitation applicable law period term date effective accordance hereunder thereof "
    "such any all each other respective costs fees price amount terms conditions "
    "requirements documentation performance compliance responsible liable breach remedy "
    "consent approval request information report meeting representative project plan "
    "specification quality standard procedure deadline milestone acceptance delivery "
    "personnel resources location premises equipment software hardware licence support "
    "maintenance update version release training user access system data security"
)
GENERAL = _GENERAL_WORDS.split()
STARTERS = ["The Supplier shall", "The Customer may", "Each party shall", "The parties agree that",
            "Notwithstanding the foregoing,", "Subject to clause 12,", "Leverandøren skal",
            "Kunden kan", "Unless otherwise agreed,", "Where applicable,"]
SUPPLIER_HEADS = ["Nordic", "Vest", "Fjord", "Atlas", "Polar", "Bjørke", "Havn", "Granitt",
                  "Nord", "Sol", "Tind", "Elv", "Kyst", "Berg", "Lys", "Sky", "Furu", "Stein"]
SUPPLIER_CORES = ["Consulting", "Renhold", "IT", "Logistics", "Bygg", "Data", "Energi",
                  "Security", "Software", "Catering", "Transport", "Legal", "Print", "Medical"]
SUPPLIER_TAILS = ["AS", "ASA", "Ltd", "AB", "Group AS"]
CATEGORIES: dict[str, list[str]] = {
    "IT": ["Software", "Hardware", "Consulting", "Cloud services", "Telecom"],
    "Facilities": ["Cleaning", "Security", "Energy", "Maintenance"],
    "Professional services": ["Legal", "Audit", "Recruitment", "Advisory"],
    "Transport": ["Fleet", "Travel", "Freight"],
    "Health": ["Medical supplies", "Pharmaceuticals"],
    "Food": ["Catering", "Groceries"],
}
TITLE_KINDS = ["Framework agreement", "Rammeavtale", "Service agreement", "Licence agreement",
               "Consultancy agreement", "Supply agreement", "Maintenance agreement",
               "Data processing agreement", "Avtale om kjøp av tjenester"]

LAWS = ["Norway", "Norway", "Norway", "England and Wales", "Sweden", "Delaware"]

TEXT_QUERIES = [
    "liability", '"limitation of liability"', 'indexation OR "consumer price index"',
    "confidential* -draft", 'termination "notice period"', "escrow",
    '"personal data" sub-processor', "renewal", '"service credits"', "GDPR",
    '"force majeure" pandemic', "title:rammeavtale", "party:fjord", "insurance indemnity",
    '"liability cap" "annual fees"', "arbitration OR mediation", "penetration test",
    "indeks*", "subcontractor -exclusivity", '"automatic renewal" "written notice"',
    "Eco-Lighthouse", "source code", "Incoterms delivery", "bribery", "body:climate",
]


@dataclass
class Corpus:
    suppliers: list[str]
    categories: list[str]
    contracts: int = 0
    restricted: int = 0
    words: int = 0
    pages: int = 0
    real_sentences: int = 0
    stats: dict[str, Any] = field(default_factory=dict)


def real_sentences(limit_files: int | None = None) -> list[str]:
    """Sentences of 8-60 words from the real CUAD contracts, or [] without ../shared."""
    if not CUAD_PDFS.is_dir():
        return []
    import pypdfium2

    found: list[str] = []
    for path in sorted(CUAD_PDFS.glob("*.pdf"))[:limit_files]:
        try:
            pdf = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError:
            continue
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        for sentence in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
            if 8 <= len(sentence.split()) <= 60:
                found.append(sentence)
    return found


def sentence_pool(rng: random.Random, per_topic: int = 120) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for topic, phrases in TOPICS.items():
        sentences = []
        for _ in range(per_topic):
            words = [rng.choice(STARTERS), rng.choice(phrases)]
            words += rng.choices(GENERAL, k=rng.randint(8, 16))
            words.append(rng.choice(phrases))
            words += rng.choices(GENERAL, k=rng.randint(2, 6))
            sentences.append(" ".join(words) + ".")
        pool[topic] = sentences
    return pool


def stored_status(end: dt.date | None, perpetual: bool, today: dt.date) -> str:
    """What the deadline engine stores for a contract with only an end date (no renewal)."""
    if perpetual:
        return "active"
    if end is None:
        return "unknown"
    if end < today:
        return "expired"
    return "expiring" if (end - today).days <= 90 else "active"


def make_pages(rng: random.Random, topical: dict[str, list[str]], real: list[str],
               header: str, pages: int, words_per_page: int) -> list[str]:
    """`pages` pages of about `words_per_page` words: one topical sentence in three."""
    topics = rng.sample(sorted(topical), k=rng.randint(6, 12))
    out: list[str] = []
    for number in range(pages):
        parts = [header] if number == 0 else []
        count = len(header.split()) if number == 0 else 0
        while count < words_per_page:
            if real and rng.random() < 0.67:
                sentence = real[rng.randrange(len(real))]
            else:
                sentence = rng.choice(topical[rng.choice(topics)])
            parts.append(sentence)
            count += sentence.count(" ") + 1
        out.append(" ".join(parts))
    return out


def build_corpus(runtime: Runtime, count: int, seed: int, owner_ids: list[int], viewer_id: int,
                 *, pages: tuple[int, int] = (10, 30), words_per_page: int = 300) -> Corpus:
    """Insert suppliers, categories, contracts, parties, documents and pages, in batches."""
    rng = random.Random(seed)
    topical = sentence_pool(rng)
    real = real_sentences()
    today = dt.date.today()
    names = sorted({f"{h} {c} {t}" for h in SUPPLIER_HEADS for c in SUPPLIER_CORES
                    for t in SUPPLIER_TAILS})
    rng.shuffle(names)
    names = names[:400]
    # A few suppliers hold many contracts, most hold few (as in real procurement).
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    category_rows, leaves = _categories()
    corpus = Corpus(suppliers=names, categories=[c for _, c in leaves],
                    real_sentences=len(real))
    with runtime.database.session() as session:
        session.execute(insert(Supplier), [{"id": i + 1, "name": n} for i, n in enumerate(names)])
        session.execute(insert(Category), category_rows)
    for first in range(1, count + 1, BATCH):
        rows = _Rows()
        for contract_id in range(first, min(count, first + BATCH - 1) + 1):
            _contract(rng, rows, corpus, contract_id, names, weights, leaves, today,
                      owner_ids, viewer_id, topical, real, pages, words_per_page, seed)
        rows.insert(runtime)
    return corpus


@dataclass
class _Rows:
    contracts: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    access: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, runtime: Runtime) -> None:
        with runtime.database.session() as session:
            session.execute(insert(Contract), self.contracts)
            session.execute(insert(ContractParty), self.parties)
            if self.access:
                session.execute(insert(ContractAccess), self.access)
            session.execute(insert(Document), self.documents)
            session.execute(insert(DocumentPage), self.pages)


def _categories() -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    rows: list[dict[str, Any]] = []
    leaves: list[tuple[int, str]] = []
    next_id = 1
    for root, children in CATEGORIES.items():
        root_id = next_id
        rows.append({"id": root_id, "name": root, "parent_id": None})
        next_id += 1
        for child in children:
            rows.append({"id": next_id, "name": child, "parent_id": root_id})
            leaves.append((next_id, f"{root} / {child}"))
            next_id += 1
    return rows, leaves


def _contract(rng: random.Random, rows: _Rows, corpus: Corpus, contract_id: int,
              names: list[str], weights: list[float], leaves: list[tuple[int, str]],
              today: dt.date, owner_ids: list[int], viewer_id: int,
              topical: dict[str, list[str]], real: list[str], pages: tuple[int, int],
              words_per_page: int, seed: int) -> None:
    supplier_index = rng.choices(range(len(names)), weights=weights)[0]
    supplier = names[supplier_index]
    category_id, category = rng.choice(leaves)
    title = f"{rng.choice(TITLE_KINDS)} {category.split(' / ')[-1].lower()} {supplier}"
    perpetual = rng.random() < 0.05
    end = None if perpetual or rng.random() < 0.1 else (
        today + dt.timedelta(days=rng.randint(-730, 1825)))
    notice_months = rng.choice([1, 3, 3, 6, 12])
    notice = end - dt.timedelta(days=30 * notice_months) if end else None
    restricted = rng.random() < 0.1
    corpus.restricted += restricted
    owner_id = rng.choice(owner_ids)
    rows.contracts.append({
        "id": contract_id, "title": title, "supplier_id": supplier_index + 1,
        "category_id": category_id, "owner_id": owner_id,
        "visibility": Visibility.RESTRICTED if restricted else Visibility.ORGANISATION,
        "source": "upload", "language": "en", "notes": "", "perpetual": perpetual,
        "auto_renewal": rng.random() < 0.3, "end_date": end, "computed_end_date": end,
        "current_term_end": end, "status": stored_status(end, perpetual, today),
        "deadlines_as_of": today, "governing_law": rng.choice(LAWS),
        "notice_deadline": notice, "notice_period": {"count": notice_months, "unit": "month"},
        "value_amount": Decimal(round(10 ** rng.uniform(4, 8), 2)).quantize(Decimal("0.01")),
        "value_currency": rng.choice(["NOK", "NOK", "NOK", "EUR"]),
    })
    rows.parties.append({"contract_id": contract_id, "name": CUSTOMER, "role": "customer"})
    rows.parties.append({"contract_id": contract_id, "name": supplier, "role": "supplier"})
    if restricted and owner_id != viewer_id and rng.random() < 0.3:
        rows.access.append({"contract_id": contract_id, "principal": f"user:{viewer_id}"})
    header = (f"{title}. This agreement is made between {CUSTOMER} (the Customer) and "
              f"{supplier} (the Supplier) for {category}."
              + (f" It expires on {end.isoformat()}." if end else ""))
    texts = make_pages(rng, topical, real, header, rng.randint(*pages), words_per_page)
    corpus.contracts += 1
    corpus.pages += len(texts)
    corpus.words += sum(text.count(" ") + 1 for text in texts)
    sha = hashlib.sha256(f"{seed}:{contract_id}".encode()).hexdigest()
    rows.documents.append({
        "id": contract_id, "sha256": sha, "contract_id": contract_id,
        "filename": f"contract-{contract_id}.pdf", "size_bytes": sum(map(len, texts)) * 3,
        "state": DocumentState.READY, "page_count": len(texts), "language": "en",
        "requested_visibility": "restricted" if restricted else "organisation",
    })
    rows.pages += [{"document_id": contract_id, "number": n + 1, "text": text}
                   for n, text in enumerate(texts)]

