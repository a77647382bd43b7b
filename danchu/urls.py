from django.contrib import admin
from django.urls import include, path

from danchu.core import registry

urlpatterns = [
    path("", include("danchu.portal.urls")),
    path("tai-khoan/", include("danchu.accounts.urls")),
    path("quan-tri/", include("danchu.units.urls")),
    path("he-thong/", include("danchu.core.urls")),
    # each domain app names its officials' pages in its registry
    *(path(app.urls[0], include(app.urls[1])) for app in registry.domain_apps() if app.urls),
    path("api/v1/", include("danchu.api.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "danchu.portal.views.error_403"
handler404 = "danchu.portal.views.error_404"
handler500 = "danchu.portal.views.error_500"
