"""Forms of the conventions pages; every rule is the services', these only read what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from danchu.core.forms import date_field

from .articles import MAX_TEXT
from .models import EventKind, Kind


class TextField(forms.CharField):
    """A text box whose NUL and other unstorable characters are refused by the service's `clean_text`,
    in Vietnamese (Django's own validator says it in English only)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


TEXT_HELP = _(
    "Mỗi điều bắt đầu bằng “Điều <số>. <tên điều>”; có thể chia chương bằng dòng “Chương I. <tên chương>”."
)


class ConventionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tên gọi"), choices=Kind.choices)
    title = TextField(label=_("Tên hương ước, quy ước"), max_length=300)
    text = TextField(
        label=_("Nội dung dự thảo"),
        help_text=TEXT_HELP,
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    file = forms.FileField(label=_("Hoặc tải lên tệp dự thảo (.docx, .pdf, .txt)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Hãy dán nội dung dự thảo hoặc tải lên tệp dự thảo."))
        return data


class DraftForm(forms.Form):
    summary = TextField(
        label=_("Nội dung sửa đổi, bổ sung (tóm tắt)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    text = TextField(
        label=_("Nội dung dự thảo"),
        help_text=TEXT_HELP,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 18}),
    )


class AmendForm(forms.Form):
    summary = TextField(
        label=_("Lý do, nội dung cần sửa đổi, bổ sung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PostForm(forms.Form):
    posted_on = date_field(_("Ngày niêm yết"))
    place = TextField(label=_("Nơi niêm yết (nhà văn hóa, bảng tin…)"), max_length=200)
    opinions_until = date_field(_("Lấy ý kiến đến hết ngày (để trống: thời hạn tối thiểu)"), required=False)


class OpinionForm(forms.Form):
    article_number = forms.IntegerField(
        label=_("Về điều số (để trống: ý kiến chung)"), min_value=1, max_value=9999, required=False
    )
    text = TextField(label=_("Ý kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class PaperOpinionForm(OpinionForm):
    household = forms.TypedChoiceField(label=_("Hộ gia đình"), coerce=int, choices=())
    given_on = date_field(_("Ngày góp ý"))


class MeetingForm(forms.Form):
    on = date_field(_("Ngày họp"))
    present = forms.IntegerField(label=_("Số hộ có đại diện dự họp"), min_value=0, max_value=1_000_000)
    approving = forms.IntegerField(label=_("Số hộ tán thành"), min_value=0, max_value=1_000_000)


class BallotForm(forms.Form):
    on = date_field(_("Ngày kết thúc lấy phiếu"))
    returned = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0, max_value=1_000_000)
    approving = forms.IntegerField(label=_("Số phiếu tán thành"), min_value=0, max_value=1_000_000)


class DateForm(forms.Form):
    on = date_field(_("Ngày"))


class RecogniseForm(forms.Form):
    on = date_field(_("Ngày quyết định công nhận"))
    decision_number = TextField(label=_("Số quyết định"), max_length=60)


class ReasonForm(forms.Form):
    on = date_field(_("Ngày"))
    reason = TextField(label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    on = date_field(_("Ngày rà soát"))
    notes = TextField(label=_("Kết quả rà soát"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ForceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            (k, EventKind(k).label) for k in (EventKind.SUSPENDED, EventKind.ABOLISHED, EventKind.RESUMED)
        ],
    )
    articles = TextField(label=_("Các điều (để trống: toàn bộ; ví dụ: 3, 5)"), max_length=200, required=False)
    on = date_field(_("Ngày quyết định"))
    document_number = TextField(label=_("Số văn bản"), max_length=60, required=False)
    reason = TextField(label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_articles(self) -> list[int]:
        raw = self.cleaned_data["articles"].replace(";", ",")
        numbers: list[int] = []
        for part in (p.strip() for p in raw.split(",")):
            if not part:
                continue
            if not part.isdigit() or not 0 < int(part) < 10000:
                raise forms.ValidationError(_("Ghi số điều, cách nhau bằng dấu phẩy (ví dụ: 3, 5)."))
            numbers.append(int(part))
        return numbers


class VoteForm(forms.Form):
    meeting_day = date_field(_("Ngày họp thông qua"))
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False)
    meeting_place = TextField(label=_("Địa điểm họp"), max_length=300)
