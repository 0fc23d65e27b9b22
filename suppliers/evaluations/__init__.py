"""Supplier evaluations (scorecards): weighted templates, evaluations, evaluators' scores."""
