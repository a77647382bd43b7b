"""Reception's own rules (the shared ones, reception.chairman_min_days_per_week and
reception.feedback_working_days, are in the core rulebook). Put into the database by migration 0002."""

from __future__ import annotations

from decimal import Decimal

from danchu.core.rulebook_seed import RECEPTION, RECEPTION_FROM, SeedRule

RULES: tuple[SeedRule, ...] = (
    SeedRule(
        "reception.group_min_people",
        "Nhiều người cùng đến (đoàn đông người) phải cử người đại diện, từ (số người)",
        Decimal(5),
        "count",
        f"{RECEPTION}, Điều 30",
        RECEPTION_FROM,
        False,
        note="Chưa đối chiếu văn bản: theo các bản tóm tắt, từ 05 người trở lên thì cử người đại diện.",
    ),
    SeedRule(
        "reception.group_max_representatives",
        "Số người đại diện tối đa của đoàn đông người",
        Decimal(5),
        "count",
        f"{RECEPTION}, Điều 30",
        RECEPTION_FROM,
        False,
        note="Chưa đối chiếu văn bản: 01–02 người khi có 05–10 người, không quá 05 người khi trên 10 người.",
    ),
)
