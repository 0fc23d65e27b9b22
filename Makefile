# The two commands of the README: `make serve` and `make test`. Both set up .venv first.
VENV := .venv
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test lint
# pdf.js for the contract page's document viewer: fetched (pinned, checksum verified), not in git.
PDFJS := web/static/vendor/pdfjs/VERSION

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

$(PDFJS): scripts/fetch_pdfjs.py
	python3 scripts/fetch_pdfjs.py || echo "pdf.js could not be fetched: the contract page links to the PDF instead"

serve: $(STAMP) $(PDFJS)
	$(VENV)/bin/avtale serve

test: $(STAMP) $(PDFJS)
	scripts/system-deps.sh
	scripts/test-services.sh
	$(VENV)/bin/pytest -n 2 --durations=20

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
