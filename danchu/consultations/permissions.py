"""What may be done with consultations (quyền đối với lấy ý kiến Nhân dân), granted in `registry`.

Citizens need no permission here: a citizen gives an opinion on a consultation open to the public, and the
service checks that their household is in its audience."""

from __future__ import annotations

from danchu.core.policy import Perm


class ConsultationPerm:
    VIEW = Perm(
        "consultation.view", "xem các đợt lấy ý kiến của đơn vị, mọi ý kiến kể cả thông tin người góp ý"
    )
    MANAGE = Perm(
        "consultation.manage",
        "tạo, phát động đợt lấy ý kiến; sửa dự thảo; nhóm, trả lời, ẩn ý kiến; kết thúc và công bố kết quả",
    )
    # Entering what a meeting's minutes, a box or a hotline log recorded is a witness's act: only someone at
    # the commune itself (or a village head below it) may do it, never the level above nor the administrator.
    RECORD = Perm(
        "consultation.record", "nhập ý kiến từ biên bản, hòm thư, đường dây nóng, phiếu", local_only=True
    )
