"""Demo petitions for `danchu seed_demo`: Bãi Cháy's categories routed to its agencies, a few petitions
at each stage, and an Open311 key for the ward (printed with the logins)."""

from __future__ import annotations

from typing import Any

from django.utils.crypto import salted_hmac

from danchu.accounts.demo import COMMUNE_CODE

from . import selectors
from .models import ApiKey, Category, Channel
from .services import categories, keys, petitions
from .services.intake import SenderData

SAMPLES = (
    (
        "street_light",
        "Đèn đường không sáng",
        "Cột đèn trước nhà số 12 đường Hạ Long tắt ba tối nay.",
        "12 Hạ Long",
    ),
    ("waste", "Rác tồn đọng", "Điểm tập kết rác đầu ngõ 5 chưa được thu gom hai ngày.", "Ngõ 5 Vườn Đào"),
    ("road", "Hố trên vỉa hè", "Vỉa hè trước chợ có hố sâu, người đi bộ dễ ngã.", "Chợ Bãi Cháy"),
)


def seed(admin: Any) -> list[tuple[str, str, str]]:
    commune = selectors.commune_in_force(COMMUNE_CODE)
    if commune is None:
        return []
    categories.install_defaults(actor=admin, unit=commune)
    if not commune.petitions.exists():
        for code, subject, text, address in SAMPLES:
            category = Category.objects.get(unit=commune, code=code)
            petitions.submit(
                actor=None,
                unit=commune,
                category=category,
                channel=Channel.PORTAL_GUEST,
                sender=SenderData(full_name="Người dân (mẫu)", device=f"demo-{code}"),
                subject=subject,
                description=text,
                address=address,
            )
    # The demo's key is derived from the site's secret: re-running the demo prints the same key.
    key = salted_hmac("danchu.petitions.demo", f"open311:{commune.pk}", algorithm="sha256").hexdigest()[:43]
    if not ApiKey.objects.filter(digest=keys.digest(key)).exists():
        keys.issue_key(actor=admin, name="Ứng dụng mẫu (Open311)", unit=commune, key=key)
    return [("open311", f"Khoá API Open311: {key}", commune.name)]
