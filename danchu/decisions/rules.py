"""The decisions app's own rules (quy định riêng), added to the rulebook by migration 0002.

The pass thresholds themselves are the house's (`decision.pass_share_*`, `convention.*`); these are
the numbers the law gives for meetings and recognition that the house did not ship. Values read only in
secondary sources are `verified=False` and can be overridden per province until checked.
"""

from __future__ import annotations

from danchu.core.rulebook_seed import LAW10, LAW10_FROM, ND59_2023, ND59_FROM, SeedRule, _r

RULES: tuple[SeedRule, ...] = (
    _r(
        "decision.meeting_quorum_share",
        "Cuộc họp cộng đồng dân cư hợp lệ khi số đại diện hộ tham dự lớn hơn",
        1,
        "share",
        f"{LAW10}, Điều 18 (suy luận theo {ND59_2023} và Nghị định 61/2023 Điều 10; chưa đọc nguyên văn)",
        LAW10_FROM,
        False,
        denominator=2,
        note="Chưa tìm thấy nguyên văn điều khoản chung về số hộ tham dự; tạm dùng “trên 50% số hộ”.",
    ),
    _r(
        "decision.procedural_share_present",
        "Đề xuất về thủ tục tại cuộc họp (thư ký, hình thức biểu quyết) được thông qua khi số đại diện hộ "
        "có mặt tán thành lớn hơn",
        1,
        "share",
        f"{ND59_2023}, khoản 5 Điều 3",
        ND59_FROM,
        True,
        denominator=2,
    ),
    _r(
        "decision.recognition_working_days",
        "UBND cấp xã xem xét công nhận kết quả bàn và quyết định của cộng đồng dân cư",
        5,
        "working_days",
        f"{LAW10}, Điều 22 (chưa đọc nguyên văn; theo thời hạn công nhận tại {ND59_2023} Điều 8)",
        LAW10_FROM,
        False,
        note="Pháp lệnh 34 cũ quy định 3 ngày làm việc; Luật 10 chưa kiểm chứng. Tỉnh có thể điều chỉnh.",
    ),
    _r(
        "decision.ballot_electronic_return",
        "Hộ gia đình được gửi phiếu lấy ý kiến bằng phương thức điện tử (1 = cho phép, 0 = không)",
        1,
        "count",
        f"{ND59_2023}, Điều 4 và Điều 5 (ứng dụng biểu quyết trên trang thông tin điện tử của tỉnh)",
        ND59_FROM,
        False,
        note="Lựa chọn sản phẩm: phiếu hộ gia đình gửi lại qua tài khoản người đại diện hộ thay cho phiếu "
        "giấy; không phải hình thức biểu quyết trực tuyến (chỉ khoản 6 Điều 15). Tỉnh có thể tắt.",
    ),
)
