"""The `danchu` console command: `danchu X` is `python manage.py X`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danchu.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
