"""The public register of a commune's conventions (sổ hương ước, quy ước) on the citizens' portal: each
recognised convention's current text, its earlier texts and its history, and the text as .docx/.pdf."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import export, selectors


def register(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = unit_selectors.public_unit(unit_id)
    return render(
        request,
        "conventions/register.html",
        {
            "unit": commune,
            "ancestors": unit_selectors.ancestors(commune),
            "page": paginate(request, selectors.register(commune), per_page=50),
        },
    )


def public_detail(request: HttpRequest, convention_id: int) -> HttpResponse:
    convention = selectors.access_public_convention(convention_id)
    version = convention.current
    assert version is not None
    return _page(request, convention, version)


def public_version(request: HttpRequest, convention_id: int, version_id: int) -> HttpResponse:
    convention = selectors.access_public_convention(convention_id)
    return _page(request, convention, selectors.access_public_version(convention, version_id))


def _page(request: HttpRequest, convention: object, version: object) -> HttpResponse:
    from ..models import Convention, ConventionVersion

    assert isinstance(convention, Convention) and isinstance(version, ConventionVersion)
    return render(
        request,
        "conventions/public.html",
        {
            "convention": convention,
            "version": version,
            "unit": convention.unit,
            "commune": convention.unit.parent,
            "articles": selectors.articles_of(version),
            "versions": selectors.public_versions(convention),
            "events": selectors.public_history(convention),
        },
    )


def _download(convention_id: int, version_id: int, kind: str) -> HttpResponse:
    convention = selectors.access_public_convention(convention_id)
    version = selectors.access_public_version(convention, version_id)
    articles = selectors.articles_of(version)
    if kind == "pdf":
        data, mime = export.to_pdf(version, articles), "application/pdf"
    else:
        data = export.to_docx(version, articles)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=mime)
    name = f"huong-uoc-{convention.pk}-{version.number}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_pdf(request: HttpRequest, convention_id: int, version_id: int) -> HttpResponse:
    return _download(convention_id, version_id, "pdf")


def download_docx(request: HttpRequest, convention_id: int, version_id: int) -> HttpResponse:
    return _download(convention_id, version_id, "docx")
