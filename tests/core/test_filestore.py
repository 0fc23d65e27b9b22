"""The file store keeps originals by the SHA-256 of their bytes, written atomically."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from core.filestore import FileStore, sha256_of


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_put_returns_the_sha256_and_stores_under_it(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    data = b"%PDF-1.7 a signed contract"
    digest = store.put(data)
    assert digest == hashlib.sha256(data).hexdigest() == sha256_of(data)
    assert store.exists(digest)
    assert store.get(digest) == data
    assert store.path_for(digest) == tmp_path / digest[:2] / digest[2:4] / digest
    assert all_files(tmp_path) == [store.path_for(digest)]


def test_same_bytes_are_one_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    first = store.put(b"the same contract")
    stat_before = store.path_for(first).stat()
    second = store.put(b"the same contract")
    assert first == second
    assert all_files(tmp_path) == [store.path_for(first)]
    # The second put did not rewrite the file.
    assert store.path_for(first).stat().st_mtime_ns == stat_before.st_mtime_ns


def test_different_bytes_are_different_files(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    digests = {store.put(b"contract A"), store.put(b"contract B"), store.put(b"")}
    assert len(digests) == 3
    assert len(all_files(tmp_path)) == 3
    assert store.get(sha256_of(b"")) == b""


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    for i in range(20):
        store.put(f"contract {i}".encode() * 1000)
    names = [p.name for p in all_files(tmp_path)]
    assert len(names) == 20
    assert not [n for n in names if n.startswith(".incoming-")]


def test_failed_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crash between the write and the rename (here: the rename fails) must leave neither a
    # half-written original under its final name nor a stray temporary file.
    store = FileStore(tmp_path)

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        store.put(b"never stored")
    monkeypatch.undo()
    assert all_files(tmp_path) == []
    assert not store.exists(sha256_of(b"never stored"))


@pytest.mark.parametrize(
    "digest",
    [
        "",
        "abc",
        "../../etc/passwd",
        "A" * 64,  # upper case is not how we name files
        "g" * 64,
        "0" * 63,
        "0" * 65,
        "0" * 62 + "/x",
        "0" * 64 + "\n",
    ],
)
def test_rejects_anything_but_a_sha256_hex_digest(tmp_path: Path, digest: str) -> None:
    store = FileStore(tmp_path)
    with pytest.raises(ValueError, match="SHA-256"):
        store.path_for(digest)
    with pytest.raises(ValueError, match="SHA-256"):
        store.get(digest)
    with pytest.raises(ValueError, match="SHA-256"):
        store.exists(digest)


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        FileStore(tmp_path).get("0" * 64)
