"""Small inline-SVG charts drawn on the server (no chart library, no CDN, no JavaScript needed).

Every label is escaped; colours come from CSS classes (``st-*``) shared with the highlighted article text.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Sequence

from markupsafe import Markup, escape

from .render import MIX_CATEGORIES

__all__ = ["sourcing_chart", "relation_graph", "timeline_chart", "when_sort_key"]


def _e(value: object) -> str:
    return str(escape("" if value is None else str(value)))


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def sourcing_chart(rows: Sequence[Mapping[str, Any]], *, link_prefix: str = "/articles?outlet=") -> Markup:
    """Per outlet, a 100% stacked bar of its statements by source type, and under it a thin bar for the
    share relayed from another outlet (``via``), which cuts across the source types."""
    rows = [r for r in rows if int(r.get("statements") or 0) > 0]
    if not rows:
        return Markup('<p class="empty">No statements yet.</p>')
    label_w, bar_w, row_h = 120, 330, 34
    width = label_w + bar_w + 120
    out: list[str] = []
    x, y = 10, 6
    for key, label, css in (*MIX_CATEGORIES, ("relayed", "relayed (via)", "relayed")):
        step = 14 + 7.2 * len(label) + 12
        if x + step > width:
            x, y = 10, y + 16
        out.append(f'<rect class="{css}" x="{x:.0f}" y="{y}" width="10" height="10"/>')
        out.append(f'<text class="legend" x="{x + 14:.0f}" y="{y + 9}">{_e(label)}</text>')
        x += step
    top = y + 22
    height = top + row_h * len(rows) + 6
    out.insert(0, f'<svg class="chart sourcing" role="img" viewBox="0 0 {width} {height}" width="100%"'
                  f' preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"'
                  f' aria-label="Sourcing mix by outlet">')
    for r, row in enumerate(rows):
        y = top + r * row_h
        total = int(row.get("statements") or 0)
        outlet = str(row.get("outlet") or "(none)")
        name = f'<text class="label" x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(_short(outlet, 18))}</text>'
        out.append(f'<a href="{_e(link_prefix + outlet)}">{name}</a>' if outlet != "(none)" else name)
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


def relation_graph(center: str, relations: Sequence[Mapping[str, Any]], *, href_for=None) -> Markup:
    """The person in the middle, each related entity on a circle around, edges labelled with the relation."""
    if not relations:
        return Markup('<p class="empty">No relations found.</p>')
    others: dict[str, dict[str, Any]] = {}
    for rel in relations:
        key = str(rel.get("other_id") or rel.get("other") or "?")
        node = others.setdefault(key, {"name": rel.get("other") or "?", "id": rel.get("other_id"), "labels": []})
        label = str(rel.get("relation") or "")
        if label and label not in node["labels"]:
            node["labels"].append(label)
    nodes = list(others.values())[:16]
    size, radius = 440, 150
    cx = cy = size / 2
    out = [
        f'<svg class="chart graph" role="img" viewBox="0 0 {size} {size}" width="{size}" height="{size}"'
        f' xmlns="http://www.w3.org/2000/svg" aria-label="Relations of {_e(center)}">'
    ]
    placed = []
    for k, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * k / len(nodes)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        placed.append((node, x, y))
        out.append(f'<line class="edge" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
        mx, my = (cx + x) / 2, (cy + y) / 2
        out.append(
            f'<text class="edge-label" x="{mx:.1f}" y="{my - 3:.1f}" text-anchor="middle">'
            f'{_e(_short(", ".join(node["labels"]), 28))}</text>'
        )
    out.append(f'<circle class="node center" cx="{cx:.1f}" cy="{cy:.1f}" r="9"/>')
    out.append(f'<text class="node-label center" x="{cx:.1f}" y="{cy + 24:.1f}" text-anchor="middle">{_e(_short(center, 26))}</text>')
    for node, x, y in placed:
        anchor = "middle"
        ty = y + 22 if y >= cy else y - 12
        circle = f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="7"><title>{_e(node["name"])}</title></circle>'
        label = f'<text class="node-label" x="{x:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{_e(_short(node["name"], 24))}</text>'
        href = href_for(node) if href_for else None
        out.append(f'<a href="{_e(href)}">{circle}{label}</a>' if href else circle + label)
    out.append("</svg>")
    return Markup("".join(out))


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
            out.append(f'<text class="dot-label" x="{xpos(f):.1f}" y="{20 - 8 * (k % 2)}" text-anchor="middle">'
                       f'{_e(it.get("when"))}</text>')
        out.append(
            f'<circle class="dot" cx="{xpos(f):.1f}" cy="35" r="5">'
            f'<title>{_e(it.get("when"))}: {_e(_short(str(it.get("what") or ""), 120))}</title></circle>'
        )
    out.append("</svg>")
    return Markup("".join(out))
