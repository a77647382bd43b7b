"""The conventions app's own rules (sổ quy định), beyond the shared `convention.*` rows in core's seed.

The yearly review falls on the Great National Unity Day (Ngày hội đại đoàn kết toàn dân tộc, 18/11) or
another day the community agrees; it is read from the rulebook so a province can move it.
"""

from __future__ import annotations

from danchu.core.rulebook_seed import ND61_2023, ND61_2023_FROM, SeedRule, _r

REVIEW_NOTE = (
    "Hằng năm rà soát hương ước, quy ước vào dịp Ngày hội đại đoàn kết toàn dân tộc (18/11) hoặc ngày "
    "khác do cộng đồng dân cư thống nhất. Nguồn: sovhttdl.tayninh.gov.vn tóm tắt Nghị định; chưa đối "
    "chiếu số điều."
)

RULES: tuple[SeedRule, ...] = (
    _r(
        "convention.review_day",
        "Ngày rà soát hương ước, quy ước hằng năm (ngày trong tháng)",
        18,
        "day_of_month",
        f"{ND61_2023} (Ngày hội đại đoàn kết toàn dân tộc)",
        ND61_2023_FROM,
        False,
        note=REVIEW_NOTE,
    ),
    _r(
        "convention.review_month",
        "Tháng rà soát hương ước, quy ước hằng năm",
        11,
        "count",
        f"{ND61_2023} (Ngày hội đại đoàn kết toàn dân tộc)",
        ND61_2023_FROM,
        False,
        note=REVIEW_NOTE,
    ),
)
