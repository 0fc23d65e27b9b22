#!/usr/bin/env python3
"""Fetch pdf.js (the npm package `pdfjs-dist`) into web/static/vendor/pdfjs/.

The contract page shows PDFs with pdf.js served from this site (no CDN), but its files are
~4 MB of generated JavaScript that do not belong in git: `make` runs this script instead. The
version is pinned and the tarball's SHA-512 must equal the registry's integrity value below,
so a changed or tampered tarball is refused, never installed. Only the files the viewer loads
are unpacked. Standard library only: it runs before any dependency is installed.

Usage: python3 scripts/fetch_pdfjs.py [--target DIR] [--force]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VERSION = "4.10.38"
TARBALL_URL = f"https://registry.npmjs.org/pdfjs-dist/-/pdfjs-dist-{VERSION}.tgz"
# `npm view pdfjs-dist@4.10.38 dist.integrity`
INTEGRITY = (
    "sha512-/Y3fcFrXEAsMjJXeL9J8+ZG9U01LbuWaYypvDW2ycW1jL269L3js3DVBjDJ0Up9Np1uqDXsDrRihHANhZOlwdQ=="
)
DEFAULT_TARGET = Path(__file__).resolve().parents[1] / "web/static/vendor/pdfjs"
# Tarball member -> name under the target. Fonts and CMaps let pdf.js draw PDFs that do not
# embed their fonts (common in older contracts).
WANTED_FILES = {
    "package/build/pdf.min.mjs": "pdf.min.mjs",
    "package/build/pdf.worker.min.mjs": "pdf.worker.min.mjs",
    "package/LICENSE": "LICENSE",
}
WANTED_FOLDERS = {"package/standard_fonts/": "standard_fonts/", "package/cmaps/": "cmaps/"}
STAMP = "VERSION"
TIMEOUT_SECONDS = 60


class FetchError(Exception):
    pass


def installed_version(target: Path) -> str | None:
    stamp = target / STAMP
    return stamp.read_text().strip() if stamp.is_file() else None


def download(url: str) -> bytes:
    if not url.startswith("https://"):
        raise FetchError(f"refusing a non-https URL: {url}")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return bytes(response.read())
    except OSError as error:
        raise FetchError(f"could not download {url}: {error}") from error


def check_integrity(data: bytes, integrity: str = INTEGRITY) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise FetchError(f"unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise FetchError(
            f"pdfjs-dist {VERSION}: checksum mismatch (expected sha512-{expected}, "
            f"got sha512-{actual}); nothing installed"
        )


def destination(member: str) -> str | None:
    if member in WANTED_FILES:
        return WANTED_FILES[member]
    for prefix, folder in WANTED_FOLDERS.items():
        rest = member[len(prefix):]
        # Only plain names inside the folder: no sub-paths, so nothing lands outside target.
        if member.startswith(prefix) and rest and "/" not in rest and not rest.startswith("."):
            return folder + rest
    return None


def unpack(data: bytes, target: Path) -> int:
    """Write the wanted members into a fresh folder beside `target`, then swap it in, so an
    interrupted run never leaves half a pdf.js behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pdfjs-", dir=target.parent))
    written = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                name = destination(member.name)
                if name is None or not member.isfile():
                    continue
                source = archive.extractfile(member)
                if source is None:
                    continue
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(source.read())
                written += 1
        missing = [name for name in WANTED_FILES.values() if not (staging / name).is_file()]
        if missing:
            raise FetchError(f"pdfjs-dist {VERSION} lacks {', '.join(missing)}")
        (staging / STAMP).write_text(VERSION + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET)
    parser.add_argument("--force", action="store_true", help="fetch even if installed")
    args = parser.parse_args(argv)
    if not args.force and installed_version(args.target) == VERSION:
        return 0
    try:
        data = download(TARBALL_URL)
        check_integrity(data)
        count = unpack(data, args.target)
    except FetchError as error:
        print(f"fetch_pdfjs: {error}", file=sys.stderr)
        return 1
    print(f"pdf.js {VERSION}: {count} files in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
