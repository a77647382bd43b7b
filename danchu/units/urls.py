from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit"),
    path("don-vi/<int:unit_id>/co-quan/", views.agencies, name="agencies"),
    path("don-vi/<int:unit_id>/nhat-ky/", views.history, name="history"),
    path("don-vi/<int:unit_id>/quy-dinh-rieng/", views.local_rules, name="rules"),
    path("co-quan/<int:agency_id>/ngung-hoat-dong/", views.close_agency, name="close_agency"),
    path("thon/<int:unit_id>/", views.village, name="village"),
    path("thon/<int:unit_id>/doi-ten/", views.rename_village, name="rename_village"),
    path("thon/<int:unit_id>/chuyen/", views.move_village, name="move_village"),
    path("thon/<int:unit_id>/ngung-hieu-luc/", views.retire_village, name="retire_village"),
    path("ho/<int:household_id>/", views.household, name="household"),
    path("ho/<int:household_id>/<slug:action>/", views.household_action, name="household_action"),
]
