"""Settings for benchmarks that load a real server: the production settings over plain HTTP on loopback,
plus one URL (`bench/server_urls.py`), a one-line view: the fastest any page can be on this stack."""

import os
from pathlib import Path

from danchu.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.server_urls"
STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
