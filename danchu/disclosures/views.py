"""Officials' pages for dân biết: a unit's disclosures, drafting, publishing, proof, compliance, catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.files import file_response
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier

from . import compliance, limits, selectors, services
from .forms import AttachmentForm, DisclosureForm, ItemForm, ProofForm, WithdrawForm
from .models import Disclosure, Status
from .permissions import DisclosurePerm


@login_required
def unit_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Công khai thông tin của đơn vị, by what a citizen would see today (a witness sees no draft)."""
    unit, visible = selectors.read_unit(actor=acting_user(request), unit_id=unit_id)
    today = timezone.localdate()
    status = request.GET.get("trang-thai", "")
    return render(
        request,
        "disclosures/unit_list.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.of_unit(visible, status, today)),
            "statuses": Status.choices,
            "status": status,
            "today": today,
            "can_manage": policy.allowed(request.user, DisclosurePerm.MANAGE, unit),
        },
    )


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "item_codes": data["items"],
        "body": data["body"],
        "channels": data["channels"] or None,
        "document_number": data["document_number"],
        "document_date": data["document_date"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
    }


@login_required
def create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Soạn thông tin công khai."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=DisclosurePerm.MANAGE)
    initial = {"starts_on": timezone.localdate().strftime("%d/%m/%Y"), "items": request.GET.getlist("muc")}
    form = DisclosureForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Disclosure:
            return services.create_draft(
                actor=acting_user(request), unit=unit, replaces=data["replaces"], **_form_data(data)
            )

        disclosure = submit(form, save)
        if disclosure is not None:
            messages.success(request, _("Đã lưu dự thảo. Đính kèm tệp nếu cần, rồi phát hành."))
            return redirect("disclosures:detail", disclosure.pk)
    status = 400 if form.errors else 200
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form}
    return render(request, "disclosures/form.html", context, status=status)


@login_required
def edit(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    initial = {
        "title": disclosure.title,
        "items": [i.code for i in disclosure.items.all()],
        "body": disclosure.body,
        "channels": disclosure.channels,
        "document_number": disclosure.document_number,
        "document_date": disclosure.document_date.strftime("%d/%m/%Y") if disclosure.document_date else "",
        "starts_on": disclosure.starts_on.strftime("%d/%m/%Y"),
        "ends_on": disclosure.ends_on.strftime("%d/%m/%Y"),
    }
    form = DisclosureForm(request.POST or None, unit=disclosure.unit, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Disclosure:
            fields = _form_data(data)
            fields["channels"] = fields["channels"] or disclosure.channels
            fields["ends_on"] = fields["ends_on"] or disclosure.ends_on
            return services.update_draft(actor=acting_user(request), disclosure=disclosure, **fields)

        if submit(form, save) is not None:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("disclosures:detail", disclosure.pk)
    context = {"unit": disclosure.unit, "ancestors": unit_selectors.ancestors(disclosure.unit), "form": form}
    context["disclosure"] = disclosure
    return render(request, "disclosures/form.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure_id)
    today = timezone.localdate()
    checks = compliance.proof_status(disclosure)
    return render(
        request,
        "disclosures/detail.html",
        {
            "disclosure": disclosure,
            "unit": disclosure.unit,
            "ancestors": unit_selectors.ancestors(disclosure.unit),
            "status": disclosure.status_on(today),
            "checks": checks,
            "can_manage": policy.allowed(request.user, DisclosurePerm.MANAGE, disclosure),
            "can_prove": policy.allowed(request.user, DisclosurePerm.RECORD_PROOF, disclosure),
            "attachment_form": AttachmentForm(),
            "proof_form": ProofForm(disclosure=disclosure, initial={"day": today.strftime("%d/%m/%Y")}),
            "withdraw_form": WithdrawForm(),
        },
    )


@login_required
@require_POST
def add_attachment(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        refuse(request, form)
    else:
        upload = form.cleaned_data["file"]
        attempt(
            request,
            lambda: services.add_attachment(
                actor=acting_user(request), disclosure=disclosure, name=upload.name, data=upload.read()
            ),
            _("Đã đính kèm tệp."),
        )
    return redirect("disclosures:detail", disclosure.pk)


@login_required
@require_POST
def remove_attachment(request: HttpRequest, disclosure_id: int, attachment_id: int) -> HttpResponse:
    attachment = selectors.access_attachment(
        actor=acting_user(request),
        disclosure_id=disclosure_id,
        attachment_id=attachment_id,
        perm=DisclosurePerm.MANAGE,
    )
    attempt(
        request,
        lambda: services.remove_attachment(actor=acting_user(request), attachment=attachment),
        _("Đã bỏ tệp."),
    )
    return redirect("disclosures:detail", attachment.disclosure_id)


@login_required
@require_POST
def publish(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    attempt(
        request,
        lambda: services.publish(actor=acting_user(request), disclosure=disclosure),
        _("Đã phát hành."),
    )
    return redirect("disclosures:detail", disclosure.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        refuse(request, form)
    else:
        reason = form.cleaned_data["reason"]
        attempt(
            request,
            lambda: services.withdraw(actor=acting_user(request), disclosure=disclosure, reason=reason),
            _("Đã gỡ."),
        )
    return redirect("disclosures:detail", disclosure.pk)


@login_required
@require_POST
def record_proof(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.RECORD_PROOF
    )
    form = ProofForm(request.POST, request.FILES, disclosure=disclosure)
    if not form.is_valid():
        refuse(request, form)
        return redirect("disclosures:detail", disclosure.pk)
    data = form.cleaned_data
    upload = data["file"]
    attempt(
        request,
        lambda: services.record_proof(
            actor=acting_user(request),
            disclosure=disclosure,
            channel=data["channel"],
            day=data["day"],
            place=data["place"],
            note=data["note"],
            file_name=upload.name if upload else "",
            file_data=upload.read() if upload else b"",
        ),
        _("Đã ghi minh chứng."),
    )
    return redirect("disclosures:detail", disclosure.pk)


@login_required
def proof_file(request: HttpRequest, proof_id: int) -> HttpResponse | FileResponse:
    proof = selectors.access_proof(actor=acting_user(request), proof_id=proof_id)
    if not proof.file:
        return HttpResponse(_("Minh chứng này không có tệp."), status=404)
    return file_response(proof.file, proof.file_name, proof.file_kind)


@login_required
def compliance_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Tuân thủ công khai: the checklist of a commune, or the roll-up of the communes below a node."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=DisclosurePerm.VIEW)
    today = timezone.localdate()
    year = limits.year_param(request.GET.get("nam"), today=today) or today.year
    on = min(today, today.replace(year=year, month=12, day=31))
    context: dict[str, Any] = {
        "unit": unit,
        "ancestors": unit_selectors.ancestors(unit),
        "year": year,
        "years": list(range(today.year, limits.FIRST_YEAR - 1, -1)),
        "on": on,
        "findings": compliance.Finding,
        "can_manage": policy.allowed(request.user, DisclosurePerm.MANAGE, unit),
    }
    if unit.tier == Tier.COMMUNE:
        context["checklist"] = compliance.checklist(unit, year, on)
        return render(request, "disclosures/compliance.html", context)
    context["rows"] = compliance.checklists(compliance.communes_under(unit), year, on)
    return render(request, "disclosures/compliance_rollup.html", context)


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Danh mục nội dung phải công khai, with citations and what was verified."""
    return render(
        request,
        "disclosures/catalogue.html",
        {
            "items": list(selectors.catalogue()),
            "can_edit": policy.allowed(request.user, DisclosurePerm.MANAGE_CATALOGUE, None),
        },
    )


@login_required
def edit_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.access_item(
        actor=acting_user(request), item_id=item_id, perm=DisclosurePerm.MANAGE_CATALOGUE
    )
    initial = {
        "title": item.title,
        "recurrence": item.recurrence,
        "channels": item.channels,
        "mandatory": item.mandatory,
        "broadcast": item.broadcast,
        "posting_days": item.posting_days,
        "note": item.note,
    }
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = submit(form, lambda data: services.update_item(actor=acting_user(request), item=item, **data))
        if saved is not None:
            messages.success(request, _("Đã cập nhật nội dung %(item_code)s.") % {"item_code": item.code})
            return redirect("disclosures:catalogue")
    return render(
        request,
        "disclosures/item_form.html",
        {"item": item, "form": form},
        status=400 if form.errors else 200,
    )
