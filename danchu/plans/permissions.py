"""What may be done with plans (quyền đối với kế hoạch), declared here and granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class PlanPerm:
    # A plan is addressed downwards: the units beneath its issuer read it too.
    VIEW = Perm("plan.view", "xem kế hoạch, nội dung và yêu cầu của đơn vị", reads_downwards=True)
    MANAGE = Perm("plan.manage", "nhập, sửa và ban hành kế hoạch của đơn vị")
