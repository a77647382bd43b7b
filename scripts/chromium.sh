#!/usr/bin/env bash
# Print the path of a headless Chromium, installing Debian's package if it is missing.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "Cần Chromium (gói chromium của Debian) để chạy kiểm thử trình duyệt." >&2
exit 1
