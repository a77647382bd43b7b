"""Demo disclosures for `danchu seed_demo`: Bãi Cháy's year so far, with real gaps for the compliance page
to find (a quarter of budget execution and two yearly items not disclosed, one notice posted late, one
without its notice-board channel, one loudspeaker log a day short); Hà Tu has done everything it must."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from danchu.accounts.demo import COMMUNE_CODE, SIBLING_CODE
from danchu.accounts.models import User
from danchu.units.models import Generation, Tier, Unit

from . import compliance, services
from .models import Disclosure

BODY = (
    "Ủy ban nhân dân {unit} thông báo để Nhân dân được biết, theo dõi và giám sát.\n\n"
    "Mọi ý kiến xin gửi về Văn phòng HĐND-UBND hoặc góp ý trực tiếp tại bộ phận một cửa."
)


def _post(
    officer: User,
    unit: Unit,
    title: str,
    codes: Sequence[str],
    starts_on: dt.date,
    *,
    channels: Sequence[str] = ("notice_board", "portal"),
    document_date: dt.date | None = None,
    document_number: str = "",
    proofs: Sequence[tuple[str, int, str]] = (("notice_board", 0, "Bảng tin trụ sở UBND"),),
    prover: User | None = None,
) -> Disclosure:
    disclosure = services.create_draft(
        actor=officer, unit=unit, title=title, item_codes=codes, body=BODY.format(unit=unit.name),
        channels=list(channels), document_number=document_number, document_date=document_date,
        starts_on=starts_on,
    )  # fmt: skip
    services.publish(actor=officer, disclosure=disclosure, today=starts_on)
    for channel, offset, place in proofs:
        if starts_on + dt.timedelta(days=offset) > timezone.localdate():
            continue  # early in January the demo year has not got that far
        services.record_proof(
            actor=prover or officer, disclosure=disclosure, channel=channel,
            day=starts_on + dt.timedelta(days=offset), place=place,
        )  # fmt: skip
    return disclosure


def seed(admin: User) -> None:
    commune = Unit.objects.get(code=COMMUNE_CODE, tier=Tier.COMMUNE, generation=Generation.CURRENT)
    if Disclosure.objects.filter(unit=commune).exists():
        return
    sibling = Unit.objects.get(code=SIBLING_CODE, tier=Tier.COMMUNE, generation=Generation.CURRENT)
    today = timezone.localdate()
    year = today.year

    def on(month: int, day: int) -> dt.date:
        return min(dt.date(year, month, day), today)

    officer, village_head = (
        User.objects.get(username="baichay.vanphong"),
        User.objects.get(username="baichay.to1"),
    )
    _post(officer, commune, f"Kế hoạch phát triển kinh tế - xã hội năm {year}", ["11.1"], on(1, 8),
          document_date=on(1, 5), document_number="05/KH-UBND")  # fmt: skip
    _post(officer, commune, f"Dự toán ngân sách phường năm {year} được HĐND phường quyết định", ["11.2a"],
          on(1, 10), document_date=on(1, 6), document_number="02/NQ-HĐND")  # fmt: skip
    for quarter in range(
        1, compliance.quarters_ended(year, today)
    ):  # the last one ended is not yet disclosed
        month_after = quarter * compliance.MONTHS_PER_QUARTER + 1
        _post(officer, commune, f"Tình hình thực hiện ngân sách quý {quarter} năm {year}", ["11.2b"],
              on(month_after, 10), document_date=on(month_after, 5))  # fmt: skip
    _post(
        officer,
        commune,
        "Nhiệm vụ, quyền hạn của công chức bộ phận một cửa",
        ["11.5"],
        on(2, 23),
        document_date=on(1, 5),
        document_number="12/QĐ-UBND",
    )  # fmt: skip  (posted late)
    _post(
        officer,
        commune,
        "Quản lý, sử dụng Quỹ vì người nghèo và các khoản đóng góp",
        ["11.6"],
        on(3, 2),
        channels=["portal"],
        proofs=(),
    )  # fmt: skip  (not posted at the office)
    broadcast = ("notice_board", "portal", "loudspeaker", "village_head")
    _post(
        officer,
        commune,
        f"Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year}",
        ["11.7"],
        on(3, 16),
        channels=broadcast,
        prover=village_head,
        proofs=(
            ("notice_board", 0, "Nhà văn hoá tổ 1"),
            ("village_head", 1, "Họp tổ dân phố 1"),
            ("loudspeaker", 0, "Loa tổ 1"),
            ("loudspeaker", 1, "Loa tổ 1"),
        ),
    )  # fmt: skip  (3 days due)
    recent = max(dt.date(year, 1, 1), today - dt.timedelta(days=10))
    _post(officer, commune, "Tiến độ dự án cải tạo đường Hạ Long (đoạn qua tổ 1, tổ 3)", ["11.3a"], recent,
          proofs=(("notice_board", 0, "Bảng tin trụ sở UBND"),))  # fmt: skip
    _post(officer, commune, "Kết quả lấy ý kiến Nhân dân về dự thảo quy chế dân chủ: tiếp thu, giải trình",
          ["11.10"], recent, channels=broadcast, prover=village_head,
          proofs=(("notice_board", 0, "Nhà văn hoá tổ 1"), ("village_head", 0, "Họp tổ dân phố 1"),
                  *(("loudspeaker", day, "Đài truyền thanh phường") for day in range(3))))  # fmt: skip
    draft = services.create_draft(
        actor=officer, unit=commune, title="Mức thu phí, lệ phí tại bộ phận một cửa", item_codes=["11.11"]
    )
    services.withdraw(
        actor=officer, disclosure=draft, reason="Chờ Nghị quyết mới của HĐND tỉnh về phí, lệ phí."
    )

    clerk = User.objects.get(username="hatu.vanphong")
    plain = [
        ("11.1", "Kế hoạch phát triển kinh tế - xã hội"),
        ("11.2a", "Dự toán ngân sách"),
        ("11.2c", "Quyết toán ngân sách năm trước"),
        ("11.5", "Nhiệm vụ công chức một cửa"),
        ("11.6", "Quản lý các quỹ"),
    ]
    for code, title in plain:
        _post(clerk, sibling, f"{title} năm {year}", [code], on(1, 12), document_date=on(1, 9))
    for quarter in range(1, compliance.quarters_ended(year, today) + 1):
        month_after = quarter * compliance.MONTHS_PER_QUARTER + 1
        _post(clerk, sibling, f"Thực hiện ngân sách quý {quarter}", ["11.2b"], on(month_after, 8))
    loud = tuple(("loudspeaker", day, "Đài truyền thanh phường") for day in range(3))
    board = (("notice_board", 0, "Bảng tin trụ sở UBND"), ("village_head", 0, "Họp các khu phố"))
    for code, title in (("11.7", "Kết quả rà soát hộ nghèo"), ("11.11", "Phí, lệ phí và thủ tục hành chính")):
        _post(
            clerk, sibling, f"{title} năm {year}", [code], on(2, 2), channels=broadcast, proofs=board + loud
        )
