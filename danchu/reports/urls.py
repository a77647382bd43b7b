from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("don-vi/<int:unit_id>/", views.unit_reports, name="unit"),
    path("don-vi/<int:unit_id>/ban-hanh/", views.create_regime, name="create"),
    path("tu-ke-hoach/<int:plan_id>/<int:directive_id>/", views.from_directive, name="from_directive"),
    path("<int:regime_id>/", views.regime, name="regime"),
    path("<int:regime_id>/mo-ky/", views.open_period, name="open_period"),
    path("<int:regime_id>/bang-mau/", views.scorecard, name="scorecard"),
    path("<int:regime_id>/nhap-so-lieu/", views.import_values, name="import"),
    path("<int:regime_id>/ky/<str:period>/", views.completeness, name="completeness"),
    path("<int:regime_id>/ky/<str:period>/tong-hop/", views.rollup, name="rollup"),
    path("<int:regime_id>/ky/<str:period>/dhis2.json", views.dhis2_export, name="dhis2"),
    path("<int:regime_id>/ky/<str:period>/mau-nhap.xlsx", views.entry_sheet, name="entry_sheet"),
    path("nop/<int:submission_id>/", views.submission, name="submission"),
    path("nop/<int:submission_id>/tai-ve/<str:kind>", views.download, name="download"),
    path("nop/<int:submission_id>/<str:action>/", views.review, name="review"),
]
