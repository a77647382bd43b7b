#!/usr/bin/env bash
# Set up and serve the app with demo data on SQLite at http://127.0.0.1:8000. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-danchu.settings.dev}
mkdir -p var
.venv/bin/danchu migrate --no-input -v0
.venv/bin/danchu load_units
.venv/bin/danchu seed_demo
exec .venv/bin/danchu runserver "${DANCHU_ADDR:-127.0.0.1:8000}"
