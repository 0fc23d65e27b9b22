"""The watchers' service errors; endpoints turn them into HTTP answers."""

from __future__ import annotations


class NotFoundError(LookupError):
    """No such thing, or the user may not see it (the two are indistinguishable)."""


class ConflictError(ValueError):
    """The request clashes with what exists (e.g. a second watch on one contract)."""


class InputError(ValueError):
    """A request that cannot be applied; the message is safe to show."""


class NotAllowedError(PermissionError):
    pass
