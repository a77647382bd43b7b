"""Test runs: fast hashing, in-memory mail, plain static storage (no collectstatic needed)."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Concurrency tests run real threads, each on its own connection, so the SQLite test database is a file,
# one per test process and removed at the end: an in-memory database shared between connections answers
# "database table is locked" at once instead of waiting its turn, as production's file database does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _name = f"danchu-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), _name)}
