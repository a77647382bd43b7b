"""The disclosure catalogue as data: Law 10 Art. 11 (communes) and Chapter III (agencies), with citations.

Items 1–3 of Art. 11 were read in the law's text and are marked verified; items 4–14 and the agencies'
list were not found verbatim (see domain.md 1.4, 1.10) and stay editable by the administrator. Recurrence
is the product's reading of each item (budget execution is quarterly by the law's own words); it is data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAW10 = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
BASIC = ["notice_board", "portal"]
# Art. 13(3)-(4): items 7–12 also on the loudspeaker for ≥ 3 consecutive days and through village heads.
BROADCAST = ["notice_board", "portal", "loudspeaker", "village_head"]


@dataclass(frozen=True)
class Item:
    code: str
    article: str
    title: str
    recurrence: str
    verified: bool = False
    scope: str = "commune"
    channels: list[str] = field(default_factory=lambda: list(BASIC))
    broadcast: bool = False
    note: str = ""

    @property
    def citation(self) -> str:
        return f"{self.article} {LAW10}"


UNVERIFIED = "Chưa đối chiếu nguyên văn Điều 11; nội dung theo Pháp lệnh 34/2007 và tài liệu tuyên truyền."
ITEMS: tuple[Item, ...] = (
    Item(
        "11.1",
        "Khoản 1 Điều 11",
        "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế "
        "hằng năm của cấp xã và kết quả thực hiện",
        "yearly",
        verified=True,
    ),
    Item(
        "11.2a",
        "Khoản 2 Điều 11",
        "Dự toán ngân sách, kế hoạch tài chính trình và được Hội đồng nhân dân cấp xã quyết định",
        "yearly",
        verified=True,
    ),
    Item(
        "11.2b",
        "Khoản 2 Điều 11",
        "Tình hình thực hiện ngân sách định kỳ theo quý, 06 tháng, hằng năm",
        "quarterly",
        verified=True,
    ),
    Item(
        "11.2c",
        "Khoản 2 Điều 11",
        "Quyết toán ngân sách được Hội đồng nhân dân cấp xã phê chuẩn",
        "yearly",
        verified=True,
    ),
    Item(
        "11.2d",
        "Khoản 2 Điều 11",
        "Kết quả thực hiện kiến nghị của Kiểm toán nhà nước (nếu có)",
        "on_event",
        verified=True,
    ),
    Item(
        "11.3a",
        "Khoản 3 Điều 11",
        "Dự án, công trình đầu tư trên địa bàn cấp xã và tiến độ thực hiện",
        "on_event",
        verified=True,
    ),
    Item(
        "11.3b",
        "Khoản 3 Điều 11",
        "Phương án bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
        "on_event",
        verified=True,
    ),
    Item(
        "11.3c",
        "Khoản 3 Điều 11",
        "Phương án quản lý, sử dụng quỹ đất do cấp xã quản lý; cho thuê quỹ đất "
        "nông nghiệp sử dụng vào mục đích công ích",
        "on_event",
        verified=True,
    ),
    Item(
        "11.3d",
        "Khoản 3 Điều 11",
        "Quy hoạch xây dựng vùng huyện, quy hoạch chung xã, quy hoạch khu dân cư "
        "nông thôn; quy hoạch chung, phân khu, chi tiết đô thị",
        "on_event",
        verified=True,
    ),
    Item(
        "11.4",
        "Khoản 4 Điều 11",
        "Quy chế thực hiện dân chủ và các quy chế của chính quyền cấp xã",
        "on_event",
        note=UNVERIFIED,
    ),
    Item(
        "11.5",
        "Khoản 5 Điều 11",
        "Nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã trực tiếp giải quyết công việc của Nhân dân",
        "yearly",
        note=UNVERIFIED,
    ),
    Item(
        "11.6",
        "Khoản 6 Điều 11",
        "Việc quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp",
        "yearly",
        note=UNVERIFIED,
    ),
    Item(
        "11.7",
        "Khoản 7 Điều 11",
        "Chủ trương, kế hoạch vay vốn cho Nhân dân; đối tượng, kết quả bình xét hộ "
        "nghèo, hộ cận nghèo, trợ cấp xã hội",
        "yearly",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.8",
        "Khoản 8 Điều 11",
        "Đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành chính, thôn, tổ dân phố",
        "on_event",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.9",
        "Khoản 9 Điều 11",
        "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tiêu cực, tham nhũng; kết quả lấy phiếu tín nhiệm",
        "on_event",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.10",
        "Khoản 10 Điều 11",
        "Nội dung lấy ý kiến Nhân dân và kết quả tiếp thu, giải trình",
        "on_event",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.11",
        "Khoản 11 Điều 11",
        "Mức thu phí, lệ phí và các khoản đóng góp; thủ tục hành chính giải quyết tại cấp xã",
        "yearly",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.12",
        "Khoản 12 Điều 11",
        "Kết quả tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
        "on_event",
        channels=BROADCAST,
        broadcast=True,
        note=UNVERIFIED,
    ),
    Item(
        "11.13",
        "Khoản 13 Điều 11",
        "Thông tin về lựa chọn, thực hiện chương trình, dự án có sự tham gia của cộng đồng",
        "on_event",
        note=UNVERIFIED,
    ),
    Item(
        "11.14",
        "Khoản 14 Điều 11",
        "Các nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan "
        "nhà nước có thẩm quyền hoặc chính quyền địa phương cấp xã thấy cần thiết",
        "on_event",
        note=UNVERIFIED,
    ),
    Item(
        "III.1",
        "Chương III",
        "Chủ trương, chính sách, pháp luật liên quan đến tổ chức, hoạt động của cơ quan, đơn vị",
        "yearly",
        scope="agency",
        channels=["notice_board", "document"],
        note=UNVERIFIED,
    ),
    Item(
        "III.2",
        "Chương III",
        "Kế hoạch công tác, dự toán, quyết toán kinh phí, tài sản của cơ quan, đơn vị",
        "yearly",
        scope="agency",
        channels=["notice_board", "document"],
        note=UNVERIFIED,
    ),
    Item(
        "III.3",
        "Chương III",
        "Tuyển dụng, quy hoạch, bổ nhiệm, đánh giá, khen thưởng, kỷ luật cán bộ, công chức, viên chức",
        "on_event",
        scope="agency",
        channels=["notice_board", "document"],
        note=UNVERIFIED,
    ),
    Item(
        "III.4",
        "Chương III",
        "Nội quy, quy chế của cơ quan, đơn vị; quy chế chi tiêu nội bộ",
        "on_event",
        scope="agency",
        channels=["notice_board", "document"],
        note=UNVERIFIED,
    ),
)


def sync_items(model: Any) -> None:
    """Create what is missing; never change an item the administrator may have edited since."""
    known = set(model.objects.values_list("code", flat=True))
    model.objects.bulk_create(
        model(
            code=item.code,
            scope=item.scope,
            article=item.article,
            title=item.title,
            citation=item.citation,
            verified=item.verified,
            recurrence=item.recurrence,
            channels=item.channels,
            broadcast=item.broadcast,
            note=item.note,
            order=i,
        )
        for i, item in enumerate(ITEMS)
        if item.code not in known
    )
