"""What may be done with periodic reports (quyền đối với báo cáo định kỳ), granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class ReportPerm:
    # A regime is addressed downwards: the reporting units beneath its issuer read it too.
    VIEW = Perm(
        "report.view", "xem chế độ báo cáo, báo cáo của đơn vị và số liệu tổng hợp", reads_downwards=True
    )
    SUBMIT = Perm("report.submit", "nhập và gửi báo cáo định kỳ của đơn vị")
    MANAGE = Perm("report.manage", "đặt chế độ báo cáo; trả lại, duyệt, mở khoá báo cáo nhận được")
