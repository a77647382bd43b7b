"""Test runs: fast hashing, in-memory mail, plain static storage (no collectstatic needed)."""

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES
from .env import VAR_DIR

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The SQLite test database is a file, not memory: tests of concurrent requests run threads, each with its
# own connection, and an in-memory database shared between them fails at once on a lock instead of
# waiting for it (BEGIN IMMEDIATE waits on a file's lock, as production does).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
