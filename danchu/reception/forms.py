"""Forms of the reception pages (labels in Vietnamese, translated)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danchu.core.forms import DATE_ERRORS, DATE_FORMATS, validate_date_range
from danchu.units.models import Agency, Tier, Unit

from .models import WEEKDAYS, Audience, Outcome, QuestionChannel, VisitKind

TIME_ERRORS = {"invalid": _("Giờ không hợp lệ; nhập theo dạng giờ:phút (ví dụ 07:30).")}


NUL_TEXT = _("“%(label)s” chứa ký tự không hợp lệ.")


class Form(forms.Form):
    """A form whose text fields refuse a NUL character in Vietnamese (Django's own message is English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.error_messages["null_characters_not_allowed"] = NUL_TEXT % {"label": field.label}


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    """`core.forms.date_field` with a label translated when the page is drawn, not at import."""
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        required=required,
        error_messages=DATE_ERRORS,
        validators=[validate_date_range],
    )


def _time(label: Any, *, required: bool = True) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=required, input_formats=["%H:%M"], error_messages=TIME_ERRORS
    )


class ScheduleForm(Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ngày tiếp trong tuần"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    morning = forms.CharField(label=_("Buổi sáng (ví dụ 07:30–11:30)"), max_length=40, required=False)
    afternoon = forms.CharField(label=_("Buổi chiều (ví dụ 13:30–17:00)"), max_length=40, required=False)
    place = forms.CharField(label=_("Địa điểm tiếp"), max_length=200)
    chairman = forms.CharField(label=_("Chủ tịch UBND"), max_length=120)
    stand_in = forms.CharField(label=_("Người tiếp thay khi Chủ tịch vắng (Phó Chủ tịch)"), max_length=120)
    rules_note = forms.CharField(
        label=_("Nội quy tiếp công dân, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AbsenceForm(Form):
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))
    stand_in = forms.CharField(label=_("Người tiếp thay"), max_length=120)
    reason = forms.CharField(label=_("Lý do Chủ tịch vắng"), max_length=300)


class VisitForm(Form):
    received_on = date_field(_("Ngày tiếp"))
    host = forms.CharField(label=_("Người tiếp"), max_length=120)
    by_chairman = forms.BooleanField(
        label=_("Chủ tịch (hoặc người tiếp thay) trực tiếp tiếp"), required=False
    )
    visitor_name = forms.CharField(label=_("Họ tên người đến (hoặc tên đoàn)"), max_length=200)
    visitor_address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    id_number = forms.CharField(label=_("Số CCCD/hộ chiếu"), max_length=20, required=False)
    people_count = forms.IntegerField(label=_("Số người"), initial=1, min_value=1, max_value=10_000)
    representatives = forms.CharField(
        label=_("Người đại diện của đoàn (mỗi người một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(label=_("Phân loại"), choices=VisitKind.choices)
    subject = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(
        label=_("Giấy tờ, tài liệu nhận"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    handled_before_by = forms.CharField(
        label=_("Cơ quan đã giải quyết (nếu có)"), max_length=300, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    letter = forms.BooleanField(
        label=_("Vào sổ xử lý đơn (đơn, vụ việc được tiếp nhận để xử lý)"), required=False, initial=True
    )


class LetterForm(Form):
    subject = forms.CharField(
        label=_("Trích yếu (để trống: dòng đầu của nội dung)"), max_length=200, required=False
    )
    text = forms.CharField(
        label=_("Nội dung đơn (để trống: nội dung vụ việc đã ghi sổ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(Form):
    outcome = forms.ChoiceField(label=_("Kết quả trả lời (Điều 28)"), choices=Outcome.choices)
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = date_field(_("Ngày trả lời"), required=False)
    transferred_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=300, required=False)


class DialogueForm(Form):
    topic = forms.CharField(label=_("Chủ đề"), max_length=300)
    held_on = date_field(_("Ngày đối thoại"))
    starts_at = _time(_("Giờ bắt đầu"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    audience = forms.ChoiceField(label=pgettext_lazy("đối thoại", "Đối tượng"), choices=Audience.choices)
    audience_note = forms.CharField(label=_("Thành phần mời"), max_length=300, required=False)
    chair = forms.CharField(label=pgettext_lazy("đối thoại", "Chủ trì"), max_length=120)
    questions_until = date_field(_("Nhận câu hỏi đến ngày (để trống: đến ngày đối thoại)"), required=False)


class CancelForm(Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class RegisterQuestionForm(Form):
    text = forms.CharField(label=_("Câu hỏi, ý kiến của bạn"), widget=forms.Textarea(attrs={"rows": 4}))
    asker_name = forms.CharField(label=_("Họ tên người hỏi"), max_length=200, required=False)
    show_name = forms.BooleanField(label=_("Công khai tên tôi trên cổng thông tin"), required=False)


class QuestionForm(Form):
    channel = forms.ChoiceField(
        label=_("Câu hỏi được nêu"),
        choices=[(c.value, c.label) for c in (QuestionChannel.ON_THE_DAY, QuestionChannel.VILLAGE_HEAD)],
    )
    asker_name = forms.CharField(label=_("Người hỏi"), max_length=200)
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=Unit.objects.none(), required=False
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    show_name = forms.BooleanField(label=_("Người hỏi đồng ý công khai tên"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            parent=unit, tier=Tier.VILLAGE
        ).order_by("name")


class AnswerQuestionForm(Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_by = forms.CharField(label=_("Người trả lời"), max_length=120)


class CommitmentForm(Form):
    text = forms.CharField(label=_("Nội dung cam kết"), max_length=300)
    due_on = date_field(_("Hạn hoàn thành"))
    agency = forms.ModelChoiceField(
        label=_("Cơ quan thực hiện"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(unit=unit).order_by("name")  # type: ignore[attr-defined]


class MinutesForm(Form):
    secretary = forms.CharField(label=_("Thư ký"), max_length=120)
    attendance = forms.IntegerField(label=_("Số người dự"), min_value=1, max_value=100_000)
    opened_at = _time(_("Bắt đầu lúc"))
    closed_at = _time(_("Kết thúc lúc"))
    summary = forms.CharField(label=_("Diễn biến"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusion = forms.CharField(label=_("Kết luận của chủ trì"), widget=forms.Textarea(attrs={"rows": 3}))
