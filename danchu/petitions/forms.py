"""Forms of the petitions pages (labels in Vietnamese, translated through the catalogue)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field
from danchu.units.models import Agency, Unit

from .models import Category, Channel, Classification, Rating, Status

OFFICER_CHANNELS = [
    (c.value, c.label) for c in Channel if c not in (Channel.PORTAL, Channel.PORTAL_GUEST, Channel.OPEN311)
]


class Form(forms.Form):
    """A petitions form whose text fields refuse a NUL character in Vietnamese (Django's own validator
    answers in English), naming the field as the house's `clean_text` does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                message = gettext("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": field.label}
                field.validators = [
                    ProhibitNullCharactersValidator(message=message)
                    if isinstance(v, ProhibitNullCharactersValidator)
                    else v
                    for v in field.validators
                ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PetitionForm(Form):
    """Gửi phản ánh: what the public form asks, phone first."""

    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), empty_label=None)
    subject = forms.CharField(label=_("Tiêu đề ngắn"), max_length=200)
    description = forms.CharField(
        label=_("Nội dung phản ánh"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    address = forms.CharField(label=_("Địa điểm (số nhà, đường, tổ dân phố)"), max_length=300, required=False)
    lat = forms.CharField(label=_("Vĩ độ"), max_length=20, required=False)
    long = forms.CharField(label=_("Kinh độ"), max_length=20, required=False)
    photos = MultipleFileField(
        label=_("Ảnh (tối đa 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    full_name = forms.CharField(label=_("Họ và tên (không công khai)"), max_length=200, required=False)
    phone = forms.CharField(label=_("Điện thoại (không công khai)"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử (không công khai)"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(unit=unit, active=True)  # type: ignore[attr-defined]


class LetterForm(Form):
    """Vào sổ đơn nhận trực tiếp, qua hòm thư, bưu chính, đường dây nóng."""

    channel = forms.ChoiceField(label=_("Hình thức tiếp nhận"), choices=OFFICER_CHANNELS)
    classification = forms.ChoiceField(label=_("Phân loại"), choices=Classification.choices)
    subject = forms.CharField(label=_("Trích yếu"), max_length=200)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    received_on = date_field(_("Ngày nhận"))
    signers = forms.IntegerField(label=_("Số người ký"), min_value=1, max_value=100_000, initial=1)
    full_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=200, required=False)
    address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)


class ClassifyForm(Form):
    classification = forms.ChoiceField(
        label=_("Phân loại"),
        choices=[c for c in Classification.choices if c[0] != Classification.UNCLASSIFIED],
    )


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Lý do, hướng dẫn"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class TransferForm(ReasonForm):
    to_unit = forms.ModelChoiceField(label=_("Chuyển đến đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            pk__in=[
                unit.parent_id or 0,
                *Unit.objects.filter(parent_id=unit.parent_id)
                .exclude(pk=unit.pk)
                .values_list("pk", flat=True)[:200],
            ]
        )


class RouteForm(Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan xử lý"), queryset=Agency.objects.none())
    note = forms.CharField(label=_("Ghi chú công khai"), max_length=2000, required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(unit=unit, closed_on__isnull=True)  # type: ignore[attr-defined]


class NoteForm(Form):
    note = forms.CharField(
        label=_("Cập nhật công khai"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ResolveForm(Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    evidence = MultipleFileField(label=_("Minh chứng (ảnh, PDF, Word)"), required=False)


class CloseForm(Form):
    status = forms.ChoiceField(
        label=_("Đóng phản ánh vì"),
        choices=[(s.value, s.label) for s in (Status.NOT_OURS, Status.DUPLICATE)],
    )
    answer = forms.CharField(
        label=_("Trả lời, hướng dẫn"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    duplicate_of = forms.IntegerField(label=_("Số phản ánh trùng"), required=False, min_value=1)


class RateForm(Form):
    rating = forms.ChoiceField(label=_("Đánh giá"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Ý kiến thêm"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class CategoryForm(Form):
    code = forms.CharField(label=_("Mã"), max_length=40)
    name = forms.CharField(label=_("Tên lĩnh vực"), max_length=120)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan phụ trách"), queryset=Agency.objects.none(), required=False
    )
    resolve_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"), min_value=1, max_value=60, required=False
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(unit=unit, closed_on__isnull=True)  # type: ignore[attr-defined]
