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
from core.models.evaluations import (
    Evaluation,
    EvaluationCriterion,
    EvaluationRequirement,
    EvaluationScore,
    EvaluationTemplate,
)
from core.models.lifecycle import ContractEvent, LifecycleKind
from core.models.sessions import UserSession
from core.models.spend import SpendColumnMapping, SpendImport, SpendLine, SpendRollup
from core.models.supplier_risk import RiskThresholds, SupplierRegisterRecord, SupplierRiskChange
from core.models.suppliers import Category, Supplier, SupplierAlias, SupplierSuggestion
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
    "Evaluation",
    "EvaluationCriterion",
    "EvaluationRequirement",
    "EvaluationScore",
    "EvaluationTemplate",
    "FieldValue",
    "InboxState",
    "LifecycleKind",
    "ReviewState",
    "RiskThresholds",
    "Role",
    "SavedSearch",
    "SearchOutbox",
    "SpendColumnMapping",
    "SpendImport",
    "SpendLine",
    "SpendRollup",
    "Supplier",
    "SupplierAlias",
    "SupplierRegisterRecord",
    "SupplierRiskChange",
    "SupplierSuggestion",
    "User",
    "UserSession",
    "Visibility",
    "Watch",
    "WatchOrigin",
    "Webhook",
]
