from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("danchu.portal.urls")),
    path("tai-khoan/", include("danchu.accounts.urls")),
    path("quan-tri/", include("danchu.units.urls")),
    path("he-thong/", include("danchu.core.urls")),
    path("ke-hoach/", include("danchu.plans.urls")),
    path("bao-cao/", include("danchu.reports.urls")),
    path("cong-khai/", include("danchu.disclosures.urls")),
    path("api/v1/", include("danchu.api.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "danchu.portal.views.error_403"
handler404 = "danchu.portal.views.error_404"
handler500 = "danchu.portal.views.error_500"
