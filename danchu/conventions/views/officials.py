"""Pages of the village head (draft, post, opinions, adoption, filing) and of the commune (receive,
recognise or refuse, review, suspend or abolish). Thin: the services hold every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy, rulebook
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier

from .. import articles as text_of
from .. import selectors, services, stats
from ..forms import (
    AmendForm,
    BallotForm,
    ConventionForm,
    DraftForm,
    ForceForm,
    MeetingForm,
    PaperOpinionForm,
    PostForm,
    ReasonForm,
    RecogniseForm,
    ReviewForm,
    VoteForm,
)
from ..models import AdoptionForm, Convention, ConventionVersion, VersionState
from ..permissions import ConventionPerm
from ..services.adoption import more_than


def _today_initial() -> dict[str, str]:
    return {"on": timezone.localdate().strftime("%d/%m/%Y")}


@login_required
def unit_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Hương ước, quy ước of a village, or of every village of a commune, with what is overdue."""
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=ConventionPerm.VIEW)
    today = timezone.localdate()
    due = stats.review_date(today.year, unit)
    page = paginate(request, selectors.of_unit(actor, unit))
    rows = [
        {
            "convention": c,
            "open": c.open_versions[0] if c.open_versions else None,
            "review_overdue": stats.review_overdue(c, today, due),
        }
        for c in page
    ]
    return render(
        request,
        "conventions/unit_list.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": page,
            "rows": rows,
            "today": today,
            "review_due": due,
            "can_draft": unit.tier == Tier.VILLAGE and policy.allowed(actor, ConventionPerm.DRAFT, unit),
        },
    )


@login_required
def create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Soạn dự thảo hương ước, quy ước."""
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=ConventionPerm.DRAFT)
    form = ConventionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Convention:
            upload = data["file"]
            text = services.text_of_document(upload.name, upload.read()) if upload else data["text"]
            return services.create_convention(
                actor=actor, unit=unit, kind=data["kind"], title=data["title"], text=text
            )

        convention = submit(form, save)
        if convention is not None:
            messages.success(request, _("Đã lưu dự thảo. Kiểm tra từng điều rồi niêm yết để lấy ý kiến."))
            return redirect("conventions:version", convention.versions.get().pk)
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form}
    return render(request, "conventions/form.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, convention_id: int) -> HttpResponse:
    actor = acting_user(request)
    convention = selectors.access_convention(
        actor=actor, convention_id=convention_id, perm=ConventionPerm.VIEW
    )
    return render(
        request,
        "conventions/detail.html",
        {
            "convention": convention,
            "unit": convention.unit,
            "ancestors": unit_selectors.ancestors(convention.unit),
            "versions": selectors.versions_of(convention),
            "events": selectors.events_of(convention),
            "articles": selectors.articles_of(convention.current) if convention.current else [],
            "can_draft": policy.allowed(actor, ConventionPerm.DRAFT, convention),
            "can_review": policy.allowed(actor, ConventionPerm.REVIEW, convention),
            "can_recognise": policy.allowed(actor, ConventionPerm.RECOGNISE, convention),
            "amend_form": AmendForm(),
            "review_form": ReviewForm(initial={"on": _today_initial()["on"]}),
            "force_form": ForceForm(initial=_today_initial()),
            "review_due": stats.review_date(timezone.localdate().year, convention.unit),
        },
    )


def _paper_form(version: ConventionVersion, data: Any = None) -> PaperOpinionForm:
    form = PaperOpinionForm(data, initial={"given_on": timezone.localdate().strftime("%d/%m/%Y")})
    households = selectors.households_on(version.convention.unit, timezone.localdate()).order_by("number")
    choices = [(h.pk, f"{h.number} – {h.address}") for h in households.only("pk", "number", "address")]
    form.fields["household"].choices = choices  # type: ignore[attr-defined]
    return form


@login_required
def version(request: HttpRequest, version_id: int) -> HttpResponse:
    """Một bản hương ước: its articles, opinions, and the step it is at, with the forms of the next step."""
    actor = acting_user(request)
    v = selectors.access_version(actor=actor, version_id=version_id, perm=ConventionPerm.VIEW)
    today = timezone.localdate()
    can_draft = policy.allowed(actor, ConventionPerm.DRAFT, v)
    total = selectors.households_on(v.convention.unit, today).count()
    return render(
        request,
        "conventions/version.html",
        {
            "version": v,
            "convention": v.convention,
            "unit": v.convention.unit,
            "ancestors": unit_selectors.ancestors(v.convention.unit),
            "articles": selectors.articles_of(v),
            "opinions": selectors.opinions_of(v),
            "households_now": total,
            "needed": more_than(rulebook.share("convention.pass_share", unit=v.convention.unit), total),
            "quorum": more_than(
                rulebook.share("convention.meeting_quorum_share", unit=v.convention.unit), total
            ),
            "overdue": v.overdue(today),
            "today": today,
            "can_draft": can_draft,
            "can_recognise": policy.allowed(actor, ConventionPerm.RECOGNISE, v),
            "post_form": PostForm(initial={"posted_on": today.strftime("%d/%m/%Y")}),
            "paper_form": _paper_form(v) if can_draft and v.state == VersionState.POSTED else None,
            "meeting_form": MeetingForm(initial=_today_initial()),
            "ballot_form": BallotForm(initial=_today_initial()),
            "file_form": forms.Form(),
            "recognise_form": RecogniseForm(initial=_today_initial()),
            "refuse_form": ReasonForm(initial=_today_initial()),
            "ballot": AdoptionForm.BALLOT,
            "vote_form": VoteForm(initial={"meeting_place": v.posted_place}),
            "decision": services.decision_of(v),
        },
    )


@login_required
def edit(request: HttpRequest, version_id: int) -> HttpResponse:
    actor = acting_user(request)
    v = selectors.access_version(actor=actor, version_id=version_id, perm=ConventionPerm.DRAFT)
    initial = {"summary": v.summary, "text": text_of.as_text(list(v.articles.exclude(change="repealed")))}
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> ConventionVersion:
            return services.update_draft(actor=actor, version=v, text=data["text"], summary=data["summary"])

        if submit(form, save) is not None:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("conventions:version", v.pk)
    context = {
        "unit": v.convention.unit,
        "ancestors": unit_selectors.ancestors(v.convention.unit),
        "form": form,
        "version": v,
    }
    return render(request, "conventions/form.html", context, status=400 if form.errors else 200)


def _act(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    success: str,
    about: str,
) -> object | None:
    """Run a step from a posted form: a refused rule is a message on the page, nothing saved."""
    if not form.is_valid():
        refuse(request, form, about=about)
        return None
    try:
        result = call(form.cleaned_data)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, _("%(about)s: %(message)s") % {"about": about, "message": exc.message})
        return None
    messages.success(request, success)
    return result


def _version_step(
    perm: Any, form_class: type[forms.Form], call: Callable[..., object], success: Any, about: Any
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, version_id: int) -> HttpResponse:
        actor = acting_user(request)
        v = selectors.access_version(actor=actor, version_id=version_id, perm=perm)
        form = _paper_form(v, request.POST) if form_class is PaperOpinionForm else form_class(request.POST)
        _act(request, form, lambda data: call(actor, v, data), str(success), str(about))
        return redirect("conventions:version", v.pk)

    return view


def _meeting(actor: Any, v: ConventionVersion, data: dict[str, Any]) -> object:
    # A meeting short of its quorum is recorded too: the version page then offers the household ballot.
    return services.record_meeting(
        actor=actor, version=v, on=data["on"], present=data["present"], approving=data["approving"]
    )


def _organise(actor: Any, v: ConventionVersion, data: dict[str, Any]) -> object:
    at = dt.datetime.combine(data["meeting_day"], data["meeting_time"] or dt.time(19, 30))
    return services.organise_vote(
        actor=actor, version=v, meeting_at=timezone.make_aware(at), meeting_place=data["meeting_place"]
    )


vote = _version_step(
    ConventionPerm.DRAFT,
    VoteForm,
    _organise,
    gettext_lazy("Đã tạo cuộc biểu quyết; tổ chức cuộc họp ở mục Dân bàn, dân quyết."),
    gettext_lazy("Tổ chức biểu quyết"),
)
adopt_decision = _version_step(
    ConventionPerm.DRAFT,
    forms.Form,
    lambda a, v, d: services.adopt_from_decision(actor=a, version=v),
    gettext_lazy("Đã ghi nhận kết quả biểu quyết."),
    gettext_lazy("Kết quả biểu quyết"),
)
post = _version_step(
    ConventionPerm.DRAFT,
    PostForm,
    lambda a, v, d: services.post_draft(
        actor=a, version=v, posted_on=d["posted_on"], place=d["place"], opinions_until=d["opinions_until"]
    ),
    gettext_lazy("Đã niêm yết dự thảo để lấy ý kiến."),
    gettext_lazy("Niêm yết"),
)
paper_opinion = _version_step(
    ConventionPerm.DRAFT,
    PaperOpinionForm,
    lambda a, v, d: services.record_paper_opinion(
        actor=a,
        version=v,
        household_id=d["household"],
        text=d["text"],
        article_number=d["article_number"],
        given_on=d["given_on"],
    ),
    gettext_lazy("Đã ghi nhận ý kiến của hộ."),
    gettext_lazy("Ghi nhận ý kiến"),
)
meeting = _version_step(
    ConventionPerm.DRAFT,
    MeetingForm,
    _meeting,
    gettext_lazy("Đã ghi nhận kết quả cuộc họp."),
    gettext_lazy("Kết quả họp"),
)
ballot = _version_step(
    ConventionPerm.DRAFT,
    BallotForm,
    lambda a, v, d: services.record_ballot(
        actor=a, version=v, on=d["on"], returned=d["returned"], approving=d["approving"]
    ),
    gettext_lazy("Đã ghi nhận kết quả lấy ý kiến bằng phiếu."),
    gettext_lazy("Kết quả lấy phiếu"),
)
file = _version_step(
    ConventionPerm.DRAFT,
    forms.Form,
    lambda a, v, d: services.file_with_commune(actor=a, version=v),
    gettext_lazy("Đã gửi hồ sơ đề nghị công nhận lên UBND cấp xã."),
    gettext_lazy("Gửi hồ sơ"),
)
recognise = _version_step(
    ConventionPerm.RECOGNISE,
    RecogniseForm,
    lambda a, v, d: services.recognise(actor=a, version=v, on=d["on"], decision_number=d["decision_number"]),
    gettext_lazy("Đã công nhận; hương ước có hiệu lực từ ngày quyết định."),
    gettext_lazy("Công nhận"),
)
refuse_version = _version_step(
    ConventionPerm.RECOGNISE,
    ReasonForm,
    lambda a, v, d: services.refuse(actor=a, version=v, reason=d["reason"], on=d["on"]),
    gettext_lazy("Đã ghi nhận không công nhận, kèm lý do."),
    gettext_lazy("Không công nhận"),
)


def _convention_step(
    perm: Any, form_class: type[forms.Form], call: Callable[..., object], success: Any, about: Any
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, convention_id: int) -> HttpResponse:
        actor = acting_user(request)
        c = selectors.access_convention(actor=actor, convention_id=convention_id, perm=perm)
        result = _act(
            request, form_class(request.POST), lambda data: call(actor, c, data), str(success), str(about)
        )
        if isinstance(result, ConventionVersion):
            return redirect("conventions:edit", result.pk)
        return redirect("conventions:detail", c.pk)

    return view


amend = _convention_step(
    ConventionPerm.DRAFT,
    AmendForm,
    lambda a, c, d: services.start_amendment(actor=a, convention=c, summary=d["summary"]),
    gettext_lazy("Đã tạo dự thảo sửa đổi, bổ sung từ bản hiện hành."),
    gettext_lazy("Sửa đổi, bổ sung"),
)
review = _convention_step(
    ConventionPerm.REVIEW,
    ReviewForm,
    lambda a, c, d: services.record_review(actor=a, convention=c, on=d["on"], notes=d["notes"]),
    gettext_lazy("Đã ghi nhận kết quả rà soát."),
    gettext_lazy("Rà soát"),
)
force = _convention_step(
    ConventionPerm.RECOGNISE,
    ForceForm,
    lambda a, c, d: services.change_force(
        actor=a,
        convention=c,
        kind=d["kind"],
        reason=d["reason"],
        articles=d["articles"],
        on=d["on"],
        document_number=d["document_number"],
    ),
    gettext_lazy("Đã ghi nhận quyết định."),
    gettext_lazy("Hiệu lực"),
)
