from __future__ import annotations

import datetime as dt

from danchu.accounts.models import Notification
from danchu.plans.reminders import scan
from danchu.reports import services
from danchu.reports.models import Submission

from .conftest import at


def test_reports_are_reminded_through_the_plans_daily_scan_once_each(tree, personas, regime):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 16):
        services.save_values(
            actor=personas["commune_official"], submission=report, values={"MC_RECEIVED": "1"}
        )
        services.submit(actor=personas["commune_official"], submission=report)
    due = Submission.objects.get(regime=regime, unit=tree.sibling).due_on
    before = scan(due - dt.timedelta(days=1))
    assert before.rows["submission.before"] == 1  # only the sibling, which has not sent
    assert (
        Notification.objects.filter(user=personas["sibling_official"], key__endswith=":before").count() == 1
    )
    assert not Notification.objects.filter(
        user=personas["commune_official"], key__contains="report:"
    ).exists()
    scan(due + dt.timedelta(days=1))
    late = scan(due + dt.timedelta(days=10))
    assert late.rows["submission.escalate"] == 1
    assert (
        Notification.objects.filter(user=personas["province_official"], title__contains="chưa gửi").count()
        == 1
    )
    again = scan(due + dt.timedelta(days=11))
    assert again.notifications == 0  # each event once
