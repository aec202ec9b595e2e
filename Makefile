# DeepCommons: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
SEMANTIC_STAMP := $(VENV)/.semantic
# The semantic extra needs torch, and pip left to itself takes its CUDA build
# (several GB). `+cpu` matches only a CPU wheel: from a wheel folder in pip's
# find-links, or from PyTorch's CPU index: make semantic TORCH_INDEX=<its URL>.
TORCH_VERSION := 2.13.0
TORCH_INDEX ?=
PIP_TORCH := $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint fmt bench seed lock lock-semantic semantic migrate messages chromium clean

help: ## Show this help
	@echo "DeepCommons: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

migrate: $(STAMP) ## Apply database migrations
	$(PY) manage.py migrate --noinput

messages: $(STAMP) ## Compile translations (.mo files are committed; this refreshes them)
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore '.venv' -v 0; fi

# Links in e-mails (digests, unsubscribe) are built from SITE_URL, since the
# worker that sends them has no request: `make run PORT=8011` must not mail
# links to port 8000. An explicit SITE_URL (a proxy, a public name) wins.
run: export SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))
run: $(STAMP) migrate ## Install, migrate, load demo data, serve on http://127.0.0.1:8000 with a task worker
	$(PY) manage.py demo
	trap 'kill 0' EXIT; \
	if [ -n "$$REDIS_URL" ]; then $(PY) manage.py rqworker default & else $(PY) manage.py worker & fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

seed: $(STAMP) migrate ## Generate synthetic data: make seed USERS=1000 POSTS=10000
	$(PY) manage.py seed --users $${USERS:-1000} --posts $${POSTS:-10000}

chromium: ## Install Debian's Chromium for browser tests if it is missing
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk; }

test: $(STAMP) chromium ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP) ## Tests without the browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not browser" $(PYTEST_ARGS)

semantic: $(SEMANTIC_STAMP) ## Optional: semantic similar questions (torch CPU + a 90 MB model)

$(SEMANTIC_STAMP): $(STAMP) requirements-semantic.lock
	$(PY) -m pip install --quiet $(PIP_TORCH) "torch==$(TORCH_VERSION)+cpu"
	$(PY) -m pip install --quiet $(PIP_TORCH) -r requirements-semantic.lock
	@if $(BIN)/pip list 2>/dev/null | grep -qi '^nvidia'; then \
	  echo "CUDA packages were installed next to torch; see docs/search.md"; exit 1; fi
	touch $(SEMANTIC_STAMP)

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy deepcommons

fmt: $(STAMP) ## Format and fix imports
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) ## Benchmarks; each prints ratios against a baseline from the same run
	@command -v wrk >/dev/null || apt-get install -y -qq wrk
	$(PY) bench/run.py $(BENCH)

lock: ## Re-pin requirements.lock from pyproject.toml
	rm -rf /tmp/dc-lock && $(PYTHON) -m venv /tmp/dc-lock
	/tmp/dc-lock/bin/pip install --quiet --upgrade pip
	/tmp/dc-lock/bin/pip install --quiet ".[dev]"
	/tmp/dc-lock/bin/pip freeze --exclude deepcommons > requirements.lock

lock-semantic: ## Re-pin requirements-semantic.lock: the semantic extra on top of requirements.lock
	rm -rf /tmp/dc-lock-semantic && $(PYTHON) -m venv /tmp/dc-lock-semantic
	/tmp/dc-lock-semantic/bin/pip install --quiet --upgrade pip
	/tmp/dc-lock-semantic/bin/pip install --quiet -r requirements.lock
	/tmp/dc-lock-semantic/bin/pip install --quiet $(PIP_TORCH) "torch==$(TORCH_VERSION)+cpu"
	/tmp/dc-lock-semantic/bin/pip install --quiet $(PIP_TORCH) ".[semantic]"
	/tmp/dc-lock-semantic/bin/pip freeze --exclude deepcommons | grep -vxFf requirements.lock \
	  > requirements-semantic.lock
	rm -rf build deepcommons.egg-info

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
