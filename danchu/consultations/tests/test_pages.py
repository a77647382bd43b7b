"""The pages working end to end with the test client, the synthesis report, and query counts that do not
grow with the number of opinions."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danchu.consultations import report, services
from danchu.consultations.models import Consultation, Opinion

from .conftest import at
from .factories import regulation_docx, section

pytestmark = pytest.mark.django_db


def test_an_officer_uploads_a_draft_and_launches_it(tree, personas, login):
    client = login(personas["commune_official"])
    upload = SimpleUploadedFile("du-thao.docx", regulation_docx())
    with at(2026, 3, 2):
        response = client.post(
            reverse("consultations:create", args=[tree.commune.pk]),
            {"matter": "25.7", "title": "Quy chế dân chủ", "starts_on": "02/03/2026", "ends_on": "16/03/2026",
             "audience": "commune", "channels": ["portal", "meeting"], "file": upload},
        )  # fmt: skip
        consultation = Consultation.objects.get()
        assert response.status_code == 302
        page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
        assert "Điều 3" in page and "Khoản 1 Điều 3" in page
        client.post(reverse("consultations:launch", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.state == "open"


def test_an_unreadable_upload_is_refused_on_the_form(tree, personas, login):
    upload = SimpleUploadedFile("du-thao.docx", b"PK\x03\x04 not a real package")
    with at(2026, 3, 2):
        response = login(personas["commune_official"]).post(
            reverse("consultations:create", args=[tree.commune.pk]),
            {"matter": "25.7", "title": "Quy chế", "starts_on": "02/03/2026", "ends_on": "16/03/2026",
             "audience": "commune", "channels": ["portal"], "file": upload},
        )  # fmt: skip
    assert response.status_code == 400 and not Consultation.objects.exists()
    assert (
        "Tệp nén không phải văn bản Word" in response.content.decode()
        or "Không đọc được" in response.content.decode()
    )


def test_a_citizen_comments_on_an_article_from_the_public_page(consultation, personas, login):
    client = login(personas["citizen"])
    sid = section(consultation, "dieu-4")
    with at(2026, 3, 5):
        page = client.get(reverse("consultations:public", args=[consultation.pk])).content.decode()
        assert f"?phan={sid}" in page
        form = client.get(
            reverse("consultations:give", args=[consultation.pk]) + f"?phan={sid}"
        ).content.decode()
        assert "Hòm thư góp ý được mở" in form
        response = client.post(
            reverse("consultations:give", args=[consultation.pk]),
            {"section": sid, "text": "mo hom thu 2 tuan 1 lan"},
        )
        assert response.status_code == 302 and response.url.endswith("#dieu-4")
        bad = client.post(
            reverse("consultations:give", args=[consultation.pk]), {"section": sid, "text": "<b>x</b>"}
        )
        assert bad.status_code == 400 and "mã HTML" in bad.content.decode()
    assert Opinion.objects.get().section_id == sid


def test_anonymous_posting_is_sent_to_sign_in(consultation, client):
    with at(2026, 3, 5):
        response = client.post(reverse("consultations:give", args=[consultation.pk]), {"text": "x"})
    assert response.status_code == 302 and "dang-nhap" in response.url and not Opinion.objects.exists()


def _answered_and_closed(consultation, personas):
    official = personas["commune_official"]
    personas["citizen"].full_name = "Nguyễn Văn An"
    personas["citizen"].save()
    with at(2026, 3, 5):
        opinion = services.give(actor=personas["citizen"], consultation=consultation, text="Thêm nhà văn hóa")
        services.record(
            actor=official, consultation=consultation, kind="minutes", channel="meeting",
            held_on=consultation.starts_on, reference="Biên bản họp tổ 1",
            entries=[services.Entry("Hội Nông dân đề nghị giữ nguyên", None, "Hội Nông dân", True)],
        )  # fmt: skip
    for o in Opinion.objects.all():
        services.answer(actor=official, consultation=consultation, kind="explained", text=f"Trả lời {o.pk}",
                        opinion_ids=[o.pk])  # fmt: skip
    with at(2026, 3, 17):
        services.close(actor=official, consultation=consultation, conclusion="Đã tiếp thu, giải trình.")
    return opinion


def test_what_we_heard_and_what_we_did_hides_personal_data(consultation, personas, client):
    opinion = _answered_and_closed(consultation, personas)
    with at(2026, 3, 18):
        page = client.get(reverse("consultations:public", args=[consultation.pk])).content.decode()
    assert "Chúng tôi đã nghe gì, đã làm gì" in page and f"Trả lời {opinion.pk}" in page
    assert "Hội Nông dân" in page  # an organisation is named
    assert opinion.author_name == "Nguyễn Văn An"
    assert "Nguyễn Văn An" not in page and "Tổ dân phố 1" not in page  # a person and their household are not


def test_the_synthesis_docx_has_the_decree_30_layout_and_every_opinion(consultation, personas):
    from docx import Document

    _answered_and_closed(consultation, personas)
    document = Document(io.BytesIO(report.to_docx(consultation)))
    header = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Số:" in header.cell(0, 0).text and "/BC-UBND" in header.cell(0, 0).text
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and any(t.startswith("Tổng hợp, tiếp thu, giải trình") for t in texts)
    assert any("Cuộc họp của cộng đồng dân cư: 1 ý kiến" in t for t in texts)
    grid = document.tables[1]
    answers = [row.cells[4].text for row in grid.rows[1:]]
    assert len(answers) == Opinion.objects.count() == 2 and all(
        a.startswith("Giải trình: Trả lời") for a in answers
    )
    assert report.to_pdf(consultation).startswith(b"%PDF")


def _opinions(consultation, personas, n):
    revision = consultation.revisions.get()
    sections = list(consultation.sections.all())
    Opinion.objects.bulk_create(
        Opinion(consultation=consultation, section=sections[i % len(sections)], revision=revision,
                channel="portal", text=f"Ý kiến {i}", text_key=f"y kien {i}",
                entered_by=personas["commune_official"])
        for i in range(n)
    )  # fmt: skip
    services._rules.draft_page_changed(consultation)  # as the services do


@pytest.mark.parametrize(
    ("name", "kwarg", "who"),
    [
        ("consultations:public", "consultation", "anonymous"),
        ("consultations:detail", "consultation", "commune_official"),
        ("consultations:opinions", "consultation", "commune_official"),
        ("consultations:unit", "unit", "commune_official"),
        ("consultations:public_list", "unit", "anonymous"),
    ],
)
def test_query_counts_do_not_grow_with_opinions(tree, consultation, personas, login, name, kwarg, who):
    client = login(personas[who])
    arg = consultation.pk if kwarg == "consultation" else tree.commune.pk
    counts = []
    for n in (5, 200):
        _opinions(consultation, personas, n)
        with at(2026, 3, 10), CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[arg])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], (name, counts)
