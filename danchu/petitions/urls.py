"""Mounted at the site's root (registry `urls=("", …)`): the pages under /phan-anh/, Open311 under
/open311/v2/."""

from django.urls import path

from .open311 import views as open311
from .views import officers, public

app_name = "petitions"
urlpatterns = [
    # public
    path("phan-anh/xa/<int:unit_id>/", public.public_list, name="public_list"),
    path("phan-anh/xa/<int:unit_id>/gui/", public.submit, name="submit"),
    path("phan-anh/cong-khai/<int:petition_id>/", public.public_detail, name="public_detail"),
    path("phan-anh/anh/<int:photo_id>/", public.photo, name="photo"),
    path("phan-anh/tra-cuu/", public.lookup, name="lookup"),
    path("phan-anh/ma/<str:code>/", public.track, name="track"),
    path("phan-anh/ma/<str:code>/danh-gia/", public.rate, name="rate"),
    # officers
    path("phan-anh/don-vi/<int:unit_id>/so-don/", officers.register, name="register"),
    path("phan-anh/don-vi/<int:unit_id>/hop-thu/", officers.inbox, name="inbox"),
    path("phan-anh/don-vi/<int:unit_id>/linh-vuc/", officers.category_list, name="categories"),
    path("phan-anh/don/<int:letter_id>/", officers.letter_detail, name="letter"),
    path("phan-anh/don/<int:letter_id>/<slug:action>/", officers.letter_action, name="letter_action"),
    path("phan-anh/<int:petition_id>/", officers.petition_detail, name="petition"),
    path("phan-anh/<int:petition_id>/<slug:action>/", officers.petition_action, name="petition_action"),
    # Open311 GeoReport v2: every resource in both formats, the format given to the view
    *(
        path(f"open311/v2/{route}.{fmt}", view, {"fmt": fmt}, name=f"o311_{name}_{fmt}")
        for route, view, name in (
            ("discovery", open311.discovery, "discovery"),
            ("services", open311.services, "services"),
            ("services/<slug:service_code>", open311.service_definition, "service"),
            ("requests", open311.requests, "requests"),
            ("requests/<int:service_request_id>", open311.request, "request"),
            ("tokens/<slug:token>", open311.token, "token"),
            ("servicerequestupdates", open311.updates, "updates"),
        )
        for fmt in ("xml", "json")
    ),
]
