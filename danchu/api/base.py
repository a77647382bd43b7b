"""The JSON API v1: one NinjaAPI, errors in Vietnamese, the same services as the pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import django_auth
from pydantic import BeforeValidator, Field

from danchu.core.errors import DomainError, PermissionDeniedError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Only a "YYYY-MM-DD" text (or a date): pydantic alone also reads a number as seconds since 1970."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError(gettext("Ngày phải có dạng YYYY-MM-DD."))


# Every date the API takes or gives, as the OpenAPI document says: format "date", nothing else.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
# Integers a column can hold (a bigint id, an integer count). A JSON number has no bound: past these it
# is refused (422) before it reaches the database, where it would overflow (a 500). Inside them, the
# services give their own Vietnamese answers (an unknown id, a count out of the product's range).
DbId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
DbCount = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]

UNREADABLE_BODY = _("Nội dung gửi lên không phải JSON hợp lệ (UTF-8).")
BAD_CHARACTER = _("Nội dung gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc nửa cặp thay thế UTF-16).")
TOO_LARGE = _("Nội dung gửi lên có số nguyên quá lớn (vượt giới hạn số nguyên 64 bit).")
# What no database column may hold: PostgreSQL refuses NUL in text and cannot encode a lone surrogate;
# no integer column holds a number outside the signed 64-bit range (SQLite and PostgreSQL alike).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_INTEGER = re.compile(r"[+-]?\d+")
_INT_RANGE = range(-(2**63), 2**63)


def _fits_64_bits(digits: str) -> bool:
    """Whether a decimal integer string fits a signed 64-bit column, without converting one of 5,000
    digits (Python refuses to, by design)."""
    significant = digits.strip().lstrip("+-").lstrip("0")
    return len(significant) <= 19 and int(digits) in _INT_RANGE


def _refuse_unstorable(value: Any, *, query: bool = False) -> None:
    """Refuse what no column can store; in a query string every value is text, so a digit string beyond
    64 bits is refused there (a JSON string stays text: a long number in a note is no integer)."""
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise HttpError(400, str(BAD_CHARACTER))
        if query and len(value) > 18 and _INTEGER.fullmatch(value.strip()) and not _fits_64_bits(value):
            raise HttpError(400, str(TOO_LARGE))
    elif isinstance(value, int) and not isinstance(value, bool):
        if value not in _INT_RANGE:
            raise HttpError(400, str(TOO_LARGE))
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable(key, query=query)
            _refuse_unstorable(item, query=query)
    elif isinstance(value, list):
        for item in value:
            _refuse_unstorable(item, query=query)


class StrictParser(Parser):
    """JSON bodies and query strings whose every value a database can store: a NUL or a lone surrogate
    (valid JSON escapes, e.g. "\\ud800") or an integer beyond 64 bits is a 400 with a message, not a 500
    from the database."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        _refuse_unstorable(data)
        return data  # type: ignore[no-any-return]

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            _refuse_unstorable(key, query=True)
            _refuse_unstorable(values, query=True)
        return super().parse_querydict(data, list_fields, request)


api = NinjaAPI(
    title="danchu API",
    version="1",
    description="API của nền tảng thực hiện dân chủ ở cơ sở. Xác thực bằng phiên đăng nhập (cookie) và CSRF.",
    urls_namespace="api",
    parser=StrictParser(),
)


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    errors: dict[str, str] | None = None  # every offending value or row, when there are several


# Every answer an operation can give besides its success, as the OpenAPI document lists them.
PUBLIC_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
ERRORS: dict[int, type[Schema]] = {**PUBLIC_ERRORS, 401: ErrorOut, 403: ErrorOut}
INVALID = _("Dữ liệu gửi lên không đúng dạng; xem từng trường trong “errors”.")


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Input that does not fit the operation's schema: 422, each offending field with its reason."""
    errors = {
        ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload"))
        or "body": str(error.get("msg", ""))
        for error in exc.errors
    }
    return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)


@api.exception_handler(MultiPartParserError)
def unreadable_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A file upload whose multipart body is malformed (no boundary, cut short)."""
    body = {"detail": gettext("Không đọc được tệp gửi lên; hãy gửi lại dưới dạng multipart/form-data.")}
    return api.create_response(request, body, status=400)


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": gettext("Cần đăng nhập để dùng thao tác này.")}, status=401
    )


@api.exception_handler(PermissionDeniedError)
def permission_denied(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body = {"detail": exc.message, "field": exc.field, "errors": getattr(exc, "errors", None)}
    return api.create_response(request, body, status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals; a body it could not parse is explained in Vietnamese."""
    message = exc.message
    if exc.status_code == 400 and exc.__cause__ is not None:  # raised while parsing the body
        message = str(exc.__cause__) if isinstance(exc.__cause__, HttpError) else str(UNREADABLE_BODY)
    return api.create_response(request, {"detail": message}, status=exc.status_code)


AUTH = django_auth
