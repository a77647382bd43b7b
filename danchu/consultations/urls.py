from django.urls import path

from .views import officials, opinions, public

app_name = "consultations"
urlpatterns = [
    path("don-vi/<int:unit_id>/", officials.unit_list, name="unit"),
    path("don-vi/<int:unit_id>/moi/", officials.create, name="create"),
    path("<int:consultation_id>/", officials.detail, name="detail"),
    path("<int:consultation_id>/phat-dong/", officials.launch, name="launch"),
    path("<int:consultation_id>/sua-du-thao/", officials.revise, name="revise"),
    path("<int:consultation_id>/so-sanh/", officials.compare, name="diff"),
    path("<int:consultation_id>/ket-thuc/", officials.close, name="close"),
    path("<int:consultation_id>/cong-bo/", officials.publish, name="publish"),
    path("<int:consultation_id>/bao-cao.docx", officials.report_file, {"fmt": "docx"}, name="report_docx"),
    path("<int:consultation_id>/bao-cao.pdf", officials.report_file, {"fmt": "pdf"}, name="report_pdf"),
    path("<int:consultation_id>/y-kien/", opinions.opinions, name="opinions"),
    path("<int:consultation_id>/nhap/", opinions.record, name="record"),
    path("<int:consultation_id>/tra-loi/", opinions.answer, name="answer"),
    path("<int:consultation_id>/nhom/", opinions.groups, name="groups"),
    path("y-kien/<int:opinion_id>/an/", opinions.hide, name="hide"),
    # Public pages (no sign-in needed to read).
    path("cong/don-vi/<int:unit_id>/", public.public_list, name="public_list"),
    path("cong/<int:consultation_id>/", public.public, name="public"),
    path("cong/<int:consultation_id>/gop-y/", public.give, name="give"),
    path("cong/<int:consultation_id>/du-thao/", public.draft_file, name="draft_file"),
]
