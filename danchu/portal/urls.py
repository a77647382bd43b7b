from django.urls import path

from . import disclosures, feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("don-vi/<int:unit_id>/luu-tru/", disclosures.archive, name="archive"),
    path("don-vi/<int:unit_id>/cong-khai.atom", feeds.DisclosureFeed(), name="feed"),
    path("don-vi/<int:unit_id>/muc/<str:code>.atom", feeds.DisclosureFeed(), name="feed_item"),
    path("don-vi/<int:unit_id>/dang-ky/", disclosures.subscribe, name="subscribe"),
    path("dang-ky/<str:token>/xac-nhan/", disclosures.confirm, name="confirm"),
    path("dang-ky/<str:token>/huy/", disclosures.unsubscribe, name="unsubscribe"),
    path("cong-bo/<int:disclosure_id>/", disclosures.disclosure, name="disclosure"),
    path("cong-bo/tep/<int:attachment_id>/", disclosures.attachment, name="attachment"),
    path("tim-kiem/", disclosures.search, name="search"),
]
