"""Pages: the permission matrix, refused writes, the public form (text kept on a refused photo), the
tracking page and rating, and constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.petitions.models import Letter, Petition, Status

from .conftest import at, jpeg, report

pytestmark = pytest.mark.django_db
OK, LOGIN, DENIED = 200, 302, 403


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


READERS = {"admin", "province_official", "commune_official", "oversight_member"}
PAGES = [
    ("petitions:register", lambda t, p: {"unit_id": t.commune.pk}, expect(READERS)),
    ("petitions:inbox", lambda t, p: {"unit_id": t.commune.pk}, expect(READERS)),
    ("petitions:categories", lambda t, p: {"unit_id": t.commune.pk}, expect(READERS)),
    ("petitions:letter", lambda t, p: {"letter_id": p.letter_id}, expect(READERS)),
    ("petitions:petition", lambda t, p: {"petition_id": p.pk}, expect(READERS)),
    ("petitions:public_list", lambda t, p: {"unit_id": t.commune.pk}, dict.fromkeys(PERSONAS, OK)),
    ("petitions:public_detail", lambda t, p: {"petition_id": p.pk}, dict.fromkeys(PERSONAS, OK)),
    ("petitions:submit", lambda t, p: {"unit_id": t.commune.pk}, dict.fromkeys(PERSONAS, OK)),
    ("petitions:track", lambda t, p: {"code": p.letter.tracking_code}, dict.fromkeys(PERSONAS, OK)),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, petition, login, name, kwargs, expected, persona):
    with at(2026, 3, 3):
        response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, petition)))
    assert response.status_code == expected[persona], (name, persona)


def test_the_sender_is_shown_to_managers_only(tree, personas, petition, login):
    url = reverse("petitions:petition", args=[petition.pk])
    with at(2026, 3, 3):
        assert "0901234567" in login(personas["commune_official"]).get(url).content.decode()
        assert "0901234567" not in login(personas["oversight_member"]).get(url).content.decode()
        public = login(personas["anonymous"]).get(reverse("petitions:public_detail", args=[petition.pk]))
    assert "Nguyễn Văn An" not in public.content.decode() and "0901234567" not in public.content.decode()


MANAGERS = {"admin", "province_official", "commune_official"}
WRITES = [
    ("petitions:petition_action", "giao", {"agency": None, "note": ""}, MANAGERS),
    ("petitions:letter_action", "phan-loai", {"classification": "petition"}, MANAGERS),
]


@pytest.mark.parametrize(("name", "action", "data", "allowed"), WRITES, ids=[w[1] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_refused_writes_change_nothing(
    tree, personas, petition, works, login, name, action, data, allowed, persona
):
    before = AuditEntry.objects.count()
    data = {**data, "agency": works.pk} if "agency" in data else data
    key = "petition_id" if name == "petitions:petition_action" else "letter_id"
    target = petition.pk if key == "petition_id" else petition.letter_id
    with at(2026, 3, 3):
        response = login(personas[persona]).post(reverse(name, kwargs={key: target, "action": action}), data)
    if persona in allowed:
        assert response.status_code == 302, persona
    else:
        assert response.status_code == (LOGIN if persona == "anonymous" else DENIED), persona
        assert AuditEntry.objects.count() == before
        assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED


def _form(tree: Any, light: Any, **extra: Any) -> dict[str, Any]:
    return {"category": light.pk, "subject": "Đèn đường hỏng", "description": "Cột đèn số 7 tắt từ tối qua.",
            "address": "7 Trần Hưng Đạo", **extra}  # fmt: skip


def test_the_public_form_registers_and_shows_the_code(tree, light, client):
    with at(2026, 3, 2):
        photo = SimpleUploadedFile("den.jpg", jpeg(), content_type="image/jpeg")
        response = client.post(
            reverse("petitions:submit", args=[tree.commune.pk]), _form(tree, light, photos=[photo])
        )
        assert response.status_code == 302
        page = client.get(response["Location"])
    petition = Petition.objects.get()
    assert petition.letter.tracking_code in page.content.decode() and petition.photos.count() == 1


def test_a_refused_photo_keeps_the_text_and_saves_nothing(tree, light, client):
    with at(2026, 3, 2):
        fake = SimpleUploadedFile("den.jpg", b"GIF89a not a jpeg at all", content_type="image/jpeg")
        response = client.post(
            reverse("petitions:submit", args=[tree.commune.pk]), _form(tree, light, photos=[fake])
        )
    body = response.content.decode()
    assert (
        response.status_code == 400
        and "Cột đèn số 7 tắt từ tối qua." in body
        and "không đúng định dạng" in body
    )
    assert "Ảnh đã chọn chưa được gửi: hãy chọn lại ảnh" in body  # a browser does not send a file twice
    assert '<a href="#id_photos">' in body  # the summary at the top leads to the field
    assert not Letter.objects.exists()


def test_a_refused_point_opens_the_section_it_is_in(tree, light, client):
    with at(2026, 3, 2):
        response = client.post(
            reverse("petitions:submit", args=[tree.commune.pk]), _form(tree, light, lat="95", long="105.85")
        )
    body = response.content.decode()
    assert response.status_code == 400 and "<details open>" in body and '<a href="#id_lat">' in body
    assert "chọn lại ảnh" not in body  # no photo was chosen


@pytest.mark.parametrize(
    ("typed", "status", "shown"),
    [
        ("unknown", 302, None),  # the letter's own code, typed in lower case with spaces: found
        ("ZZZZZ-ZZZZZ", 400, "Không có phản ánh, đơn thư nào có mã này"),
        ("<script>", 400, "Mã tra cứu không hợp lệ."),
    ],
)
def test_the_lookup_finds_a_code_typed_loosely_and_says_when_none_is_found(
    petition, client, typed, status, shown
):
    code = petition.letter.tracking_code
    if typed == "unknown":
        typed = " ".join(code.lower()[i : i + 3] for i in range(0, len(code), 3))
    response = client.get(reverse("petitions:lookup"), {"ma": typed})
    assert response.status_code == status
    if shown is None:
        assert response["Location"] == reverse("petitions:track", args=[code])
    else:
        body = response.content.decode()
        assert shown in body and f'value="{escape(typed)}"' in body  # kept, to be corrected


def test_script_is_shown_as_text(tree, light, client):
    with at(2026, 3, 2):
        client.post(
            reverse("petitions:submit", args=[tree.commune.pk]),
            _form(tree, light, subject="<script>alert(1)</script>"),
        )
        body = client.get(reverse("petitions:public_list", args=[tree.commune.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_someone_elses_petition_cannot_be_rated(tree, personas, petition, login):
    other = report(tree.commune, petition.category, device="khác", text="Khác hẳn.")
    with at(2026, 3, 3):
        response = login(personas["citizen"]).post(
            reverse("petitions:rate", args=["AAAAA-BBBBB"]), {"rating": "not_satisfied"}
        )
    assert response.status_code == 404 and Petition.objects.get(pk=other.pk).rating == ""


@pytest.mark.parametrize("name", ["petitions:public_list", "petitions:inbox", "petitions:register"])
def test_list_pages_take_constant_queries(tree, light, personas, login, name):
    client = login(personas["commune_official"])
    url = reverse(name, args=[tree.commune.pk])
    counts = []
    for n in (2, 12):
        with at(2026, 3, 2):
            while Petition.objects.count() < n:
                report(tree.commune, light, device=f"d{Petition.objects.count()}", photos=0)
        with at(2026, 3, 3), CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_an_agency_officer_sees_its_own_agencys_petitions(tree, personas, light, works, login):
    from conftest import make_user
    from danchu.accounts.models import Role
    from danchu.petitions.services import petitions as services

    mine = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    other = make_user("vp", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        services.route(actor=personas["commune_official"], petition=petition)
    url = reverse("petitions:inbox", args=[tree.commune.pk])
    with at(2026, 3, 3):
        page = login(mine).get(url).content.decode()
        assert petition.letter.tracking_code in page
        assert 'name="co-quan"' not in page  # one agency of its own: nothing to filter by
        assert petition.letter.tracking_code not in login(other).get(url).content.decode()
        whole = login(personas["commune_official"]).get(url).content.decode()
        assert f'<option value="{works.pk}">' in whole and f'<option value="{tree.agency.pk}">' in whole
        start = reverse("petitions:petition_action", args=[petition.pk, "bat-dau"])
        assert login(other).post(start, {"note": ""}).status_code == 403
        assert login(mine).post(start, {"note": "Đã cử thợ."}).status_code == 302
    assert Petition.objects.get(pk=petition.pk).status == Status.IN_PROGRESS


def test_a_denouncer_is_known_only_to_the_unit_leader(tree, personas, login):
    from conftest import make_user
    from danchu.accounts.models import Role
    from danchu.petitions.models import Channel, Classification
    from danchu.petitions.services import intake

    leader = make_user("chutich", Role.UNIT_LEADER, tree.commune)
    officer = make_user("vpxa", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    with at(2026, 3, 2):
        letter = intake.register_letter(
            actor=personas["commune_official"],
            unit=tree.commune,
            channel=Channel.POST,
            classification=Classification.DENUNCIATION,
            sender=intake.SenderData(full_name="Trần Văn Tố", address="Số 9 Ngõ Kín", phone="0911222333"),
            subject="Tố cáo cán bộ",
            text="Nội dung tố cáo.",
        )
    url = reverse("petitions:letter", args=[letter.pk])
    with at(2026, 3, 3):
        for reader in (personas["commune_official"], officer):
            page = login(reader).get(url).content.decode()
            assert "Trần Văn Tố" not in page and "Ngõ Kín" not in page and "được bảo vệ" in page
            api = login(reader).get(f"/api/v1/letters/{letter.pk}").content.decode()
            assert "Trần Văn Tố" not in api and "Ngõ Kín" not in api and "0911222333" not in api
        assert "Trần Văn Tố" in login(leader).get(url).content.decode()


def test_refusals_of_the_form_are_vietnamese_and_name_the_field(tree, light, client):
    url = reverse("petitions:submit", args=[tree.commune.pk])
    with at(2026, 3, 2):
        nul = client.post(url, {**_form(tree, light), "subject": "Đèn\x00hỏng"}).content.decode()
        svg = SimpleUploadedFile(
            "den.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"
        )
        photo = client.post(url, _form(tree, light, photos=[svg])).content.decode()
    assert "Null characters" not in nul and "chứa ký tự không hợp lệ" in nul
    assert "Ảnh phải là tệp JPEG, PNG hoặc WebP" in photo and "PDF" not in photo.split("den.svg")[0][-200:]
    assert not Letter.objects.exists()


def test_service_messages_name_the_field_in_vietnamese(tree, light):
    from danchu.core.errors import DomainError
    from danchu.petitions.services import petitions as services
    from danchu.petitions.services.intake import SenderData

    with at(2026, 3, 2), pytest.raises(DomainError) as refused:
        services.submit(
            actor=None,
            unit=tree.commune,
            category=light,
            channel="portal_guest",
            sender=SenderData(phone="0901\x00"),
            subject="Đèn",
            description="Đèn hỏng.",
            address="12 Lê Lợi",
        )
    assert "Số điện thoại" in refused.value.message and "phone" not in refused.value.message
    assert refused.value.field == "phone"


@pytest.mark.parametrize(
    ("where", "english", "vietnamese"),
    [
        ({"lat": "21.03"}, "Please enter both latitude and longitude.", "Hãy nhập cả vĩ độ và kinh độ."),
        (
            {"lat": "95", "long": "105.85"},
            "Coordinates must be between -90 and 90.",
            "Toạ độ phải từ -90 đến 90.",
        ),
    ],
)
def test_a_refusal_of_the_service_is_in_the_readers_language(
    tree, light, client, settings, where, english, vietnamese
):
    """The service's DomainError, marked for translation, reaches an English reader in English."""
    url = reverse("petitions:submit", args=[tree.commune.pk])
    with at(2026, 3, 2):
        in_vietnamese = client.post(url, _form(tree, light, **where)).content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(url, _form(tree, light, **where))
    body = response.content.decode()
    assert response.status_code == 400 and response["Content-Language"] == "en"
    assert english in body and vietnamese not in body
    assert vietnamese in in_vietnamese and english not in in_vietnamese
    assert not Letter.objects.exists()
