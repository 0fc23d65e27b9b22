"""What only the embedded tantivy adapter has: a directory on disk, a schema marker, a lock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from search_api.port import IndexedContract, SearchQuery
from search_api.tantivy.index import SearchIndexBusyError, TantivySearchIndex
from search_api.tantivy.schema import SCHEMA_MARKER, SCHEMA_VERSION, SearchIndexSchemaError

TODAY = dt.date(2025, 6, 1)
VIEWER = frozenset({"org"})


def contract(contract_id: int, title: str) -> IndexedContract:
    return IndexedContract(contract_id=contract_id, title=title, principals=["org"])


def titles(index: TantivySearchIndex, text: str = "") -> list[str]:
    result = index.search(SearchQuery(text=text, today=TODAY, sort="value"), VIEWER)
    return sorted(hit.title for hit in result.hits)


def test_index_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with TantivySearchIndex(path) as index:
        assert index.created
        index.upsert([contract(1, "Rammeavtale Bodø"), contract(2, "Lease")])
    reopened = TantivySearchIndex(path)
    assert not reopened.created
    assert reopened.count() == 2
    assert titles(reopened, "bodo") == ["Rammeavtale Bodø"]
    # The custom analyzer is registered again on open, so new writes analyze the same way.
    reopened.upsert([contract(3, "Avtale for Tromsø")])
    assert titles(reopened, "tromso") == ["Avtale for Tromsø"]
    reopened.close()


def test_in_memory_index_leaves_nothing_behind(tmp_path: Path) -> None:
    index = TantivySearchIndex(None)
    index.upsert([contract(1, "In memory")])
    assert index.count() == 1
    assert list(tmp_path.iterdir()) == []


def test_changed_schema_version_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with TantivySearchIndex(path) as index:
        index.upsert([contract(1, "Old")])
    (path / SCHEMA_MARKER).write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}))
    with pytest.raises(SearchIndexSchemaError, match="rebuild"):
        TantivySearchIndex(path)


def test_missing_marker_counts_as_another_schema(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with TantivySearchIndex(path) as index:
        index.upsert([contract(1, "Old")])
    (path / SCHEMA_MARKER).unlink()
    with pytest.raises(SearchIndexSchemaError):
        TantivySearchIndex(path)


def test_rebuild_on_schema_change_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "index"
    with TantivySearchIndex(path) as index:
        index.upsert([contract(1, "Old")])
    (path / SCHEMA_MARKER).write_text("{}")
    unrelated = path / "notes.txt"
    unrelated.write_text("not ours")
    index = TantivySearchIndex(path, rebuild_on_schema_change=True)
    assert index.created
    assert index.count() == 0
    assert unrelated.read_text() == "not ours"
    index.upsert([contract(2, "New")])
    assert titles(index) == ["New"]
    index.close()
    assert json.loads((path / SCHEMA_MARKER).read_text())["schema_version"] == SCHEMA_VERSION


def test_one_writer_at_a_time_but_readers_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "index"
    writer = TantivySearchIndex(path)
    writer.upsert([contract(1, "First")])
    reader = TantivySearchIndex(path)  # opening and searching needs no lock
    assert titles(reader) == ["First"]
    with pytest.raises(SearchIndexBusyError):
        reader.upsert([contract(2, "Second")])
    writer.close()
    reader.upsert([contract(2, "Second")])
    assert titles(reader) == ["First", "Second"]
    reader.close()


def test_a_reader_sees_another_writers_commit_at_once(tmp_path: Path) -> None:
    # Two web processes must not answer the same question differently: a reader may not
    # wait for tantivy's own (half-second) reload after another process committed.
    path = tmp_path / "index"
    writer = TantivySearchIndex(path)
    writer.upsert([contract(1, "First")])
    reader = TantivySearchIndex(path)
    assert titles(reader) == ["First"]
    for number in range(2, 6):
        writer.upsert([contract(number, f"Contract {number}")])
        assert len(titles(reader)) == number
        assert reader.count() == number
    writer.delete([1])
    assert "First" not in titles(reader)
    writer.close()


def test_body_fragment_is_the_densest_window() -> None:
    filler = "Lorem ipsum dolor sit amet. " * 30
    body = f"The price is firm. {filler} Each year the price follows indexation. {filler}"
    index = TantivySearchIndex(None)
    index.upsert([IndexedContract(contract_id=1, title="T", body=body, principals=["org"])])
    result = index.search(SearchQuery(text="price indexation", today=TODAY), VIEWER)
    (fragment,) = result.hits[0].highlights["body"]
    assert "<mark>price</mark> follows <mark>indexation</mark>" in fragment
    assert fragment.startswith("… ") and fragment.endswith(" …")
    assert len(fragment) < 300
