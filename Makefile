.PHONY: run test setup lint fmt bench-setup

## Set everything up and run the app with demo data on SQLite (http://127.0.0.1:8000).
run:
	scripts/run.sh

## Set everything up and run every check: lint, types, contracts, pytest on SQLite and PostgreSQL, browser tests.
test:
	scripts/test.sh

setup:
	scripts/bootstrap.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy danchu && .venv/bin/lint-imports

fmt:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .
