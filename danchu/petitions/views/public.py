"""Public pages: a commune's petitions (no personal data), the form to send one, the tracking code.

The form works without JavaScript; with it, photos are shrunk in the browser before upload. A refused
submission (a photo that is not an image, a field too long) re-renders the form with everything typed
kept and nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.models import User
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.files import file_response
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

from .. import selectors
from ..forms import PetitionForm, RateForm
from ..models import Channel, Status
from ..services import petitions as petition_services
from ..services import rating
from ..services.intake import SenderData
from ..services.photos import Upload

DEVICE_COOKIE = "danchu_device"


def _visitor(request: HttpRequest) -> User | None:
    """The signed-in citizen, or None for a visitor (the public pages take both)."""
    return request.user if isinstance(request.user, User) and request.user.is_authenticated else None


def _commune(unit_id: int) -> Unit:
    unit = unit_selectors.public_unit(unit_id)
    if not unit.is_commune:
        raise Http404("Chỉ xã, phường, đặc khu nhận phản ánh.")
    return unit


def public_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Phản ánh của xã: status, place and answer of each, newest first."""
    unit = _commune(unit_id)
    rows = selectors.public_petitions(unit)
    status = request.GET.get("trang-thai", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "petitions/public_list.html",
        {
            "unit": unit,
            "page": paginate(request, rows, per_page=20),
            "statuses": Status.choices,
            "status": status,
            "today": timezone.localdate(),
        },
    )


def public_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    petition = selectors.access_public_petition(petition_id=petition_id)
    return render(
        request, "petitions/public_detail.html", {"petition": petition, "today": timezone.localdate()}
    )


def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    found = selectors.access_public_photo(photo_id=photo_id)
    return file_response(
        found.file, f"phan-anh-{found.petition_id}-{found.pk}.{found.file_kind}", found.file_kind
    )


def submit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Gửi phản ánh (with or without an account)."""
    unit = _commune(unit_id)
    actor = _visitor(request)
    form = PetitionForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        device = request.COOKIES.get(DEVICE_COOKIE, "")[:100]
        authenticated = actor is not None
        try:
            petition, _new = petition_services.submit(
                actor=actor,
                unit=unit,
                category=data["category"],
                channel=Channel.PORTAL if authenticated else Channel.PORTAL_GUEST,
                sender=SenderData(
                    full_name=data["full_name"], phone=data["phone"], email=data["email"], device=device
                ),
                subject=data["subject"],
                description=data["description"],
                address=data["address"],
                lat=data["lat"],
                long=data["long"],
                uploads=[Upload(f.name, f.read()) for f in data["photos"]],
            )
        except DomainError as exc:
            field = {"text": "description"}.get(exc.field or "", exc.field or "")
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã nhận phản ánh. Hãy giữ mã tra cứu để theo dõi và đánh giá."))
            return redirect("petitions:track", petition.letter.tracking_code)
    # A browser does not send a file again: when the form comes back, say so where the photos were chosen.
    photos_dropped = bool(form.errors) and bool(request.FILES.getlist("photos"))
    response = render(
        request,
        "petitions/submit.html",
        {"unit": unit, "form": form, "photos_dropped": photos_dropped},
        status=400 if form.errors else 200,
    )
    if DEVICE_COOKIE not in request.COOKIES:
        import secrets

        response.set_cookie(
            DEVICE_COOKIE, secrets.token_hex(16), max_age=365 * 86400, httponly=True, samesite="Lax"
        )
    return response


def lookup(request: HttpRequest) -> HttpResponse:
    """Tra cứu: the form, then the page of the code typed."""
    typed = request.GET.get("ma", "")
    code = "".join(typed.split()).upper()  # a code read aloud or copied is often typed with spaces
    if code:
        if not (0 < len(code) <= 20 and code.replace("-", "").isalnum() and code.isascii()):
            messages.error(request, _("Mã tra cứu không hợp lệ."))
        elif not selectors.code_exists(code):
            messages.error(
                request, _("Không có phản ánh, đơn thư nào có mã này. Hãy kiểm tra lại từng chữ của mã.")
            )
        else:
            return redirect("petitions:track", code)
    return render(request, "petitions/lookup.html", {"typed": typed[:40]}, status=400 if code else 200)


def track(request: HttpRequest, code: str) -> HttpResponse:
    """What the holder of a tracking code sees: the letter's handling, and the petition with its rating."""
    letter = selectors.letter_by_code(code)
    petition = getattr(letter, "petition", None)
    if petition is not None:
        petition = selectors.access_public_petition(petition_id=petition.pk)
    form = RateForm()
    return render(
        request,
        "petitions/track.html",
        {
            "letter": letter,
            "petition": petition,
            "form": form,
            "today": timezone.localdate(),
            "rate_url": reverse("petitions:rate", args=[letter.tracking_code]),
        },
    )


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Đánh giá: the code in the address is the credential (only its holder reaches this page)."""
    letter = selectors.letter_by_code(code)
    petition = getattr(letter, "petition", None)
    if petition is None:
        raise Http404("Đơn này không phải phản ánh.")
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn mức đánh giá."))
        return redirect("petitions:track", letter.tracking_code)
    try:
        rating.rate(
            actor=_visitor(request),
            petition=petition,
            rating=form.cleaned_data["rating"],
            code=code,
            comment=form.cleaned_data["comment"],
        )
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect("petitions:track", letter.tracking_code)
