"""What may be done with community decisions (quyền đối với việc bàn và quyết định), granted in `registry`.

Households vote through their own account (the representative, or a member it authorised): that is not a
permission over a unit but membership of the frozen register, checked by the ballot services."""

from __future__ import annotations

from danchu.core.policy import Perm


class DecisionPerm:
    VIEW = Perm("decision.view", "xem việc bàn và quyết định của đơn vị, danh sách hộ, phiếu")
    MANAGE = Perm("decision.manage", "soạn, thông báo, mở, kết thúc, kiểm phiếu, công bố kết quả")
    # The vote team (tổ lấy ý kiến): attendance, paper returns, meeting counts.
    RECORD = Perm("decision.record", "ghi nhận người dự họp, phiếu giấy, kết quả giơ tay")
    # Recognition is the commune UBND's (Law 10 Art. 22): a village head never holds it.
    RECOGNISE = Perm("decision.recognise", "công nhận hoặc không công nhận kết quả (UBND cấp xã)")
