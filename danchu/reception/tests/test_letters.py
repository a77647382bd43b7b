"""Letters a visit produces in the register of letters (petitions' sổ xử lý đơn)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.petitions.models import Letter
from danchu.petitions.selectors import letters_by_ids
from danchu.reception import services
from danchu.reception.models import VisitLetter

from .conftest import at, log


def test_logging_a_visit_with_its_letter_registers_it_at_the_reception_desk(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        visit = log(
            official, tree.commune, kind="complaint", people_count=6, representatives="A\nB", letter=True
        )
    (link,) = visit.letters.all()
    (letter,) = letters_by_ids([link.letter_id])
    assert (letter.channel, letter.classification, letter.unit, letter.signers) == (
        "reception", "complaint", tree.commune, 6
    )  # fmt: skip
    assert letter.source == f"reception.visit:{visit.pk}" and letter.text == visit.subject
    assert letter.sender.full_name == visit.visitor_name
    assert AuditEntry.objects.filter(action="reception.visit.letter").count() == 1


def test_a_visit_with_several_matters_produces_several_letters_but_not_twice_the_same(tree, personas, visit):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        services.produce_letter(actor=official, visit=visit)
        services.produce_letter(actor=official, visit=visit, subject="Đèn đường", text="Đèn ngõ 45 hỏng.")
        with pytest.raises(DomainError, match="đã được vào sổ"):
            services.produce_letter(actor=official, visit=visit, text="Đèn ngõ 45 hỏng.")
    assert visit.letters.count() == 2 and Letter.objects.count() == 2


def test_others_cannot_produce_letters(tree, personas, visit):
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        with at(2026, 3, 2), pytest.raises(PermissionDeniedError):
            services.produce_letter(actor=personas[persona], visit=visit)
    assert not Letter.objects.exists() and not VisitLetter.objects.exists()


def test_bad_letter_text_is_refused_and_nothing_half_saved(tree, personas, visit):
    with at(2026, 3, 2), pytest.raises(DomainError, match="ký tự không hợp lệ"):
        services.produce_letter(actor=personas["commune_official"], visit=visit, text="Nội dung\x00")
    assert not Letter.objects.exists() and not VisitLetter.objects.exists()


def test_the_visit_page_and_the_log_show_the_letters_tracking_code(tree, personas, login):
    official = personas["commune_official"]
    client = login(official)
    data = {
        "received_on": "02/03/2026", "host": "Chủ tịch", "visitor_name": "Lê Thị Thu",
        "visitor_address": "Tổ 1", "people_count": "1", "kind": "petition", "subject": "Cống ngập",
        "letter": "on",
    }  # fmt: skip
    with at(2026, 3, 2):
        response = client.post(reverse("reception:visit_create", args=[tree.commune.pk]), data)
        assert response.status_code == 302
        code = Letter.objects.get().tracking_code
        assert code in client.get(response["Location"]).content.decode()
        assert code in client.get(reverse("reception:log", args=[tree.commune.pk])).content.decode()
