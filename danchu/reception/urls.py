from django.urls import path

from .views import dialogues, officials, public

app_name = "reception"
urlpatterns = [
    path("don-vi/<int:unit_id>/", officials.overview, name="overview"),
    path("don-vi/<int:unit_id>/lich/", officials.schedule_edit, name="schedule"),
    path("don-vi/<int:unit_id>/lich/cong-bo/", officials.schedule_publish, name="schedule_publish"),
    path("don-vi/<int:unit_id>/lich/vang/", officials.absence_add, name="absence_add"),
    path("don-vi/<int:unit_id>/so/", officials.log, name="log"),
    path("don-vi/<int:unit_id>/so/moi/", officials.visit_create, name="visit_create"),
    path("don-vi/<int:unit_id>/so.xlsx", officials.log_download, name="log_xlsx"),
    path("luot/<int:visit_id>/", officials.visit_detail, name="visit"),
    path("luot/<int:visit_id>/tra-loi/", officials.visit_answer, name="visit_answer"),
    path("luot/<int:visit_id>/don/", officials.visit_letter, name="visit_letter"),
    path("don-vi/<int:unit_id>/doi-thoai/", dialogues.dialogue_list, name="dialogues"),
    path("don-vi/<int:unit_id>/doi-thoai/moi/", dialogues.dialogue_create, name="dialogue_create"),
    path("doi-thoai/<int:dialogue_id>/", dialogues.dialogue_detail, name="dialogue"),
    path("doi-thoai/<int:dialogue_id>/huy/", dialogues.dialogue_cancel, name="dialogue_cancel"),
    path("doi-thoai/<int:dialogue_id>/cau-hoi/", dialogues.question_add, name="question_add"),
    path("doi-thoai/<int:dialogue_id>/bien-ban/", dialogues.minutes_record, name="minutes"),
    path(
        "doi-thoai/<int:dialogue_id>/bien-ban.docx",
        dialogues.minutes_download,
        {"kind": "docx"},
        name="minutes_docx",
    ),
    path(
        "doi-thoai/<int:dialogue_id>/bien-ban.pdf",
        dialogues.minutes_download,
        {"kind": "pdf"},
        name="minutes_pdf",
    ),
    path("cau-hoi/<int:question_id>/tra-loi/", dialogues.question_answer, name="question_answer"),
    path("cau-hoi/<int:question_id>/cam-ket/", dialogues.commitment_add, name="commitment_add"),
    # Public
    path("cong/<int:unit_id>/lich/", public.public_schedule, name="public_schedule"),
    path("cong/<int:unit_id>/doi-thoai/", public.public_dialogues, name="public_dialogues"),
    path("cong/doi-thoai/<int:dialogue_id>/", public.public_dialogue, name="public_dialogue"),
    path("cong/doi-thoai/<int:dialogue_id>/hoi/", public.register_question, name="register_question"),
]
