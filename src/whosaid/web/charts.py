"""Small inline-SVG charts drawn on the server (no chart library, no CDN, no JavaScript needed).

Every label is escaped; colours come from CSS classes (``st-*``) shared with the highlighted article text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .render import MIX_CATEGORIES

__all__ = [
    "sourcing_chart",
    "relation_graph",
    "timeline_chart",
    "month_chart",
    "stacked_column",
    "axis_labels",
    "period_label",
    "when_sort_key",
]


def _e(value: object) -> str:
    return str(escape("" if value is None else str(value)))


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def sourcing_chart(rows: Sequence[Mapping[str, Any]], *, link_prefix: str = "/outlets/") -> Markup:
    """Per outlet, a 100% stacked bar of its statements by source type, and under it a thin bar for the
    share relayed from another outlet (``via``), which cuts across the source types."""
    rows = [r for r in rows if int(r.get("statements") or 0) > 0]
    if not rows:
        return Markup('<p class="empty">No statements yet.</p>')
    label_w, bar_w, row_h = 120, 330, 34
    width = label_w + bar_w + 120
    out: list[str] = []
    x, y = 10.0, 6
    for _key, label, css in (*MIX_CATEGORIES, ("relayed", "relayed (via)", "relayed")):
        step = 14 + 7.2 * len(label) + 12
        if x + step > width:
            x, y = 10, y + 16
        out.append(f'<rect class="{css}" x="{x:.0f}" y="{y}" width="10" height="10"/>')
        out.append(f'<text class="legend" x="{x + 14:.0f}" y="{y + 9}">{_e(label)}</text>')
        x += step
    top = y + 22
    height = top + row_h * len(rows) + 6
    out.insert(
        0,
        f'<svg class="chart sourcing" role="img" viewBox="0 0 {width} {height}" width="100%"'
        f' preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="Sourcing mix by outlet">',
    )
    for r, row in enumerate(rows):
        y = top + r * row_h
        total = int(row.get("statements") or 0)
        outlet = str(row.get("outlet") or "(none)")
        name = f'<text class="label" x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(_short(outlet, 18))}</text>'
        href = link_prefix + quote(outlet, safe="")
        out.append(f'<a href="{_e(href)}">{name}</a>' if outlet != "(none)" else name)
        xpos = float(label_w)
        for key, label, css in MIX_CATEGORIES:
            n = int(row.get(key) or 0)
            if not n:
                continue
            w = bar_w * n / total
            out.append(
                f'<rect class="{css} seg" data-cat="{_e(key)}" x="{xpos:.1f}" y="{y + 3}" width="{w:.1f}"'
                f' height="16"><title>{_e(outlet)}: {n} of {total} statements from {_e(label)} sources'
                f" ({100 * n / total:.0f}%)</title></rect>"
            )
            xpos += w
        relayed = int(row.get("relayed") or 0)
        if relayed:
            w = bar_w * relayed / total
            out.append(
                f'<rect class="relayed seg" data-cat="relayed" x="{label_w}" y="{y + 22}" width="{w:.1f}" height="5">'
                f"<title>{_e(outlet)}: {relayed} of {total} statements relayed from another outlet"
                f" ({100 * relayed / total:.0f}%)</title></rect>"
            )
        anon = int(row.get("anonymous") or 0)
        out.append(
            f'<text class="count" x="{label_w + bar_w + 6}" y="{y + 14}">{total}'
            f'<tspan class="muted"> · {100 * anon / total:.0f}% anon.</tspan></text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def relation_graph(
    center: str,
    relations: Sequence[Mapping[str, Any]],
    *,
    href_for: Callable[[dict[str, Any]], str | None] | None = None,
    limit: int = 16,
) -> Markup:
    """The person in the middle and the people related to them in two columns, one row each, so no two
    labels can overlap: the name, and under it how they are related as read from the person's side
    (``relation_phrase``). ``relations`` are ``person_relations()``/``person()`` rows (``relation``, ``role``,
    ``other``, ``other_id``); at most ``limit`` people are drawn (the list beside the graph has them all)."""
    from .render import relation_phrase

    if not relations:
        return Markup('<p class="empty">No relations found.</p>')
    others: dict[str, dict[str, Any]] = {}
    for rel in relations:
        key = str(rel.get("other_id") or rel.get("other") or "?")
        node = others.setdefault(key, {"name": rel.get("other") or "?", "id": rel.get("other_id"), "labels": []})
        label = relation_phrase(str(rel.get("relation") or ""), str(rel.get("role") or "subject"))
        if label and label not in node["labels"]:
            node["labels"].append(label)
    nodes = list(others.values())[:limit]
    left, right = nodes[: (len(nodes) + 1) // 2], nodes[(len(nodes) + 1) // 2 :]
    row_h, top = 38, 16
    width = 560
    height = top * 2 + row_h * max(len(left), 1)
    cx, cy = width / 2, height / 2
    out = [
        f'<svg class="chart graph" role="img" viewBox="0 0 {width} {height}" width="100%"'
        f' preserveAspectRatio="xMidYMin meet" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="Relations of {_e(center)}">'
    ]
    placed = []
    for column, x, anchor, dx in ((left, 170.0, "end", -10), (right, 390.0, "start", 10)):
        offset = (len(left) - len(column)) * row_h / 2
        for k, node in enumerate(column):
            y = top + offset + row_h * k + row_h / 2 - 6
            placed.append((node, x, y, anchor, dx))
            out.append(f'<line class="edge" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
    out.append(f'<circle class="node center" cx="{cx:.1f}" cy="{cy:.1f}" r="9"><title>{_e(center)}</title></circle>')
    for node, x, y, anchor, dx in placed:
        tip = f"{_e(node['name'])}: {_e(', '.join(node['labels']))}"
        circle = f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{tip}</title></circle>'
        label = (
            f'<text class="node-label" x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{_e(_short(node['name'], 22))}</text>"
            f'<text class="edge-label" x="{x + dx:.1f}" y="{y + 17:.1f}" text-anchor="{anchor}">'
            f"{_e(_short(', '.join(node['labels']), 26))}</text>"
        )
        href = href_for(node) if href_for else None
        out.append(f'<a href="{_e(href)}">{circle}{label}</a>' if href else circle + label)
    out.append("</svg>")
    return Markup("".join(out))


def stacked_column(
    x: float, base: float, width: float, scale: float, parts: Sequence[tuple[int, str, str]]
) -> list[str]:
    """The ``<rect>`` pieces of one column standing on ``base``: ``parts`` are (count, attributes, tooltip)
    from the bottom up, each ``count * scale`` pixels high; empty parts are skipped. Tooltips are escaped."""
    out = []
    for n, attrs, tip in parts:
        if n <= 0:
            continue
        h = n * scale
        base -= h
        out.append(
            f'<rect {attrs} x="{x:.1f}" y="{base:.1f}" width="{width}" height="{h:.1f}"><title>{_e(tip)}</title></rect>'
        )
    return out


def month_chart(months: Sequence[Mapping[str, Any]]) -> Markup:
    """One column per timeline row of ``person_profile()["months"]`` (``YYYY-MM``, or ``YYYY`` for values
    that name only a year), statements stacked on events; only rows that have something are drawn."""
    rows = [m for m in months if (m.get("statements") or 0) + (m.get("events") or 0) > 0]
    if not rows:
        return Markup("")
    step, bar, pad, plot_h = 32, 22, 34, 110
    width = max(320, pad + step * len(rows) + 10)
    height = plot_h + 58
    peak = max((m.get("statements") or 0) + (m.get("events") or 0) for m in rows)
    out = [
        f'<svg class="chart months" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="Statements and events by month" aria-describedby="months-table">',
        f'<text class="muted" x="2" y="12">{peak}</text>',
        f'<line class="axis" x1="{pad - 4}" y1="{plot_h + 14}" x2="{width - 4}" y2="{plot_h + 14}"/>',
    ]
    keys = [str(m.get("month") or "") for m in rows]
    for k, (key, m) in enumerate(zip(keys, rows)):
        out += stacked_column(
            pad + step * k,
            plot_h + 14,
            bar,
            plot_h / peak,
            [
                (int(m.get(part) or 0), f'class="{css}"', f"{key}: {int(m.get(part) or 0)} {part}")
                for part, css in (("statements", "bar-statements"), ("events", "bar-events"))
            ],
        )
    out += axis_labels(keys, lambda k: pad + step * k + bar / 2, plot_h + 28)
    out.append("</svg>")
    return Markup("".join(out))


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(period: str) -> tuple[str, str]:
    """(short label, year) of a ``YYYY-MM`` month, a ``YYYY-Www`` week or a ``YYYY`` year: ``("Sep", "2016")``,
    ``("W36", "2016")``, ``("year", "1995")``; anything else is its own label."""
    year, _, rest = period.partition("-")
    if rest.isdigit() and 1 <= int(rest) <= 12:
        return _MONTH_ABBR[int(rest) - 1], year
    if rest.startswith("W"):
        return rest, year
    if not rest and len(year) == 4 and year.isdigit():
        return "year", year
    return period, ""


def axis_labels(periods: Sequence[str], x_of: Callable[[int], float], y: float, every: int = 1) -> list[str]:
    """Labels under columns: each ``every``-th period's short label, and the year where it changes."""
    out = []
    last_year = ""
    for k, p in enumerate(periods):
        short, year = period_label(p)
        if k % every == 0:
            out.append(
                f'<text class="tick-label" x="{x_of(k):.1f}" y="{y:.1f}" text-anchor="middle">{_e(short)}</text>'
            )
        if year != last_year:
            out.append(
                f'<text class="tick-label muted" x="{x_of(k):.1f}" y="{y + 14:.1f}" text-anchor="middle">'
                f"{_e(year)}</text>"
            )
            last_year = year
    return out


_YEAR = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def when_sort_key(when: str | None) -> tuple[int, str]:
    """Sort TIMEX3-like values (``2022``, ``2024-10``, ``2024-10-26``, ``PRESENT_REF``...) by time."""
    if not when:
        return (1, "")
    m = _YEAR.match(when)
    return (0, when) if m else (1, when)


def _fraction(when: str) -> float | None:
    m = _YEAR.match(when or "")
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2) or 6)
    day = int(m.group(3) or 15)
    return year + (month - 1) / 12 + (day - 1) / 365


def timeline_chart(items: Sequence[Mapping[str, Any]]) -> Markup:
    """A horizontal time axis with one dot per dated item (items without a usable date are left off)."""
    dated = [(f, it) for it in items if (f := _fraction(str(it.get("when") or ""))) is not None]
    if len(dated) < 1:
        return Markup("")
    lo = min(f for f, _ in dated)
    hi = max(f for f, _ in dated)
    if hi - lo < 1:
        lo, hi = lo - 0.5, hi + 0.5
    width, height, pad = 640, 70, 30
    span = hi - lo

    def xpos(f: float) -> float:
        return pad + (width - 2 * pad) * (f - lo) / span

    out = [
        f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        ' xmlns="http://www.w3.org/2000/svg" aria-label="Timeline">',
        f'<line class="axis" x1="{pad}" y1="35" x2="{width - pad}" y2="35"/>',
    ]
    for year in range(math.ceil(lo), math.floor(hi) + 1):
        x = xpos(year)
        out.append(f'<line class="tick" x1="{x:.1f}" y1="31" x2="{x:.1f}" y2="39"/>')
        out.append(f'<text class="tick-label" x="{x:.1f}" y="56" text-anchor="middle">{year}</text>')
    few = len(dated) <= 8
    for k, (f, it) in enumerate(sorted(dated, key=lambda d: d[0])):
        if few:
            out.append(
                f'<text class="dot-label" x="{xpos(f):.1f}" y="{20 - 8 * (k % 2)}" text-anchor="middle">'
                f"{_e(it.get('when'))}</text>"
            )
        out.append(
            f'<circle class="dot" cx="{xpos(f):.1f}" cy="35" r="5">'
            f"<title>{_e(it.get('when'))}: {_e(_short(str(it.get('what') or ''), 120))}</title></circle>"
        )
    out.append("</svg>")
    return Markup("".join(out))
