"""The national rulebook as shipped: legal parameters from `domain.md` §9, each with its source.

`verified=False` marks values read only in secondary sources (quiz keys, press summaries): they
are shown as such and a province can override them until the legal text is checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

LAW10 = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
LAW10_FROM = dt.date(2023, 7, 1)
ND61_2023 = "Nghị định 61/2023/NĐ-CP (hương ước, quy ước)"
ND61_2023_FROM = dt.date(2023, 8, 16)
ND59_2023 = "Nghị định 59/2023/NĐ-CP"
ND59_FROM = dt.date(2023, 8, 15)
COMPLAINTS = "Luật Khiếu nại 2011 số 02/2011/QH13"
COMPLAINTS_FROM = dt.date(2012, 7, 1)
DENUNCIATIONS = "Luật Tố cáo 2018 số 25/2018/QH14"
DENUNCIATIONS_FROM = dt.date(2019, 1, 1)
RECEPTION = "Luật Tiếp công dân 2013 số 42/2013/QH13"
RECEPTION_FROM = dt.date(2014, 7, 1)
ONESTOP = "Nghị định 61/2018/NĐ-CP (một cửa, một cửa liên thông)"
ONESTOP_FROM = dt.date(2018, 6, 21)
REPORTING = "Nghị định 09/2019/NĐ-CP (chế độ báo cáo)"
REPORTING_FROM = dt.date(2019, 3, 12)
SYSTEM_SETTING = "Cài đặt hệ thống (không phải quy định pháp luật)"
SETTINGS_FROM = dt.date(2023, 1, 1)


@dataclass(frozen=True)
class SeedRule:
    key: str
    title: str
    value: Decimal
    unit: str
    citation: str
    effective_from: dt.date
    verified: bool
    denominator: int = 1
    note: str = ""


def _r(
    key: str,
    title: str,
    value: int | str,
    unit: str,
    citation: str,
    since: dt.date,
    verified: bool,
    denominator: int = 1,
    note: str = "",
) -> SeedRule:
    return SeedRule(key, title, Decimal(value), unit, citation, since, verified, denominator, note)


NATIONAL_RULES: tuple[SeedRule, ...] = (
    # Dân biết: disclosure
    _r(
        "disclosure.broadcast_min_consecutive_days",
        "Phát trên hệ thống truyền thanh nội dung khoản 7–12 Điều 11",
        3,
        "consecutive_days",
        f"{LAW10}, khoản 3 Điều 13",
        LAW10_FROM,
        True,
    ),
    _r(
        "disclosure.posting_min_days",
        "Thời gian niêm yết công khai tại trụ sở UBND cấp xã",
        30,
        "days",
        f"{LAW10}, Điều 12 (suy luận, chưa đọc được văn bản)",
        LAW10_FROM,
        False,
        note="Chưa tìm thấy nguyên văn; giá trị theo thông lệ niêm yết 30 ngày.",
    ),
    _r(
        "disclosure.deadline_working_days",
        "Thời hạn công khai kể từ ngày có quyết định (khi không có quy định riêng)",
        10,
        "working_days",
        f"{LAW10}, Điều 12 (theo đáp án cuộc thi, chưa kiểm chứng)",
        LAW10_FROM,
        False,
    ),
    # Dân bàn, dân quyết
    _r(
        "decision.pass_share_contributions",
        "Tỷ lệ tán thành đối với việc đóng góp, quỹ (khoản 1–2 Điều 15), tính trên tổng số hộ",
        2,
        "share",
        f"{LAW10}, Điều 21 (theo đáp án cuộc thi, chưa đọc văn bản)",
        LAW10_FROM,
        False,
        denominator=3,
        note="Đạt khi số hộ tán thành ≥ 2/3 tổng số hộ trong phạm vi.",
    ),
    _r(
        "decision.pass_share_other",
        "Tỷ lệ tán thành đối với các nội dung khác của Điều 15, tính trên tổng số hộ",
        1,
        "share",
        f"{LAW10}, Điều 21 (chưa đọc văn bản; suy từ {ND61_2023}, Điều 10, quy định cho hương ước)",
        ND61_2023_FROM,
        False,
        denominator=2,
        note="Đạt khi số hộ tán thành lớn hơn 1/2 tổng số hộ. Chỉ mức của hương ước (NĐ 61/2023 Điều 10) đã"
        " được kiểm chứng; các nội dung khác áp dụng theo suy luận, tỉnh có thể quy định khác.",
    ),
    _r(
        "initiative.support_validity_months",
        "Thời hạn hiệu lực của ý kiến ủng hộ sáng kiến của công dân",
        3,
        "months",
        f"{LAW10} (theo đáp án cuộc thi, chưa kiểm chứng)",
        LAW10_FROM,
        False,
    ),
    # Hương ước, quy ước
    _r(
        "convention.pass_share",
        "Hương ước được thông qua khi số đại diện hộ tán thành lớn hơn",
        1,
        "share",
        f"{ND61_2023}, Điều 10",
        ND61_2023_FROM,
        True,
        denominator=2,
    ),
    _r(
        "convention.meeting_quorum_share",
        "Cuộc họp thông qua hương ước cần số hộ tham dự lớn hơn",
        1,
        "share",
        f"{ND61_2023}, Điều 10",
        ND61_2023_FROM,
        True,
        denominator=2,
    ),
    _r(
        "convention.draft_posting_min_days",
        "Niêm yết dự thảo hương ước để lấy ý kiến",
        30,
        "days",
        ND61_2023,
        ND61_2023_FROM,
        True,
    ),
    _r(
        "convention.file_to_commune_working_days",
        "Gửi hồ sơ đề nghị công nhận hương ước lên UBND cấp xã",
        5,
        "working_days",
        ND61_2023,
        ND61_2023_FROM,
        True,
    ),
    _r(
        "convention.recognition_working_days",
        "UBND cấp xã xem xét công nhận hương ước",
        5,
        "working_days",
        ND61_2023,
        ND61_2023_FROM,
        True,
    ),
    # Trưởng thôn, tổ trưởng tổ dân phố
    _r(
        "village_head.plan_days_before",
        "Kế hoạch bầu trưởng thôn ban hành trước ngày bầu ít nhất",
        20,
        "days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "village_head.election_team_days_before",
        "Thành lập tổ bầu cử trước ngày bầu ít nhất",
        10,
        "days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "village_head.notice_min_days",
        "Thông báo công khai ngày bầu trưởng thôn ít nhất",
        7,
        "days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "village_head.candidate_list_days_before",
        "Niêm yết danh sách người ứng cử trước ngày bầu",
        15,
        "days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "village_head.recognition_working_days",
        "UBND cấp xã công nhận kết quả bầu trưởng thôn",
        5,
        "working_days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "village_head.reelection_within_days",
        "Bầu trưởng thôn mới sau khi miễn nhiệm được công nhận",
        60,
        "days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    # Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng
    _r(
        "bttnd.min_members",
        "Số thành viên tối thiểu của Ban Thanh tra nhân dân cấp xã",
        5,
        "count",
        f"{LAW10}, Điều 33",
        LAW10_FROM,
        True,
    ),
    _r(
        "bttnd.byelection_min_months_left",
        "Bầu bổ sung thành viên BTTND khi nhiệm kỳ còn ít nhất",
        6,
        "months",
        f"{LAW10}; {ND59_2023}",
        ND59_FROM,
        True,
    ),
    _r(
        "bttnd.inspection_plan_notice_working_days",
        "Gửi kế hoạch kiểm tra, giám sát trước khi tiến hành",
        5,
        "working_days",
        ND59_2023,
        ND59_FROM,
        True,
    ),
    _r(
        "bttnd.agency_term_years",
        "Nhiệm kỳ BTTND ở cơ quan, đơn vị",
        2,
        "years",
        f"{LAW10} (theo đáp án cuộc thi, chưa kiểm chứng)",
        LAW10_FROM,
        False,
    ),
    _r(
        "bgsdtcd.max_resident_members",
        "Số thành viên là người dân tối đa của Ban Giám sát đầu tư của cộng đồng",
        5,
        "count",
        f"{LAW10}, Điều 42; {ND59_2023}",
        ND59_FROM,
        True,
    ),
    # Tiếp công dân
    _r(
        "reception.chairman_min_days_per_week",
        "Chủ tịch UBND cấp xã tiếp công dân định kỳ ít nhất (ngày/tuần)",
        1,
        "count",
        f"{RECEPTION}, Điều 15",
        RECEPTION_FROM,
        True,
    ),
    _r(
        "reception.feedback_working_days",
        "Trả lời người được tiếp về việc xử lý khiếu nại, tố cáo, kiến nghị",
        10,
        "working_days",
        f"{RECEPTION}, Điều 28",
        RECEPTION_FROM,
        True,
    ),
    # Khiếu nại
    _r(
        "complaint.file_within_days",
        "Thời hiệu khiếu nại",
        90,
        "days",
        f"{COMPLAINTS}, Điều 9",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.accept_within_days",
        "Thụ lý khiếu nại",
        10,
        "days",
        f"{COMPLAINTS}, Điều 27",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.first_resolution_days",
        "Giải quyết khiếu nại lần đầu",
        30,
        "days",
        f"{COMPLAINTS}, Điều 28",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.first_resolution_complex_days",
        "Giải quyết khiếu nại lần đầu, vụ việc phức tạp",
        45,
        "days",
        f"{COMPLAINTS}, Điều 28",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.first_resolution_remote_days",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa",
        45,
        "days",
        f"{COMPLAINTS}, Điều 28",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.first_resolution_remote_complex_days",
        "Giải quyết lần đầu ở vùng sâu, vùng xa, vụ việc phức tạp",
        60,
        "days",
        f"{COMPLAINTS}, Điều 28",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.second_resolution_days",
        "Giải quyết khiếu nại lần hai",
        45,
        "days",
        f"{COMPLAINTS}, Điều 37",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.second_resolution_complex_days",
        "Giải quyết khiếu nại lần hai, vụ việc phức tạp",
        60,
        "days",
        f"{COMPLAINTS}, Điều 37",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.second_resolution_remote_days",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa",
        60,
        "days",
        f"{COMPLAINTS}, Điều 37",
        COMPLAINTS_FROM,
        True,
    ),
    _r(
        "complaint.second_resolution_remote_complex_days",
        "Giải quyết lần hai ở vùng sâu, vùng xa, phức tạp",
        70,
        "days",
        f"{COMPLAINTS}, Điều 37",
        COMPLAINTS_FROM,
        True,
    ),
    # Tố cáo
    _r(
        "denunciation.resolution_days",
        "Giải quyết tố cáo kể từ ngày thụ lý",
        30,
        "days",
        f"{DENUNCIATIONS}, Điều 30",
        DENUNCIATIONS_FROM,
        True,
    ),
    _r(
        "denunciation.extension_days",
        "Gia hạn giải quyết tố cáo (mỗi lần)",
        30,
        "days",
        f"{DENUNCIATIONS}, Điều 30",
        DENUNCIATIONS_FROM,
        True,
    ),
    _r(
        "denunciation.notify_acceptance_working_days",
        "Thông báo thụ lý cho người tố cáo",
        5,
        "working_days",
        f"{DENUNCIATIONS}, Điều 29",
        DENUNCIATIONS_FROM,
        True,
    ),
    _r(
        "denunciation.initial_handling_working_days",
        "Xử lý ban đầu thông tin tố cáo",
        7,
        "working_days",
        f"{DENUNCIATIONS}, Điều 24 (chưa kiểm chứng)",
        DENUNCIATIONS_FROM,
        False,
    ),
    _r(
        "denunciation.initial_handling_multi_place_working_days",
        "Xử lý ban đầu khi phải xác minh ở nhiều nơi",
        10,
        "working_days",
        f"{DENUNCIATIONS}, Điều 24 (chưa kiểm chứng)",
        DENUNCIATIONS_FROM,
        False,
    ),
    _r(
        "denunciation.conclusion_posting_min_days",
        "Niêm yết công khai kết luận nội dung tố cáo",
        15,
        "consecutive_days",
        f"{DENUNCIATIONS}, Điều 40",
        DENUNCIATIONS_FROM,
        True,
    ),
    # Một cửa
    _r(
        "onestop.apology_min_days_before_due",
        "Gửi phiếu xin lỗi và hẹn lại trước ngày hẹn trả ít nhất",
        1,
        "days",
        f"{ONESTOP}, Điều 19 (theo bản tóm tắt báo chí)",
        ONESTOP_FROM,
        True,
    ),
    # Chế độ báo cáo
    _r(
        "reporting.cutoff_day_of_month",
        "Ngày bắt đầu kỳ số liệu (từ ngày 15 tháng trước đến ngày 14)",
        15,
        "day_of_month",
        f"{REPORTING}, Điều 12",
        REPORTING_FROM,
        True,
    ),
    _r(
        "reporting.government_due_day",
        "Hạn gửi báo cáo lên Chính phủ (ngày của tháng cuối kỳ)",
        25,
        "day_of_month",
        f"{REPORTING}, Điều 12",
        REPORTING_FROM,
        True,
    ),
    _r(
        "reporting.min_working_days_after_cutoff",
        "Khoảng cách tối thiểu giữa ngày chốt số liệu và hạn gửi báo cáo",
        1,
        "working_days",
        f"{REPORTING}, Điều 8 khoản 5 điểm b",
        REPORTING_FROM,
        True,
    ),
    _r(
        "reporting.default_due_working_days",
        "Hạn gửi báo cáo mặc định sau ngày chốt số liệu (khi cơ quan ban hành không quy định)",
        5,
        "working_days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
    ),
    _r(
        "reporting.entry_open_days_after_due",
        "Khóa nhập, sửa số liệu sau hạn gửi (số ngày; sau đó cần nơi nhận cho phép)",
        30,
        "days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
    ),
    # Reminders (đôn đốc): working settings of the product, not law; each province may set its own.
    _r(
        "reminder.days_before",
        "Nhắc việc trước hạn (số ngày)",
        3,
        "days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
    ),
    _r(
        "reminder.escalate_days_overdue",
        "Báo cán bộ đầu mối của nơi giao việc khi quá hạn (số ngày)",
        5,
        "days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
    ),
)
