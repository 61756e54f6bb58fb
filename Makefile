# meshkit: two commands for everything.
#   make serve   set up and serve the sample site on http://127.0.0.1:8000
#   make test    set up and run the whole test suite, browser tests included
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.installed
# make bench BENCH_SIZES=250,1000,4000,10000 adds the 10,000-guide site (about 8 more minutes)
BENCH_SIZES ?= 250,1000,4000

.PHONY: install serve build check test lint unit browser system checkers bench bench-quick clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/meshkit build

check: install
	$(BIN)/meshkit check

# Debian's Chromium for the browser tests (never a browser download), fonts for the
# scripts guides are translated into, Pango for WeasyPrint (reading packs' PDFs), poppler's
# pdftotext and pdftoppm to read PDFs in the tests, Java for the W3C Nu HTML checker, and
# Node.js with npm for the checkers. Each is looked for on its own and only the missing ones
# are installed: a machine whose Node.js is not Debian's brings its own npm, and Debian's npm
# conflicts with it.
# A package removed without --purge still answers `dpkg -s`, so its status is read instead.
system:
	@missing=; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for package in fonts-noto-core libpangoft2-1.0-0; do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $$missing >/dev/null; \
	fi

# The outside checkers (Nu HTML checker, Lighthouse), pinned by package-lock.json.
checkers: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install system checkers lint
	$(BIN)/pytest

unit: install
	$(BIN)/pytest -m "not browser"

# Build speed, memory and page weight against plain Material (see docs/benchmarks.md).
bench: install
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES) --max-nav 1000 --uncited --untranslated --unread --unmapped --engine --repeat 2

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick --uncited --untranslated

clean:
	rm -rf site .site-* test-artifacts .pytest_cache .mypy_cache .ruff_cache node_modules \
	  benchmarks/work
