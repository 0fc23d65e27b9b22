#!/usr/bin/env python3
"""Refresh web/locale/nb/LC_MESSAGES/messages.po from the messages in the code and templates.

Runs `pybabel extract` with the keywords the code uses (see web/i18n.py), then
`pybabel update`, which keeps every existing translation and adds new msgids with an empty
msgstr (tests/web/test_translations.py fails until someone fills them in).

Usage: .venv/bin/python scripts/update_catalogue.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "web/locale/nb/LC_MESSAGES/messages.po"
KEYWORDS = ("N_", "Np_:1,2", "t:2", "flash:2", "error_page:3", "translate:2")


def main() -> int:
    pybabel = Path(sys.executable).with_name("pybabel")
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "messages.pot"
        extract = [str(pybabel), "extract", "-F", str(ROOT / "babel.cfg"), "--no-location",
                   "--sort-output", "--omit-header", "-o", str(template)]
        for keyword in KEYWORDS:
            extract += ["-k", keyword]
        subprocess.run([*extract, str(ROOT)], check=True, cwd=ROOT)  # noqa: S603
        subprocess.run([str(pybabel), "update", "--no-fuzzy-matching", "--omit-header",  # noqa: S603
                        "-l", "nb", "-i", str(template), "-o", str(CATALOGUE)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
