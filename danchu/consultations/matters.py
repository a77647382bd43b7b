"""Matters people are consulted on (nội dung Nhân dân tham gia ý kiến), as data with their citations.

Law 10 Art. 25 lists nine matters for the commune (domain.md 1.7: items 1–7 read in published summaries of
the law's text, items 8–9 not found verbatim, so unverified); Chapter III adds agencies' internal
regulations; Decree 61/2023 the village conventions (hương ước, quy ước) drafted for the community; plan
drafts are the product's own heading for the plans the sample plans ask to consult on. Unverified lines
stay editable by the administrator (Django admin) and say why in their note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LAW10 = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
UNVERIFIED = "Chưa đối chiếu nguyên văn; nội dung theo tài liệu tuyên truyền (domain.md 1.7)."


@dataclass(frozen=True)
class Matter:
    code: str
    article: str
    title: str
    verified: bool
    scope: str = "commune"  # commune (Chương II) or agency (Chương III)
    law: str = LAW10
    note: str = ""

    @property
    def citation(self) -> str:
        return f"{self.article} {self.law}"


MATTERS: tuple[Matter, ...] = (
    Matter(
        "25.1",
        "Khoản 1 Điều 25",
        "Dự thảo kế hoạch phát triển kinh tế - xã hội cấp xã; phương án chuyển dịch cơ cấu kinh tế, cơ cấu "
        "sản xuất; đề án định canh, định cư, vùng kinh tế mới và phương án phát triển ngành nghề",
        verified=True,
    ),
    Matter(
        "25.2",
        "Khoản 2 Điều 25",
        "Dự thảo quy hoạch, kế hoạch sử dụng đất cấp huyện và phương án điều chỉnh; việc quản lý, sử dụng "
        "quỹ đất được giao cho Ủy ban nhân dân cấp xã quản lý",
        verified=True,
    ),
    Matter(
        "25.3",
        "Khoản 3 Điều 25",
        "Chủ trương, chính sách đầu tư, xây dựng, đất đai, xử lý chất thải, bảo vệ môi trường, bồi thường, "
        "hỗ trợ, giải phóng mặt bằng và phương án tái định cư của dự án ảnh hưởng trực tiếp đến cộng đồng",
        verified=True,
    ),
    Matter(
        "25.4",
        "Khoản 4 Điều 25",
        "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới, đặt tên, đổi tên đơn vị hành "
        "chính; thành lập, giải thể, nhập, chia, đặt tên, đổi tên thôn, tổ dân phố",
        verified=True,
        note="Nghị định 321/2025/NĐ-CP hướng dẫn việc lấy ý kiến cử tri về đơn vị hành chính.",
    ),
    Matter(
        "25.5",
        "Khoản 5 Điều 25",
        "Dự thảo quyết định hành chính của Ủy ban nhân dân cấp xã liên quan đến lợi ích của cộng đồng "
        "(chương trình, kế hoạch, dự án, đề án ảnh hưởng đến môi trường, sức khỏe, trật tự)",
        verified=True,
    ),
    Matter(
        "25.6",
        "Khoản 6 Điều 25",
        "Dự thảo nhiệm vụ, đồ án quy hoạch xây dựng: quy hoạch chung xã, quy hoạch phân khu, quy hoạch chi "
        "tiết, quy hoạch điểm dân cư nông thôn",
        verified=True,
    ),
    Matter(
        "25.7",
        "Khoản 7 Điều 25",
        "Dự thảo quy chế thực hiện dân chủ ở xã, phường, thị trấn",
        verified=True,
    ),
    Matter(
        "25.8",
        "Khoản 8 Điều 25",
        "Nội dung mà công dân là đối tượng thi hành (đối thoại, lấy ý kiến công dân là đối tượng thi hành)",
        verified=False,
        note=UNVERIFIED,
    ),
    Matter(
        "25.9",
        "Khoản 9 Điều 25",
        "Nội dung khác theo quy định của pháp luật hoặc chính quyền địa phương cấp xã thấy cần thiết",
        verified=False,
        note=UNVERIFIED,
    ),
    Matter(
        "III.quy-che",
        "Chương III",
        "Dự thảo nội quy, quy chế làm việc, quy chế chi tiêu nội bộ và các quy chế khác của cơ quan, đơn vị",
        verified=False,
        scope="agency",
        note="Danh mục Chương III chưa đối chiếu nguyên văn (domain.md 1.10).",
    ),
    Matter(
        "HU.du-thao",
        "Nghị định 61/2023/NĐ-CP",
        "Dự thảo hương ước, quy ước của thôn, tổ dân phố",
        verified=False,
        law="về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
        note="Điều khoản cụ thể về lấy ý kiến dự thảo chưa đối chiếu (domain.md 2.3).",
    ),
    Matter(
        "KH.du-thao",
        "Kế hoạch",
        "Dự thảo kế hoạch của chính quyền cấp xã cần lấy ý kiến Nhân dân",
        verified=False,
        law="(lựa chọn của sản phẩm: các kế hoạch mẫu yêu cầu lấy ý kiến)",
        note="Không phải một khoản của luật; dùng khi kế hoạch không thuộc khoản 1 Điều 25.",
    ),
)


def sync_matters(model: Any) -> None:
    """Create what is missing; never change a line the administrator may have edited since."""
    known = set(model.objects.values_list("code", flat=True))
    model.objects.bulk_create(
        model(
            code=m.code,
            article=m.article,
            title=m.title,
            citation=m.citation,
            verified=m.verified,
            scope=m.scope,
            note=m.note,
            order=i,
        )
        for i, m in enumerate(MATTERS)
        if m.code not in known
    )
