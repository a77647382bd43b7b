"""Demo consultation for `danchu seed_demo`: Bãi Cháy asks its people about its draft democracy regulation;
the period is running, with opinions online and from a residential group's meeting."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danchu.accounts.demo import COMMUNE_CODE
from danchu.accounts.models import User
from danchu.units.models import Generation, Tier, Unit

from . import services
from .models import Consultation

DRAFT = """QUY CHẾ
Thực hiện dân chủ ở phường
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nội dung, hình thức thực hiện dân chủ ở phường.
Điều 2. Nguyên tắc
1. Bảo đảm công khai, minh bạch.
2. Bảo đảm quyền của Nhân dân:
a) Nhân dân được biết;
b) Nhân dân bàn và quyết định.
Chương II
NỘI DUNG CÔNG KHAI
Điều 3. Hình thức công khai
1. Niêm yết tại trụ sở Ủy ban nhân dân phường trong thời gian ít nhất 30 ngày.
2. Đăng trên cổng thông tin điện tử của phường.
Điều 4. Hòm thư góp ý
Hòm thư góp ý được mở mỗi tháng một lần với sự tham gia của Ban Thanh tra nhân dân.
"""


def seed(admin: User) -> None:
    commune = Unit.objects.get(code=COMMUNE_CODE, tier=Tier.COMMUNE, generation=Generation.CURRENT)
    if Consultation.objects.filter(unit=commune).exists():
        return
    officer = User.objects.get(username="baichay.vanphong")
    today = timezone.localdate()
    consultation = services.create(
        actor=officer, unit=commune, matter_code="25.7", title="Quy chế thực hiện dân chủ ở phường",
        summary="Xin ý kiến về hình thức công khai và việc mở hòm thư góp ý.",
        starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=25),
        audience="commune", channels=["portal", "meeting", "box"], file_name="quy-che.txt",
        file_data=DRAFT.encode(),
    )  # fmt: skip
    services.launch(actor=officer, consultation=consultation)
    sections = {s.anchor: s.pk for s in consultation.sections.all()}
    clause = sections["dieu-3-khoan-1"]
    services.record(
        actor=officer, consultation=consultation, kind="minutes", channel="meeting",
        held_on=today - dt.timedelta(days=2), reference="Biên bản họp tổ dân phố 1",
        entries=[
            services.Entry("Đề nghị niêm yết thêm tại nhà văn hóa khu phố.", clause),
            services.Entry("De nghi niem yet o nha van hoa khu pho cho ba con xem.", clause),
            services.Entry("Mở hòm thư hai tuần một lần.", sections["dieu-4"], "Hội Cựu chiến binh", True),
        ],
    )  # fmt: skip
