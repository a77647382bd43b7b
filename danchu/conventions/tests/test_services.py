"""Every rule of NĐ 61/2023 on the real database; refused writes change nothing and leave no audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from danchu.conventions import services
from danchu.conventions.models import (
    Article,
    ArticleChange,
    Convention,
    ConventionStatus,
    ConventionVersion,
    Opinion,
    VersionState,
)
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry

from .conftest import TEXT, adopt, at, create, post, recognise

pytestmark = pytest.mark.django_db


def _unchanged(version: ConventionVersion, audits: int) -> None:
    fresh = ConventionVersion.objects.get(pk=version.pk)
    assert fresh.state == version.state and fresh.updated_at == version.updated_at
    assert AuditEntry.objects.count() == audits


def test_draft_is_read_into_chapters_and_numbered_articles(drafted):
    version = drafted.versions.get()
    articles = list(version.articles.order_by("number"))
    assert [(a.chapter, a.number, a.title) for a in articles] == [
        ("I", 1, "Phạm vi điều chỉnh"),
        ("I", 2, "Đối tượng áp dụng"),
        ("II", 3, "Vệ sinh môi trường"),
    ]
    assert articles[2].body == "Các hộ đổ rác đúng giờ, đúng nơi quy định."
    assert AuditEntry.objects.filter(action="conventions.convention.create").count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Không có điều nào", "phải bắt đầu"),
        ("Điều 1. A\nx\nĐiều 1. B\ny", "hai lần"),
        ("Điều 1. A\x00", "không hợp lệ"),
        ("   ", "không được để trống"),
    ],
)
def test_unreadable_draft_is_refused_and_nothing_saved(tree, personas, text, message):
    with pytest.raises(DomainError, match=message):
        create(personas, tree, text)
    assert not Convention.objects.exists() and not AuditEntry.objects.exists()


def test_only_a_village_has_a_convention_and_only_its_head_drafts(tree, personas):
    with pytest.raises(DomainError):
        services.create_convention(
            actor=personas["commune_official"], unit=tree.village, kind="huong_uoc", title="X", text=TEXT
        )
    with pytest.raises(DomainError, match="thôn hoặc tổ dân phố"):
        services.create_convention(
            actor=personas["admin"], unit=tree.commune, kind="quy_uoc", title="X", text=TEXT
        )
    assert not Convention.objects.exists()


def test_posting_lasts_at_least_the_rulebook_minimum(tree, personas, drafted):
    version = drafted.versions.get()
    with at(2026, 3, 2), pytest.raises(DomainError, match="ít nhất 30 ngày"):
        services.post_draft(
            actor=personas["village_head"],
            version=version,
            place="Nhà văn hóa",
            opinions_until=dt.date(2026, 3, 20),
        )
    posted = post(personas, drafted)
    assert posted.state == VersionState.POSTED
    assert (posted.posted_on, posted.opinions_until) == (dt.date(2026, 3, 2), dt.date(2026, 3, 31))


def test_adoption_before_the_posting_period_ends_is_refused(personas, posted):
    audits = AuditEntry.objects.count()
    with at(2026, 3, 31), pytest.raises(DomainError, match="Chưa hết thời gian niêm yết"):
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=2, approving=2
        )
    _unchanged(posted, audits)


def test_attendance_larger_than_the_households_is_refused(personas, posted):
    audits = AuditEntry.objects.count()
    with at(2026, 4, 2), pytest.raises(DomainError, match=r"Số hộ dự họp \(3\) lớn hơn tổng số hộ .* \(2\)"):
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=3, approving=1
        )
    with at(2026, 4, 2), pytest.raises(DomainError, match="lớn hơn số hộ dự họp"):
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=2, approving=3
        )
    _unchanged(posted, audits)


def test_a_ballot_only_after_a_meeting_that_failed_its_quorum(tree, personas, posted):
    head = personas["village_head"]
    audits = AuditEntry.objects.count()
    with at(2026, 4, 2), pytest.raises(DomainError, match="Chỉ được lấy ý kiến bằng phiếu sau khi cuộc họp"):
        services.record_ballot(actor=head, version=posted, on=None, returned=2, approving=2)
    _unchanged(posted, audits)
    with at(2026, 4, 2):
        outcome = services.record_meeting(actor=head, version=posted, on=None, present=1, approving=1)
    assert not outcome.quorum_met and outcome.quorum_needed == 2
    version = ConventionVersion.objects.get(pk=posted.pk)
    assert version.state == VersionState.POSTED and version.failed_meeting_on == dt.date(2026, 4, 2)
    with at(2026, 4, 10), pytest.raises(DomainError, match="lớn hơn tổng số hộ"):
        services.record_ballot(actor=head, version=version, on=None, returned=3, approving=2)
    with at(2026, 4, 10):
        outcome = services.record_ballot(actor=head, version=version, on=None, returned=2, approving=2)
    assert outcome.adopted and outcome.version.adoption_form == "ballot"
    assert outcome.version.file_due_on == dt.date(2026, 4, 17)


def test_more_than_half_of_all_households_must_approve(tree, personas, posted):
    with at(2026, 4, 2):
        outcome = services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=2, approving=1
        )
    assert outcome.quorum_met and not outcome.adopted and outcome.needed == 2
    assert outcome.version.state == VersionState.NOT_ADOPTED
    with at(2026, 4, 3):
        again = services.start_amendment(
            actor=personas["village_head"], convention=posted.convention, summary="Soạn lại"
        )
    assert again.number == 2 and again.articles.count() == 3


def test_filing_and_recognition_deadlines_and_effect(tree, personas, posted):
    version = adopt(personas, posted)
    assert version.file_due_on == dt.date(2026, 4, 9)  # 5 working days after Thursday 02/04/2026
    version = recognise(personas, version)
    assert version.state == VersionState.RECOGNISED and version.recognition_due_on == dt.date(2026, 4, 10)
    convention = Convention.objects.get(pk=version.convention_id)
    assert convention.status == ConventionStatus.IN_FORCE
    assert convention.current_id == version.pk and convention.effective_on == dt.date(2026, 4, 6)


def test_commune_refuses_with_a_reason_and_the_head_drafts_again(personas, posted):
    version = adopt(personas, posted)
    with at(2026, 4, 3):
        services.file_with_commune(actor=personas["village_head"], version=version)
    with at(2026, 4, 6), pytest.raises(DomainError):
        services.refuse(actor=personas["commune_official"], version=version, reason="  ")
    with at(2026, 4, 6):
        services.refuse(actor=personas["commune_official"], version=version, reason="Điều 3 trùng luật")
    assert ConventionVersion.objects.get(pk=version.pk).refusal_reason == "Điều 3 trùng luật"
    with at(2026, 4, 7):
        services.start_amendment(
            actor=personas["village_head"], convention=version.convention, summary="Sửa Điều 3"
        )


def test_amendment_keeps_article_numbers_and_supersedes_on_recognition(tree, personas, in_force):
    head = personas["village_head"]
    with at(2026, 5, 4):
        amendment = services.start_amendment(actor=head, convention=in_force, summary="Sửa Điều 3, bỏ Điều 2")
        text = TEXT.replace("Điều 2. Đối tượng áp dụng\nMọi hộ gia đình cư trú trên địa bàn.\n", "")
        text = (
            text.replace("đúng nơi quy định.", "đúng nơi quy định; phân loại rác.")
            + "Điều 4. Khen thưởng\nBiểu dương.\n"
        )
        services.update_draft(actor=head, version=amendment, text=text, summary="Sửa Điều 3, bỏ Điều 2")
    changes = dict(Article.objects.filter(version=amendment).values_list("number", "change"))
    assert changes == {
        1: ArticleChange.SAME,
        2: ArticleChange.REPEALED,
        3: ArticleChange.AMENDED,
        4: ArticleChange.NEW,
    }
    with at(2026, 5, 4):
        services.post_draft(actor=head, version=amendment, place="Nhà văn hóa")
    with at(2026, 6, 5):
        services.record_meeting(actor=head, version=amendment, on=None, present=2, approving=2)
        services.file_with_commune(actor=head, version=amendment)
    with at(2026, 6, 8):
        services.recognise(
            actor=personas["commune_official"], version=amendment, decision_number="30/QĐ-UBND"
        )
    convention = Convention.objects.get(pk=in_force.pk)
    assert convention.current_id == amendment.pk and convention.effective_on == dt.date(2026, 6, 8)
    assert ConventionVersion.objects.get(number=1, convention=convention).state == VersionState.SUPERSEDED


def test_one_opinion_per_household_across_channels(tree, personas, posted):
    citizen, head = personas["citizen"], personas["village_head"]
    with at(2026, 3, 10):
        first = services.give_opinion(
            actor=citizen, version=posted, text="Nên thêm giờ đổ rác", article_number=3
        )
        services.give_opinion(actor=citizen, version=posted, text="Đổ rác trước 20 giờ", article_number=3)
    assert Opinion.objects.get(pk=first.pk).text == "Đổ rác trước 20 giờ"
    with at(2026, 3, 11), pytest.raises(DomainError, match="đã có ý kiến"):
        services.record_paper_opinion(actor=head, version=posted, household_id=tree.h1.pk, text="Giấy")
    with at(2026, 3, 11):
        services.record_paper_opinion(actor=head, version=posted, household_id=tree.h2.pk, text="Đồng ý")
    with at(2026, 3, 11), pytest.raises(DomainError, match="không thuộc thôn"):
        services.record_paper_opinion(actor=head, version=posted, household_id=tree.hs.pk, text="Khác thôn")
    with at(2026, 3, 11), pytest.raises(DomainError, match="không có Điều 9"):
        services.give_opinion(actor=citizen, version=posted, text="?", article_number=9)
    with at(2026, 4, 1), pytest.raises(DomainError, match="Chỉ nhận ý kiến"):
        services.give_opinion(actor=citizen, version=posted, text="Muộn")
    assert Opinion.objects.filter(version=posted).count() == 2


def test_suspension_abolition_in_part_or_whole_and_review(tree, personas, in_force):
    official = personas["commune_official"]
    with at(2026, 7, 1):
        services.change_force(
            actor=official, convention=in_force, kind="suspended", reason="Trái luật", articles=[3]
        )
    assert Article.objects.get(version=in_force.current, number=3).status == "suspended"
    with at(2026, 7, 1), pytest.raises(DomainError, match="Điều 7"):
        services.change_force(actor=official, convention=in_force, kind="abolished", reason="X", articles=[7])
    with at(2026, 11, 18):
        services.record_review(actor=personas["village_head"], convention=in_force, notes="Giữ nguyên")
    with at(2026, 11, 20), pytest.raises(DomainError, match="Đã ghi nhận rà soát năm 2026"):
        services.record_review(actor=official, convention=in_force, notes="Lần hai")
    with at(2026, 12, 1):
        services.change_force(
            actor=official, convention=in_force, kind="abolished", reason="Không còn phù hợp"
        )
    convention = Convention.objects.get(pk=in_force.pk)
    assert convention.status == ConventionStatus.ABOLISHED and convention.status_reason == "Không còn phù hợp"
    with at(2026, 12, 2), pytest.raises(DomainError):
        services.change_force(actor=official, convention=convention, kind="suspended", reason="X")


def test_the_sibling_commune_and_the_citizen_cannot_act(tree, personas, posted):
    with at(2026, 4, 2), pytest.raises(DomainError):
        services.record_meeting(
            actor=personas["sibling_official"], version=posted, on=None, present=2, approving=2
        )
    with at(2026, 4, 2), pytest.raises(DomainError):
        services.record_meeting(actor=personas["citizen"], version=posted, on=None, present=2, approving=2)
    assert ConventionVersion.objects.get(pk=posted.pk).state == VersionState.POSTED


def test_a_refusal_with_numbers_reads_in_english(personas, posted):
    with translation.override("en"), at(2026, 4, 2), pytest.raises(DomainError) as refused:
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=3, approving=1
        )
    assert refused.value.message == (
        "The households at the meeting (3) exceed the total households of the village or "
        "residential group (2)."
    )


def test_refusals_put_together_from_pieces_read_in_english(personas, in_force):
    """A message built from a state, an action or a list of articles is English throughout."""
    official = personas["commune_official"]
    with translation.override("en"), at(2026, 7, 1):
        with pytest.raises(DomainError) as refused:
            services.change_force(
                actor=official, convention=in_force, kind="abolished", reason="X", articles=[7, 9]
            )
        assert refused.value.message == "The convention has no Article 7, Article 9."
        with pytest.raises(DomainError) as refused:
            services.change_force(actor=official, convention=in_force, kind="resumed", reason="X")
        assert refused.value.message == "Cannot resume: the convention is in force."
        with pytest.raises(DomainError) as refused:
            services.post_draft(actor=personas["village_head"], version=in_force.current, place="Nhà văn hóa")
        assert refused.value.message == "Cannot post the draft: this version has been recognised."
