#!/usr/bin/env bash
# Print the path of wrk (the HTTP load tool the portal benchmark uses), installing Debian's package if missing.
set -euo pipefail
if command -v wrk >/dev/null; then command -v wrk; exit 0; fi
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
  command -v wrk
  exit 0
fi
echo "Cần wrk (gói wrk của Debian) để đo tải cổng người dân." >&2
exit 1
