#!/usr/bin/env bash
# Everything CI checks: lint, types, import contracts, the suite on SQLite (also with the clock a year ahead)
# and PostgreSQL, the benchmarks in smoke mode, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=danchu.settings.test
unset DATABASE_URL

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check --quiet .
echo "== mypy"; .venv/bin/mypy danchu
echo "== import contracts"; .venv/bin/lint-imports --no-cache --quiet 2>/dev/null || .venv/bin/lint-imports --no-cache
echo "== migrations"; .venv/bin/danchu makemigrations --check --dry-run >/dev/null
echo "== production settings (check --deploy)"
DJANGO_SETTINGS_MODULE=danchu.settings.prod ALLOWED_HOSTS=danchu.example.vn \
  SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
  .venv/bin/danchu check --deploy --fail-level WARNING

scripts/gettext.sh  # the translation tests extract the marked strings with GNU gettext
export DANCHU_REQUIRE_GETTEXT=1
echo "== pytest on SQLite"
.venv/bin/pytest -q -m "not browser" "$@"
echo "== pytest on SQLite, clock shifted a year ahead"
.venv/bin/pytest -q -m "not browser" --shift-clock-days=365 "$@"
echo "== benchmarks, smoke run on SQLite"
scripts/bench-smoke.sh

pgdir=$(mktemp -d /tmp/danchu-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/postgres.sh start "$pgdir")
echo "== pytest on PostgreSQL ($DATABASE_URL)"
DATABASE_URL=$DATABASE_URL .venv/bin/pytest -q -m "not browser" "$@"

CHROMIUM_PATH=$(scripts/chromium.sh)
export CHROMIUM_PATH
echo "== browser tests (headless Chromium) on SQLite"
.venv/bin/pytest -q -m browser "$@"
echo "== browser tests (headless Chromium) on PostgreSQL"
DATABASE_URL=$DATABASE_URL .venv/bin/pytest -q -m browser "$@"
