"""Every rule of dân bàn, dân quyết on the real database; refused writes change nothing and leave no audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry, Rule
from danchu.decisions import selectors, services
from danchu.decisions.models import Choice, Conflict, Participation, Receipt, State
from danchu.decisions.services import OptionSpec, QuestionSpec
from danchu.units.models import Household

from .conftest import DAY, at, ballot, citizen_of, households, opened, options, road

pytestmark = pytest.mark.usefixtures("clock")


def test_matters_thresholds_follow_the_rulebook(tree: Any, personas: Any) -> None:
    households(tree.village, 38)  # 40 with h1, h2
    d = opened(personas["village_head"], tree.village)
    status = selectors.meeting_status(d)
    assert (d.denominator, status.threshold_needed, status.quorum_needed) == (40, 27, 21)
    assert status.threshold.key == "decision.pass_share_contributions" and not status.threshold.verified
    other = opened(personas["village_head"], tree.village, matter_code="other")
    assert selectors.meeting_status(other).threshold_needed == 21  # > 1/2 of 40


def test_a_province_override_changes_the_threshold(tree: Any, personas: Any) -> None:
    national = Rule.objects.get(key="decision.pass_share_contributions", scope_unit__isnull=True)
    Rule.objects.create(
        key=national.key,
        title=national.title,
        value=3,
        denominator=4,
        unit=national.unit,
        citation="Quyết định của UBND tỉnh",
        verified=True,
        effective_from=dt.date(2024, 1, 1),
        scope_unit=tree.province,
    )
    d = opened(personas["village_head"], tree.village)
    t = selectors.meeting_status(d).threshold
    assert (t.share.numerator, t.share.denominator, t.citation) == (3, 4, "Quyết định của UBND tỉnh")


def test_online_only_for_item_6_with_its_four_preconditions(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    with pytest.raises(DomainError, match="khoản 6 Điều 15"):
        road(head, tree.village, form="online", closes_on=dt.date(2026, 3, 9))
    with pytest.raises(DomainError, match="Cộng đồng dân cư đồng ý"):
        road(
            head,
            tree.village,
            matter_code="other",
            form="online",
            closes_on=dt.date(2026, 3, 9),
            online_preconditions={"online_head_front_agreed_on": DAY},
        )
    ok = road(
        head,
        tree.village,
        matter_code="other",
        form="online",
        closes_on=dt.date(2026, 3, 9),
        online_preconditions=dict.fromkeys(services.ONLINE_PRECONDITIONS, DAY),
    )
    assert ok.online_front_told_on == DAY
    assert AuditEntry.objects.filter(action="decisions.decision.create").count() == 1


def test_conventions_and_elections_must_meet_first(tree: Any, personas: Any) -> None:
    with pytest.raises(DomainError, match="phải họp"):
        road(personas["village_head"], tree.village, matter_code="convention", form="ballot", closes_on=DAY)


def test_bad_text_is_refused_and_nothing_saved(tree: Any, personas: Any) -> None:
    with pytest.raises(DomainError, match="ký tự không hợp lệ"):
        road(personas["village_head"], tree.village, title="Đường\x00")
    with pytest.raises(DomainError):
        road(personas["village_head"], tree.village, closes_on=dt.date(1800, 1, 1))
    with pytest.raises(DomainError, match="hai phương án"):
        road(
            personas["village_head"],
            tree.village,
            questions=[QuestionSpec("Mức?", "contribution", [OptionSpec("a", 1)])],
        )
    assert not AuditEntry.objects.filter(action__startswith="decisions").exists()


def test_only_officials_of_the_scope_create(tree: Any, personas: Any) -> None:
    for who in ("citizen", "sibling_official", "oversight_member"):
        with pytest.raises(PermissionDeniedError):
            road(personas[who], tree.village)


def test_denominator_frozen_at_opening(tree: Any, personas: Any) -> None:
    d = opened(personas["village_head"], tree.village)
    late = households(tree.village, 1, start=900)[0]
    Household.objects.filter(pk=tree.h2.pk).update(dissolved_on=DAY)
    assert selectors.compute_result(d).denominator == 2
    with pytest.raises(DomainError, match="thêm sau khi bắt đầu"):
        services.record_attendance(
            actor=personas["village_head"], decision_id=d.pk, household_id=late.pk, attendee="X"
        )


def test_meeting_unreachable_offers_ballot_then_the_whole_journey(tree: Any, personas: Any) -> None:
    """Issue 12 point 11 through the services: 40 households, 12 attend, ballot, 20 paper + 8 online."""
    head, team = personas["village_head"], personas["village_head"]
    rest = households(tree.village, 38)
    all_h = [tree.h1, tree.h2, *rest]
    d = opened(head, tree.village)
    for h in all_h[:12]:
        services.record_attendance(
            actor=team, decision_id=d.pk, household_id=h.pk, attendee=str(h.representative)
        )
    status = selectors.meeting_status(d)
    assert not status.reachable and not status.quorate
    with pytest.raises(DomainError, match="chưa đủ số hộ"):
        services.record_meeting_counts(actor=team, decision_id=d.pk, counts={})
    services.switch_to_ballot(
        actor=head, decision_id=d.pk, closes_on=dt.date(2026, 3, 20), electronic_returns=True
    )
    assert services.issue_paper_ballots(actor=head, decision_id=d.pk) == 40
    approve, disapprove = options(d)
    papers = {p.household_id: p.code for p in d.paper_ballots.all()}
    for h in all_h[:20]:
        services.record_paper_return(
            actor=team, decision_id=d.pk, code=papers[h.pk].lower(), option_ids=[approve]
        )
    online = all_h[20:28]
    receipts = [
        services.cast_online(actor=citizen_of(h), decision_id=d.pk, household_id=h.pk, option_ids=[approve])
        for h in online
    ]
    with pytest.raises(DomainError, match="đã biểu quyết trực tuyến"):
        services.record_paper_return(
            actor=team, decision_id=d.pk, code=papers[online[0].pk], option_ids=[disapprove]
        )
    assert Conflict.objects.filter(decision=d, household=online[0], channel="paper").count() == 1
    services.close_voting(actor=head, decision_id=d.pk)
    d = services.tally(actor=head, decision_id=d.pk)
    result = selectors.compute_result(d)
    assert (result.participated, result.approving, result.needed) == (28, 28, 27)
    assert result.passed
    d = services.publish_result(actor=head, decision_id=d.pk)
    assert d.state == State.PUBLISHED and d.recognition_due_on is not None
    assert set(receipts) <= set(selectors.receipts_of(d)) and len(selectors.receipts_of(d)) == 28
    assert d.digest == services.digest_of(services.canonical_record(d))
    with pytest.raises(PermissionDeniedError):
        services.recognise(actor=head, decision_id=d.pk, number="12/QĐ-UBND", on=DAY)
    d = services.recognise(actor=personas["commune_official"], decision_id=d.pk, number="12/QĐ-UBND", on=DAY)
    assert d.state == State.RECOGNISED
    assert selectors.public_decision(d.pk) == d


def test_one_ballot_per_household_across_channels(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village)
    services.issue_paper_ballots(actor=personas["village_head"], decision_id=d.pk)
    approve, disapprove = options(d)
    citizen = personas["citizen"]
    first = services.cast_online(
        actor=citizen, decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
    )
    again = services.cast_online(
        actor=citizen, decision_id=d.pk, household_id=tree.h1.pk, option_ids=[disapprove]
    )
    assert first == again  # a change until closing keeps the receipt
    assert list(Choice.objects.filter(decision=d).values_list("option_id", flat=True)) == [disapprove]
    code = d.paper_ballots.get(household=tree.h1).code
    audits = AuditEntry.objects.filter(action__startswith="decisions.ballot").count()
    with pytest.raises(DomainError, match="mỗi hộ chỉ một phiếu"):
        services.record_paper_return(
            actor=personas["village_head"], decision_id=d.pk, code=code, option_ids=[approve]
        )
    assert Participation.objects.filter(decision=d).count() == 1
    assert AuditEntry.objects.filter(action__startswith="decisions.ballot").count() == audits


def test_ballot_codes_guessed_reused_and_foreign(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    d = ballot(head, tree.village)
    services.issue_paper_ballots(actor=head, decision_id=d.pk)
    approve, _no = options(d)
    with pytest.raises(DomainError, match="Mã phiếu không đúng"):
        services.record_paper_return(
            actor=head, decision_id=d.pk, code="AAAA-BBBB-CCCC", option_ids=[approve]
        )
    code = d.paper_ballots.get(household=tree.h2).code
    services.record_paper_return(actor=head, decision_id=d.pk, code=code, option_ids=[approve])
    with pytest.raises(DomainError, match="đã được ghi nhận"):
        services.record_paper_return(actor=head, decision_id=d.pk, code=code, option_ids=[approve])
    with pytest.raises(DomainError, match="không thuộc"):
        services.cast_online(
            actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[999_999_999]
        )
    stranger = citizen_of(tree.hs, "nguoingoai")
    with pytest.raises(DomainError, match="không có trong danh sách"):
        services.cast_online(actor=stranger, decision_id=d.pk, household_id=tree.hs.pk, option_ids=[approve])
    with pytest.raises(DomainError, match="không phải người đại diện"):
        services.cast_online(
            actor=personas["citizen"], decision_id=d.pk, household_id=tree.h2.pk, option_ids=[approve]
        )
    assert Participation.objects.filter(decision=d).count() == 1


def test_an_authorised_member_may_vote(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village)
    member = tree.h1.members.exclude(pk=tree.h1.representative_id).get()
    from conftest import make_user
    from danchu.accounts.models import Role

    user = make_user("binh", Role.CITIZEN, tree.village, resident=member)
    approve, _no = options(d)
    with pytest.raises(DomainError, match="không phải người đại diện"):
        services.cast_online(actor=user, decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve])
    services.authorise_member(
        actor=personas["village_head"], decision_id=d.pk, household_id=tree.h1.pk, resident_id=member.pk
    )
    services.cast_online(actor=user, decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve])
    assert Participation.objects.get(decision=d).cast_by_id == member.pk


def test_no_vote_after_closing_nor_online_on_a_paper_only_ballot(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    paper_only = ballot(head, tree.village, electronic=False)
    approve = options(paper_only)[0]
    with pytest.raises(DomainError, match="không nhận biểu quyết trực tuyến"):
        services.cast_online(
            actor=personas["citizen"],
            decision_id=paper_only.pk,
            household_id=tree.h1.pk,
            option_ids=[approve],
        )
    d = ballot(head, tree.village)
    services.close_voting(actor=head, decision_id=d.pk)
    with pytest.raises(DomainError, match="Đã kết thúc"):
        services.cast_online(
            actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[options(d)[0]]
        )


def test_secret_vote_keeps_who_apart_from_what(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village, matter_code="other", secret=True)
    approve, disapprove = options(d)
    receipt = services.cast_online(
        actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
    )
    row = Participation.objects.get(decision=d)
    assert row.box is None and row.receipt == ""
    assert {f.name for f in Choice._meta.get_fields()} == {"id", "decision", "box", "option"}
    assert {f.name for f in Receipt._meta.get_fields()} == {"id", "decision", "code"}
    with pytest.raises(DomainError, match="nhập mã xác nhận"):
        services.cast_online(
            actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[disapprove]
        )
    services.cast_online(
        actor=personas["citizen"],
        decision_id=d.pk,
        household_id=tree.h1.pk,
        option_ids=[disapprove],
        receipt=receipt,
    )
    assert list(Choice.objects.filter(decision=d).values_list("option_id", flat=True)) == [disapprove]
    entries = AuditEntry.objects.filter(action__startswith="decisions.ballot")
    assert all(str(approve) not in str(e.after) and str(disapprove) not in str(e.after) for e in entries)


def test_meeting_counts_cannot_exceed_those_present(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    d = opened(head, tree.village, matter_code="other")
    for h in (tree.h1, tree.h2):
        services.record_attendance(actor=head, decision_id=d.pk, household_id=h.pk, attendee="Đại diện")
    with pytest.raises(DomainError, match="đã có người đại diện"):
        services.record_attendance(actor=head, decision_id=d.pk, household_id=tree.h1.pk, attendee="Lần hai")
    approve, disapprove = options(d)
    with pytest.raises(DomainError, match="lớn hơn số hộ có mặt"):
        services.record_meeting_counts(actor=head, decision_id=d.pk, counts={approve: 2, disapprove: 1})
    vote = services.record_procedural_vote(actor=head, decision_id=d.pk, subject="Thư ký", in_favour=2)
    assert vote.passed
    services.record_meeting_counts(actor=head, decision_id=d.pk, counts={approve: 2})
    with pytest.raises(DomainError, match="Cuộc họp đã biểu quyết"):
        services.switch_to_ballot(actor=head, decision_id=d.pk, closes_on=DAY)
    services.close_voting(actor=head, decision_id=d.pk)
    assert services.tally(actor=head, decision_id=d.pk).passed


def test_failed_result_can_be_rerun(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    d = ballot(head, tree.village)
    services.close_voting(actor=head, decision_id=d.pk)
    services.tally(actor=head, decision_id=d.pk)
    d = services.publish_result(actor=head, decision_id=d.pk)
    assert d.state == State.FAILED
    again = services.rerun(actor=head, decision_id=d.pk)
    assert again.rerun_of_id == d.pk and again.state == State.DRAFT


def test_daily_job_closes_past_ballots(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village, closes_on=DAY)
    assert services.close_due(DAY) == {"decisions.closed": 0}
    assert services.close_due(DAY + dt.timedelta(days=1)) == {"decisions.closed": 1}
    d.refresh_from_db()
    assert d.state == State.CLOSED


def test_statistics(tree: Any, personas: Any) -> None:
    from danchu.decisions.statistics import report_statistics

    head = personas["village_head"]
    d = ballot(head, tree.village)
    # one of two households approves: 1 < 2/3 of 2, so the decision is held and not passed
    services.cast_online(
        actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[options(d)[0]]
    )
    services.close_voting(actor=head, decision_id=d.pk)
    services.tally(actor=head, decision_id=d.pk)
    stats = report_statistics([tree.commune.pk], DAY, DAY)
    assert stats[tree.commune.pk] == {
        "held": 1,
        "passed": 0,
        "households_took_part": 1,
        "households_registered": 2,
    }


def test_clock_is_pinned() -> None:
    with at(2026, 3, 3):
        from django.utils import timezone

        assert timezone.localdate() == dt.date(2026, 3, 3)


def test_implementation_tasks_go_to_the_plans_tasks(tree: Any, personas: Any) -> None:
    from danchu.plans.selectors import tasks_of_source

    head = personas["village_head"]
    d = ballot(head, tree.village)
    for h in (tree.h1, tree.h2):
        services.cast_online(
            actor=citizen_of(h, f"t{h.pk}"), decision_id=d.pk, household_id=h.pk, option_ids=options(d)[:1]
        )
    with pytest.raises(DomainError, match="Không thực hiện được"):
        services.open_implementation_task(actor=head, decision_id=d.pk, title="Đổ bê tông", due_on=DAY)
    for step in (services.close_voting, services.tally, services.publish_result):
        step(actor=head, decision_id=d.pk)
    services.recognise(actor=personas["commune_official"], decision_id=d.pk, number="3/QĐ", on=DAY)
    task = services.open_implementation_task(
        actor=head, decision_id=d.pk, title="Đổ bê tông", due_on=DAY + dt.timedelta(days=60)
    )
    assert tasks_of_source(services.TASK_SOURCE, [d.pk]) == [task]
    assert selectors.tasks_of(d) == [task]
    d = services.mark_implemented(actor=head, decision_id=d.pk, on=DAY)
    assert d.state == State.IMPLEMENTED


def test_a_refusal_naming_the_state_reads_in_english(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.open_implementation_task(
            actor=personas["village_head"], decision_id=d.pk, title="X", due_on=DAY
        )
    assert refused.value.message == "This cannot be done: the matter is open for voting."
