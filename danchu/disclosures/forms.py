from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field
from danchu.units.models import Unit

from .models import Channel, Disclosure, DisclosureItem, DisclosureState, Recurrence


def _item_choices() -> list[tuple[str, str]]:
    return [
        (i.code, f"{i.code} · {i.short_title}") for i in DisclosureItem.objects.order_by("scope", "order")
    ]


class DisclosureForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    items = forms.MultipleChoiceField(
        label=_("Thuộc nội dung phải công khai (Điều 11)"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    body = forms.CharField(
        label=_("Nội dung (văn bản thường hoặc HTML đơn giản: đoạn, danh sách, bảng, liên kết)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức công khai (để trống: theo danh mục)"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document_number = forms.CharField(
        label=_("Số, ký hiệu văn bản được công khai"), max_length=60, required=False
    )
    document_date = date_field(_("Ngày của văn bản, quyết định"), required=False)
    starts_on = date_field(_("Công khai từ ngày"))
    ends_on = date_field(_("Đến ngày (để trống: theo thời hạn niêm yết tối thiểu)"), required=False)
    replaces = forms.ModelChoiceField(
        label=_("Thay thế thông tin đang công khai"), queryset=Disclosure.objects.none(), required=False
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = _item_choices()  # type: ignore[attr-defined]
        self.fields["replaces"].queryset = Disclosure.objects.filter(  # type: ignore[attr-defined]
            unit=unit, state=DisclosureState.PUBLISHED
        ).order_by("-starts_on")


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp (PDF, Word .docx, ảnh .jpg/.png/.webp; tối đa 10 MB)"))


class ProofForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hình thức"), choices=())
    day = date_field(_("Ngày"))
    place = forms.CharField(
        label=_("Nơi niêm yết, phương tiện (ví dụ: bảng tin UBND, loa tổ 3)"), max_length=200
    )
    note = forms.CharField(
        label=_("Ghi chú (giờ phát, số lần…)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("Ảnh hoặc tệp minh chứng (không bắt buộc)"), required=False)

    def __init__(self, *args: Any, disclosure: Disclosure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [  # type: ignore[attr-defined]
            (c, Channel(c).label) for c in disclosure.channels if c != Channel.PORTAL
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ"), widget=forms.Textarea(attrs={"rows": 2}))


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    recurrence = forms.ChoiceField(label=_("Định kỳ"), choices=Recurrence.choices)
    channels = forms.MultipleChoiceField(
        label=_("Hình thức bắt buộc"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    mandatory = forms.BooleanField(label=_("Bắt buộc (tính trong danh sách kiểm tra)"), required=False)
    broadcast = forms.BooleanField(label=_("Phát trên hệ thống truyền thanh"), required=False)
    posting_days = forms.IntegerField(
        label=_("Số ngày niêm yết (để trống: theo sổ quy định)"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubscribeForm(forms.Form):
    email = forms.CharField(label=_("Thư điện tử"), max_length=254)
    item = forms.ChoiceField(label=_("Nhận tin về"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (i.code, f"{i.code} · {i.short_title}") for i in DisclosureItem.objects.filter(scope="commune")
        ]
        self.fields["item"].choices = [("", gettext("Mọi thông tin công khai")), *choices]  # type: ignore[attr-defined]
