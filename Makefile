# Everything a maintainer or CI runs. `make serve` and `make test` set up what they need
# (Python env, npm packages, Chromium) on a fresh machine, then do their job.

VENV      := .venv
BIN       := $(VENV)/bin
# The first Python >= 3.12 on PATH (pyodide-build needs it); .python-version asks pyenv for 3.13.
PYTHON    := $(shell for p in python3.13 python3.12 python3 python; do \
               if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
               then command -v $$p; break; fi; done)
CHROMIUM  ?= /usr/bin/chromium
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Material 9 prints an end-of-life banner on every build; DESIGN.md already plans for it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup chromium serve site test lock clean

help:
	@echo "make serve  – bygg og vis nettstedet på http://127.0.0.1:8000 med automatisk oppdatering"
	@echo "make site   – bygg det statiske nettstedet i site/"
	@echo "make test   – kjør hele testsamlingen (installerer Chromium ved behov)"
	@echo "make lock   – oppdater requirements.lock etter en endring i pyproject.toml"

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@[ -n "$(PYTHON)" ] || { echo "Fant ingen Python 3.12 eller nyere på PATH. Installer Python 3.12+ (for eksempel med pyenv) og prøv igjen." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installerer Chromium fra Debian (trengs for nettlesertestene) …"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: setup
	$(BIN)/mkdocs build --strict --site-dir site

test: setup chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --cov --cov-report=term

# Regenerate the pinned, hashed dependency set from pyproject.toml.
lock: 
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules site .cache .pytest_cache .mypy_cache .ruff_cache .coverage
