"""The petitions app's own rules (quy định của phản ánh, kiến nghị và xử lý đơn), each with its source.

The handling times of NĐ 20/2008/NĐ-CP were not found (domain.md §3.4): the petition clock is a product
default a province overrides in the rulebook, flagged unverified. Reception's 10 working days (Luật Tiếp
công dân Art. 28) is the house's `reception.feedback_working_days`, read as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from danchu.core.rulebook_seed import RECEPTION_FROM, SETTINGS_FROM, SYSTEM_SETTING, SeedRule

XLD = (
    "Thủ tục xử lý đơn (dichvucong.gov.vn, mã 315145), theo thông tư của Thanh tra Chính phủ "
    "quy định quy trình xử lý đơn (số hiệu chưa kiểm chứng: TT 05/2021/TT-TTCP)"
)

RULES: tuple[SeedRule, ...] = (
    SeedRule(
        "petition.letter_process_days",
        "Thời hạn xử lý đơn kể từ ngày nhận (ngày)",
        Decimal(10),
        "days",
        XLD,
        RECEPTION_FROM,
        False,
        note="Chưa đối chiếu văn bản gốc; tỉnh có thể điều chỉnh.",
    ),
    SeedRule(
        "petition.resolve_working_days",
        "Thời hạn giải quyết phản ánh, kiến nghị mặc định (ngày làm việc)",
        Decimal(10),
        "working_days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
        note=(
            "Không tìm thấy thời hạn của NĐ 20/2008/NĐ-CP; mặc định theo 10 ngày làm việc của Luật Tiếp "
            "công dân Điều 28. Mỗi lĩnh vực có thể đặt thời hạn riêng."
        ),
    ),
    SeedRule(
        "petition.reopen_days",
        "Người gửi được đánh giá “chưa hài lòng” để mở lại phản ánh trong (ngày, kể từ khi trả lời)",
        Decimal(7),
        "days",
        SYSTEM_SETTING,
        SETTINGS_FROM,
        False,
        note="Lựa chọn của sản phẩm; mở lại một lần.",
    ),
    SeedRule(
        "petition.update_every_working_days",
        "Phản ánh quá hạn: cập nhật tình hình cho người gửi sau mỗi (ngày làm việc)",
        Decimal(7),
        "working_days",
        "Quyết định 852/QĐ-BNV năm 2018 (cổng phản ánh của Bộ Nội vụ), áp dụng tương tự",
        dt.date(2018, 1, 1),
        False,
        note="Lấy theo thực tiễn của Bộ Nội vụ; chưa đối chiếu văn bản gốc.",
    ),
)
