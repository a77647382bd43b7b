from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field
from danchu.units.models import Agency, Tier, Unit

from .models import Frequency, Indicator


class RegimeForm(forms.Form):
    name = forms.CharField(label=_("Tên báo cáo"), max_length=300)
    frequency = forms.ChoiceField(label=_("Tần suất"), choices=Frequency.choices)
    reporter_tiers = forms.TypedMultipleChoiceField(label=_("Cấp đơn vị báo cáo"), coerce=int, choices=())
    indicators = forms.ModelMultipleChoiceField(
        label=_("Chỉ tiêu"),
        queryset=Indicator.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    required = forms.ModelMultipleChoiceField(
        label=_("Chỉ tiêu bắt buộc"), queryset=Indicator.objects.filter(active=True), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    starts_on = date_field(_("Áp dụng từ ngày"))
    ends_on = date_field(_("Đến ngày (để trống nếu không thời hạn)"), required=False)
    cutoff_day = forms.IntegerField(
        label=_("Ngày bắt đầu kỳ số liệu (15: theo Nghị định 09/2019; 1: theo tháng dương lịch)"),
        min_value=1, max_value=28, required=False,
    )  # fmt: skip
    due_working_days = forms.IntegerField(
        label=_("Hạn gửi: số ngày làm việc sau ngày chốt số liệu"), min_value=1, max_value=60, required=False
    )
    expiry_days = forms.IntegerField(
        label=_("Khóa nhập liệu sau hạn gửi (ngày)"), min_value=0, max_value=365, required=False
    )
    receiver_agency = forms.ModelChoiceField(
        label=_("Gửi qua cơ quan"), queryset=Agency.objects.none(), required=False
    )
    method = forms.CharField(label=_("Phương thức gửi, nhận"), max_length=200, required=False)
    content = forms.CharField(
        label=_("Nội dung yêu cầu báo cáo"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    outline = forms.CharField(
        label=_("Đề cương báo cáo (mỗi dòng một mục)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tiers = (
            [Tier.DISTRICT, Tier.COMMUNE, Tier.VILLAGE]
            if unit.generation == "legacy"
            else [Tier.COMMUNE, Tier.VILLAGE]
        )
        field = self.fields["reporter_tiers"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(t, str(Tier(t).label)) for t in tiers if t > unit.tier]
        agency = self.fields["receiver_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(unit=unit, closed_on__isnull=True).order_by("name")


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class ExceptionForm(forms.Form):
    until = date_field(_("Cho phép nhập đến hết ngày"))
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class AdHocPeriodForm(forms.Form):
    window_end = date_field(_("Ngày chốt số liệu"))
    due_on = date_field(_("Hạn gửi"))


class ImportForm(forms.Form):
    period = forms.CharField(label=_("Kỳ báo cáo (mã, ví dụ 2026S1)"), max_length=12)
    file = forms.FileField(label=_("Tệp số liệu (.xlsx theo mẫu, hoặc .json dataValueSets của DHIS2)"))
