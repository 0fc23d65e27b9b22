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
from core.models.watchers import (
    Alert,
    AlertDelivery,
    AlertDigest,
    AlertPreferences,
    AlertState,
    DeliveryState,
    DigestFrequency,
    InboxState,
    SavedSearch,
    Watch,
    WatchOrigin,
    Webhook,
)

__all__ = [
    "UNFINISHED_STATES",
    "Alert",
    "AlertDelivery",
    "AlertDigest",
    "AlertPreferences",
    "AlertState",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Category",
    "Contract",
    "ContractAccess",
    "ContractEvent",
    "ContractParty",
    "ContractPriceItem",
    "DeliveryState",
    "DigestFrequency",
    "Document",
    "DocumentPage",
    "DocumentState",
    "FieldValue",
    "InboxState",
    "LifecycleKind",
    "ReviewState",
    "Role",
    "SavedSearch",
    "SearchOutbox",
    "SpendColumnMapping",
    "SpendImport",
    "SpendLine",
    "Supplier",
    "SupplierAlias",
    "User",
    "UserSession",
    "Visibility",
    "Watch",
    "WatchOrigin",
    "Webhook",
]
