#!/usr/bin/env bash
# Run every benchmark (each bench/*.py with a __main__ block) with --smoke: tiny sizes, seconds each.
# Fails if one exits non-zero or does not print the machine and end with its `key: value` figures.
# Arguments go to every benchmark, e.g. `scripts/bench-smoke.sh --db postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/danchu-bench-smoke.XXXXXX)
trap 'rm -rf "$out"' EXIT
failed=()
for bench in bench/*.py; do
  grep -q '^if __name__ == "__main__":' "$bench" || continue
  name=$(basename "$bench" .py)
  started=$SECONDS
  status=0
  .venv/bin/python "$bench" --smoke "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
  seconds=$((SECONDS - started))
  figure='^[a-z][a-z0-9_]*: -?[0-9][0-9.]*$'
  if [ "$status" != 0 ] || ! grep -q '^machine: ' "$out/$name.out" || ! tail -1 "$out/$name.out" | grep -qE "$figure"; then
    echo "FAILED $bench (exit $status, ${seconds} s): it must print the machine and end with key: value figures"
    sed 's/^/    /' "$out/$name.out" "$out/$name.err" | tail -40
    failed+=("$bench")
  else
    echo "ok     $bench ${seconds} s: $(grep -E "$figure" "$out/$name.out" | tr '\n' ' ')"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Benchmarks that no longer run: ${failed[*]}" >&2
  exit 1
fi
