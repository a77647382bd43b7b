#!/usr/bin/env bash
# Create .venv with Python ≥ 3.12 and install the locked dependencies with uv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  for candidate in "${DANCHU_PYTHON:-}" python3.13 python3.12 \
      "$HOME"/.pyenv/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3 \
      /root/.pyenv/versions/3.12*/bin/python3 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

PYTHON=$(find_python) || { echo "Cần Python ≥ 3.12 (pyenv install 3.12, hoặc đặt DANCHU_PYTHON)." >&2; exit 1; }
export UV_PYTHON_DOWNLOADS=never
if ! "$PYTHON" -m uv --version >/dev/null 2>&1; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check uv
fi
"$PYTHON" -m uv sync --frozen --quiet --python "$PYTHON"
# setuptools' editable finder maps packages at install time; make sure it sees ours.
.venv/bin/python -c 'import danchu.cli' 2>/dev/null ||
  "$PYTHON" -m uv sync --frozen --quiet --python "$PYTHON" --reinstall-package danchu
mkdir -p "${DANCHU_VAR_DIR:-var}"
