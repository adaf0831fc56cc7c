# Two commands for a newcomer: `make run` (portal with its seed content) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO ?= 1

.PHONY: run setup test lint clean elasticsearch

$(BIN)/python:
	$(PYTHON) scripts/make_venv.py $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The interface's catalogues (locale/, locale-vendor/), compiled whenever a .po is newer than its .mo.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/*.po locale-vendor/*/LC_MESSAGES/*.po)
.catalogues: $(CATALOGUES) | $(VENV)/.installed
	$(MANAGE) compile_catalogues
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,elasticsearch]"
	touch $(VENV)/.installed $@

## setup: install, migrate, import the seed content (and the demo content unless DEMO=0), index it,
## create the first editor account
setup: $(VENV)/.installed .catalogues
	mkdir -p var
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) import_seed
	if [ "$(DEMO)" = 1 ]; then $(MANAGE) load_demo; fi
	$(MANAGE) update_index
	$(MANAGE) ensure_editor

## run: setup, then serve on http://$(HOST):$(PORT) with the background task worker, Wagtail's scheduled publishing
## once a minute and the rencana aksi reminders once a day (the first a minute after start)
run: setup
	@echo "Meritopedia: http://$(HOST):$(PORT)/  (Ctrl+C berhenti)"
	@trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker & \
	i=0; while sleep 60; do $(MANAGE) publish_scheduled >/dev/null; \
		[ $$((i % 1440)) -ne 0 ] || $(MANAGE) send_action_reminders >/dev/null; i=$$((i + 1)); done & \
	$(MANAGE) runserver $(HOST):$(PORT)

## test: install the test dependencies, check the import contracts (pyproject.toml) and run the whole suite
test: $(VENV)/.installed-test .catalogues
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

## elasticsearch: fetch (from Maven Central), start and wait for a local Elasticsearch on 127.0.0.1:9200, for
## `SEARCH_BACKEND=elasticsearch make test`; reuses one that is already running
elasticsearch:
	bash scripts/elasticsearch.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var
