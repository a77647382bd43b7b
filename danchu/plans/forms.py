from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field

from .models import ProgressMode
from .timeframes import FIRST_PLAN_YEAR, LAST_PLAN_YEAR


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp kế hoạch (.docx, .pdf, .txt, .md)"))


class PlanForm(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=50, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    issued_on = date_field(_("Ngày ban hành"), required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=100, required=False)
    progress_mode = forms.ChoiceField(
        label=_("Cách tính tiến độ chung"), choices=ProgressMode.choices, required=False
    )

    def clean_progress_mode(self) -> str:
        return self.cleaned_data["progress_mode"] or ProgressMode.PLAIN


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(";") if name.strip()]


class ItemForm(forms.Form):
    heading = forms.CharField(label=_("Tiêu đề"), max_length=500, required=False)
    timeframe_text = forms.CharField(label=_("Thời gian thực hiện"), max_length=300, required=False)
    due_on = date_field(_("Hạn hoàn thành"), required=False)
    lead = forms.CharField(label=_("Chủ trì (ngăn cách bằng ;)"), required=False)
    implementing = forms.CharField(label=_("Thực hiện"), required=False)
    coordinating = forms.CharField(label=_("Phối hợp"), required=False)

    def clean_lead(self) -> list[str]:
        return _names(self.cleaned_data["lead"])

    def clean_implementing(self) -> list[str]:
        return _names(self.cleaned_data["implementing"])

    def clean_coordinating(self) -> list[str]:
        return _names(self.cleaned_data["coordinating"])


class IssueForm(forms.Form):
    cascade_tiers = forms.TypedMultipleChoiceField(
        label=_("Đơn vị cấp dưới phải thực hiện các yêu cầu"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["cascade_tiers"].choices = choices  # type: ignore[attr-defined]


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[
            ("not_started", _("Chưa thực hiện")),
            ("in_progress", _("Đang thực hiện")),
            ("done", _("Đã hoàn thành")),
        ],
    )
    progress = forms.IntegerField(
        label=_("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Tiến độ phải từ 0 đến 100%%."),
            "max_value": _("Tiến độ phải từ 0 đến 100%%."),
        },
    )
    note = forms.CharField(
        label=_("Nội dung cập nhật"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(label=_("Tài liệu kèm theo (PDF, Word, ảnh; tối đa 10 MB)"), required=False)
