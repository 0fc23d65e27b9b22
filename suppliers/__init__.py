"""Suppliers: master data (names, org numbers, aliases, merges) and linking contract parties
and spend lines to them. Below `contracts`, which links a contract's supplier through it."""
