"""The default indicator catalogue (danh mục chỉ tiêu) shipped with the product, each with its source.

Two groups: the yearly/6-month report on implementing grassroots democracy that every sample plan
orders, and the one-stop-shop statistics (Decree 61/2018, TT 01/2018/TT-VPCP; the split of dossiers
follows the provincial systems quoted in domain.md §4). Units may add their own indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

LAW10 = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
ONESTOP = "Nghị định 61/2018/NĐ-CP, Nghị định 107/2021/NĐ-CP; Thông tư 01/2018/TT-VPCP"
PLANS = "Kế hoạch thực hiện dân chủ ở cơ sở hằng năm (mẫu kế hoạch của tỉnh, phường, xã)"
QCDC = "Báo cáo thực hiện dân chủ ở cơ sở"
MOTCUA = "Thống kê một cửa, một cửa liên thông"


@dataclass(frozen=True)
class CatalogueIndicator:
    code: str
    group: str
    name: str
    kind: str
    aggregation: str
    measure: str
    citation: str
    source: str = ""


def _i(code: str, group: str, name: str, kind: str, aggregation: str, measure: str, citation: str,
       source: str = "") -> CatalogueIndicator:  # fmt: skip
    return CatalogueIndicator(code, group, name, kind, aggregation, measure, citation, source)


INDICATORS: tuple[CatalogueIndicator, ...] = (
    _i(
        "QCDC_PLAN",
        QCDC,
        "Đã ban hành kế hoạch thực hiện dân chủ ở cơ sở trong năm",
        "boolean",
        "count_yes",
        "đơn vị",
        f"{PLANS}; {LAW10}, Điều 8",
        "plans.plan_issued",
    ),
    _i(
        "QCDC_TASKS",
        QCDC,
        "Nhiệm vụ được giao theo kế hoạch",
        "integer",
        "sum",
        "nhiệm vụ",
        PLANS,
        "plans.tasks_total",
    ),
    _i(
        "QCDC_TASKS_DONE",
        QCDC,
        "Nhiệm vụ đã hoàn thành",
        "integer",
        "sum",
        "nhiệm vụ",
        PLANS,
        "plans.tasks_done",
    ),
    _i(
        "QCDC_TASKS_OVERDUE",
        QCDC,
        "Nhiệm vụ quá hạn chưa hoàn thành",
        "integer",
        "sum",
        "nhiệm vụ",
        PLANS,
        "plans.tasks_overdue",
    ),
    _i(
        "QCDC_PROPAGANDA",
        QCDC,
        "Hội nghị, buổi tuyên truyền, phổ biến pháp luật về dân chủ ở cơ sở",
        "integer",
        "sum",
        "buổi",
        f"{LAW10}, Điều 8 khoản 2",
    ),
    _i(
        "QCDC_PROPAGANDA_PEOPLE",
        QCDC,
        "Lượt người được tuyên truyền, phổ biến",
        "integer",
        "sum",
        "lượt người",
        f"{LAW10}, Điều 8 khoản 2",
    ),
    _i(
        "QCDC_DISCLOSED",
        QCDC,
        "Thông tin đã công khai theo Điều 11",
        "integer",
        "sum",
        "thông tin",
        f"{LAW10}, Điều 11–13",
        "disclosures.disclosed",
    ),
    _i(
        "QCDC_DISCLOSURE_MISSING",
        QCDC,
        "Nội dung bắt buộc chưa công khai (tính đến cuối kỳ)",
        "integer",
        "sum",
        "nội dung",
        f"{LAW10}, Điều 11",
        "disclosures.items_missing",
    ),
    _i(
        "QCDC_DECIDED",
        QCDC,
        "Nội dung Nhân dân bàn và quyết định",
        "integer",
        "sum",
        "nội dung",
        f"{LAW10}, Điều 15–24",
    ),
    _i(
        "QCDC_OPINIONS",
        QCDC,
        "Nội dung Nhân dân tham gia ý kiến",
        "integer",
        "sum",
        "nội dung",
        f"{LAW10}, Điều 25–29",
    ),
    _i(
        "QCDC_CONVENTIONS",
        QCDC,
        "Hương ước, quy ước đang có hiệu lực",
        "integer",
        "latest",
        "bản",
        "Nghị định 61/2023/NĐ-CP",
    ),
    _i(
        "QCDC_BTTND_RECS",
        QCDC,
        "Kiến nghị của Ban Thanh tra nhân dân",
        "integer",
        "sum",
        "kiến nghị",
        f"{LAW10}, Điều 36–40",
    ),
    _i(
        "QCDC_BTTND_RECS_DONE",
        QCDC,
        "Kiến nghị của Ban Thanh tra nhân dân đã được giải quyết",
        "integer",
        "sum",
        "kiến nghị",
        f"{LAW10}, Điều 36–40",
    ),
    _i(
        "QCDC_BGS_PROJECTS",
        QCDC,
        "Công trình, dự án được Ban Giám sát đầu tư của cộng đồng giám sát",
        "integer",
        "sum",
        "công trình",
        f"{LAW10}, Điều 41–45",
    ),
    _i(
        "QCDC_DIALOGUES",
        QCDC,
        "Buổi đối thoại trực tiếp của Chủ tịch UBND với Nhân dân",
        "integer",
        "sum",
        "buổi",
        f"{LAW10}, Điều 8; kế hoạch phường Chánh Lộ 2023",
    ),
    _i(
        "QCDC_RECEPTION_DAYS",
        QCDC,
        "Ngày tiếp công dân định kỳ của Chủ tịch UBND",
        "integer",
        "sum",
        "ngày",
        "Luật Tiếp công dân 2013, Điều 15",
    ),
    _i(
        "QCDC_PETITIONS",
        QCDC,
        "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã tiếp nhận",
        "integer",
        "sum",
        "đơn",
        "Luật Khiếu nại 2011; Luật Tố cáo 2018",
    ),
    _i(
        "QCDC_PETITIONS_DONE",
        QCDC,
        "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã giải quyết",
        "integer",
        "sum",
        "đơn",
        "Luật Khiếu nại 2011; Luật Tố cáo 2018",
    ),
    _i(
        "QCDC_DVK_MODELS",
        QCDC,
        "Mô hình “Dân vận khéo” đã đăng ký",
        "integer",
        "latest",
        "mô hình",
        "Kế hoạch tỉnh Quảng Ngãi 2023, kế hoạch xã Nam Chính 2023",
    ),
    _i(
        "QCDC_DVK_RECOGNISED",
        QCDC,
        "Mô hình “Dân vận khéo” được công nhận",
        "integer",
        "latest",
        "mô hình",
        "Kế hoạch tỉnh Quảng Ngãi 2023, kế hoạch xã Nam Chính 2023",
    ),
    _i(
        "QCDC_SATISFACTION",
        QCDC,
        "Tỷ lệ người dân hài lòng (khảo sát)",
        "percent",
        "ratio",
        "%",
        "Chỉ số SIPAS, Bộ Nội vụ",
    ),
    _i(
        "QCDC_ISSUES",
        QCDC,
        "Khó khăn, vướng mắc và kiến nghị, đề xuất",
        "text",
        "none",
        "",
        "Nghị định 09/2019/NĐ-CP, Điều 7 (đề cương báo cáo)",
    ),
    _i("MC_RECEIVED", MOTCUA, "Hồ sơ tiếp nhận mới trong kỳ", "integer", "sum", "hồ sơ", ONESTOP),
    _i(
        "MC_ONLINE",
        MOTCUA,
        "Trong đó: hồ sơ tiếp nhận trực tuyến",
        "integer",
        "sum",
        "hồ sơ",
        f"{ONESTOP}; Nghị định 45/2020/NĐ-CP",
    ),
    _i("MC_CARRIED", MOTCUA, "Hồ sơ kỳ trước chuyển sang", "integer", "sum", "hồ sơ", ONESTOP),
    _i("MC_EARLY", MOTCUA, "Đã giải quyết trước hạn", "integer", "sum", "hồ sơ", ONESTOP),
    _i("MC_ON_TIME", MOTCUA, "Đã giải quyết đúng hạn", "integer", "sum", "hồ sơ", ONESTOP),
    _i("MC_LATE", MOTCUA, "Đã giải quyết quá hạn", "integer", "sum", "hồ sơ", ONESTOP),
    _i("MC_PENDING", MOTCUA, "Đang giải quyết, còn trong hạn", "integer", "latest", "hồ sơ", ONESTOP),
    _i("MC_PENDING_OVERDUE", MOTCUA, "Đang giải quyết, đã quá hạn", "integer", "latest", "hồ sơ", ONESTOP),
    _i(
        "MC_APOLOGIES",
        MOTCUA,
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả đã gửi (Mẫu 04)",
        "integer",
        "sum",
        "phiếu",
        f"{ONESTOP}, Mẫu 04",
    ),
    _i(
        "MC_ON_TIME_RATE",
        MOTCUA,
        "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
        "percent",
        "ratio",
        "%",
        "Quyết định 766/QĐ-TTg ngày 23/6/2022 (Bộ chỉ số phục vụ người dân, doanh nghiệp)",
    ),
)

# (left codes, operator, right codes, message): the sums of the codes on each side are compared. The
# messages are stored as written and translated where shown (`values.broken_rules`).
RULES: tuple[tuple[list[str], str, list[str], str], ...] = (
    (
        ["QCDC_TASKS_DONE"],
        "<=",
        ["QCDC_TASKS"],
        gettext_noop("Nhiệm vụ đã hoàn thành không thể nhiều hơn nhiệm vụ được giao."),
    ),
    (
        ["QCDC_TASKS_DONE", "QCDC_TASKS_OVERDUE"],
        "<=",
        ["QCDC_TASKS"],
        gettext_noop("Nhiệm vụ hoàn thành cộng quá hạn không thể nhiều hơn nhiệm vụ được giao."),
    ),
    (
        ["QCDC_BTTND_RECS_DONE"],
        "<=",
        ["QCDC_BTTND_RECS"],
        gettext_noop("Kiến nghị đã giải quyết không thể nhiều hơn kiến nghị của Ban Thanh tra nhân dân."),
    ),
    (
        ["QCDC_PETITIONS_DONE"],
        "<=",
        ["QCDC_PETITIONS"],
        gettext_noop("Đơn đã giải quyết không thể nhiều hơn đơn đã tiếp nhận."),
    ),
    (
        ["QCDC_DVK_RECOGNISED"],
        "<=",
        ["QCDC_DVK_MODELS"],
        gettext_noop("Mô hình được công nhận không thể nhiều hơn mô hình đã đăng ký."),
    ),
    (
        ["MC_ONLINE"],
        "<=",
        ["MC_RECEIVED"],
        gettext_noop("Hồ sơ trực tuyến không thể nhiều hơn hồ sơ tiếp nhận mới."),
    ),
    (
        ["MC_EARLY", "MC_ON_TIME", "MC_LATE", "MC_PENDING", "MC_PENDING_OVERDUE"],
        "<=",
        ["MC_RECEIVED", "MC_CARRIED"],
        gettext_noop(
            "Hồ sơ đã và đang giải quyết không thể nhiều hơn hồ sơ tiếp nhận mới cộng kỳ trước chuyển sang."
        ),
    ),
    (
        ["MC_EARLY", "MC_ON_TIME"],
        "<=",
        ["MC_RECEIVED", "MC_CARRIED"],
        gettext_noop("Hồ sơ giải quyết trước hạn, đúng hạn không thể nhiều hơn hồ sơ phải giải quyết."),
    ),
)


def sync_catalogue(indicator_model: Any, rule_model: Any) -> None:
    """Create what is missing; never change what a unit may have edited since."""
    known = set(indicator_model.objects.values_list("code", flat=True))
    indicator_model.objects.bulk_create(
        indicator_model(order=i, **item.__dict__)
        for i, item in enumerate(INDICATORS)
        if item.code not in known
    )
    existing = {(tuple(r.left), r.operator, tuple(r.right)) for r in rule_model.objects.all()}
    rule_model.objects.bulk_create(
        rule_model(left=left, operator=op, right=right, message=message)
        for left, op, right, message in RULES
        if (tuple(left), op, tuple(right)) not in existing
    )


def codes(group: str) -> list[str]:
    return [item.code for item in INDICATORS if item.group == group]
