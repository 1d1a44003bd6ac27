# CAE suite for Odoo 18.0 — see README.md
# PYTHON is the interpreter into which Odoo 18.0 is pip-installed.
PYTHON ?= python3
DEMO_DB ?= cae_demo
HTTP_PORT ?= 8069
MODULES := cae_demo
TEST_TAGS ?=
RESET ?=

ODOO_CHECK = bash tools/check_odoo.sh $(PYTHON)
ADDONS_PATH = $$($(PYTHON) tools/odoo_env.py addons-path)

.PHONY: help setup deps system-deps postgres demo run test lint i18n bench loadtest

help:
	@echo "make setup   Python and system dependencies, PostgreSQL role, demo database $(DEMO_DB) (RESET=1 recreates it)"
	@echo "make run     Odoo on 127.0.0.1:$(HTTP_PORT) with $(DEMO_DB)"
	@echo "make test    every test on a throwaway database, ends with 'N passed, N failed' (TEST_TAGS=... for a subset)"
	@echo "make lint    ruff, pylint-odoo, Odoo 18 view syntax, translations"
	@echo "make loadtest  Locust $(LOADTEST_DURATION) against Odoo (4 workers) on $(LOADTEST_DB), a copy of the bench database: 40 entrepreneurs, 5 support, 5 admin users"

setup: deps demo

# what the tests need: Python packages, wkhtmltopdf and chromium, a PostgreSQL that answers
deps: system-deps postgres
	@$(ODOO_CHECK)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt

system-deps:
	@$(ODOO_CHECK)
	@bash tools/system_deps.sh

postgres:
	@bash tools/pg_ensure.sh

demo: postgres
	@$(ODOO_CHECK)
	@$(PYTHON) tools/demo_db.py --db $(DEMO_DB) --modules $(MODULES) $(if $(RESET),--reset)

run:
	@$(ODOO_CHECK)
	@bash tools/pg_ensure.sh
	$(PYTHON) -m odoo --database=$(DEMO_DB) --db-filter='^$(DEMO_DB)$$' \
		--addons-path=$(ADDONS_PATH) --http-interface=127.0.0.1 --http-port=$(HTTP_PORT)

test:
	@$(ODOO_CHECK)
	@TEST_TAGS='$(TEST_TAGS)' $(PYTHON) tools/run_tests.py

lint:
	@$(ODOO_CHECK)
	@bash tools/lint.sh $(PYTHON)

# regenerate each module's .pot and merge it into fr.po (then translate what is new)
i18n:
	@$(ODOO_CHECK)
	@$(PYTHON) tools/i18n.py update

# month-end operations of a generated CAE against the platform's floor (not part of make test)
BENCH_ACTIVITIES ?= 500
# the migration import of that many lines as a background job (0: not measured)
BENCH_JOB_LINES ?= 50000
bench:
	@$(ODOO_CHECK)
	@bash tools/pg_ensure.sh
	@$(PYTHON) tests/benchmark/bench.py --activities $(BENCH_ACTIVITIES) --job-lines $(BENCH_JOB_LINES) $(if $(RESET),--reset)

# Locust (in its own virtualenv .loadtest-venv/) against Odoo with 4 workers on the
# database of make bench; prints requests, failures, p50/p95/p99 per page
LOADTEST_DB ?= cae_loadtest
LOADTEST_DURATION ?= 2m
LOADTEST_PORT ?= 8079
loadtest:
	@$(ODOO_CHECK)
	@bash tools/pg_ensure.sh
	@$(PYTHON) tools/loadtest.py --db $(LOADTEST_DB) --duration $(LOADTEST_DURATION) --port $(LOADTEST_PORT)

# each addon's README.rst from its manifest and readme/*.md (make lint checks they are up to date)
.PHONY: readme
readme:
	@$(PYTHON) tools/gen_readme.py
