"""Demo reports for `danchu seed_demo`: Quảng Ninh's 6-month grassroots-democracy report and its monthly
one-stop statistics, with Hà Tu's figures sent and approved and Bãi Cháy's still to do."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from danchu.accounts.demo import COMMUNE_CODE, PROVINCE_CODE, SIBLING_CODE
from danchu.accounts.models import User
from danchu.units.models import Generation, Tier, Unit

from . import selectors, services
from .catalogue import MOTCUA, QCDC, codes
from .models import ReportRegime, Submission

SIX_MONTH = "Báo cáo 6 tháng, năm thực hiện dân chủ ở cơ sở"
ONE_STOP = "Thống kê tình hình giải quyết thủ tục hành chính (một cửa)"


def seed(admin: User) -> None:
    province = Unit.objects.get(code=PROVINCE_CODE, tier=Tier.PROVINCE, generation=Generation.CURRENT)
    if ReportRegime.objects.filter(unit=province, name=SIX_MONTH).exists():
        return
    today = timezone.localdate()
    officer = User.objects.get(username="tinh.noivu")
    start = dt.date(today.year, 1, 1)
    services.create_regime(
        actor=officer, unit=province, name=SIX_MONTH, frequency="six_monthly", reporter_tiers=[Tier.COMMUNE],
        indicator_codes=codes(QCDC), required_codes=["QCDC_PLAN", "QCDC_TASKS"], starts_on=start,
        outline=services.DEFAULT_OUTLINE, method="Gửi trên hệ thống danchu, qua Sở Nội vụ",
    )  # fmt: skip
    one_stop = services.create_regime(
        actor=officer, unit=province, name=ONE_STOP, frequency="monthly", reporter_tiers=[Tier.COMMUNE],
        indicator_codes=codes(MOTCUA), required_codes=["MC_RECEIVED"], starts_on=start,
    )  # fmt: skip
    rng = random.Random(22)
    for code, approve in ((SIBLING_CODE, True), (COMMUNE_CODE, False)):
        unit = Unit.objects.get(code=code, generation=Generation.CURRENT, tier=Tier.COMMUNE)
        reports = Submission.objects.filter(regime=one_stop, unit=unit).order_by("period")
        for report in list(reports)[-3:-1]:  # the last two finished months
            if not selectors.entry_open(report):
                services.grant_exception(
                    actor=officer, submission=report, until=today, reason="Nhập số liệu mẫu của tháng trước"
                )
            received = rng.randint(200, 260)  # keeps resolved + pending within received
            early, on_time, late = rng.randint(30, 60), rng.randint(40, 80), rng.randint(0, 6)
            services.save_values(
                actor=admin,
                submission=report,
                values={
                    "MC_RECEIVED": received,
                    "MC_ONLINE": rng.randint(40, received),
                    "MC_CARRIED": rng.randint(5, 20),
                    "MC_EARLY": early,
                    "MC_ON_TIME": on_time,
                    "MC_LATE": late,
                    "MC_PENDING": rng.randint(10, 40),
                    "MC_PENDING_OVERDUE": rng.randint(0, 3),
                    "MC_APOLOGIES": late,
                    "MC_ON_TIME_RATE": (early + on_time, early + on_time + late),
                },
            )
            services.submit(actor=admin, submission=report)
            if approve:
                services.approve(actor=officer, submission=report)
