"""All tables. Importing this package registers every model on `Base.metadata`."""

from core.models.audit import AuditEvent, SearchOutbox
from core.models.base import Base
from core.models.contracts import (
    Contract,
    ContractAccess,
    ContractParty,
    ContractPriceItem,
    FieldValue,
    ReviewState,
    Visibility,
)
from core.models.documents import UNFINISHED_STATES, Document, DocumentPage, DocumentState
from core.models.lifecycle import ContractEvent, LifecycleKind
from core.models.sessions import UserSession
from core.models.spend import SpendColumnMapping, SpendImport, SpendLine
from core.models.suppliers import Category, Supplier, SupplierAlias
from core.models.users import ApiToken, Role, User

__all__ = [
    "UNFINISHED_STATES",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Category",
    "Contract",
    "ContractAccess",
    "ContractEvent",
    "ContractParty",
    "ContractPriceItem",
    "Document",
    "DocumentPage",
    "DocumentState",
    "FieldValue",
    "LifecycleKind",
    "ReviewState",
    "Role",
    "SearchOutbox",
    "SpendColumnMapping",
    "SpendImport",
    "SpendLine",
    "Supplier",
    "SupplierAlias",
    "User",
    "UserSession",
    "Visibility",
]
