"""Periodic reports over JSON: the same services as the pages; values by indicator code."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.plans import selectors as plan_selectors
from danchu.reports import interchange, periods, selectors, services, sources
from danchu.reports.catalogue import QCDC, codes
from danchu.reports.models import Indicator, ReportRegime, Submission
from danchu.reports.permissions import ReportPerm
from danchu.units import selectors as unit_selectors

from .base import AUTH, ERRORS, IsoDate

router = Router(tags=["reports"])


# Product caps on the unpaged answers (a province has about a hundred communes; these are generous).
MAX_REGIMES = 200
MAX_MISSING_UNITS = 1000
MAX_REPORTS = 500


class RegimeOut(Schema):
    id: int
    code: str
    unit_id: int
    name: str
    frequency: str
    reporter_tiers: list[int]
    cutoff_day: int
    due_working_days: int
    expiry_days: int
    starts_on: IsoDate
    ends_on: IsoDate | None
    status: str
    outline: list[str]
    indicators: list[str]
    directive_id: int | None

    @staticmethod
    def resolve_indicators(obj: ReportRegime) -> list[str]:
        return [i.code for i in selectors.indicators_of(obj)]


class RegimeIn(Schema):
    name: str
    frequency: str
    reporter_tiers: list[int]
    indicators: list[str]
    required: list[str] = []
    starts_on: IsoDate
    ends_on: IsoDate | None = None
    cutoff_day: int | None = None
    due_working_days: int | None = None
    expiry_days: int | None = None
    receiver_agency_id: int | None = None
    method: str = ""
    content: str = ""
    outline: list[str] = []


class SubmissionOut(Schema):
    id: int
    regime_id: int
    unit_id: int
    period: str
    period_label: str
    period_start: IsoDate
    period_end: IsoDate
    due_on: IsoDate
    status: str
    on_time: bool | None
    submitted_at: dt.datetime | None
    review_comment: str
    narrative: dict[str, str]


class ValueOut(Schema):
    number: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""
    prefilled: bool = False


class SubmissionDetailOut(SubmissionOut):
    values: dict[str, ValueOut]
    suggested: dict[str, ValueOut]


class ValuesIn(Schema):
    # code → number/text, or [numerator, denominator] for a percent; at most one entry per indicator of
    # the catalogue (the service names every unknown code)
    values: dict[str, Any] = Field(default_factory=dict, max_length=500)
    narrative: dict[str, str] | None = None
    number: str | None = None


class CommentIn(Schema):
    comment: str = ""


class ExceptionIn(Schema):
    until: IsoDate
    reason: str


class CompletenessOut(Schema):
    unit_id: int
    period: str
    expected: int
    reported: int
    on_time: int
    late: int
    missing: int
    returned: int
    approved: int
    missing_units: list[dict[str, Any]]


class PivotOut(Schema):
    unit_id: int
    period: str
    indicators: list[str]
    total: list[Decimal | None]
    rows: list[dict[str, Any]]


class IndicatorIn(Schema):
    code: str
    name: str
    kind: str
    aggregation: str
    citation: str
    measure: str = ""


class IndicatorOut(IndicatorIn):
    id: int
    group: str
    source: str


@router.get(
    "/report-indicators", response={200: list[IndicatorOut], **ERRORS}, auth=AUTH, summary="Danh mục chỉ tiêu"
)
def list_indicators(request: HttpRequest) -> list[Indicator]:
    return list(Indicator.objects.filter(active=True))


@router.post(
    "/units/{unit_id}/report-indicators",
    response={201: IndicatorOut, **ERRORS},
    auth=AUTH,
    summary="Thêm chỉ tiêu của địa phương",
)
def create_indicator(request: HttpRequest, unit_id: int, payload: IndicatorIn) -> Status[Indicator]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.MANAGE)
    return Status(201, services.create_indicator(actor=acting_user(request), unit=unit, **payload.dict()))


@router.get("/units/{unit_id}/report-regimes", response={200: list[RegimeOut], **ERRORS}, auth=AUTH)
def list_regimes(request: HttpRequest, unit_id: int) -> list[ReportRegime]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.VIEW)
    return list(selectors.regimes_of(unit)[:MAX_REGIMES])


@router.post(
    "/units/{unit_id}/report-regimes",
    response={201: RegimeOut, **ERRORS},
    auth=AUTH,
    summary="Ban hành chế độ báo cáo",
)
def create_regime(request: HttpRequest, unit_id: int, payload: RegimeIn) -> Status[ReportRegime]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.MANAGE)
    agency = None
    if payload.receiver_agency_id is not None:  # an agency the caller may not see is a 403, not a hint
        agency = unit_selectors.access_agency(
            actor=acting_user(request), agency_id=payload.receiver_agency_id, perm=CorePerm.VIEW_UNIT
        )
    data = payload.dict(exclude={"receiver_agency_id", "indicators", "required"})
    regime = services.create_regime(
        actor=acting_user(request),
        unit=unit,
        receiver_agency=agency,
        indicator_codes=payload.indicators,
        required_codes=payload.required,
        **data,
    )
    return Status(201, regime)


@router.post(
    "/directives/{directive_id}/report-regime",
    response={201: RegimeOut, **ERRORS},
    auth=AUTH,
    summary="Tạo chế độ báo cáo từ yêu cầu báo cáo của kế hoạch",
)
def regime_from_directive(request: HttpRequest, directive_id: int) -> Status[ReportRegime]:
    directive = plan_selectors.access_directive(
        actor=acting_user(request), directive_id=directive_id, perm=ReportPerm.MANAGE
    )
    regime = services.regime_from_directive(
        actor=acting_user(request), directive=directive, indicator_codes=codes(QCDC)
    )
    return Status(201, regime)


@router.get("/report-regimes/{regime_id}", response={200: RegimeOut, **ERRORS}, auth=AUTH)
def get_regime(request: HttpRequest, regime_id: int) -> ReportRegime:
    return selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)


@router.get(
    "/report-regimes/{regime_id}/periods/{period}/completeness",
    response={200: CompletenessOut, **ERRORS},
    auth=AUTH,
    summary="Tình hình gửi báo cáo của một đơn vị (mặc định: đơn vị nhận) và cấp dưới",
)
def completeness(
    request: HttpRequest, regime_id: int, period: str, unit_id: int | None = None
) -> dict[str, Any]:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = periods.parse_period(period)
    node = selectors.access_node(actor=acting_user(request), regime=regime, unit_id=unit_id)
    summary = selectors.completeness(node, regime, period)
    missing = [
        {"unit_id": s.unit_id, "unit": s.unit.name, "status": s.status, "due_on": s.due_on}
        for s in selectors.missing_units(node, regime, period)[:MAX_MISSING_UNITS]
    ]
    return {"unit_id": node.pk, "period": period, **summary.__dict__, "missing_units": missing}


@router.get(
    "/report-regimes/{regime_id}/periods/{period}/rollup",
    response={200: PivotOut, **ERRORS},
    auth=AUTH,
    summary="Số liệu tổng hợp của đơn vị và từng đơn vị trực thuộc",
)
def rollup(
    request: HttpRequest, regime_id: int, period: str, unit_id: int | None = None, approved_only: bool = False
) -> dict[str, Any]:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = periods.parse_period(period)
    node = selectors.access_node(actor=acting_user(request), regime=regime, unit_id=unit_id)
    pivot = selectors.pivot(node, regime, period, approved_only=approved_only)
    return {
        "unit_id": node.pk,
        "period": period,
        "indicators": [i.code for i in pivot.indicators],
        "total": pivot.total,
        "rows": [{"unit_id": r.unit.pk, "unit": r.unit.name, "values": r.values} for r in pivot.rows],
    }


@router.get(
    "/report-regimes/{regime_id}/periods/{period}/dataValueSets",
    auth=AUTH,
    response={200: dict[str, Any], **ERRORS},
    summary="Xuất số liệu dạng dataValueSets của DHIS2 (idScheme=CODE)",
)
def dhis2_export(
    request: HttpRequest, regime_id: int, period: str, approved_only: bool = False
) -> dict[str, Any]:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    selectors.access_node(actor=acting_user(request), regime=regime)
    period = periods.parse_period(period)
    return interchange.export_dhis2(regime, period, approved_only=approved_only)


@router.post(
    "/report-regimes/{regime_id}/periods/{period}/dataValueSets",
    auth=AUTH,
    response={200: dict[str, int], **ERRORS},
    summary="Nhập số liệu dataValueSets của DHIS2: tất cả hoặc không gì cả",
)
def dhis2_import(request: HttpRequest, regime_id: int, period: str) -> dict[str, int]:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    result = interchange.import_file(
        actor=acting_user(request),
        regime=regime,
        period=period,
        file_name="dataValueSets.json",
        data=request.body,
    )
    return {"reports": result.reports, "values": result.values}


@router.get("/units/{unit_id}/reports", response={200: list[SubmissionOut], **ERRORS}, auth=AUTH)
def unit_reports(request: HttpRequest, unit_id: int) -> list[Submission]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.VIEW)
    return list(selectors.reports_due_from(unit)[:MAX_REPORTS])


def _require_object(body: bytes) -> None:
    """A JSON body that is not an object (`null`, a list, a string) would take every default: refused."""
    try:
        document = json.loads(body or b"null")
    except ValueError:
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("values", {}), dict):
        raise DomainError(
            _('Nội dung gửi phải là một đối tượng JSON, ví dụ {"values": {"MÃ_CHỈ_TIÊU": 12}}.'),
            field="values",
        )


def _detail(report: Submission) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(report, name) for name in SubmissionOut.model_fields}
    out["values"] = {
        code: {"number": v.number, "denominator": v.denominator, "text": v.text, "prefilled": v.prefilled}
        for code, v in selectors.values_of(report).items()
    }
    out["suggested"] = {
        code: {**v.__dict__, "prefilled": True} for code, v in sources.suggestions(report).items()
    }
    return out


@router.get("/reports/{submission_id}", response={200: SubmissionDetailOut, **ERRORS}, auth=AUTH)
def get_report(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    return _detail(
        selectors.access_submission(
            actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.VIEW
        )
    )


@router.put(
    "/reports/{submission_id}/values",
    response={200: SubmissionDetailOut, **ERRORS},
    auth=AUTH,
    summary="Lưu số liệu (mọi lỗi được trả về cùng lúc trong `errors`)",
)
def save_values(request: HttpRequest, submission_id: int, payload: ValuesIn) -> dict[str, Any]:
    _require_object(request.body)
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.SUBMIT
    )
    report = services.save_values(
        actor=acting_user(request),
        submission=report,
        values=payload.values,
        narrative=payload.narrative,
        number=payload.number,
    )
    return _detail(report)


@router.post("/reports/{submission_id}/submit", response={200: SubmissionOut, **ERRORS}, auth=AUTH)
def submit(request: HttpRequest, submission_id: int) -> Submission:
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.SUBMIT
    )
    return services.submit(actor=acting_user(request), submission=report)


@router.post("/reports/{submission_id}/return", response={200: SubmissionOut, **ERRORS}, auth=AUTH)
def return_report(request: HttpRequest, submission_id: int, payload: CommentIn) -> Submission:
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.MANAGE
    )
    return services.return_submission(actor=acting_user(request), submission=report, comment=payload.comment)


@router.post("/reports/{submission_id}/approve", response={200: SubmissionOut, **ERRORS}, auth=AUTH)
def approve(request: HttpRequest, submission_id: int, payload: CommentIn) -> Submission:
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.MANAGE
    )
    return services.approve(actor=acting_user(request), submission=report, comment=payload.comment)


@router.post(
    "/reports/{submission_id}/exceptions",
    response={201: dict[str, Any], **ERRORS},
    auth=AUTH,
    summary="Cho phép nhập sau thời hạn",
)
def grant_exception(request: HttpRequest, submission_id: int, payload: ExceptionIn) -> Status[dict[str, Any]]:
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.MANAGE
    )
    exception = services.grant_exception(
        actor=acting_user(request), submission=report, until=payload.until, reason=payload.reason
    )
    return Status(201, {"id": exception.pk, "until": exception.until.isoformat(), "reason": exception.reason})
