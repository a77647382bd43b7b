"""Plan pages and API: permission matrix, upload with bad files, review and issue."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.plans import services
from danchu.plans.models import Plan

from .samples import text_of

pytestmark = pytest.mark.django_db
VIEWERS = {"admin", "province_official", "commune_official", "oversight_member"}
MANAGERS = {"admin", "province_official", "commune_official"}


@pytest.fixture
def plan(tree, personas):
    return services.import_plan(
        actor=personas["commune_official"],
        unit=tree.commune,
        file_name="kh.txt",
        data=text_of("ward-chanh-lo-2023").encode(),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_read_matrix(tree, personas, login, plan, persona):
    client = login(personas[persona])
    for url in (reverse("plans:list", args=[tree.commune.pk]), reverse("plans:detail", args=[plan.pk])):
        response = client.get(url)
        expected = 302 if persona == "anonymous" else 200 if persona in VIEWERS else 403
        assert response.status_code == expected, (url, persona)
    upload = client.get(reverse("plans:upload", args=[tree.commune.pk]))
    assert upload.status_code == (302 if persona == "anonymous" else 200 if persona in MANAGERS else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_write_matrix(tree, personas, login, plan, persona):
    client = login(personas[persona])
    entries = AuditEntry.objects.count()
    item = plan.items.get(path="II.1")
    posts = [
        (
            reverse("plans:correct", args=[plan.pk]),
            {"title": "Sửa", "year": "2023", "issued_on": "16/03/2023"},
        ),
        (reverse("plans:correct_item", args=[item.pk]), {"heading": "Tuyên truyền", "lead": "Tư pháp"}),
        (reverse("plans:issue", args=[plan.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        if persona == "anonymous":
            assert response.status_code == 302 and "dang-nhap" in response["Location"]
        elif persona in MANAGERS:
            assert response.status_code == 302, response.content.decode()[:500]
        else:
            assert response.status_code == 403
    plan.refresh_from_db()
    if persona in MANAGERS:
        assert plan.status == "issued" and AuditEntry.objects.count() == entries + 3
    else:
        assert plan.status == "draft" and AuditEntry.objects.count() == entries


def test_upload_page_refuses_bad_files(tree, personas, login):
    client = login(personas["commune_official"])
    url = reverse("plans:upload", args=[tree.commune.pk])
    response = client.post(url, {"file": SimpleUploadedFile("kh.pdf", b"PK\x03\x04 not a pdf")})
    assert response.status_code == 400 and "không phải văn bản Word" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("anh.pdf", b"%PDF-1.4\n%%EOF")})
    assert response.status_code == 400 and "Không đọc được tệp PDF" in response.content.decode()
    assert not Plan.objects.exists()
    response = client.post(
        url, {"file": SimpleUploadedFile("kh.txt", text_of("ward-bai-chay-2024").encode())}
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "Thực hiện quy chế dân chủ ở cơ sở năm 2024" in detail.content.decode()


def test_malformed_date_in_review_is_explained(tree, personas, login, plan):
    client = login(personas["commune_official"])
    response = client.post(
        reverse("plans:correct", args=[plan.pk]), {"title": "X", "year": "2023", "issued_on": "31/02/2023"}
    )
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    plan.refresh_from_db()
    assert plan.title != "X"


def test_a_service_refusal_sits_under_its_field_in_english(tree, personas, login, plan, settings):
    """clean_text's error names the field as the English form does and is shown under that field."""
    client = login(personas["commune_official"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("plans:correct", args=[plan.pk]), {"title": "\u200b", "year": "2023"})
    body = response.content.decode()
    title_field = body.split('id="id_title"')[1].split("</div>")[0]  # the input and its own error list
    assert response.status_code == 400
    assert '<ul class="errorlist"><li>The field “Summary” is required.</li></ul>' in title_field
    assert "Trường “" not in body
    plan.refresh_from_db()
    assert plan.title != "\u200b"


def test_api_import_and_issue(tree, personas):
    from django.test import Client

    client = Client()
    client.force_login(personas["commune_official"], backend="django.contrib.auth.backends.ModelBackend")
    upload = SimpleUploadedFile("kh.txt", text_of("ward-chanh-lo-2023").encode())
    response = client.post(f"/api/v1/units/{tree.commune.pk}/plans", {"file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["symbol"] == "KH-UBND" and len(body["items"]) == 15 and len(body["directives"]) == 3
    assert (
        client.post(f"/api/v1/plans/{body['id']}/issue").json()["detail"].startswith("Cần nhập ngày ban hành")
    )
    bad = client.post(f"/api/v1/units/{tree.commune.pk}/plans", {"file": SimpleUploadedFile("a.doc", b"x")})
    assert bad.status_code == 400 and "Không hỗ trợ" in bad.json()["detail"]
    sibling = Client()
    sibling.force_login(personas["sibling_official"], backend="django.contrib.auth.backends.ModelBackend")
    assert sibling.get(f"/api/v1/plans/{body['id']}").status_code == 403
