"""Charts over time, drawn on the server as SVG (no library, no CDN): the sourcing mix per period as stacked
columns, and the most-quoted people per period as lines. Each chart names the table that holds its numbers
(``aria-describedby``), so the page has an accessible equivalent right beside it; every label is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from .charts import axis_labels, stacked_column
from .render import MIX_CATEGORIES

__all__ = ["mix_trend_chart", "people_trend_chart", "PEOPLE_COLOURS"]

PEOPLE_COLOURS = 6  # css classes p0 .. p5


def _e(value: object) -> str:
    return str(escape("" if value is None else str(value)))


def _frame(kind: str, width: int, height: int, label: str, table_id: str) -> str:
    # drawn at its own size; CSS shrinks it (max-width: 100%) on a narrow screen, never blows it up
    return (
        f'<svg class="chart trend {kind}" role="img" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="{_e(label)}" aria-describedby="{_e(table_id)}">'
    )


def mix_trend_chart(rows: Sequence[Mapping[str, Any]], period: str, *, table_id: str = "trend-table") -> Markup:
    """Stacked columns: per period (``rows`` from ``Store.sourcing((period,))``), its statements by source
    type (the overview's categories and colours); the undated row is left to the table."""
    rows = [r for r in rows if str(r.get(period, "")).startswith(("1", "2")) and int(r.get("statements") or 0)]
    if not rows:
        return Markup('<p class="empty">No dated statements.</p>')
    pad_l, pad_t, plot_h = 44, 10, 180
    step = max(14, min(80, 720 // len(rows)))
    bar = max(8, step - 6)
    width = max(360, pad_l + step * len(rows) + 10)
    height = pad_t + plot_h + 40
    peak = max(int(r["statements"]) for r in rows)
    base_y = pad_t + plot_h
    out = [
        _frame("mix", width, height, f"Statements by source type per {period}", table_id),
        f'<text class="muted" x="{pad_l - 6}" y="{pad_t + 10}" text-anchor="end">{peak}</text>',
        f'<text class="muted" x="{pad_l - 6}" y="{base_y}" text-anchor="end">0</text>',
        f'<line class="axis" x1="{pad_l - 2}" y1="{base_y}" x2="{width - 4}" y2="{base_y}"/>',
    ]
    for k, row in enumerate(rows):
        label = str(row[period])
        out += stacked_column(
            pad_l + step * k,
            base_y,
            bar,
            plot_h / peak,
            [
                (
                    int(row.get(key) or 0),
                    f'class="{css} seg" data-cat="{key}"',
                    f"{label}: {int(row.get(key) or 0)} statements from {name} sources",
                )
                for key, name, css in MIX_CATEGORIES
            ],
        )
    every = max(1, (len(rows) * 34) // 720 + 1) if step < 34 else 1
    out += axis_labels([str(r[period]) for r in rows], lambda k: pad_l + step * k + bar / 2, base_y + 16, every)
    out.append("</svg>")
    return Markup("".join(out))


def people_trend_chart(trend: Mapping[str, Any], *, table_id: str = "people-trend-table") -> Markup:
    """One line per person of ``Store.people_by_period()["series"]`` over its dated periods."""
    periods = [p for p in trend.get("periods", []) if str(p).startswith(("1", "2"))]
    series = list(trend.get("series", []))[:PEOPLE_COLOURS]
    if not periods or not series:
        return Markup('<p class="empty">Nobody quoted in this range.</p>')
    pad_l, pad_t, plot_h = 44, 10, 160
    step = max(24, min(140, 720 // max(1, len(periods))))
    longest = max(len(f"{s['name']} ({s['total']})") for s in series)
    width = max(360, pad_l + step * max(1, len(periods) - 1) + 40, pad_l + 30 + 8 * longest)
    legend_h = 18 * len(series)
    height = pad_t + plot_h + 40 + legend_h
    peak = max(1, max(int(s["counts"].get(p, 0)) for s in series for p in periods))
    base_y = pad_t + plot_h

    def x_of(k: int) -> float:
        return pad_l + 10 + step * k

    def y_of(n: int) -> float:
        return base_y - plot_h * n / peak

    out = [
        _frame("people", width, height, "Statements of the most-quoted people per period", table_id),
        f'<text class="muted" x="{pad_l - 6}" y="{pad_t + 10}" text-anchor="end">{peak}</text>',
        f'<text class="muted" x="{pad_l - 6}" y="{base_y}" text-anchor="end">0</text>',
        f'<line class="axis" x1="{pad_l - 2}" y1="{base_y}" x2="{width - 4}" y2="{base_y}"/>',
    ]
    for i, person in enumerate(series):
        points = [(x_of(k), y_of(int(person["counts"].get(p, 0)))) for k, p in enumerate(periods)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline class="line p{i}" points="{path}" fill="none"/>')
        for (x, y), p in zip(points, periods):
            n = int(person["counts"].get(p, 0))
            out.append(
                f'<circle class="dot p{i}" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
                f"<title>{_e(person['name'])}, {_e(p)}: {n} statements</title></circle>"
            )
        ly = base_y + 44 + 18 * i
        out.append(
            f'<rect class="key p{i}" x="{pad_l}" y="{ly - 9}" width="12" height="10"/>'
            f'<text x="{pad_l + 18}" y="{ly}">{_e(person["name"])} ({int(person["total"])})</text>'
        )
    every = max(1, (len(periods) * 34) // 720 + 1) if step < 34 else 1
    out += axis_labels(periods, x_of, base_y + 16, every)
    out.append("</svg>")
    return Markup("".join(out))
