# DeepCommons: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint fmt bench seed lock migrate messages chromium clean

help: ## Show this help
	@echo "DeepCommons: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  %-10s %s\n", $$1, $$2}'

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

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
