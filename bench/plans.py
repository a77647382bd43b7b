"""Benchmark: parsing plan documents (issue 3).

Parses the five sample plans and 1,000 generated plans (the samples with their numbers, dates,
agencies and item counts varied) and prints `parse_ms_per_doc`.

Usage: .venv/bin/python bench/plans.py [--db postgres]
"""

from __future__ import annotations

import random
import re
import time

from _common import ROOT, setup

SAMPLES = ROOT.parent / "shared" / "samples" / "plans"
AGENCIES = ["Văn phòng", "Tư pháp", "Văn hóa - Thông tin", "Tài chính – Kế toán", "Địa chính - Xây dựng"]


def generated(texts: list[str], count: int) -> list[str]:
    """Variants of the samples: other days and months, other agencies, items repeated or dropped."""
    rng = random.Random(2026)
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        text = re.sub(
            r"ngày (\d{1,2})/(\d{1,2})/", lambda m: f"ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/", text
        )
        text = text.replace("Văn phòng", rng.choice(AGENCIES))
        lines = text.splitlines()
        start = rng.randint(len(lines) // 3, len(lines) // 2)
        extra = lines[start : start + rng.randint(0, 40)]
        out.append("\n".join(lines[:start] + extra + lines[start:]))
    return out


def main() -> None:
    setup(__doc__ or "")
    from danchu.plans.importer import parse_text

    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    documents = samples + generated(samples, 1000)
    parse_text(samples[0])  # warm the regular expressions
    started = time.perf_counter()
    items = sum(len(parse_text(text).items) for text in documents)
    elapsed = time.perf_counter() - started
    print(f"documents: {len(documents)}, items read: {items}, total_s: {elapsed:.2f}")
    print(f"parse_ms_per_doc: {elapsed * 1000 / len(documents):.2f}")


if __name__ == "__main__":
    main()
