"""What every decisions service shares: field lists for the audit, state checks."""

from __future__ import annotations

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
    State.DRAFT: "còn là dự thảo",
    State.ANNOUNCED: "mới thông báo, chưa bắt đầu lấy ý kiến",
    State.OPEN: "đang lấy ý kiến",
    State.CLOSED: "đã kết thúc biểu quyết",
    State.TALLIED: "đã kiểm phiếu",
    State.PUBLISHED: "đã công bố kết quả",
    State.RECOGNISED: "đã được công nhận",
    State.IMPLEMENTED: "đã tổ chức thực hiện",
    State.FAILED: "không được thông qua",
    State.RERUN: "đã được tổ chức lại",
}


def require_state(decision: Decision, *states: str) -> None:
    if decision.state not in states:
        raise DomainError(f"Không thực hiện được: việc này {STATE_WORDS[State(decision.state)]}.")


def require_open(decision: Decision) -> None:
    if decision.state != State.OPEN:
        if decision.state in (State.DRAFT, State.ANNOUNCED):
            raise DomainError("Chưa bắt đầu lấy ý kiến: chưa nhận phiếu.")
        raise DomainError("Đã kết thúc biểu quyết: không nhận thêm phiếu.")
