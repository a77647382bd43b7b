"""The reception pages: permission matrix over the personas, refused writes, public pages, query counts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.reception import services
from danchu.reception.models import Dialogue, DialogueQuestion, Visit
from danchu.reception.services.commitments import add_commitment

from .conftest import announce, at, log

OK, LOGIN, DENIED = 200, 302, 403
READERS = {"admin", "province_official", "commune_official"}


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


EVERYONE = dict.fromkeys(PERSONAS, OK)
PAGES = [
    ("reception:overview", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:schedule", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:log", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:visit_create", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:visit", lambda t, v, d: {"visit_id": v.pk}, expect(READERS)),
    ("reception:dialogues", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:dialogue_create", lambda t, v, d: {"unit_id": t.commune.pk}, expect(READERS)),
    ("reception:dialogue", lambda t, v, d: {"dialogue_id": d.pk}, expect(READERS)),
    ("reception:minutes", lambda t, v, d: {"dialogue_id": d.pk}, expect(READERS)),
    ("reception:public_schedule", lambda t, v, d: {"unit_id": t.commune.pk}, EVERYONE),
    ("reception:public_dialogues", lambda t, v, d: {"unit_id": t.commune.pk}, EVERYONE),
    ("reception:public_dialogue", lambda t, v, d: {"dialogue_id": d.pk}, EVERYONE),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, schedule, visit, dialogue, login, name, kwargs, expected, persona):
    with at(2026, 3, 5):
        response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, visit, dialogue)))
    assert response.status_code == expected[persona], (name, persona)


WRITES = [
    ("reception:schedule_publish", "unit", {}),
    ("reception:absence_add", "unit",
     {"starts_on": "09/03/2026", "ends_on": "13/03/2026", "stand_in": "Phó Chủ tịch", "reason": "Công tác"}),
    ("reception:visit_answer", "visit", {"outcome": "accepted", "answer": "Đã thụ lý"}),
    ("reception:visit_letter", "visit", {"text": "Đèn ngõ 45 hỏng."}),
    ("reception:dialogue_cancel", "dialogue", {"reason": "Mưa bão"}),
    ("reception:question_add", "dialogue", {"channel": "village_head", "asker_name": "Bà Tư", "text": "Hỏi"}),
    ("reception:question_answer", "question", {"answer": "Trả lời", "answered_by": "Chủ tịch"}),
    ("reception:commitment_add", "question", {"text": "Sửa đèn", "due_on": "30/06/2026"}),
    ("reception:register_question", "dialogue", {"text": "Câu hỏi mới", "asker_name": "Bà Năm"}),
]  # fmt: skip
ALLOWED = {"reception:register_question": {"citizen", "village_head"}}


@pytest.mark.parametrize(("name", "target", "data"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_refused_writes_change_nothing(tree, personas, visit, dialogue, login, name, target, data, persona):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        services.save_schedule(
            actor=official, unit=tree.commune, weekdays=[3], morning="7:30", afternoon="", place="Trụ sở",
            chairman="Chủ tịch", stand_in="Phó Chủ tịch",
        )  # fmt: skip
        question = services.register_question(actor=personas["citizen"], dialogue=dialogue, text="Vỉa hè?")
    ids = {"unit": tree.commune.pk, "visit": visit.pk, "dialogue": dialogue.pk, "question": question.pk}
    kwargs = {f"{target}_id": ids[target]}
    day = (2026, 3, 12) if name in ("reception:question_answer", "reception:commitment_add") else (2026, 3, 5)
    before = AuditEntry.objects.count()
    with at(*day):
        response = login(personas[persona]).post(reverse(name, kwargs=kwargs), data)
    allowed = ALLOWED.get(name, READERS)
    if persona in allowed:
        assert response.status_code == 302 and AuditEntry.objects.count() > before, persona
    else:
        refused = LOGIN if persona == "anonymous" else DENIED
        assert response.status_code == refused and AuditEntry.objects.count() == before, persona


def test_the_public_schedule_shows_the_coming_sessions_and_the_stand_in(tree, personas, schedule, client):
    with at(2026, 3, 2):
        services.record_absence(
            actor=personas["commune_official"], unit=tree.commune, starts_on=dt.date(2026, 3, 12),
            ends_on=dt.date(2026, 3, 12), stand_in="Lê Văn Phó", reason="Họp tỉnh",
        )  # fmt: skip
    with at(2026, 3, 2):
        page = client.get(reverse("reception:public_schedule", args=[tree.commune.pk])).content.decode()
    assert "05/03/2026" in page and "Lê Văn Phó tiếp thay Chủ tịch" in page and "Phòng tiếp công dân" in page


def test_an_unpublished_schedule_is_not_public(tree, personas, client):
    from .conftest import make_schedule

    with at(2026, 3, 2):
        make_schedule(personas["commune_official"], tree.commune)
        page = client.get(reverse("reception:public_schedule", args=[tree.commune.pk])).content.decode()
    assert "chưa công bố" in page and "Phòng tiếp công dân" not in page


def test_the_portal_lists_the_reception_sections(tree, client):
    page = client.get(reverse("portal:unit", args=[tree.commune.pk])).content.decode()
    assert reverse("reception:public_schedule", args=[tree.commune.pk]) in page
    assert reverse("reception:public_dialogues", args=[tree.commune.pk]) in page


def test_the_log_keeps_a_denouncers_name_off_the_list(tree, personas, login):
    # Read by an official who neither received the visit nor leads the commune (test_identity: who may).
    with at(2026, 3, 2):
        log(personas["commune_official"], tree.commune, kind="denunciation", visitor_name="Người Tố Cáo X")
        page = login(personas["province_official"]).get(reverse("reception:log", args=[tree.commune.pk]))
    assert "Người Tố Cáo X" not in page.content.decode() and "bảo mật" in page.content.decode()


def test_a_bad_visit_form_is_answered_in_vietnamese_and_saves_nothing(tree, personas, login):
    data = {
        "received_on": "31/12/9999", "host": "A", "visitor_name": "B", "visitor_address": "C",
        "people_count": "1", "kind": "petition", "subject": "D",
    }  # fmt: skip
    with at(2026, 3, 2):
        response = login(personas["commune_official"]).post(
            reverse("reception:visit_create", args=[tree.commune.pk]), data
        )
    assert response.status_code == 400 and "Ngày phải nằm trong khoảng" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_citizen_registers_a_question_on_the_portal(tree, personas, dialogue, login):
    client = login(personas["citizen"])
    url = reverse("reception:public_dialogue", args=[dialogue.pk])
    with at(2026, 3, 5):
        assert "Gửi câu hỏi" in client.get(url).content.decode()
        response = client.post(
            reverse("reception:register_question", args=[dialogue.pk]), {"text": "Vỉa hè?"}
        )
        assert response.status_code == 302
        refused = client.post(
            reverse("reception:register_question", args=[dialogue.pk]), {"text": "\x00"}, follow=True
        )
    assert "ký tự không hợp lệ" in refused.content.decode()
    assert DialogueQuestion.objects.filter(asker=personas["citizen"]).count() == 1


def _held(tree, personas) -> Dialogue:
    official = personas["commune_official"]
    with at(2026, 3, 2):
        dialogue = announce(official, tree.commune, held_on=dt.date(2026, 3, 2), questions_until=None)
        question = services.add_question(
            actor=official, dialogue=dialogue, channel="on_the_day", asker_name="Ông Ba", text="Đèn đường?"
        )
        services.answer_question(
            actor=official, question=question, answer="Sửa trong tuần.", answered_by="Chủ tịch"
        )
        add_commitment(actor=official, question=question, text="Sửa đèn ngõ 45", due_on=dt.date(2026, 3, 20))
        services.record_minutes(
            actor=official, dialogue=dialogue, secretary="Lê Thị Mai", attendance=40, opened_at=dt.time(8),
            closed_at=dt.time(10), summary="Diễn biến.", conclusion="Kết luận.",
        )  # fmt: skip
    return dialogue


def test_the_minutes_download_as_docx_and_pdf(tree, personas, login):
    dialogue = _held(tree, personas)
    client = login(personas["commune_official"])
    with at(2026, 3, 3):
        docx = client.get(reverse("reception:minutes_docx", args=[dialogue.pk]))
        pdf = client.get(reverse("reception:minutes_pdf", args=[dialogue.pk]))
    assert docx.status_code == 200 and pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "BIÊN BẢN" in text and "Sửa đèn ngõ 45" in text and "Đèn đường?" in text and "CHỦ TRÌ" in text


def test_the_portal_shows_the_answer_and_the_commitments_progress(tree, personas, client):
    dialogue = _held(tree, personas)
    with at(2026, 3, 3):
        page = client.get(reverse("reception:public_dialogue", args=[dialogue.pk])).content.decode()
    assert "Sửa trong tuần." in page and "Sửa đèn ngõ 45" in page and "Chưa thực hiện · 0%" in page


# Query counts: constant in the size of the data --------------------------------------------------------


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_log_page_reads_in_constant_queries(tree, personas, login):
    official = personas["commune_official"]
    client = login(official)
    url = reverse("reception:log", args=[tree.commune.pk])
    with at(2026, 3, 2):
        for n in range(3):
            log(official, tree.commune, visitor_name=f"Người {n}")
        small = _count(client, url)
        for n in range(30):
            log(official, tree.commune, visitor_name=f"Người thêm {n}", kind="complaint")
        large = _count(client, url)
    assert small == large


def test_the_public_pages_read_in_constant_queries(tree, personas, schedule, client):
    official = personas["commune_official"]
    urls = [
        reverse("reception:public_schedule", args=[tree.commune.pk]),
        reverse("reception:public_dialogues", args=[tree.commune.pk]),
    ]
    first = _held(tree, personas)
    urls.append(reverse("reception:public_dialogue", args=[first.pk]))
    with at(2026, 3, 3):
        small = [_count(client, url) for url in urls]
        services.record_absence(
            actor=official, unit=tree.commune, starts_on=dt.date(2026, 3, 10), ends_on=dt.date(2026, 3, 20),
            stand_in="Phó", reason="Học",
        )  # fmt: skip
        for n in range(8):
            announce(official, tree.commune, topic=f"Chủ đề {n}")
    with at(2026, 3, 12):
        for n in range(6):
            question = services.add_question(
                actor=official, dialogue=first, channel="on_the_day", asker_name=f"Người {n}", text=f"Câu {n}"
            )
            add_commitment(actor=official, question=question, text=f"Việc {n}", due_on=dt.date(2026, 4, 1))
    with at(2026, 3, 3):
        large = [_count(client, url) for url in urls]
    assert small == large


def test_the_pages_speak_english(tree, personas, schedule, visit, login):
    client = login(personas["commune_official"])
    client.cookies["django_language"] = "en"  # chosen in the footer (Vietnamese unless asked)
    with at(2026, 3, 2):
        public = client.get(reverse("reception:public_schedule", args=[tree.commune.pk])).content.decode()
        log_page = client.get(reverse("reception:log", args=[tree.commune.pk])).content.decode()
    assert "The chairman's citizen reception schedule" in public and "Thursday" in public
    assert "Follow-up of the outcome" in log_page and "Petition or feedback" in log_page


def test_a_village_head_names_the_person_asking_and_a_citizen_does_not(tree, personas, dialogue, login):
    url = reverse("reception:public_dialogue", args=[dialogue.pk])
    with at(2026, 3, 5):
        head = login(personas["village_head"]).get(url).content.decode()
        citizen = login(personas["citizen"]).get(url).content.decode()
    assert 'name="asker_name"' in head and 'name="asker_name"' not in citizen


def test_the_log_downloads_as_the_official_twelve_columns(tree, personas, login):
    from openpyxl import load_workbook

    official = personas["commune_official"]
    with at(2026, 3, 2):
        log(official, tree.commune, visitor_name='=HYPERLINK("http://x","y")', letter=True)
        log(official, tree.commune, kind="denunciation", visitor_name="Người Tố Cáo X", id_number="012345")
        # Read by an official who does not handle the denunciation (test_identity: who may).
        response = login(personas["province_official"]).get(
            reverse("reception:log_xlsx", args=[tree.commune.pk]) + "?nam=2026"
        )
        refused = login(personas["oversight_member"]).get(
            reverse("reception:log_xlsx", args=[tree.commune.pk])
        )
    assert response.status_code == 200 and refused.status_code == 403
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][0] == "STT" and len(rows[1]) == 12 and rows[2][-1] == "(12)"
    first, second = rows[3], rows[4]
    assert first[0] == 1 and first[2].startswith("=HYPERLINK") and sheet.cell(4, 3).data_type == "s"
    assert "Người Tố Cáo X" not in str(second) and "012345" not in str(second)
