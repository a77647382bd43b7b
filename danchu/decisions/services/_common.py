"""What every decisions service shares: field lists for the audit, state checks."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core.errors import DomainError

from ..models import Decision, State

FIELDS = (
    "unit",
    "matter",
    "title",
    "form",
    "secret",
    "state",
    "meeting_at",
    "closes_on",
    "electronic_returns",
    "denominator",
    "passed",
    "digest",
    "recognised_on",
    "recognition_number",
    "implemented_on",
)

STATE_WORDS = {
    State.DRAFT: gettext_noop("còn là dự thảo"),
    State.ANNOUNCED: gettext_noop("mới thông báo, chưa bắt đầu lấy ý kiến"),
    State.OPEN: gettext_noop("đang lấy ý kiến"),
    State.CLOSED: gettext_noop("đã kết thúc biểu quyết"),
    State.TALLIED: gettext_noop("đã kiểm phiếu"),
    State.PUBLISHED: gettext_noop("đã công bố kết quả"),
    State.RECOGNISED: gettext_noop("đã được công nhận"),
    State.IMPLEMENTED: gettext_noop("đã tổ chức thực hiện"),
    State.FAILED: gettext_noop("không được thông qua"),
    State.RERUN: gettext_noop("đã được tổ chức lại"),
}


def require_state(decision: Decision, *states: str) -> None:
    if decision.state not in states:
        raise DomainError(
            _("Không thực hiện được: việc này %(state)s.") % {"state": _(STATE_WORDS[State(decision.state)])}
        )


def require_open(decision: Decision) -> None:
    if decision.state != State.OPEN:
        if decision.state in (State.DRAFT, State.ANNOUNCED):
            raise DomainError(_("Chưa bắt đầu lấy ý kiến: chưa nhận phiếu."))
        raise DomainError(_("Đã kết thúc biểu quyết: không nhận thêm phiếu."))
