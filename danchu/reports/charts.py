"""Charts drawn on the server as SVG: no script, small, readable on a phone and in print."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .values import format_number

WIDTH = 640
BAR = 22


def bars(items: Sequence[tuple[str, Decimal | None]], measure: str = "") -> SafeString:
    """Comparison across units: one horizontal bar per unit, largest first."""
    data = sorted(((name, value) for name, value in items if value is not None), key=lambda x: -x[1])[:40]
    if not data:
        return mark_safe("")
    top = max(float(v) for _, v in data) or 1.0
    label_w, plot_w = 220, WIDTH - 220 - 90
    height = BAR * len(data) + 10
    rows = []
    for n, (name, value) in enumerate(data):
        y = 5 + n * BAR
        w = max(1.0, plot_w * float(value) / top)
        short = name if len(name) <= 30 else name[:29] + "…"
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{BAR - 6}" class="bar"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{escape(format_number(value))}</text>'
        )
    title = gettext("So sánh giữa các đơn vị") + (f" ({escape(measure)})" if measure else "")
    return mark_safe(  # noqa: S308  # every text inside is escaped above
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{"".join(rows)}</svg>'
    )


def line(series: Sequence[tuple[str, Decimal | None]], measure: str = "") -> SafeString:
    """Trend over periods: points joined where both ends have data."""
    if not any(value is not None for _, value in series):
        return mark_safe("")
    height, left, bottom, top_pad = 220, 60, 40, 16
    plot_w, plot_h = WIDTH - left - 20, height - bottom - top_pad
    top = max(float(v) for _, v in series if v is not None) or 1.0
    step = plot_w / max(1, len(series) - 1)
    points: list[tuple[float, float, str] | None] = []
    for n, (_, value) in enumerate(series):
        if value is None:
            points.append(None)
            continue
        x = left + n * step if len(series) > 1 else left + plot_w / 2
        y = top_pad + plot_h * (1 - float(value) / top)
        points.append((x, y, format_number(value)))
    parts = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - 20}" y2="{top_pad + plot_h}" class="axis"/>'
    ]
    for a, b in pairwise(points):
        if a is not None and b is not None:
            parts.append(
                f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" class="trend"/>'
            )
    for n, point in enumerate(points):
        x = left + n * step if len(series) > 1 else left + plot_w / 2
        label = escape(series[n][0])
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" class="small">{label}</text>')
        if point is not None:
            parts.append(f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="4" class="dot"/>')
            x, y, shown = point[0], point[1] - 8, escape(point[2])
            parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{shown}</text>')
    title = gettext("Diễn biến qua các kỳ") + (f" ({escape(measure)})" if measure else "")
    return mark_safe(  # noqa: S308  # every text inside is escaped above
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{"".join(parts)}</svg>'
    )
