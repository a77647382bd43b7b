"""A version's text as .docx or PDF for officials: the draft to print and post at the cultural house, the
adopted text for the file sent to the commune (the public downloads only recognised texts)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from danchu.accounts.actors import acting_user

from .. import export, selectors
from ..permissions import ConventionPerm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(data: bytes, mime: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def version_docx(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(
        actor=acting_user(request), version_id=version_id, perm=ConventionPerm.VIEW
    )
    data = export.to_docx(version, selectors.articles_of(version))
    return _file(data, DOCX, f"huong-uoc-{version.convention_id}-ban-{version.number}.docx")


@login_required
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(
        actor=acting_user(request), version_id=version_id, perm=ConventionPerm.VIEW
    )
    data = export.to_pdf(version, selectors.articles_of(version))
    return _file(data, "application/pdf", f"huong-uoc-{version.convention_id}-ban-{version.number}.pdf")
