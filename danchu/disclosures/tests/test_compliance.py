from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.disclosures import compliance, services
from danchu.disclosures.compliance import Finding, expected

from .conftest import at, draft


def findings(check):
    return {c.item.code: c.finding for c in check.items if c.finding != Finding.NOT_ARISEN}


def test_expected_counts():
    assert expected("yearly", 2026, dt.date(2026, 11, 20)) == 1
    assert expected("quarterly", 2026, dt.date(2026, 3, 31)) == 0
    assert expected("quarterly", 2026, dt.date(2026, 4, 1)) == 1
    assert expected("quarterly", 2026, dt.date(2026, 11, 20)) == 3
    assert expected("quarterly", 2025, dt.date(2026, 11, 20)) == 4
    assert expected("on_event", 2026, dt.date(2026, 11, 20)) == 0


def test_checklist_finds_missing_late_channel_and_proof(tree, personas):
    official = personas["commune_official"]
    with at(2026, 1, 20):
        on_time = draft(
            official,
            tree.commune,
            item_codes=["11.1"],
            document_date=dt.date(2026, 1, 6),
            starts_on=dt.date(2026, 1, 20),
        )  # fmt: skip  (10 working days)
        late = draft(
            official,
            tree.commune,
            item_codes=["11.5"],
            document_date=dt.date(2026, 1, 5),
            starts_on=dt.date(2026, 1, 20),
        )  # fmt: skip  (11 working days)
        portal_only = draft(official, tree.commune, item_codes=["11.6"], channels=["portal"],
                            starts_on=dt.date(2026, 1, 20))  # fmt: skip
        broadcast = draft(official, tree.commune, item_codes=["11.7"], starts_on=dt.date(2026, 1, 20))
        for d in (on_time, late, portal_only, broadcast):
            services.publish(actor=official, disclosure=d)
    with at(2026, 1, 25):
        for d in (on_time, late, broadcast):
            services.record_proof(actor=official, disclosure=d, channel="notice_board",
                                  day=dt.date(2026, 1, 20), place="Bảng tin")  # fmt: skip
        services.record_proof(actor=official, disclosure=broadcast, channel="village_head",
                              day=dt.date(2026, 1, 21), place="Họp tổ")  # fmt: skip
        for day in (20, 21, 23):  # not three days in a row
            services.record_proof(actor=official, disclosure=broadcast, channel="loudspeaker",
                                  day=dt.date(2026, 1, day), place="Đài phường")  # fmt: skip
    check = compliance.checklist(tree.commune, 2026, dt.date(2026, 5, 1))
    result = findings(check)
    assert result["11.1"] == Finding.OK
    assert result["11.5"] == Finding.LATE
    assert result["11.6"] == Finding.CHANNEL_MISSING
    assert result["11.7"] == Finding.PROOF_MISSING
    assert {code for code, f in result.items() if f == Finding.MISSING} == {
        "11.2a",
        "11.2b",
        "11.2c",
        "11.11",
    }
    proof = next(c for c in check.items if c.item.code == "11.7").posted[0]
    assert proof.unproven == ["hệ thống truyền thanh (2/3 ngày liên tục)"]
    with at(2026, 1, 25):
        services.record_proof(actor=official, disclosure=broadcast, channel="loudspeaker",
                              day=dt.date(2026, 1, 22), place="Đài phường")  # fmt: skip
    assert findings(compliance.checklist(tree.commune, 2026, dt.date(2026, 5, 1)))["11.7"] == Finding.OK
    # Nothing begun after the day asked about counts.
    assert findings(compliance.checklist(tree.commune, 2026, dt.date(2026, 1, 19)))["11.1"] == Finding.MISSING


def test_items_off_the_checklist_are_ignored(tree, personas):
    official = personas["commune_official"]
    with at(2026, 1, 20):
        both = draft(official, tree.commune, item_codes=["11.1", "III.2"], starts_on=dt.date(2026, 1, 20))
        services.publish(actor=official, disclosure=both)
    check = compliance.checklist(tree.commune, 2026, dt.date(2026, 5, 1))
    assert "III.2" not in {c.item.code for c in check.items}
    assert findings(check)["11.1"] == Finding.PROOF_MISSING  # counted once, under 11.1


def test_rollup_query_count_does_not_grow_with_communes(tree, personas):
    def queries(units):
        with CaptureQueriesContext(connection) as ctx:
            compliance.checklists(units, 2026, dt.date(2026, 5, 1))
        return len(ctx.captured_queries)

    assert queries([tree.commune]) == queries([tree.commune, tree.sibling])


def test_statistics_for_reports(tree, personas):
    official = personas["commune_official"]
    with at(2026, 1, 20):
        services.publish(actor=official, disclosure=draft(official, tree.commune, item_codes=["11.1"],
                                                          starts_on=dt.date(2026, 1, 20)))  # fmt: skip
    stats = compliance.report_statistics([tree.commune.pk], dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert stats[tree.commune.pk]["disclosed"] == 1
    assert stats[tree.commune.pk]["items_missing"] == 7  # the yearly items but 11.1, and quarter 1 of 11.2b
