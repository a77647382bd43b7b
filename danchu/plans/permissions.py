"""What may be done with plans (quyền đối với kế hoạch), declared here and granted in `registry`."""

from __future__ import annotations

from danchu.core.policy import Perm


class PlanPerm:
    # A plan is addressed downwards: the units beneath its issuer read it too.
    VIEW = Perm("plan.view", "xem kế hoạch, nội dung và yêu cầu của đơn vị", reads_downwards=True)
    # How the units below answer a plan is the issuer's own monitoring (and its superiors'), not the
    # receivers': the same roles as VIEW, but a plan's MONITOR is not read downwards.
    MONITOR = Perm("plan.monitor", "theo dõi tình hình thực hiện kế hoạch của các đơn vị cấp dưới")
    MANAGE = Perm("plan.manage", "nhập, sửa và ban hành kế hoạch của đơn vị")
