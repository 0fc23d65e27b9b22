"""A reader child starts from the fork server as it is: it does not run the parent's main
module again (for the `avtale` script that is the whole CLI and web app, per document)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MAIN = """
from pathlib import Path
import sys

Path(sys.argv[1]).open("a").write(__name__ + "\\n")  # each run of this module leaves a line

from ingest.sandbox import ProcessLimits, run_limited

if __name__ == "__main__":
    assert run_limited("operator:add", (2, 3), ProcessLimits(seconds=60)) == 5
    assert run_limited("operator:mul", (2, 3), ProcessLimits(seconds=60)) == 6
"""


def test_reader_children_do_not_run_the_main_module_again(tmp_path: Path) -> None:
    script, runs = tmp_path / "main_script.py", tmp_path / "runs.txt"
    script.write_text(MAIN, encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(runs)], cwd=ROOT, check=True,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert runs.read_text(encoding="utf-8").splitlines() == ["__main__"]
