"""Officers' pages: the register of letters, a letter's handling, the inbox by agency (overdue first),
a petition's handling, and the categories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import refuse
from danchu.core.paging import paginate

from .. import selectors
from ..forms import (
    CategoryForm,
    ClassifyForm,
    CloseForm,
    LetterForm,
    NoteForm,
    ReasonForm,
    ResolveForm,
    RouteForm,
    TransferForm,
)
from ..models import Petition
from ..permissions import PetitionPerm
from ..services import categories as category_services
from ..services import intake, letters
from ..services import petitions as petition_services
from ..services.photos import Upload


def _try(request: HttpRequest, call: Callable[[], object], success: str) -> bool:
    try:
        call()
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


@login_required
def register(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Sổ xử lý đơn: the unit's letters, pending first by deadline; officers register what they receive."""
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.VIEW)
    can_register = policy.allowed(actor, PetitionPerm.REGISTER, unit)
    form = LetterForm(
        request.POST or None, initial={"received_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    if request.method == "POST":
        if not can_register:
            raise PermissionDeniedError()
        if form.is_valid():
            d = form.cleaned_data
            try:
                letter = intake.register_letter(
                    actor=actor,
                    unit=unit,
                    channel=d["channel"],
                    classification=d["classification"],
                    sender=intake.SenderData(
                        full_name=d["full_name"], address=d["address"], phone=d["phone"]
                    ),
                    subject=d["subject"],
                    text=d["text"],
                    received_on=d["received_on"],
                    signers=d["signers"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã vào sổ đơn, mã %(tracking_code)s.") % {"tracking_code": letter.tracking_code},
                )
                return redirect("petitions:letter", letter.pk)
    return render(
        request,
        "petitions/register.html",
        {
            "unit": unit,
            "page": paginate(request, selectors.register(actor=actor, unit=unit)),
            "form": form,
            "can_register": can_register,
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def letter_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = acting_user(request)
    letter = selectors.access_letter(actor=actor, letter_id=letter_id, perm=PetitionPerm.VIEW)
    return render(
        request,
        "petitions/letter.html",
        {
            "letter": letter,
            "sender": selectors.sender_of(actor=actor, letter=letter),
            "handlings": letter.handlings.select_related("actor"),
            "petition": getattr(letter, "petition", None),
            "can_handle": letters.may_handle(actor, letter.unit),
            "classify_form": ClassifyForm(),
            "reason_form": ReasonForm(),
            "transfer_form": TransferForm(unit=letter.unit),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def letter_action(request: HttpRequest, letter_id: int, action: str) -> HttpResponse:
    actor = acting_user(request)
    letter = selectors.access_letter(actor=actor, letter_id=letter_id, perm=PetitionPerm.HANDLE)
    if action == "phan-loai":
        form: Any = ClassifyForm(request.POST)
        if form.is_valid():
            _try(
                request,
                lambda: letters.classify(
                    actor=actor, letter=letter, classification=form.cleaned_data["classification"]
                ),
                _("Đã phân loại đơn."),
            )
        else:
            refuse(request, form)
    elif action in ("thu-ly", "huong-dan", "tra-don"):
        form = ReasonForm(request.POST)
        if form.is_valid():
            call = {
                "thu-ly": lambda: letters.accept(
                    actor=actor, letter=letter, note=form.cleaned_data["reason"]
                ),
                "huong-dan": lambda: letters.guide(
                    actor=actor, letter=letter, reason=form.cleaned_data["reason"]
                ),
                "tra-don": lambda: letters.refuse(
                    actor=actor, letter=letter, reason=form.cleaned_data["reason"]
                ),
            }[action]
            _try(request, call, _("Đã xử lý đơn."))
        else:
            refuse(request, form)
    elif action == "chuyen":
        form = TransferForm(request.POST, unit=letter.unit)
        if form.is_valid():
            d = form.cleaned_data
            _try(
                request,
                lambda: letters.transfer(
                    actor=actor, letter=letter, to_unit=d["to_unit"], reason=d["reason"]
                ),
                _("Đã chuyển đơn."),
            )
        else:
            refuse(request, form)
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect("petitions:letter", letter.pk)


@login_required
def inbox(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Hộp phản ánh: open petitions, overdue first; an agency officer sees its agency's."""
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.VIEW)
    today = timezone.localdate()
    agency_text = request.GET.get("co-quan", "")
    agency_id = (
        int(agency_text)
        if agency_text.isascii() and agency_text.isdigit() and len(agency_text) < 12
        else None
    )
    rows = selectors.inbox(actor=actor, unit=unit, agency_id=agency_id, today=today)
    return render(
        request,
        "petitions/inbox.html",
        {
            "unit": unit,
            "page": paginate(request, rows),
            "today": today,
            "agencies": list(selectors.inbox_agencies(actor=actor, unit=unit)),
            "agency_id": agency_id,
            "can_manage": policy.allowed(actor, PetitionPerm.MANAGE_CATEGORIES, unit),
        },
    )


@login_required
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = acting_user(request)
    petition = selectors.access_petition(actor=actor, petition_id=petition_id, perm=PetitionPerm.VIEW)
    can_resolve = policy.allowed(actor, PetitionPerm.RESOLVE, petition) and (
        (ids := selectors.agency_ids(actor, petition.unit)) is None or petition.agency_id in ids
    )
    return render(
        request,
        "petitions/petition.html",
        {
            "petition": petition,
            "letter": petition.letter,
            "sender": selectors.sender_of(actor=actor, letter=petition.letter),
            "photos": petition.photos.all(),
            "updates": petition.updates.select_related("actor"),
            "can_handle": policy.allowed(actor, PetitionPerm.HANDLE, petition),
            "can_resolve": can_resolve,
            "route_form": RouteForm(unit=petition.unit, initial={"agency": petition.agency_id}),
            "note_form": NoteForm(),
            "resolve_form": ResolveForm(),
            "close_form": CloseForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def petition_action(request: HttpRequest, petition_id: int, action: str) -> HttpResponse:
    actor = acting_user(request)
    perm = PetitionPerm.HANDLE if action in ("giao", "dong") else PetitionPerm.RESOLVE
    petition: Petition = selectors.access_petition(actor=actor, petition_id=petition_id, perm=perm)
    if action == "giao":
        form: Any = RouteForm(request.POST, unit=petition.unit)
        if form.is_valid():
            d = form.cleaned_data
            _try(
                request,
                lambda: petition_services.route(
                    actor=actor, petition=petition, agency=d["agency"], note=d["note"]
                ),
                _("Đã giao cơ quan xử lý."),
            )
        else:
            refuse(request, form)
    elif action in ("bat-dau", "cap-nhat"):
        form = NoteForm(request.POST)
        if form.is_valid():
            note = form.cleaned_data["note"]
            call = (
                (lambda: petition_services.start(actor=actor, petition=petition, note=note))
                if action == "bat-dau"
                else (lambda: petition_services.add_note(actor=actor, petition=petition, note=note))
            )
            _try(request, call, _("Đã cập nhật."))
        else:
            refuse(request, form)
    elif action == "tra-loi":
        form = ResolveForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            files = [Upload(f.name, f.read()) for f in d["evidence"]]
            _try(
                request,
                lambda: petition_services.resolve(
                    actor=actor, petition=petition, answer=d["answer"], evidence=files
                ),
                _("Đã trả lời phản ánh."),
            )
        else:
            refuse(request, form)
    elif action == "dong":
        form = CloseForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            _try(
                request,
                lambda: petition_services.close(
                    actor=actor,
                    petition=petition,
                    status=d["status"],
                    answer=d["answer"],
                    duplicate_of_id=d["duplicate_of"],
                ),
                _("Đã đóng phản ánh."),
            )
        else:
            refuse(request, form)
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect("petitions:petition", petition.pk)


@login_required
def category_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lĩnh vực phản ánh: each routed to an agency, with its time to resolve."""
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.VIEW)
    form = CategoryForm(request.POST or None, unit=unit)
    if request.method == "POST":
        policy.require(actor, PetitionPerm.MANAGE_CATEGORIES, unit)
        if "mac-dinh" in request.POST:
            made = category_services.install_defaults(actor=actor, unit=unit)
            messages.success(
                request,
                ngettext("Đã thêm %(count)s lĩnh vực.", "Đã thêm %(count)s lĩnh vực.", len(made))
                % {"count": len(made)},
            )
            return redirect("petitions:categories", unit.pk)
        if form.is_valid():
            d = form.cleaned_data
            if _try(
                request,
                lambda: category_services.create_category(
                    actor=actor,
                    unit=unit,
                    code=d["code"],
                    name=d["name"],
                    agency=d["agency"],
                    resolve_days=d["resolve_days"],
                ),
                _("Đã thêm lĩnh vực."),
            ):
                return redirect("petitions:categories", unit.pk)
    return render(
        request,
        "petitions/categories.html",
        {
            "unit": unit,
            "categories": selectors.categories(unit, active_only=False),
            "form": form,
            "can_manage": policy.allowed(actor, PetitionPerm.MANAGE_CATEGORIES, unit),
        },
        status=400 if form.errors else 200,
    )
