"""Request bodies whose text can be stored: PostgreSQL text cannot hold a NUL character
(it fails the whole statement with a DataError, a 500), so a body with one is a 422."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, model_validator


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class StorableText(BaseModel):
    """Base of request bodies: no NUL anywhere in the body's strings (keys included)."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul(cls, data: Any) -> Any:
        if _has_nul(data):
            raise ValueError("text may not contain NUL characters")
        return data
