"""Spend: lines from the ledger, matched to suppliers, categories and contracts; contract
loyalty, leakage and purchase development."""
