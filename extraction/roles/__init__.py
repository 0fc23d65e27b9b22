"""Candidates, then roles: rules find every date and duration in a contract, a small trained
model decides which of them is the signing date, the effective date, the end, the initial
term or the renewal term (see `candidates`, `model` and benchmarks/train_roles.py)."""
