"""Demo conventions for `danchu seed_demo`: one hương ước in force in a village of Bãi Cháy, reviewed
last year, and an amendment of it posted for opinions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danchu.accounts.demo import COMMUNE_CODE
from danchu.accounts.models import User
from danchu.units.models import Generation, Household, Tier, Unit

from . import services
from .models import Convention, ConventionVersion, Kind

TEXT = """Chương I. NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Hương ước này quy định những việc cộng đồng dân cư tự quản: giữ gìn vệ sinh, trật tự, tình làng nghĩa xóm.
Điều 2. Đối tượng áp dụng
Mọi hộ gia đình và người dân cư trú trên địa bàn.
Chương II. NỘI DUNG CỤ THỂ
Điều 3. Giữ gìn vệ sinh môi trường
Các hộ đổ rác đúng giờ, đúng nơi quy định; không xả nước thải ra đường làng.
Điều 4. Việc cưới, việc tang
Tổ chức trang trọng, tiết kiệm; không mở loa quá 22 giờ.
Điều 5. Khen thưởng và nhắc nhở
Hộ thực hiện tốt được biểu dương tại hội nghị cuối năm.
"""


def seed(admin: User) -> None:
    commune = Unit.objects.filter(code=COMMUNE_CODE, tier=Tier.COMMUNE, generation=Generation.CURRENT).first()
    if commune is None:
        return
    village = next(
        (
            v
            for v in Unit.objects.filter(parent=commune, tier=Tier.VILLAGE).order_by("id")
            if Household.objects.filter(village=v, dissolved_on__isnull=True).exists()
        ),
        None,
    )
    if village is None or Convention.objects.filter(unit=village).exists():
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=120)
    convention = services.create_convention(
        actor=admin, unit=village, kind=Kind.HUONG_UOC, title=f"Hương ước {village.name}", text=TEXT
    )
    version = convention.versions.get()
    # A history seeded today: the draft is dated as written before the posting it is given.
    ConventionVersion.objects.filter(pk=version.pk).update(created_at=timezone.now() - dt.timedelta(days=121))
    version.refresh_from_db()
    services.post_draft(actor=admin, version=version, posted_on=start, place="Nhà văn hóa")
    total = Household.objects.filter(village=village, dissolved_on__isnull=True).count()
    services.record_meeting(
        actor=admin,
        version=version,
        on=start + dt.timedelta(days=35),
        present=total,
        approving=total,
    )
    services.file_with_commune(actor=admin, version=version, on=start + dt.timedelta(days=37))
    services.recognise(
        actor=admin, version=version, on=start + dt.timedelta(days=40), decision_number="15/QĐ-UBND"
    )
    convention.refresh_from_db()
    amendment = services.start_amendment(
        actor=admin, convention=convention, summary="Bổ sung quy định về phòng cháy, chữa cháy."
    )
    services.update_draft(
        actor=admin,
        version=amendment,
        text=TEXT + "Điều 6. Phòng cháy, chữa cháy\nMỗi hộ có bình chữa cháy mini.\n",
        summary="Bổ sung quy định về phòng cháy, chữa cháy.",
    )
    ConventionVersion.objects.filter(pk=amendment.pk).update(created_at=timezone.now() - dt.timedelta(days=4))
    amendment.refresh_from_db()
    services.post_draft(
        actor=admin, version=amendment, posted_on=today - dt.timedelta(days=3), place="Nhà văn hóa"
    )
