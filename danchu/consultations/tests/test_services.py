"""Every rule of the consultation services, on the real database: refused writes change nothing and leave
no audit entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from danchu.accounts.models import Notification
from danchu.consultations import services
from danchu.consultations.models import Opinion, Section, SourceRecord, State
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry

from .conftest import at
from .factories import make, regulation_docx, revised_docx, section

pytestmark = pytest.mark.django_db


def give(personas, consultation, text, anchor=None, day=(2026, 3, 5)):
    with at(*day):
        sid = section(consultation, anchor) if anchor else None
        return services.give(actor=personas["citizen"], consultation=consultation, text=text, section_id=sid)


def test_a_docx_draft_is_split_into_chapters_articles_clauses_and_points(consultation):
    anchors = list(consultation.sections.order_by("texts__order").values_list("anchor", flat=True))
    assert anchors == [
        "mo-dau", "chuong-i", "dieu-1", "dieu-2", "dieu-2-khoan-1", "dieu-2-khoan-2", "dieu-2-khoan-2-diem-a",
        "dieu-2-khoan-2-diem-b", "chuong-ii", "dieu-3", "dieu-3-khoan-1", "dieu-3-khoan-2", "dieu-4",
    ]  # fmt: skip
    article = consultation.sections.get(anchor="dieu-3").texts.get()
    assert article.title == "Hình thức công khai"
    assert AuditEntry.objects.filter(action="consultations.consultation.create").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("du-thao.docx", b"%PDF-1.4 not really", "nội dung là PDF"),
        ("du-thao.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Không hỗ trợ tệp"),
        ("du-thao.txt", b"", "Tệp rỗng"),
        ("du-thao.exe", b"MZ\x90\x00", "Không hỗ trợ tệp"),
    ],
)
def test_an_unreadable_draft_is_refused_with_the_importers_message(tree, personas, name, data, message):
    before = AuditEntry.objects.count()
    with at(2026, 3, 2), pytest.raises(DomainError) as refused:
        make(personas["commune_official"], tree.commune, file_name=name, file_data=data)
    assert message in refused.value.message and refused.value.field == "file"
    assert not Section.objects.exists() and AuditEntry.objects.count() == before


def test_dates_are_checked(tree, personas):
    with at(2026, 3, 2), pytest.raises(DomainError, match="phải từ ngày bắt đầu"):
        make(personas["commune_official"], tree.commune, ends_on=dt.date(2026, 3, 1))
    with at(2026, 3, 2), pytest.raises(DomainError, match="phải nằm trong khoảng"):
        make(personas["commune_official"], tree.commune, ends_on=dt.date(9999, 1, 1))


def test_only_the_communes_own_officials_create(tree, personas):
    with at(2026, 3, 2), pytest.raises(PermissionDenied):
        make(personas["sibling_official"], tree.commune)
    with at(2026, 3, 2), pytest.raises(DomainError, match="xã, phường"):
        make(personas["province_official"], tree.province)


def test_launch_tells_the_audiences_households(consultation, personas):
    notes = Notification.objects.filter(key=f"consultation:{consultation.pk}:open")
    assert list(notes.values_list("user__username", flat=True)) == ["dan"]


def test_a_citizen_gives_an_opinion_on_a_section_and_on_the_whole_draft(consultation, personas, tree):
    opinion = give(personas, consultation, "Đề nghị niêm yết thêm ở nhà văn hóa.", "dieu-3-khoan-1")
    assert opinion.household == tree.h1 and opinion.channel == "portal"
    assert opinion.text_key == "de nghi niem yet them o nha van hoa."
    assert give(personas, consultation, "Dong y voi du thao").section is None
    assert AuditEntry.objects.filter(action="consultations.opinion.give").count() == 2


@pytest.mark.parametrize(
    ("text", "anchor", "day", "message"),
    [
        ("Ý kiến muộn", None, (2026, 3, 17), "đã kết thúc ngày 16/03/2026"),
        ("Ý kiến sớm", None, (2026, 3, 1), "bắt đầu từ ngày 02/03/2026"),
        ("<script>alert(1)</script>", None, (2026, 3, 5), "mã HTML"),
        ('<img src=x onerror="alert(1)">', None, (2026, 3, 5), "mã HTML"),
        ("a" * 10_000, None, (2026, 3, 5), "quá giới hạn 5.000 ký tự"),
        ("có NUL\x00", None, (2026, 3, 5), "ký tự không hợp lệ"),
        ("\u200b\u202e ", None, (2026, 3, 5), "không được để trống"),
    ],
)
def test_bad_opinions_are_refused_and_nothing_is_saved(consultation, personas, text, anchor, day, message):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        give(personas, consultation, text, anchor, day)
    assert message in refused.value.message
    assert not Opinion.objects.exists() and AuditEntry.objects.count() == before


def test_an_opinion_on_a_section_that_does_not_exist_is_refused(consultation, personas, tree):
    with at(2026, 3, 5), pytest.raises(DomainError, match="không tồn tại"):
        services.give(actor=personas["citizen"], consultation=consultation, text="x", section_id=999_999_999)
    assert not Opinion.objects.exists()


def test_a_citizen_outside_the_audience_cannot_give_one_online(consultation, tree, personas):
    from conftest import make_user

    outsider = make_user("dankhac", "citizen", tree.sibling_village, resident=tree.hs.representative)
    with at(2026, 3, 5), pytest.raises(PermissionDenied):
        services.give(actor=outsider, consultation=consultation, text="Tôi ở xã khác")
    with at(2026, 3, 5), pytest.raises(PermissionDenied):
        services.give(actor=personas["commune_official"], consultation=consultation, text="Cán bộ")
    assert not Opinion.objects.exists()


def test_the_same_opinion_twice_is_refused(consultation, personas):
    give(personas, consultation, "Đồng ý")
    with pytest.raises(DomainError, match="đã gửi ý kiến này"):
        give(personas, consultation, "Đồng ý")


def entries(consultation):
    return [
        services.Entry("Mở hòm thư hai tuần một lần.", section(consultation, "dieu-4"), "Ông Lê Văn Cường"),
        services.Entry("Hội Phụ nữ đề nghị thêm loa phát thanh.", None, "Hội Liên hiệp Phụ nữ", True),
    ]


def record(personas, consultation, who="commune_official", **fields):
    values = {"kind": "minutes", "channel": "meeting", "held_on": dt.date(2026, 3, 6),
              "reference": "Biên bản họp tổ dân phố 1", "entries": entries(consultation)}  # fmt: skip
    values.update(fields)
    with at(2026, 3, 9):
        return services.record(actor=personas[who], consultation=consultation, **values)


def test_an_official_enters_a_meetings_opinions_with_their_record(consultation, personas):
    source = record(personas, consultation)
    assert [(o.channel, o.author_kind, o.source_id) for o in source.opinions.order_by("id")] == [
        ("meeting", "citizen", source.pk),
        ("meeting", "organisation", source.pk),
    ]
    assert AuditEntry.objects.filter(action="consultations.source.record").count() == 1


@pytest.mark.parametrize("who", ["sibling_official", "province_official", "admin", "citizen"])
def test_opinions_are_entered_only_by_the_communes_own_people(consultation, personas, who):
    with pytest.raises(PermissionDenied):
        record(personas, consultation, who)
    assert not SourceRecord.objects.exists() and not Opinion.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": dt.date(2026, 2, 1)}, "Ngày của hồ sơ"),
        ({"held_on": dt.date(2026, 3, 10)}, "không sau hôm nay"),
        ({"entries": []}, "ít nhất một ý kiến"),
    ],
)
def test_bad_records_save_nothing(consultation, personas, fields, message):
    with pytest.raises(DomainError, match=message):
        record(personas, consultation, **fields)
    assert not SourceRecord.objects.exists() and not Opinion.objects.exists()


def test_one_bad_line_refuses_the_whole_record(consultation, personas):
    lines = [*entries(consultation), services.Entry("<script>x</script>")]
    with pytest.raises(DomainError, match="Ý kiến thứ 3"):
        record(personas, consultation, entries=lines)
    assert not SourceRecord.objects.exists() and not Opinion.objects.exists()


def test_hiding_keeps_the_opinion_with_its_reason(consultation, personas):
    opinion = give(personas, consultation, "Nội dung xúc phạm")
    with at(2026, 3, 6):
        services.hide(actor=personas["commune_official"], opinion=opinion, reason="Ngôn từ xúc phạm")
    opinion.refresh_from_db()
    assert opinion.hidden and opinion.hidden_reason == "Ngôn từ xúc phạm" and Opinion.objects.count() == 1


def test_suggested_groups_fold_diacritics_and_one_answer_covers_a_group(consultation, personas):
    a = give(personas, consultation, "Đề nghị niêm yết thêm tại nhà văn hóa tổ dân phố", "dieu-3-khoan-1")
    b = give(
        personas,
        consultation,
        "de nghi niem yet them tai nha van hoa to dan pho cho ba con",
        "dieu-3-khoan-1",
    )
    c = give(personas, consultation, "Mở hòm thư mỗi tuần", "dieu-4")
    suggested = services.suggestions(consultation)
    assert [s.ids for s in suggested] == [(a.pk, b.pk)]
    with at(2026, 3, 17):
        group = services.confirm_group(
            actor=personas["commune_official"],
            consultation=consultation,
            opinion_ids=[a.pk, b.pk],
            label="Nhà văn hóa",
        )
        response = services.answer(
            actor=personas["commune_official"], consultation=consultation, kind="taken",
            text="Đã bổ sung niêm yết tại nhà văn hóa (khoản 1 Điều 3).", opinion_ids=[a.pk],
        )  # fmt: skip
    assert set(response.opinions.values_list("id", flat=True)) == {a.pk, b.pk}
    assert group.opinions.count() == 2
    with at(2026, 3, 17), pytest.raises(DomainError, match="đã thuộc một nhóm"):
        services.confirm_group(
            actor=personas["commune_official"], consultation=consultation, opinion_ids=[a.pk, c.pk], label="x"
        )


def test_answers_need_their_content(consultation, personas):
    a = give(personas, consultation, "Ý kiến một")
    b = give(personas, consultation, "Ý kiến hai")
    official = personas["commune_official"]
    with pytest.raises(DomainError, match="Lý do giải trình"):
        services.answer(actor=official, consultation=consultation, kind="explained", opinion_ids=[a.pk])
    with pytest.raises(DomainError, match="Chọn ý kiến trùng"):
        services.answer(actor=official, consultation=consultation, kind="same_as", opinion_ids=[a.pk])
    response = services.answer(
        actor=official, consultation=consultation, kind="same_as", opinion_ids=[b.pk], same_as_id=a.pk
    )
    assert f"#{a.pk}" in response.text


def close(personas, consultation, day=(2026, 3, 17)):
    with at(*day):
        return services.close(
            actor=personas["commune_official"], consultation=consultation, conclusion="Đã tiếp thu."
        )


def test_a_consultation_cannot_close_before_its_end_nor_with_an_opinion_unanswered(consultation, personas):
    opinion = give(personas, consultation, "Ý kiến chưa trả lời")
    with pytest.raises(DomainError, match="Chưa hết thời gian"):
        close(personas, consultation, (2026, 3, 16))
    with pytest.raises(DomainError, match="Còn 1 ý kiến chưa được tiếp thu"):
        close(personas, consultation)
    consultation.refresh_from_db()
    assert consultation.state == State.OPEN
    services.answer(
        actor=personas["commune_official"], consultation=consultation, kind="explained",
        text="Giữ nguyên như dự thảo.", opinion_ids=[opinion.pk],
    )  # fmt: skip
    assert close(personas, consultation).state == State.CLOSED
    with pytest.raises(DomainError, match="đã kết thúc"):
        services.answer(
            actor=personas["commune_official"], consultation=consultation, kind="explained", text="x",
            opinion_ids=[opinion.pk],
        )  # fmt: skip


def test_hidden_opinions_need_no_answer(consultation, personas):
    opinion = give(personas, consultation, "Quảng cáo")
    services.hide(actor=personas["commune_official"], opinion=opinion, reason="Quảng cáo, không liên quan")
    assert close(personas, consultation).state == State.CLOSED


def test_publishing_the_synthesis_makes_a_disclosure_that_counts(consultation, personas, tree):
    from danchu.disclosures import compliance

    opinion = give(personas, consultation, "Ý kiến")
    services.answer(actor=personas["commune_official"], consultation=consultation, kind="taken",
                    text="Đã sửa Điều 1.", opinion_ids=[opinion.pk])  # fmt: skip
    close(personas, consultation)
    with pytest.raises(DomainError, match="đã kết thúc"):
        services.launch(actor=personas["commune_official"], consultation=consultation)
    with at(2026, 3, 18):
        services.publish_synthesis(actor=personas["commune_official"], consultation=consultation)
        consultation.refresh_from_db()
        disclosure = consultation.disclosure
        assert disclosure.state == "published" and [i.code for i in disclosure.items.all()] == ["11.10"]
        assert disclosure.attachments.get().kind == "pdf"
        check = compliance.checklist(tree.commune, 2026, dt.date(2026, 3, 18))
        item = next(i for i in check.items if i.item.code == "11.10")
        assert item.found == 1
        with pytest.raises(DomainError, match="đã được công khai"):
            services.publish_synthesis(actor=personas["commune_official"], consultation=consultation)


def test_a_revised_draft_keeps_opinions_on_their_sections(consultation, personas):
    opinion = give(personas, consultation, "Thêm nhà văn hóa", "dieu-3-khoan-1")
    with at(2026, 3, 10):
        revision = services.revise(
            actor=personas["commune_official"], consultation=consultation, file_name="du-thao-2.docx",
            file_data=revised_docx(), note="Tiếp thu ý kiến về nơi niêm yết",
        )  # fmt: skip
    from danchu.consultations import diff, selectors

    assert revision.number == 2
    rows = {r.anchor: r for r in selectors.sections(consultation)}
    assert rows["dieu-3-khoan-1"].opinions == 1 and "nhà văn hóa" in rows["dieu-3-khoan-1"].text
    opinion.refresh_from_db()
    assert opinion.section.anchor == "dieu-3-khoan-1"
    changes = {c.anchor: c.status for c in diff.compare(consultation.revisions.get(number=1), revision)}
    assert (
        changes["dieu-3-khoan-1"] == "changed"
        and changes["dieu-5"] == "added"
        and changes["dieu-1"] == "same"
    )


def test_unchanged_file_is_still_a_revision(consultation, personas):
    with at(2026, 3, 10):
        revision = services.revise(
            actor=personas["commune_official"], consultation=consultation, file_name="lan-2.docx",
            file_data=regulation_docx(), note="Sửa chính tả",
        )  # fmt: skip
    assert revision.number == 2 and revision.texts.count() == 13


def test_a_consultation_of_some_villages_takes_only_their_households(tree, personas):
    from conftest import make_unit

    other = make_unit("Tổ dân phố 2", "to_dan_pho", tree.commune)
    with at(2026, 3, 2):
        consultation = make(personas["commune_official"], tree.commune, audience="villages", villages=[other])
    with at(2026, 3, 5), pytest.raises(PermissionDenied):
        services.give(actor=personas["citizen"], consultation=consultation, text="Tổ 1 góp ý")
    with at(2026, 3, 2), pytest.raises(DomainError, match="Chọn ít nhất một thôn"):
        make(personas["commune_official"], tree.commune, audience="villages", villages=[])
    with at(2026, 3, 2), pytest.raises(DomainError, match="của chính xã"):
        make(personas["commune_official"], tree.commune, audience="villages", villages=[tree.sibling_village])


def test_an_agencys_staff_are_consulted_on_its_internal_regulation(tree, personas):
    from conftest import make_user

    staff = make_user("canbo", "agency_officer", tree.commune, agency=tree.agency)
    with at(2026, 3, 2):
        consultation = make(
            personas["commune_official"],
            tree.commune,
            audience="agency",
            agency=tree.agency,
            matter_code="III.quy-che",
        )
    with at(2026, 3, 5):
        opinion = services.give(
            actor=staff, consultation=consultation, text="Quy chế chi tiêu nội bộ cần rõ hơn"
        )
        assert opinion.household is None
        with pytest.raises(PermissionDenied):
            services.give(actor=personas["citizen"], consultation=consultation, text="Người dân")
    with at(2026, 3, 2), pytest.raises(DomainError, match="cơ quan, bộ phận của chính đơn vị"):
        make(personas["commune_official"], tree.commune, audience="agency", agency=tree.sibling_agency)
