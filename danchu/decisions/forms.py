"""Forms of the decisions pages: labels in Vietnamese (translated), rules in the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danchu.core.forms import date_field

from .matters import MATTERS
from .models import Form, Office, Question, QuestionKind


def _date(label: object, *, required: bool = True) -> forms.DateField:
    """A dd/mm/yyyy date field whose label is translated lazily."""
    return date_field(cast(str, label), required=required)


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    matter = forms.ChoiceField(label=_("Nội dung theo Điều 15 Luật 10"), choices=())
    form = forms.ChoiceField(label=_("Hình thức"), choices=Form.choices)
    description = forms.CharField(label=_("Nội dung chi tiết"), widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label=_("Loại câu hỏi"), choices=QuestionKind.choices)
    question = forms.CharField(label=_("Câu hỏi"), max_length=500)
    options = forms.CharField(
        label=_("Phương án (mỗi dòng một phương án; mức đóng góp: “tên | số tiền”)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    seats = forms.IntegerField(label=_("Số người được bầu"), min_value=1, max_value=50, initial=1)
    secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False)
    meeting_day = _date(_("Ngày họp"), required=False)
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False)
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=300, required=False)
    closes_on = _date(_("Hạn lấy ý kiến"), required=False)
    electronic_returns = forms.BooleanField(
        label=_("Nhận phiếu điện tử qua tài khoản đại diện hộ"), required=False
    )
    online_head_front_agreed_on = _date(
        _("Ngày Trưởng thôn và Ban công tác Mặt trận thống nhất"), required=False
    )
    online_community_agreed_on = _date(_("Ngày cộng đồng đồng ý biểu quyết trực tuyến"), required=False)
    online_ubnd_told_on = _date(_("Ngày báo cáo UBND cấp xã"), required=False)
    online_front_told_on = _date(_("Ngày báo cáo Ủy ban MTTQ cấp xã"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["matter"]).choices = [
            (m.code, f"{m.item}. {m.title}") for m in MATTERS.values()
        ]


class AttendanceForm(forms.Form):
    household = forms.TypedChoiceField(label=_("Hộ"), coerce=int, choices=())
    attendee = forms.CharField(label=_("Người đại diện dự họp"), max_length=200)
    authorised = forms.BooleanField(label=_("Người được hộ ủy quyền"), required=False)

    def __init__(self, *args: Any, households: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["household"]).choices = households


class AuthoriseForm(forms.Form):
    household = forms.IntegerField(label=_("Mã hộ"), min_value=1)
    resident = forms.IntegerField(label=_("Mã nhân khẩu được ủy quyền"), min_value=1)


class ProceduralForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung (thư ký, hình thức biểu quyết…)"), max_length=300)
    in_favour = forms.IntegerField(label=_("Số hộ tán thành"), min_value=0, max_value=1_000_000)


class SwitchForm(forms.Form):
    closes_on = _date(_("Hạn lấy ý kiến"))
    electronic_returns = forms.BooleanField(
        label=_("Nhận phiếu điện tử qua tài khoản đại diện hộ"), required=False
    )


class RecogniseForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    on = _date(_("Ngày công nhận"))


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không công nhận"), widget=forms.Textarea, max_length=2000)


class DayForm(forms.Form):
    on = _date(_("Ngày hoàn thành"))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=300)
    due_on = _date(_("Hạn hoàn thành"))


class CountsForm(forms.Form):
    """Kết quả giơ tay: a number for every option."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in questions:
            for o in q.options.all():
                self.fields[f"o{o.pk}"] = forms.IntegerField(
                    label=f"{q.text}: {o.label}", min_value=0, max_value=1_000_000, initial=0
                )

    def counts(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if name.startswith("o")}


class BallotForm(forms.Form):
    """A ballot: one choice per question (several for an election with several seats); none is a blank."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in questions:
            choices = [(o.pk, o.label) for o in q.options.all()]
            if q.seats > 1:
                self.fields[f"q{q.pk}"] = forms.TypedMultipleChoiceField(
                    label=q.text,
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                    label=q.text, choices=choices, coerce=int, required=False, widget=forms.RadioSelect
                )

    def option_ids(self) -> list[int]:
        ids: list[int] = []
        for name, value in self.cleaned_data.items():
            if not name.startswith("q") or value in (None, ""):
                continue
            ids.extend(value if isinstance(value, list) else [value])
        return ids


class PaperForm(BallotForm):
    code = forms.CharField(label=_("Mã phiếu (gõ hoặc quét)"), max_length=40)


class VoteForm(BallotForm):
    household = forms.TypedChoiceField(label=_("Hộ"), coerce=int, choices=())
    receipt = forms.CharField(
        label=_("Mã xác nhận (phiếu kín: để thay đổi phiếu)"), max_length=40, required=False
    )

    def __init__(self, *args: Any, households: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["household"]).choices = households


class ElectionForm(forms.Form):
    office = forms.ChoiceField(label=pgettext_lazy("bầu cử", "Chức danh"), choices=Office.choices)
    election_day = _date(_("Ngày bầu cử"))
    candidates = forms.TypedMultipleChoiceField(label=_("Người ứng cử"), coerce=int, choices=())
    seats = forms.IntegerField(label=_("Số người được bầu"), min_value=1, max_value=20, initial=1)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)

    def __init__(self, *args: Any, residents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["candidates"]).choices = residents


class StepForm(forms.Form):
    field = forms.ChoiceField(label=_("Bước chuẩn bị"), choices=())
    on = _date(_("Ngày thực hiện"))

    def __init__(self, *args: Any, steps: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["field"]).choices = steps


class InitiativeForm(forms.Form):
    household = forms.TypedChoiceField(label=_("Hộ"), coerce=int, choices=())
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea)

    def __init__(self, *args: Any, households: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["household"]).choices = households


class PaperSupportForm(forms.Form):
    household = forms.IntegerField(label=_("Mã hộ"), min_value=1)
    given_on = _date(_("Ngày ủng hộ"))


class PutForm(forms.Form):
    form = forms.ChoiceField(label=_("Hình thức"), choices=Form.choices)
    closes_on = _date(_("Hạn lấy ý kiến"), required=False)
