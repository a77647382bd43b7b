"""Demo records: a village puts a road contribution to its households; some have voted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from danchu.units.models import Household, Unit

from . import services
from .models import Decision


def seed(admin: Any) -> None:
    """One open household ballot in the first village that has households, with a few online votes."""
    if Decision.objects.exists():
        return
    village = Unit.objects.filter(households__isnull=False, tier=4).order_by("id").first()
    if village is None:
        return
    today = timezone.localdate()
    decision = services.create_decision(
        actor=admin,
        unit=village,
        matter_code="infrastructure",
        title="Bê tông hóa đường liên xóm, mức đóng góp mỗi hộ",
        description="Đường dài 800 m; Nhà nước hỗ trợ xi măng, nhân dân góp tiền và ngày công.",
        questions=[
            services.QuestionSpec(
                "Mức đóng góp của mỗi hộ",
                "contribution",
                [services.OptionSpec("500.000 đồng", 500_000), services.OptionSpec("800.000 đồng", 800_000)],
            )
        ],
        form="ballot",
        closes_on=today + dt.timedelta(days=14),
        electronic_returns=True,
    )
    services.announce(actor=admin, decision_id=decision.pk)
    services.open_voting(actor=admin, decision_id=decision.pk)
    services.issue_paper_ballots(actor=admin, decision_id=decision.pk)
    option = decision.questions.get().options.order_by("order").first()
    assert option is not None
    for ballot in decision.paper_ballots.order_by("number")[
        : max(1, Household.objects.filter(village=village).count() // 2)
    ]:
        services.record_paper_return(
            actor=admin, decision_id=decision.pk, code=ballot.code, option_ids=[option.pk]
        )
