"""A misconfigured trained NLP model stops the service at start, with a clear message,
instead of failing every document later."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtale.runtime import Runtime
from core.settings import Settings
from extraction.nlp import NlpModelUnavailableError


def test_unknown_nlp_model_fails_at_start(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, nlp_model="xx_no_such_model_sm")
    with pytest.raises(NlpModelUnavailableError, match="xx_no_such_model_sm"):
        Runtime.build(settings)
