from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.bounds import EARLIEST_DATE, LATEST_DATE
from danchu.core.forms import validate_date_range
from danchu.core.models import Rule

from .models import VILLAGE_KINDS, AgencyKind, Gender, UnitKind

DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm (ví dụ 01/07/2025).")}


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Tên thôn, tổ dân phố"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=[(k, UnitKind(k).label) for k in VILLAGE_KINDS])
    code = forms.CharField(label=_("Mã (nếu có)"), max_length=20, required=False)


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=200)
    code = forms.CharField(label=_("Mã"), max_length=20, required=False)


class MoveForm(forms.Form):
    target_code = forms.CharField(label=_("Mã xã, phường nhận"), max_length=20)


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Tên cơ quan, đơn vị"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=AgencyKind.choices)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=50, required=False)


class HouseholdForm(forms.Form):
    number = forms.CharField(label=_("Số hộ"), max_length=30)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)


class ResidentForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_year = forms.IntegerField(
        label=_("Năm sinh"), required=False, min_value=EARLIEST_DATE.year, max_value=LATEST_DATE.year
    )
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices, required=False)
    relation_to_head = forms.CharField(label=_("Quan hệ với chủ hộ"), max_length=50, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    is_representative = forms.BooleanField(label=_("Là người đại diện hộ"), required=False)


class RuleOverrideForm(forms.Form):
    key = forms.ChoiceField(label=_("Quy định"))
    value = forms.DecimalField(label=_("Giá trị mới"), max_digits=12, decimal_places=4, min_value=Decimal(0))
    citation = forms.CharField(label=_("Căn cứ (văn bản của tỉnh)"), max_length=300)
    effective_from = forms.DateField(
        label=_("Hiệu lực từ"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages=DATE_ERRORS,
        validators=[validate_date_range],
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        keys = (
            Rule.objects.filter(scope_unit__isnull=True)
            .order_by("key")
            .values_list("key", "title")
            .distinct()
        )
        self.fields["key"].choices = [(k, f"{t} ({k})") for k, t in keys]  # type: ignore[attr-defined]
