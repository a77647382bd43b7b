#!/usr/bin/env bash
# Make sure GNU gettext (xgettext, msgfmt) is present: the translation tests extract marked strings with it.
set -euo pipefail
command -v xgettext >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >&2
  exit 0
fi
echo "Cần GNU gettext (gói gettext) để kiểm tra bản dịch." >&2
exit 1
