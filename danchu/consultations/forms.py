"""Forms of the consultation pages: they parse what was typed; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field
from danchu.units.models import Agency, Tier, Unit

from .models import Audience, Channel, MatterKind, ResponseKind, SourceKind
from .selectors import SectionRow
from .services import MAX_OPINION

# Product choice: how many opinion lines the entry page offers at once (more with ?dong=N, up to the max).
ENTRY_ROWS = 5
MAX_ENTRY_ROWS = 50


class ConsultationForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nội dung lấy ý kiến (Điều 25)"), choices=())
    title = forms.CharField(label=_("Tên dự thảo"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt, những vấn đề cần xin ý kiến"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_on = date_field(_("Lấy ý kiến từ ngày"))
    ends_on = date_field(_("Đến hết ngày"))
    audience = forms.ChoiceField(label=_("Đối tượng lấy ý kiến"), choices=Audience.choices)
    villages = forms.ModelMultipleChoiceField(
        label=_("Thôn, tổ dân phố (khi lấy ý kiến một số thôn)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan (khi lấy ý kiến cán bộ, công chức)"), queryset=Agency.objects.none(), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến (Điều 26)"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(label=_("Tệp dự thảo (.docx, .pdf có chữ, .txt)"))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = [  # type: ignore[attr-defined]
            (m.code, f"{m.article} · {m.title[:90]}") for m in MatterKind.objects.order_by("order")
        ]
        villages, agency = self.fields["villages"], self.fields["agency"]
        assert isinstance(villages, forms.ModelMultipleChoiceField)
        assert isinstance(agency, forms.ModelChoiceField)
        villages.queryset = Unit.objects.filter(parent=unit, tier=Tier.VILLAGE).order_by("name")
        agency.queryset = Agency.objects.filter(unit=unit, closed_on__isnull=True).order_by("name")


class ReviseForm(forms.Form):
    file = forms.FileField(label=_("Tệp dự thảo đã chỉnh sửa"))
    note = forms.CharField(
        label=_("Nội dung chỉnh sửa"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OpinionForm(forms.Form):
    """Góp ý trực tuyến (phone first: one field, the section chosen by the link the citizen followed)."""

    section = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Ý kiến của bạn"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_OPINION}),
        strip=False,
    )


class RecordForm(forms.Form):
    """Nhập ý kiến từ hồ sơ: the record, then one line per opinion (blank lines are skipped)."""

    kind = forms.ChoiceField(label=_("Loại hồ sơ"), choices=SourceKind.choices)
    channel = forms.ChoiceField(label=_("Hình thức lấy ý kiến"), choices=Channel.choices)
    held_on = date_field(_("Ngày họp, ngày mở hòm thư, ngày ghi"))
    reference = forms.CharField(label=_("Số biên bản, nơi tổ chức"), max_length=200)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, sections: list[SectionRow], rows: int = ENTRY_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Toàn văn dự thảo")), *((str(s.section_id), s.label) for s in sections)]
        self.rows = list(range(1, max(1, min(rows, MAX_ENTRY_ROWS)) + 1))
        for n in self.rows:
            self.fields[f"section_{n}"] = forms.ChoiceField(
                label=_("Phần dự thảo"), choices=choices, required=False
            )
            self.fields[f"author_{n}"] = forms.CharField(
                label=_("Người, tổ chức góp ý"), max_length=200, required=False
            )
            self.fields[f"organisation_{n}"] = forms.BooleanField(label=_("Là tổ chức"), required=False)
            self.fields[f"text_{n}"] = forms.CharField(
                label=_("Nội dung ý kiến"),
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def lines(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"{name}_{n}"] for name in ("section", "author", "organisation", "text")] for n in self.rows
        ]

    def entries(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "section_id": data[f"section_{n}"] or None,
                "author_name": data[f"author_{n}"],
                "organisation": data[f"organisation_{n}"],
                "text": data[f"text_{n}"],
            }
            for n in self.rows
            if data[f"text_{n}"].strip()
        ]


class AnswerForm(forms.Form):
    opinions = forms.CharField(required=False, widget=forms.HiddenInput)
    group = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Hình thức trả lời"), choices=ResponseKind.choices)
    text = forms.CharField(
        label=_("Nội dung tiếp thu, giải trình"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    same_as = forms.IntegerField(label=_("Trùng với ý kiến số"), required=False, min_value=1)

    def opinion_ids(self) -> list[str]:
        return [v for v in self.cleaned_data["opinions"].replace(",", " ").split() if v]


class GroupForm(forms.Form):
    label = forms.CharField(label=_("Tên nhóm"), max_length=200)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Lý do ẩn"), max_length=300)


class CloseForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Kết luận của đợt lấy ý kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
