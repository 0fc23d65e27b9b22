"""Spend tests: a migrated database without the rest of the runtime (imports and reports
need nothing else), and helpers to write small spend files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED_DATA

from core.db import Database
from core.migrate import upgrade

OXFORD = SHARED_DATA / "spend-oxford"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    built = Database(database_url)
    upgrade(built)
    yield built
    built.dispose()


@pytest.fixture
def oxford_files(tmp_path: Path) -> list[Path]:
    """Copies of the 17 Oxford spend files (the originals are read-only)."""
    if not OXFORD.is_dir():
        pytest.skip(f"{OXFORD} is not here")
    target = tmp_path / "oxford"
    target.mkdir()
    copies = []
    for source in sorted(OXFORD.glob("*.csv")):
        copies.append(Path(shutil.copy(source, target / source.name)))
    assert len(copies) == 17
    return copies
