# The README's two commands are `make demo` and `make test`; both install everything first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint schemas bench eval train-ner train-language lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

install: $(STAMP)

demo: install  ## embedded broker + worker + the bundled samples, summarised
	$(BIN)/warta demo

test: install  ## unit tests and integration tests against a real worker and broker
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

schemas: install  ## regenerate schemas/ from the record models
	$(BIN)/python -m warta.schemas

bench: install  ## throughput and memory, printed and written to bench.json
	$(BIN)/warta bench

eval: install  ## every stage's quality figures on held-out data
	for stage in language clean entities events stories; do $(BIN)/warta eval $$stage || exit 1; done

train-ner: install  ## rebuild the NER model from ../shared/data/ner (deterministic, ~2 min)
	nice -n 10 $(BIN)/python scripts/train_ner.py --data ../shared/data/ner

train-language: install  ## rebuild the language model from scripts/data/language (deterministic)
	$(BIN)/python scripts/train_language.py

lock:  ## re-pin requirements.lock from the current environment
	$(BIN)/pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
