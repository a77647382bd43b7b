from django.urls import path

from .views import documents, households, officials, public

app_name = "conventions"
urlpatterns = [
    path("don-vi/<int:unit_id>/", officials.unit_list, name="unit"),
    path("don-vi/<int:unit_id>/moi/", officials.create, name="create"),
    path("<int:convention_id>/", officials.detail, name="detail"),
    path("<int:convention_id>/sua-doi/", officials.amend, name="amend"),
    path("<int:convention_id>/ra-soat/", officials.review, name="review"),
    path("<int:convention_id>/hieu-luc/", officials.force, name="force"),
    path("ban/<int:version_id>/", officials.version, name="version"),
    path("ban/<int:version_id>/sua/", officials.edit, name="edit"),
    path("ban/<int:version_id>/ban-in.docx", documents.version_docx, name="version_docx"),
    path("ban/<int:version_id>/ban-in.pdf", documents.version_pdf, name="version_pdf"),
    path("ban/<int:version_id>/niem-yet/", officials.post, name="post"),
    path("ban/<int:version_id>/y-kien/", officials.paper_opinion, name="paper_opinion"),
    path("ban/<int:version_id>/bieu-quyet/", officials.vote, name="vote"),
    path("ban/<int:version_id>/ket-qua/", officials.adopt_decision, name="adopt_decision"),
    path("ban/<int:version_id>/hop/", officials.meeting, name="meeting"),
    path("ban/<int:version_id>/phieu/", officials.ballot, name="ballot"),
    path("ban/<int:version_id>/gui/", officials.file, name="file"),
    path("ban/<int:version_id>/cong-nhan/", officials.recognise, name="recognise"),
    path("ban/<int:version_id>/khong-cong-nhan/", officials.refuse_version, name="refuse"),
    # Households
    path("gop-y/", households.posted, name="posted"),
    path("gop-y/<int:version_id>/", households.opinion, name="opinion"),
    # Public register
    path("cong-khai/xa/<int:unit_id>/", public.register, name="register"),
    path("cong-khai/<int:convention_id>/", public.public_detail, name="public"),
    path("cong-khai/<int:convention_id>/ban/<int:version_id>/", public.public_version, name="public_version"),
    path("cong-khai/<int:convention_id>/ban/<int:version_id>/tai.pdf", public.download_pdf, name="pdf"),
    path("cong-khai/<int:convention_id>/ban/<int:version_id>/tai.docx", public.download_docx, name="docx"),
]
