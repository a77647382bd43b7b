"""What may be done with letters and petitions (quyền đối với đơn thư, phản ánh), granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class PetitionPerm:
    VIEW = Perm("petition.view", "xem sổ đơn thư và phản ánh của đơn vị (không kèm danh tính người gửi)")
    # The sender's identity is read apart: a denouncer's is secret (Luật Tố cáo Art. 9(1)(b)).
    VIEW_SENDER = Perm("petition.sender", "xem danh tính người gửi đơn")
    REGISTER = Perm(
        "petition.register", "vào sổ đơn thư nhận trực tiếp, qua hòm thư, bưu chính, đường dây nóng"
    )
    HANDLE = Perm("petition.handle", "phân loại, thụ lý, hướng dẫn, chuyển, trả đơn; giao cơ quan xử lý")
    # An agency officer resolves the petitions given to its own agency (selectors.access_petition).
    RESOLVE = Perm("petition.resolve", "xử lý, trả lời phản ánh được giao")
    MANAGE_CATEGORIES = Perm("petition.categories", "quản lý lĩnh vực phản ánh và cơ quan phụ trách")
