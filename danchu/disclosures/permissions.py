"""What may be done with disclosures (quyền đối với công khai thông tin), granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class DisclosurePerm:
    VIEW = Perm(
        "disclosure.view", "xem thông tin công khai của đơn vị, kể cả bản nháp, minh chứng, đối chiếu"
    )
    MANAGE = Perm("disclosure.manage", "soạn, công bố, thu hồi thông tin công khai của đơn vị")
    # Proof of posting is a witness's statement: only someone at the unit itself or below it (a village
    # head who read the notice out) can give it, not an official of the level above nor the administrator.
    RECORD_PROOF = Perm("disclosure.proof", "ghi nhận minh chứng niêm yết, thông báo", local_only=True)
    MANAGE_CATALOGUE = Perm(
        "disclosure.catalogue", "sửa các mục danh mục công khai chưa kiểm chứng (toàn quốc)"
    )
