"""Supplier financial risk: register data through a port, key figures, indicators, level."""
