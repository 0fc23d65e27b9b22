"""Watches and alerts: saved searches, deadline watches, the scheduler pass and delivery."""
