# congkhai — the two commands of the README, and a few helpers.
#   make site   install into .venv, check content/, build site/, say where to open it
#   make test   install everything the tests need (Chromium included) and run them all

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test test-dates serve check lint bench audit clean

site: $(VENV)/.installed
	$(BIN)/congkhai build --open

serve: $(VENV)/.installed
	$(BIN)/congkhai serve

check: $(VENV)/.installed
	$(BIN)/congkhai check --strict

test: $(VENV)/.installed-dev chromium vnu editor/node_modules/.installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

# Needs the vulnerability database (PyPI's JSON API); runs in GitHub Actions.
audit: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --requirement constraints.txt --no-deps --disable-pip --strict

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

# The virtualenv is rebuilt when the dependency pins change.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

# The staff editor's tests run its JavaScript with node and serve a local repository with
# decap-server (pinned in editor/package-lock.json); Debian's nodejs and npm when missing.
editor/node_modules/.installed: editor/package.json editor/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	cd editor && npm ci --no-audit --no-fund --silent
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used);
# the print test reads the QR code back from the PDF with poppler and zbar; the hosting test
# serves the site with Debian's nginx; `make test-dates` moves the clock with faketime.
SYSTEM_COMMANDS := chromium zbarimg pdftoppm nginx faketime
SYSTEM_PACKAGES := chromium fonts-dejavu-core zbar-tools poppler-utils nginx-light faketime

.PHONY: chromium
chromium:
	@missing=""; for c in $(SYSTEM_COMMANDS); do \
	  PATH="$$PATH:/usr/sbin:/sbin" command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	[ -z "$$missing" ] || { echo "installing for:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); }

# The suite on other days: a year ahead, and at the end of a quarter. The build date is pinned
# in the tests, so they must pass on any day; the live-preview tests compare file times with
# the clock and stay out of this run.
test-dates: $(VENV)/.installed-dev chromium
	faketime '+400 days' $(BIN)/pytest -q -m "not browser" --ignore=tests/test_serve.py
	faketime '2027-12-31 23:30:00' $(BIN)/pytest -q -m "not browser" --ignore=tests/test_serve.py

# The W3C Nu HTML checker (npm vnu-jar, run with Debian's Java): every page must be valid HTML.
# Lighthouse (npm) is for `make lighthouse`, a benchmark, not a test. Both live in .tools/.
TOOLS := .tools
VNU_JAR := $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
.PHONY: vnu lighthouse
vnu: $(VNU_JAR)
$(VNU_JAR):
	@command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm; }
	npm install --no-save --no-audit --no-fund --prefix $(TOOLS) vnu-jar@26.9.27

$(TOOLS)/node_modules/.bin/lighthouse:
	npm install --no-save --no-audit --no-fund --prefix $(TOOLS) vnu-jar@26.9.27 lighthouse@13.5.0

# Lighthouse (mobile preset, Debian's Chromium) on home, catalogue, a procedure and search,
# served with gzip; the scores go to bench/results/lighthouse.{json,md}.
lighthouse: $(VENV)/.installed-dev chromium $(TOOLS)/node_modules/.bin/lighthouse
	$(BIN)/python -m bench.lighthouse

clean:
	rm -rf site .site-new-* .site-old-* .congkhai tests/output
