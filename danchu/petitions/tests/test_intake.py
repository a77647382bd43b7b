"""The one register: every channel, tracking codes, the sender apart, repeats folded, deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.petitions import selectors
from danchu.petitions.models import Channel, Classification, Letter, LetterHandling, Sender
from danchu.petitions.services import intake

from .conftest import at

pytestmark = pytest.mark.django_db


def desk(actor: Any, unit: Any, **extra: Any) -> Letter:
    values: dict[str, Any] = {
        "channel": Channel.RECEPTION,
        "sender": intake.SenderData(full_name="Lê Văn Cường", address="Tổ 1", phone="0912"),
        "subject": "Đề nghị sửa mương",
        "text": "Mương thoát nước tổ 1 bị tắc.",
        "received_on": dt.date(2026, 3, 2),
    }
    values.update(extra)
    return intake.register_letter(actor=actor, unit=unit, **values)


def test_reception_desk_registers_a_letter_with_a_code_and_ten_working_days(tree: Any, personas: Any) -> None:
    with at(2026, 3, 2):
        letter = desk(personas["commune_official"], tree.commune, source="reception.visit:7")
    assert len(letter.tracking_code) == 11 and letter.tracking_code[5] == "-"
    assert letter.channel == Channel.RECEPTION and letter.classification == Classification.UNCLASSIFIED
    assert letter.process_by == dt.date(2026, 3, 16)  # 10 working days (Luật Tiếp công dân Art. 28)
    assert Sender.objects.get(letter=letter).full_name == "Lê Văn Cường"
    assert LetterHandling.objects.filter(letter=letter, kind="register").count() == 1
    assert (
        AuditEntry.objects.filter(action="petitions.letter.register", object_id=str(letter.pk)).count() == 1
    )
    assert selectors.letters_by_ids([letter.pk, 999_999_999]) == [letter]


def test_post_letters_take_the_rulebook_days(tree: Any, personas: Any) -> None:
    with at(2026, 3, 2):
        letter = desk(personas["commune_official"], tree.commune, channel=Channel.POST)
    assert letter.process_by == dt.date(2026, 3, 12)  # 10 days (petition.letter_process_days, unverified)


def test_codes_are_unique_and_not_sequential(tree: Any, personas: Any) -> None:
    with at(2026, 3, 2):
        codes = {
            desk(personas["commune_official"], tree.commune, text=f"Nội dung {i}").tracking_code
            for i in range(20)
        }
    assert len(codes) == 20


def test_a_repeat_within_minutes_is_one_letter(tree: Any, personas: Any) -> None:
    with at(2026, 3, 2, 9, 0):
        first = desk(personas["commune_official"], tree.commune)
    with at(2026, 3, 2, 9, 5):
        again = desk(personas["commune_official"], tree.commune, text="  Mương thoát nước tổ 1   bị tắc. ")
    with at(2026, 3, 2, 9, 30):
        later = desk(personas["commune_official"], tree.commune)
    assert again.pk == first.pk and later.pk != first.pk
    assert Letter.objects.count() == 2


def test_officer_channels_need_the_register_permission(tree: Any, personas: Any) -> None:
    for who in ("citizen", "oversight_member", "sibling_official", "anonymous"):
        with at(2026, 3, 2), pytest.raises(PermissionDeniedError):
            desk(personas[who], tree.commune)
    assert (
        not Letter.objects.exists() and not AuditEntry.objects.filter(action__startswith="petitions").exists()
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "a\x00b", "không hợp lệ"),
        ("subject", "", "không được để trống"),
        ("text", "x" * 4001, "dài quá"),
        ("received_on", dt.date(2026, 3, 3), "sau hôm nay"),
        ("received_on", dt.date(2024, 1, 1), "trước hôm nay"),
        ("channel", "fax", "Hình thức"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_saved(
    tree: Any, personas: Any, field: str, value: Any, message: str
) -> None:
    with at(2026, 3, 2), pytest.raises(DomainError) as refused:
        desk(personas["commune_official"], tree.commune, **{field: value})
    assert message in refused.value.message
    assert not Letter.objects.exists() and not Sender.objects.exists()


def test_invisible_characters_are_stripped(tree: Any, personas: Any) -> None:
    with at(2026, 3, 2):
        letter = desk(personas["commune_official"], tree.commune, subject="Đề\u200b nghị\u202e")
    assert letter.subject == "Đề nghị"


def test_a_guessed_code_is_a_404(tree: Any, personas: Any) -> None:
    from django.http import Http404

    with at(2026, 3, 2):
        letter = desk(personas["commune_official"], tree.commune)
    assert selectors.letter_by_code(letter.tracking_code.lower()) == letter
    for guess in ("AAAAA-AAAAA", "", "x" * 30, "'; DROP"):
        with pytest.raises(Http404):
            selectors.letter_by_code(guess)


def test_a_letter_undecided_past_its_deadline_is_reported_once(tree: Any, personas: Any) -> None:
    from danchu.accounts.models import Notification
    from danchu.petitions.services import sla

    with at(2026, 3, 2):
        letter = desk(personas["commune_official"], tree.commune, channel=Channel.POST)
    with at(2026, 3, 13):
        assert sla.daily_job(dt.date(2026, 3, 12))["letter.overdue"] == 0  # due 12/03
        assert sla.daily_job(dt.date(2026, 3, 13))["letter.overdue"] == 1
        assert sla.daily_job(dt.date(2026, 3, 14))["letter.overdue"] == 0
    heard = Notification.objects.filter(user=personas["commune_official"], key__contains="letter-digest")
    assert [n.title for n in heard] == ["Quá hạn xử lý đơn: 1 đơn chưa xử lý"]
    assert heard.get().url == f"/phan-anh/don-vi/{letter.unit_id}/so-don/"


def test_a_letter_registered_already_past_its_deadline_is_told_once(tree: Any, personas: Any) -> None:
    from danchu.accounts.models import Notification
    from danchu.petitions.services import sla

    official = personas["commune_official"]
    with at(2026, 3, 20, 7):
        sla.daily_job(dt.date(2026, 3, 20))  # the morning's scan
    with at(2026, 3, 20, 9):  # a letter received by post on 02/03, decided by 12/03, registered late
        letter = desk(official, tree.commune, channel=Channel.POST)
    assert letter.process_by == dt.date(2026, 3, 12)
    told = Notification.objects.filter(user=official, key=f"petition:letter:{letter.pk}:late")
    assert told.get().title.startswith("Đơn vào sổ đã quá hạn xử lý từ 12/03/2026")
    with at(2026, 3, 21, 7):
        assert sla.daily_job(dt.date(2026, 3, 21))["letter.overdue"] == 0  # not a second time
