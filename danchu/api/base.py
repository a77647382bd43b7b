"""The JSON API v1: one NinjaAPI, errors in Vietnamese, the same services as the pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from danchu.core.errors import DomainError, PermissionDeniedError

api = NinjaAPI(
    title="danchu API",
    version="1",
    description="API của nền tảng thực hiện dân chủ ở cơ sở. Xác thực bằng phiên đăng nhập (cookie) và CSRF.",
    urls_namespace="api",
)


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    errors: dict[str, str] | None = None  # every offending value or row, when there are several


@api.exception_handler(PermissionDeniedError)
def permission_denied(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body = {"detail": exc.message, "field": exc.field, "errors": getattr(exc, "errors", None)}
    return api.create_response(request, body, status=400)


AUTH = django_auth
