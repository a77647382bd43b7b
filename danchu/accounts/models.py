"""Users and the roles they hold at units (vai trò tại đơn vị)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Agency, Resident, Unit


class User(AbstractUser):
    """Người dùng: an official, a citizen or an oversight member; what they may do comes from roles."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị (Chủ tịch, Phó Chủ tịch)")
    FOCAL_OFFICER = "focal_officer", _("Cán bộ đầu mối")
    AGENCY_OFFICER = "agency_officer", _("Cán bộ cơ quan, bộ phận")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, tổ trưởng tổ dân phố")
    OVERSIGHT_MEMBER = "oversight_member", _("Thành viên Ban Thanh tra nhân dân / Ban Giám sát đầu tư")
    FRONT_OFFICER = "front_officer", _("Cán bộ Mặt trận Tổ quốc")
    CITIZEN = "citizen", _("Người dân")


class RoleAssignment(TimeStampedModel):
    """Vai trò: `user` acts as `role` for `unit` (and its whole subtree), possibly through an agency."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("nhân khẩu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    title = models.CharField(_("chức danh"), max_length=200, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "agency"],
                condition=models.Q(revoked_at__isnull=True),
                name="role_unique_active",
            ),
        ]
        indexes = [models.Index(fields=["user", "revoked_at"], name="role_user_active_idx")]

    def __str__(self) -> str:
        where = (
            self.agency.name
            if self.agency_id and self.agency
            else (self.unit.name if self.unit else "toàn quốc")
        )
        return f"{self.get_role_display()} – {where}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Notification(models.Model):
    """Thông báo: one message to one user; `key` names the event so it is never sent twice."""

    # No index of its own: the unique (user, key) and the unread index both begin with the user, and the
    # daily scans insert thousands of rows, each paying for every index.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    key = models.CharField(max_length=120)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_event")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title
