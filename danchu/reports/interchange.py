"""Moving figures in and out: DHIS2 `dataValueSets` JSON (with idScheme CODE: data elements are our
indicator codes, org units our official unit codes, periods DHIS2 period ids) and the .xlsx entry sheet.

An import is checked whole first: every unknown unit, indicator or period, every bad value and every
locked report is listed by row, and nothing is stored unless the whole file is right.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from danchu.accounts.models import User
from danchu.core import audit, policy
from danchu.core.errors import DomainError
from danchu.core.spreadsheet import append_row
from danchu.core.uploads import require_size

from . import periods, selectors, services
from .models import IndicatorKind, ReportRegime, Submission
from .permissions import ReportPerm
from .values import ValuesError

NUM, DEN = "num", "den"  # categoryOptionCombo of the two parts of a percent


def export_dhis2(regime: ReportRegime, period: str, *, approved_only: bool = False) -> dict[str, Any]:
    """The sent (or only the approved) reports of a period as one dataValueSet."""
    statuses = ["approved"] if approved_only else ["submitted", "approved"]
    fields = ("indicator__code", "indicator__kind", "number", "denominator", "text", "comment")
    rows = (
        Submission.objects.filter(regime=regime, period=period, status__in=statuses)
        .values_list("unit__code", *(f"values__{f}" for f in fields))
        .order_by("unit__code", "values__indicator__code")
    )
    data_values: list[dict[str, str]] = []
    for unit_code, code, kind, number, den, text, comment in rows:
        if code is None:
            continue
        base = {"dataElement": code, "period": period, "orgUnit": unit_code}
        extra = {"comment": comment} if comment else {}
        if kind == IndicatorKind.TEXT:
            if text:
                data_values.append({**base, "value": text, **extra})
        elif kind == IndicatorKind.PERCENT:
            data_values.append({**base, "categoryOptionCombo": NUM, "value": _plain(number), **extra})
            data_values.append({**base, "categoryOptionCombo": DEN, "value": _plain(den)})
        elif kind == IndicatorKind.BOOLEAN:
            data_values.append({**base, "value": "true" if number else "false", **extra})
        elif number is not None:
            data_values.append({**base, "value": _plain(number), **extra})
    return {
        "dataSet": regime.code,
        "period": period,
        "completeDate": timezone.localdate().isoformat(),
        "idScheme": "CODE",
        "dataValues": data_values,
    }


def _plain(number: Any) -> str:
    return f"{number.normalize():f}" if number is not None else ""


@dataclass
class ImportResult:
    reports: int
    values: int


def import_file(
    *, actor: User, regime: ReportRegime, period: str, file_name: str, data: bytes
) -> ImportResult:
    """Nhập số liệu from a DHIS2 JSON file or the .xlsx sheet into the period's reports, as drafts."""
    period = periods.parse_period(period)
    require_size(data, field="file")
    name = file_name.lower()
    if name.endswith(".json"):
        cells = _read_json(data, period)
    elif name.endswith(".xlsx"):
        cells = _read_xlsx(data)
    else:
        raise DomainError(
            _("Chỉ nhận tệp .json (dataValueSets của DHIS2) hoặc .xlsx theo mẫu."), field="file"
        )
    return _store(actor, regime, period, cells)


Cell = tuple[str, str, str, str, Any]  # (row label, unit code, indicator code, part, raw value)


def _read_json(data: bytes, period: str) -> list[Cell]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DomainError(_("Tệp không phải JSON hợp lệ (UTF-8)."), field="file") from None
    values = document.get("dataValues") if isinstance(document, dict) else None
    if not isinstance(values, list):
        raise DomainError(_("Tệp JSON không có danh sách “dataValues” của DHIS2."), field="file")
    cells: list[Cell] = []
    errors: dict[str, str] = {}
    for n, item in enumerate(values, start=1):
        label = _("dòng %(n)s") % {"n": n}
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("dataElement", "orgUnit")
        ):
            errors[label] = _("thiếu dataElement hoặc orgUnit")
            continue
        item_period = str(item.get("period") or document.get("period") or "")
        if item_period != period:
            errors[label] = _("kỳ “%(value)s” khác kỳ đang nhập %(period)s") % {
                "value": item_period[:20],
                "period": period,
            }
            continue
        part = str(item.get("categoryOptionCombo") or "")
        cells.append((label, item["orgUnit"], item["dataElement"].upper(), part, item.get("value")))
    if errors:
        raise ValuesError(errors)
    return cells


def _read_xlsx(data: bytes) -> list[Cell]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(_("Tệp không phải bảng tính .xlsx hợp lệ."), field="file") from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if len(rows) < 2 or not rows[0] or str(rows[0][0] or "").strip() != "Mã đơn vị":
        raise DomainError(
            _("Bảng tính không đúng mẫu: ô A1 phải là “Mã đơn vị”, dòng 1 là mã chỉ tiêu."), field="file"
        )
    header = [str(h or "").strip() for h in rows[0]]
    cells: list[Cell] = []
    for n, row in enumerate(rows[1:], start=2):
        unit_code = str(row[0] or "").strip()
        if not unit_code:
            continue
        for column, raw in zip(header[2:], row[2:], strict=False):
            if not column or raw is None or str(raw).strip() == "":
                continue
            code, _sep, part = column.partition("/")
            cells.append((_("dòng %(n)s") % {"n": n}, unit_code, code.upper(), part.lower(), raw))
    return cells


def entry_sheet(regime: ReportRegime, period: str) -> bytes:
    """The .xlsx template: one row per expected report, one column per indicator (a percent takes two)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = period
    columns: list[str] = []
    for indicator in selectors.indicators_of(regime):
        if indicator.kind == IndicatorKind.PERCENT:
            columns += [f"{indicator.code}/{NUM}", f"{indicator.code}/{DEN}"]
        else:
            columns.append(indicator.code)
    append_row(sheet, ["Mã đơn vị", "Tên đơn vị", *columns])
    for code, name in (
        Submission.objects.filter(regime=regime, period=period)
        .order_by("unit__code")
        .values_list("unit__code", "unit__name")
    ):
        append_row(sheet, [code, name])  # a unit named like a formula stays a name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _store(actor: User, regime: ReportRegime, period: str, cells: list[Cell]) -> ImportResult:
    if not cells:
        raise DomainError(_("Tệp không có số liệu nào."), field="file")
    reports = {
        s.unit.code: s
        for s in Submission.objects.filter(regime=regime, period=period).select_related("unit", "regime")
    }
    if not reports:
        raise DomainError(
            _("Kỳ %(period)s chưa được mở cho chế độ báo cáo này.") % {"period": period}, field="period"
        )
    indicators = {i.code: i for i in selectors.indicators_of(regime)}
    errors: dict[str, str] = {}
    by_report: dict[str, dict[str, Any]] = defaultdict(dict)
    for label, unit_code, code, part, raw in cells:
        where = f"{label}, {unit_code}, {code}"
        report = reports.get(unit_code)
        if report is None:
            errors[where] = _("đơn vị không thuộc danh sách phải báo cáo kỳ này")
            continue
        if not policy.allowed(actor, ReportPerm.SUBMIT, report):
            errors[where] = _("đơn vị nằm ngoài phạm vi của bạn")
            continue
        indicator = indicators.get(code)
        if indicator is None:
            errors[where] = _("chỉ tiêu không có trong chế độ báo cáo")
            continue
        if indicator.kind == IndicatorKind.PERCENT:
            if part not in (NUM, DEN):
                errors[where] = _("tỷ lệ cần phần tử số (num) và mẫu số (den)")
                continue
            pair = by_report[unit_code].setdefault(code, [None, None])
            pair[0 if part == NUM else 1] = raw
        else:
            by_report[unit_code][code] = raw
    stored = 0
    # Not a decorator: the errors of every report are gathered first, then the whole import rolls back.
    with transaction.atomic():
        # One import of a regime at a time; each report is then locked by save_values.
        selectors.access_regime(actor=actor, regime_id=regime.pk, perm=ReportPerm.VIEW, for_write=True)
        for unit_code, values in by_report.items():
            try:
                services.save_values(actor=actor, submission=reports[unit_code], values=_pairs(values))
                stored += len(values)
            except ValuesError as exc:
                errors.update({f"{unit_code}, {code}": message for code, message in exc.errors.items()})
            except DomainError as exc:
                errors[unit_code] = exc.message
        if errors:
            raise ValuesError(errors)
        audit.record(
            actor=actor,
            action="reports.regime.import",
            obj=regime,
            after={"period": period, "reports": len(by_report), "values": stored},
            scope_unit_id=regime.unit_id,
        )
    return ImportResult(reports=len(by_report), values=stored)


def _pairs(values: dict[str, Any]) -> dict[str, Any]:
    return {code: tuple(raw) if isinstance(raw, list) else raw for code, raw in values.items()}
