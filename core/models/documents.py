from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, BigInteger, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped


class DocumentState(enum.StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


UNFINISHED_STATES = (DocumentState.QUEUED, DocumentState.PROCESSING)


class Document(Timestamped, Base):
    """One original file, identified by its SHA-256; the same bytes are one document."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL"), index=True
    )
    filename: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[DocumentState] = mapped_column(
        Enum(DocumentState, native_enum=False, length=20), default=DocumentState.QUEUED, index=True
    )
    failure_reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    # When a worker took it; another worker may take it over only once this is older than
    # the processing lease (a worker that died mid-document).
    claimed_at: Mapped[dt.datetime | None]
    page_count: Mapped[int | None]
    language: Mapped[str | None] = mapped_column(String(5))
    ocr_pages: Mapped[list[int] | None] = mapped_column(JSON)
    # The tesseract languages each of those pages was read with, by page number as text
    # (JSON keys): {"3": "nor+eng"}.
    ocr_languages: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # The original with a text layer on its OCR'd pages (in the file store under this
    # digest); None when no page needed OCR.
    searchable_sha256: Mapped[str | None] = mapped_column(String(64))
    # What it is to its contract: None for the contract itself, else "amendment",
    # "appendix" or "renewal" (said at upload, or read from its heading); its number
    # ("Amendment No. 2") orders the contract's documents and decides which amendment's
    # terms are the latest.
    relation: Mapped[str | None] = mapped_column(String(20))
    relation_number: Mapped[int | None]
    relation_quote: Mapped[str | None] = mapped_column(Text)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Visibility of the contract that ingest creates for this document.
    requested_visibility: Mapped[str] = mapped_column(String(20), default="organisation")
    # The last extraction result (the JSON of `avtale extract`), kept for review.
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    pages: Mapped[list[DocumentPage]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentPage.number"
    )

    def ocr_languages_by_page(self) -> dict[int, str]:
        return {int(page): languages for page, languages in (self.ocr_languages or {}).items()}


class DocumentPage(Base):
    __tablename__ = "document_pages"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_pages_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]  # 1-based
    text: Mapped[str] = mapped_column(Text)
    ocr: Mapped[bool] = mapped_column(default=False)
