from django.urls import path

from . import views

app_name = "disclosures"
urlpatterns = [
    path("don-vi/<int:unit_id>/", views.unit_list, name="unit"),
    path("don-vi/<int:unit_id>/moi/", views.create, name="create"),
    path("don-vi/<int:unit_id>/tuan-thu/", views.compliance_page, name="compliance"),
    path("<int:disclosure_id>/", views.detail, name="detail"),
    path("<int:disclosure_id>/sua/", views.edit, name="edit"),
    path("<int:disclosure_id>/tep/", views.add_attachment, name="add_attachment"),
    path(
        "<int:disclosure_id>/tep/<int:attachment_id>/bo/", views.remove_attachment, name="remove_attachment"
    ),
    path("<int:disclosure_id>/phat-hanh/", views.publish, name="publish"),
    path("<int:disclosure_id>/minh-chung/", views.record_proof, name="record_proof"),
    path("<int:disclosure_id>/go/", views.withdraw, name="withdraw"),
    path("minh-chung/<int:proof_id>/tep/", views.proof_file, name="proof_file"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/<int:item_id>/", views.edit_item, name="edit_item"),
]
