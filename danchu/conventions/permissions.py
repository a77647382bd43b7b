"""What may be done with village conventions (quyền đối với hương ước, quy ước), granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class ConventionPerm:
    VIEW = Perm("convention.view", "xem hương ước, quy ước của đơn vị, kể cả dự thảo và ý kiến góp ý")
    # The village or TDP head drafts, posts, records paper opinions and the adoption, and files it.
    DRAFT = Perm("convention.draft", "soạn, niêm yết, ghi nhận thông qua và gửi hồ sơ hương ước")
    # The commune UBND recognises, refuses, suspends or abolishes.
    RECOGNISE = Perm("convention.recognise", "công nhận, không công nhận, tạm ngưng, bãi bỏ hương ước")
    REVIEW = Perm("convention.review", "ghi nhận rà soát hương ước hằng năm")
    # A household gives its opinion on a posted draft of its own village (checked in the service).
    OPINE = Perm("convention.opine", "góp ý dự thảo hương ước của thôn mình")

    @classmethod
    def all(cls) -> tuple[Perm, ...]:
        return (cls.VIEW, cls.DRAFT, cls.RECOGNISE, cls.REVIEW, cls.OPINE)
