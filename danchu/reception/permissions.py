"""What may be done with citizen reception and dialogues (quyền tiếp công dân, đối thoại), granted in
`registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class ReceptionPerm:
    VIEW = Perm("reception.view", "xem lịch tiếp, sổ tiếp công dân, đối thoại của đơn vị")
    MANAGE = Perm(
        "reception.manage",
        "lập lịch tiếp công dân, ghi sổ tiếp, trả lời người được tiếp; tổ chức đối thoại, trả lời, cam kết",
    )
    # Registering a question for a dialogue is for the commune's own people: a citizen or village head
    # of one of its villages (held at the unit or below it), not an official of another level.
    ASK = Perm("reception.ask", "đăng ký câu hỏi cho buổi đối thoại của xã, phường", local_only=True)
