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
# Material 9 prints an end-of-life banner on every build; MOTORER.md says what comes after it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup chromium hunspell serve site site-zensical check test test-quick bench lighthouse lock clean

help:
	@echo "make serve  – bygg og vis nettstedet på http://127.0.0.1:8000 med automatisk oppdatering"
	@echo "make site   – bygg det statiske nettstedet i site/"
	@echo "make site-zensical – bygg de samme sidene med Zensical i site-zensical/"
	@echo "make check  – stavekontroll, Markdown-lint, sidebeskrivelser, ruff, mypy, biome og streng bygging"
	@echo "make test   – kjør hele testsamlingen (installerer Chromium ved behov)"
	@echo "make test-quick – testene uten nettleser, noen minutter (etter en ny kalkulator)"
	@echo "make bench  – mål hvor raskt kalkulatorene svarer, på mobilnett og lokalt, mot ren Pyodide (skriver bench/results/)"
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

# The spell-check's hunspell with Debian's Norwegian Bokmål and English dictionaries.
HUNSPELL_DICTIONARIES := /usr/share/hunspell/nb_NO.dic /usr/share/hunspell/en_US.dic
hunspell:
	@command -v hunspell >/dev/null 2>&1 && ls $(HUNSPELL_DICTIONARIES) >/dev/null 2>&1 || { \
	  echo "Installerer hunspell med norsk og engelsk ordbok fra Debian (trengs for stavekontrollen) …"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq hunspell hunspell-no hunspell-en-us >/dev/null; }

# --dirty: a saved page is rebuilt alone (about a second); the calculators plugin rebuilds
# every page when more than a page's text changed (build_scripts/mkdocs_plugin/dirty_reload.py).
# --strict, as `make site`: a broken link or anchor stops the rebuild with its file named, and
# the browser keeps the last good pages until it is fixed.
SERVE_ADDR ?= 127.0.0.1:8000
serve: setup
	@$(BIN)/python -c 'import socket, sys; host, port = "$(SERVE_ADDR)".rsplit(":", 1); s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); sys.exit(s.bind((host, int(port))))' 2>/dev/null || { \
	  echo "Adressen $(SERVE_ADDR) er i bruk, kanskje av en annen make serve. Stopp den, eller velg en annen port: make serve SERVE_ADDR=127.0.0.1:8001" >&2; exit 1; }
	$(BIN)/mkdocs serve --dirty --strict --dev-addr $(SERVE_ADDR)

site: setup
	$(BIN)/mkdocs build --strict --site-dir site

# The same docs built by Zensical (Material for MkDocs' successor), which runs the Markdown
# extension but none of MkDocs' plugins, then finished by the engine-independent step.
# MOTORER.md says what differs.
site-zensical: setup
	rm -rf site-zensical
	SITE_DIR=site-zensical NO_COLOR=1 $(BIN)/zensical build -f mkdocs.yml
	$(BIN)/python -m build_scripts finish site-zensical

# Every check runs even when an earlier one fails, so one run lists everything to fix.
check: setup hunspell
	@status=0; \
	echo "== Stavekontroll, Markdown og sidebeskrivelser (docs/)"; $(BIN)/python -m build_scripts.checks || status=1; \
	echo "== ruff check"; $(BIN)/ruff check || status=1; \
	echo "== ruff format --check"; $(BIN)/ruff format --check || status=1; \
	echo "== mypy"; $(BIN)/mypy || status=1; \
	echo "== biome (JavaScript: lint og format)"; npx --no-install biome check || status=1; \
	echo "== mkdocs build --strict"; $(BIN)/mkdocs build --strict --site-dir .cache/check-site || status=1; \
	exit $$status

# Two pytest-xdist workers: most of the suite waits on Chromium and Pyodide, not on a core.
# A file's tests stay in one worker; files that must not run side by side wait for each
# other (SERIAL_GROUPS in tests/conftest.py). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: setup chromium hunspell
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --cov --cov-report=term

# The tests without a browser (calculators, build code, the built site, the checks): what a
# maintainer runs after a new calculator, before `make test`.
test-quick: setup hunspell
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not browser" -q

# Not a test: prints medians and ratios, writes JSON to bench/results/ (see docs/utvikling/ytelse.md).
# On 127.0.0.1 at full speed, then at 4G's and slow 4G's pace, every lever measured (~40 min);
# then Lighthouse's mobile audit of every page type (~10 min).
# BENCH_ARGS="--rounds 5", "--profiles 4g", "--no-levers" or "--skip-build" (the build timings);
# LIGHTHOUSE_ARGS="--runs 5", "--pages calculator,front" or "--rev <git revision>" (before/after).
BENCH_ARGS ?=
LIGHTHOUSE_ARGS ?=
bench: setup chromium lighthouse
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m bench --profiles loopback,4g,slow-4g --levers $(BENCH_ARGS)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m bench.lighthouse $(LIGHTHOUSE_ARGS)

# Lighthouse for make bench only, pinned by bench/npm/'s lock and kept out of the project's
# package.json, so make serve and make test never install it.
LIGHTHOUSE_DIR := .cache/lighthouse
lighthouse: $(LIGHTHOUSE_DIR)/.installed
$(LIGHTHOUSE_DIR)/.installed: bench/npm/package.json bench/npm/package-lock.json
	mkdir -p $(LIGHTHOUSE_DIR)
	cp bench/npm/package.json bench/npm/package-lock.json $(LIGHTHOUSE_DIR)/
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund
	touch $@

# Regenerate the pinned, hashed dependency set from pyproject.toml.
lock: 
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules site site-zensical .cache .pytest_cache .mypy_cache .ruff_cache .coverage
