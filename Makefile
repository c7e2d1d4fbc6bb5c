# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DB ?= parley.duckdb

.PHONY: demo test setup setup-dev bench score clean corpus

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(DEVSTAMP): $(STAMP) requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $(DEVSTAMP)

setup: $(STAMP)
setup-dev: $(DEVSTAMP)

demo: $(STAMP)
	$(BIN)/parley ingest demo/corpus --db $(DB)

test: $(DEVSTAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest_throughput.py

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py field --gold ../shared/eval/field-dev --cmd "$(BIN)/parley extract --format jsonl"
	$(BIN)/python ../shared/eval/score.py plover --gold ../shared/eval/plover-gsr/dev.jsonl --cmd "$(BIN)/parley extract --format jsonl"

corpus: $(STAMP)
	$(BIN)/python scripts/build_demo.py

clean:
	rm -rf $(VENV) $(DB) build .pytest_cache
