#!/usr/bin/env bash
# Set up and run the whole app with demo data on SQLite: the web server on DANCHU_ADDR (default
# 127.0.0.1:8000) and the task worker that sends the mail (to var/mail/ unless EMAIL_HOST is set).
# Ctrl-C, or either of them ending, stops both. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-danchu.settings.dev}
# The worker reads it too: links in the mail it sends point at this server (unless DANCHU_SITE_URL is set).
export DANCHU_ADDR=${DANCHU_ADDR:-127.0.0.1:8000}
mkdir -p var
.venv/bin/danchu migrate --no-input -v0
.venv/bin/danchu load_units
.venv/bin/danchu seed_demo

children=()
stop() {
  trap - EXIT INT TERM
  # SIGTERM: the worker finishes the task in hand; runserver's reloader takes its child down with it.
  kill "${children[@]}" 2>/dev/null || true
  wait "${children[@]}" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
.venv/bin/danchu db_worker &
children+=($!)
.venv/bin/danchu runserver "$DANCHU_ADDR" &
children+=($!)
wait -n  # whichever ends first, the other is stopped on the way out
