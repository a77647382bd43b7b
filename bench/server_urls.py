from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/ceiling/", ceiling), path("", include("danchu.urls"))]
