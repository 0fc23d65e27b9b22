"""Candidates, then roles: rules find every date and duration in a contract, a small trained
model decides which of them is the signing date, the effective date, the end, the initial
term or the renewal term, for the roles it has weights for; the rules decide the rest (see
`candidates`, `model` and benchmarks/train_roles.py)."""
