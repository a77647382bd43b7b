from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("so-quy-dinh/", views.rulebook, name="rulebook"),
    path("lich-lam-viec/", views.calendar, name="calendar"),
    path("nhat-ky/kiem-tra/", views.audit_integrity, name="audit_integrity"),
    path("nhat-ky/<str:object_type>/<str:object_id>/", views.object_history, name="object_history"),
]
