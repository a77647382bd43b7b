from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.units.models import Agency, Unit

from .models import Role


class GrantRoleForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    # Citizens get their account from their household's page, where the resident is known.
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[(r.value, r.label) for r in Role if r not in (Role.SYSTEM_ADMIN, Role.CITIZEN)],
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan (nếu có)"), queryset=Agency.objects.none(), required=False
    )
    title = forms.CharField(label=_("Chức danh"), max_length=200, required=False)
    full_name = forms.CharField(label=_("Họ và tên (khi tạo tài khoản mới)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email (khi tạo tài khoản mới)"), required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu (khi tạo tài khoản mới)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )

    def __init__(self, *args: object, unit: Unit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].queryset = unit.agencies.filter(closed_on__isnull=True)  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi"), max_length=300)


class CitizenAccountForm(forms.Form):
    resident = forms.IntegerField(widget=forms.HiddenInput)
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=False))
    email = forms.EmailField(label=_("Email (để lấy lại mật khẩu)"), required=False)
