"""The six matters people decide (nội dung Nhân dân bàn và quyết định), Law 10 Art. 15, as data.

Each matter names its citation, the forms it allows (Art. 17), the rulebook key of its pass threshold
(Art. 21, NĐ 61 Art. 10), of its meeting quorum, and of the commune's recognition time. Forms: a
community meeting, a household ballot, an online vote (Art. 17(1)(c): item 6 only, NĐ 59 Art. 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danchu.core.rulebook_seed import LAW10

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str

MEETING = "meeting"
BALLOT = "ballot"
ONLINE = "online"


@dataclass(frozen=True)
class Matter:
    code: str
    item: int  # the clause of Law 10 Art. 15
    title: StrOrPromise
    citation: str
    forms: tuple[str, ...]
    pass_rule: str
    quorum_rule: str
    recognition_rule: str
    # Items 3–5 (Art. 17(2)) and conventions (NĐ 61 Art. 10): a ballot only after a meeting lacked quorum.
    ballot_only_after_meeting: bool = False
    # The election matters: a secret ballot at the meeting by default (NĐ 59 Art. 3(5)).
    secret_by_default: bool = False


_ART15 = f"{LAW10}, khoản {{}} Điều 15"

MATTERS: dict[str, Matter] = {
    m.code: m
    for m in (
        Matter(
            "infrastructure",
            1,
            _("Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng"),
            _ART15.format(1),
            (MEETING, BALLOT),
            "decision.pass_share_contributions",
            "decision.meeting_quorum_share",
            "decision.recognition_working_days",
        ),
        Matter(
            "contributions",
            2,
            _("Việc thu, chi, quản lý các khoản đóng góp, quỹ, tài sản của cộng đồng"),
            _ART15.format(2),
            (MEETING, BALLOT),
            "decision.pass_share_contributions",
            "decision.meeting_quorum_share",
            "decision.recognition_working_days",
        ),
        Matter(
            "convention",
            3,
            _("Nội dung hương ước, quy ước của cộng đồng dân cư"),
            _ART15.format(3) + "; Nghị định 61/2023/NĐ-CP, Điều 10",
            (MEETING, BALLOT),
            "convention.pass_share",
            "convention.meeting_quorum_share",
            "convention.recognition_working_days",
            ballot_only_after_meeting=True,
        ),
        Matter(
            "village_head",
            4,
            _("Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố"),
            _ART15.format(4) + "; Nghị định 59/2023/NĐ-CP, Điều 6–8",
            (MEETING, BALLOT),
            "decision.pass_share_other",
            "decision.meeting_quorum_share",
            "village_head.recognition_working_days",
            ballot_only_after_meeting=True,
            secret_by_default=True,
        ),
        Matter(
            "boards",
            5,
            _("Bầu, miễn nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"),
            _ART15.format(5),
            (MEETING, BALLOT),
            "decision.pass_share_other",
            "decision.meeting_quorum_share",
            "decision.recognition_working_days",
            ballot_only_after_meeting=True,
            secret_by_default=True,
        ),
        Matter(
            "other",
            6,
            _("Các công việc tự quản khác trong nội bộ cộng đồng dân cư"),
            _ART15.format(6),
            (MEETING, BALLOT, ONLINE),
            "decision.pass_share_other",
            "decision.meeting_quorum_share",
            "decision.recognition_working_days",
        ),
    )
}


def matter(code: str) -> Matter:
    from danchu.core.errors import DomainError

    try:
        return MATTERS[code]
    except KeyError:
        raise DomainError(
            gettext("Nội dung bàn và quyết định không có trong Điều 15."), field="matter"
        ) from None
