"""Login, password reset, the official's workspace and the citizen's own household."""

from __future__ import annotations

from contextlib import suppress
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.core import policy, registry
from danchu.core.errors import DomainError
from danchu.core.forms import refuse, submit
from danchu.core.paging import paginate
from danchu.core.policy import CorePerm
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier, Unit

from . import selectors, services
from .actors import acting_user
from .forms import CitizenAccountForm, GrantRoleForm, RevokeForm
from .models import Notification, Role, RoleAssignment, User
from .notifications import mark_read
from .workspace import current_workspace, switch_role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:workspace")


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Bàn làm việc: where an official starts, for the unit of the role they are acting in."""
    ws = current_workspace(request)
    if not ws.is_official:
        return (
            redirect("accounts:my_household") if ws.is_citizen else render(request, "accounts/no_role.html")
        )
    unit = ws.current.unit if ws.current else None
    context: dict[str, object] = {"unit": unit}
    if unit is not None:
        context["ancestors"] = unit_selectors.ancestors(unit)
        context["child_count"] = unit_selectors.children(unit).count()
        context["agency_count"] = unit_selectors.agencies_of(unit).count()
        if unit.tier >= Tier.COMMUNE:
            context["household_count"] = unit_selectors.active_household_count(unit)
    return render(request, "accounts/workspace.html", context)


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    with suppress(ValueError):
        switch_role(request, int(request.POST.get("role", "")))
    return redirect("accounts:workspace")


@login_required
def my_household(request: HttpRequest) -> HttpResponse:
    """Hộ của tôi: a citizen sees their own household and who represents it."""
    household_ids = selectors.citizen_household_ids(request.user)
    households = [
        unit_selectors.access_household(actor=request.user, household_id=hid, perm=CorePerm.VIEW_HOUSEHOLDS)
        for hid in household_ids
    ]
    return render(
        request,
        "accounts/my_household.html",
        {
            "households": [
                (h, list(unit_selectors.members_of(h)), _citizen_links(h.village.parent_id))
                for h in households
            ],
        },
    )


def _citizen_links(commune_id: int | None) -> list[tuple[str, str]]:
    """What the domain apps offer a household (their registry's `citizen_links`), for its commune."""
    return [
        (str(link.title), reverse(link.url_name, args=[commune_id] if link.per_commune else []))
        for link in registry.citizen_links()
        if commune_id is not None or not link.per_commune
    ]


@login_required
def roles(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Vai trò tại đơn vị: who acts for this unit; grant a role to an existing or a new account."""
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_ROLES)
    form = GrantRoleForm(request.POST or None, unit=unit)
    if request.method == "POST":
        granted = submit(form, lambda d: _grant(request, unit, d))
        if granted is not None:
            messages.success(
                request,
                _("Đã giao vai trò “%(get_role_display)s” cho %(granted_user)s.")
                % {"get_role_display": granted.get_role_display(), "granted_user": granted.user},
            )
            return redirect("accounts:roles", unit.pk)
    return render(
        request,
        "accounts/roles.html",
        {
            "unit": unit,
            "tab": "roles",
            "ancestors": unit_selectors.ancestors(unit),
            "can_roles": True,
            "can_audit": policy.allowed(request.user, CorePerm.VIEW_AUDIT, unit),
            "assignments": list(selectors.roles_at(unit, include_revoked=True)),
            "form": form,
            "revoke_form": RevokeForm(),
        },
        status=400 if form.errors else 200,
    )


def _grant(request: HttpRequest, unit: Unit, data: dict[str, Any]) -> RoleAssignment:
    """Grant to an existing username, or create the account first when a password is given."""
    user = selectors.find_user(data["username"])
    if user is None:
        if not data["password"]:
            raise DomainError(
                _("Chưa có tài khoản “%(value)s”. Nhập họ tên và mật khẩu ban đầu để tạo mới.")
                % {"value": data["username"]},
                field="username",
            )
        user = services.create_user(
            actor=acting_user(request),
            unit=unit,
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            password=data["password"],
        )
    return services.grant_role(
        actor=acting_user(request),
        user=user,
        role=data["role"],
        unit=unit,
        agency=data["agency"],
        title=data["title"],
    )


@login_required
@require_POST
def revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    assignment = selectors.access_role(actor=request.user, role_id=role_id, perm=CorePerm.MANAGE_ROLES)
    form = RevokeForm(request.POST)
    if (
        submit(form, lambda d: services.revoke_role(actor=acting_user(request), assignment=assignment, **d))
        is not None
    ):
        messages.success(
            request, _("Đã thu hồi vai trò của %(assignment_user)s.") % {"assignment_user": assignment.user}
        )
    else:
        refuse(request, form)
    return (
        redirect("accounts:roles", assignment.unit_id)
        if assignment.unit_id
        else redirect("accounts:workspace")
    )


@login_required
@require_POST
def citizen_account(request: HttpRequest, household_id: int) -> HttpResponse:
    """Cấp tài khoản người dân: an account for a member of the household, seeing that household."""
    household = unit_selectors.access_household(
        actor=request.user, household_id=household_id, perm=CorePerm.MANAGE_HOUSEHOLDS
    )
    form = CitizenAccountForm(request.POST)

    def create(data: dict[str, Any]) -> RoleAssignment:
        resident = unit_selectors.access_resident(
            actor=request.user, resident_id=data["resident"], perm=CorePerm.VIEW_HOUSEHOLDS
        )
        if resident.household_id != household.pk:
            raise DomainError(_("Nhân khẩu không thuộc hộ này."))
        user = services.create_user(
            actor=acting_user(request),
            unit=household.village,
            username=data["username"],
            full_name=resident.full_name,
            email=data["email"],
            password=data["password"],
        )
        return services.grant_role(
            actor=acting_user(request),
            user=user,
            role=Role.CITIZEN,
            unit=household.village,
            resident=resident,
        )

    granted = submit(form, create)
    if granted is not None:
        messages.success(
            request,
            _("Đã cấp tài khoản “%(get_username)s” cho %(granted_resident)s.")
            % {"get_username": granted.user.get_username(), "granted_resident": granted.resident},
        )
    else:
        refuse(request, form)
    return redirect("units:household", household.pk)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """Thông báo: the user's reminders, newest first; opening the page marks them read."""
    user = cast(User, request.user)
    page = paginate(request, Notification.objects.filter(user=user))
    kinds = registry.notification_kinds()  # "task:42:overdue" → what the app calls a "task"
    for notification in page:
        notification.kind_label = kinds.get(notification.key.partition(":")[0], "")
    response = render(request, "accounts/notifications.html", {"page": page})
    mark_read(user=user, ids=[n.pk for n in page])
    return response
