# Developer entry points; the logic lives in scripts/ (see README.md).
SHELL := /bin/bash
VENV ?= $(or $(KLACHTEN_VENV),.venv)

.PHONY: help test test-fast demo demo-serve venv lint lint-optional format find-odoo clean

help:
	@echo "make demo           set up Odoo 18 + Postgres + DB klachtenbeheer_demo and serve it on :8069"
	@echo "make demo-serve     serve the existing demo DB again (no reinstall)"
	@echo "make test           static checks, tooling tests, Odoo tests (fresh throwaway DB)"
	@echo "make test-fast      like test, but reuses DB kbtest_fast and upgrades (-u) the addons"
	@echo "make lint           only the static checks (pre-commit run --all-files)"
	@echo "make lint-optional  OCA's optional pylint-odoo checks (never blocking)"
	@echo "make format         apply ruff's fixes and formatting"
	@echo "make venv           create/update the project venv ($(VENV))"
	@echo "make find-odoo      show which Odoo 18 the scripts would use"

test:
	bash scripts/test.sh

test-fast:
	KLACHTEN_FAST=1 bash scripts/test.sh

demo:
	bash scripts/demo.sh

demo-serve:
	DEMO_SERVE_ONLY=1 bash scripts/demo.sh

venv:
	bash scripts/venv.sh

lint: venv
	$(VENV)/bin/pre-commit run --all-files

lint-optional: venv
	$(VENV)/bin/pre-commit run --all-files --hook-stage manual pylint-odoo-optional

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

find-odoo:
	bash scripts/find_odoo.sh

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache
