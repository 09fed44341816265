# Everything a fresh machine needs, from Python 3.11 and make alone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BUNDLE := var/models/default

.PHONY: install install-test-services run test lint format benchmarks clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# retrained when the shipped data or the model code changes (a bundle of an older format is
# refused at start-up)
$(BUNDLE)/metadata.json: $(wildcard data/taxonomy.yaml data/lexicon/* data/tousu-zh/* models/*.py) | $(STAMP)
	$(BIN)/tousu train --out $(BUNDLE)

## run: train the default model if none is up to date, then start a Prefect server, the scheduled
## intake flows (with the demo inbox of data/samples) and the API on 127.0.0.1:8000
run: $(STAMP) $(BUNDLE)/metadata.json
	$(BIN)/tousu run --bundle $(BUNDLE) --demo

## test: lint, types and the whole test suite (what CI runs)
test: lint install-test-services
	$(BIN)/python -m pytest

# The tests start their own PostgreSQL and IMAP (Dovecot) servers from Debian's packages.
install-test-services:
	@{ ls /usr/lib/postgresql/*/bin/pg_ctl && command -v dovecot; } >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq postgresql dovecot-imapd; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## benchmarks: accuracy against baselines, throughput, training time, start-up, bundle size
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/seed_quality.py
	$(BIN)/python benchmarks/public_corpora.py
	$(BIN)/python benchmarks/channel_wrapping.py
	$(BIN)/python benchmarks/segmentation.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/training_time.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/ticket_intake.py
	$(BIN)/python benchmarks/predict_latency.py
	$(BIN)/python benchmarks/email_intake.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
