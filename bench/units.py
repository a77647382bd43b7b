"""Benchmark: loading the national unit tree (34 + 3,321 current, 63 + 696 + 10,051 legacy, old→new links).

Usage: .venv/bin/python bench/units.py [--db postgres] [--smoke]
(--smoke: two provinces of each tree instead of the whole list)
"""

from __future__ import annotations

import time

from _common import SMOKE_PROVINCES, setup


def main() -> None:
    args = setup(__doc__ or "")
    from danchu.units.loader import load_national_units, read_source
    from danchu.units.models import Unit, UnitSuccession

    provinces = SMOKE_PROVINCES if args.smoke else None
    started = time.perf_counter()
    read_source(provinces)
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    first = load_national_units(provinces)
    first_s = time.perf_counter() - started

    started = time.perf_counter()
    second = load_national_units(provinces)
    second_s = time.perf_counter() - started
    assert not second.changed

    print(f"units: {Unit.objects.count()}, links: {UnitSuccession.objects.count()}, created: {first.created}")
    print(f"read_source_s: {read_s:.2f}")
    print(f"load_units_first_s: {first_s:.2f}")
    print(f"load_units_rerun_s: {second_s:.2f}")


if __name__ == "__main__":
    main()
