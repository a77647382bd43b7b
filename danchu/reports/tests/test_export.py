"""The report as an official document: its PDF is set in the fonts the project ships."""

from __future__ import annotations

import pytest

from danchu.core.tests.pdf_fonts import assert_only_vendored_fonts
from danchu.reports import export, services
from danchu.reports.models import Submission

from .conftest import at

pytestmark = pytest.mark.django_db


def test_report_pdf_is_set_in_the_shipped_fonts(tree, personas, regime):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 16):
        services.save_values(
            actor=personas["commune_official"],
            submission=report,
            values={"MC_RECEIVED": "1250", "MC_ONLINE": "300"},
            narrative={"0": "Đã tổ chức 4 hội nghị “dân biết, dân bàn” – đúng kế hoạch…", "1": "Đề nghị."},
        )
        services.submit(actor=personas["commune_official"], submission=report)
    report.refresh_from_db()
    assert_only_vendored_fonts(export.to_pdf(report))
