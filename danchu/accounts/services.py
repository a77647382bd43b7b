"""Accounts and roles: creating users, granting and revoking roles within one's subtree."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit, policy
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text
from danchu.units.models import Agency, Resident, Tier, Unit
from danchu.units.selectors import access_unit

from .models import Role, RoleAssignment, User
from .permissions import forget_assignments
from .selectors import access_role

USER_FIELDS = ("username", "full_name", "email", "phone", "is_active")
ROLE_FIELDS = ("user", "role", "unit", "agency", "resident", "title", "revoked_at", "revoked_reason")

# Where each role may be held: tiers of the unit (None: no unit, the whole country).
ROLE_TIERS: dict[str, set[int | None]] = {
    Role.SYSTEM_ADMIN: {None},
    Role.UNIT_LEADER: {Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE},
    Role.FOCAL_OFFICER: {Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE},
    Role.AGENCY_OFFICER: {Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE},
    Role.VILLAGE_HEAD: {Tier.VILLAGE},
    Role.OVERSIGHT_MEMBER: {Tier.COMMUNE, Tier.VILLAGE},
    Role.FRONT_OFFICER: {Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE, Tier.VILLAGE},
    Role.CITIZEN: {Tier.VILLAGE},
}


@transaction.atomic
def create_user(
    *,
    actor: User,
    unit: Unit | None,
    username: str,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
) -> User:
    """Tạo tài khoản: an official of `unit` creates an account for someone who will hold a role there."""
    if unit is None:
        policy.require(actor, CorePerm.MANAGE_ROLES, None)  # nationwide: system administrators only
    else:
        unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_ROLES)
    username = clean_text(username, field=gettext_noop("Tên đăng nhập"), max_length=150)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Tên đăng nhập “%(username)s” đã có người dùng.") % {"username": username}, field="username"
        )
    user = User(
        username=username,
        full_name=clean_text(full_name, field=gettext_noop("Họ và tên"), max_length=200),
        email=clean_text(email, field="email", label=gettext_noop("Email"), max_length=254, required=False),
        phone=clean_text(phone, field=gettext_noop("Điện thoại"), max_length=20, required=False),
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    try:
        with transaction.atomic():  # a savepoint: the same name taken at the same moment is a clear refusal
            user.save()
    except IntegrityError as exc:
        raise DomainError(
            _("Tên đăng nhập “%(username)s” đã có người dùng.") % {"username": username}, field="username"
        ) from exc
    audit.record(
        actor=actor,
        action="accounts.user.create",
        obj=user,
        after=audit.snapshot(user, USER_FIELDS),
        scope_unit_id=unit.pk if unit else None,
    )
    return user


@transaction.atomic
def grant_role(
    *,
    actor: User,
    user: User,
    role: str,
    unit: Unit | None,
    agency: Agency | None = None,
    resident: Resident | None = None,
    title: str = "",
) -> RoleAssignment:
    """Giao vai trò: only within the granter's own subtree, and each role at a fitting kind of unit."""
    if role == Role.SYSTEM_ADMIN or unit is None:
        # A nationwide role (or one without a unit) needs a system administrator.
        policy.require(actor, CorePerm.MANAGE_ROLES, None)
    else:
        unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_ROLES)
    if role not in Role.values:
        raise DomainError(_("Vai trò không hợp lệ."), field="role")
    if role == Role.SYSTEM_ADMIN:
        unit = None
    elif unit is None:
        raise DomainError(_("Cần chọn đơn vị cho vai trò."), field="unit")
    if (unit.tier if unit else None) not in ROLE_TIERS[role]:
        raise DomainError(
            _("Vai trò “%(label)s” không đặt được tại %(value)s.")
            % {"label": Role(role).label, "value": unit.name if unit else _("toàn quốc")},
            field="role",
        )
    if agency is not None and (unit is None or agency.unit_id != unit.pk):
        raise DomainError(_("Cơ quan phải thuộc đơn vị được giao vai trò."), field="agency")
    if role == Role.CITIZEN:
        if resident is None or unit is None or resident.household.village_id != unit.pk:
            raise DomainError(
                _("Tài khoản người dân phải gắn với một nhân khẩu của thôn, tổ dân phố này."),
                field="resident",
            )
    elif resident is not None:
        raise DomainError(_("Chỉ vai trò người dân gắn với nhân khẩu."), field="resident")
    holding = RoleAssignment.objects.filter(
        user=user, role=role, unit=unit, agency=agency, revoked_at__isnull=True
    )
    if holding.exists():
        raise DomainError(_("%(user)s đã có vai trò này tại đơn vị này.") % {"user": user})
    assignment = RoleAssignment(
        user=user,
        role=role,
        unit=unit,
        agency=agency,
        resident=resident,
        title=clean_text(title, field=gettext_noop("Chức danh"), max_length=200, required=False),
        granted_by=actor if actor.is_authenticated else None,
    )
    try:
        with transaction.atomic():  # a savepoint: the same role granted at the same moment is a clear refusal
            assignment.save()
    except IntegrityError as exc:
        raise DomainError(_("%(user)s đã có vai trò này tại đơn vị này.") % {"user": user}) from exc
    forget_assignments(user)
    audit.record(
        actor=actor,
        action="accounts.role.grant",
        obj=assignment,
        after=audit.snapshot(assignment, ROLE_FIELDS),
        scope_unit_id=unit.pk if unit else None,
    )
    return assignment


@transaction.atomic
def revoke_role(*, actor: User, assignment: RoleAssignment, reason: str) -> RoleAssignment:
    """Thu hồi vai trò: the row stays, with when and why. Nobody revokes their own role (they would
    lose, by their own hand, the authority another manager should judge): another manager does it."""
    assignment = access_role(actor=actor, role_id=assignment.pk, perm=CorePerm.MANAGE_ROLES, for_write=True)
    if assignment.user_id == actor.pk:
        raise DomainError(
            _("Không thể tự thu hồi vai trò của chính mình; hãy đề nghị một người quản lý khác thực hiện.")
        )
    if assignment.revoked_at is not None:
        raise DomainError(_("Vai trò này đã được thu hồi."))
    reason = clean_text(reason, field=gettext_noop("Lý do"), max_length=300)
    with audit.audited(
        actor=actor,
        action="accounts.role.revoke",
        obj=assignment,
        fields=ROLE_FIELDS,
        scope_unit_id=assignment.unit_id,
    ):
        assignment.revoked_at, assignment.revoked_reason = timezone.now(), reason
        assignment.save(update_fields=["revoked_at", "revoked_reason"])
    forget_assignments(assignment.user)
    return assignment


@transaction.atomic
def bootstrap_system_admin(*, username: str, password: str, full_name: str = "") -> User:
    """The first administrator of an installation: nobody can grant it, so the system records it."""
    if RoleAssignment.objects.filter(role=Role.SYSTEM_ADMIN, revoked_at__isnull=True).exists():
        raise DomainError(_("Hệ thống đã có quản trị viên; hãy để quản trị viên giao thêm vai trò."))
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        user = User(username=username, full_name=full_name)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from exc
        user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
        audit.record(
            actor=None, action="accounts.user.create", obj=user, after=audit.snapshot(user, USER_FIELDS)
        )
    assignment = RoleAssignment.objects.create(user=user, role=Role.SYSTEM_ADMIN, title="Quản trị hệ thống")
    audit.record(
        actor=None,
        action="accounts.role.grant",
        obj=assignment,
        after=audit.snapshot(assignment, ROLE_FIELDS),
    )
    return user
