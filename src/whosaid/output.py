"""Writers for analyses: JSON Lines, pretty JSON, and a human-readable text view."""

from __future__ import annotations

import json
from typing import IO, Iterable

from .model import Analysis

__all__ = ["FORMATS", "to_json_line", "write_analyses", "render_text"]

FORMATS = ("jsonl", "json", "text")


def to_json_line(analysis: Analysis, *, include_text: bool = False) -> str:
    """One analysis as one JSON line (the output contract of docs/output.md)."""
    return json.dumps(analysis.to_dict(include_text=include_text), ensure_ascii=False)


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_text(analysis: Analysis) -> str:
    """Each statement with its speaker, source type and cue; then entities, relations and times."""
    art = analysis.article
    lines = [f"== {art.id}" + (f" ({art.date.isoformat()})" if art.date else "") + (f" {art.title}" if art.title else "")]
    for i, a in enumerate(analysis.attributions, 1):
        who = a.speaker or (a.source_description or (a.source.text if a.source else None)) or "(no source)"
        extra = []
        if a.via:
            extra.append(f"via {a.via}")
        if a.said_at:
            extra.append(f"said {a.said_at}")
        head = f"{i:>3}. [{a.kind}] {who} <{a.source_type}>"
        if a.cue:
            head += f" — cue: {a.cue.text!r}"
        if extra:
            head += " (" + ", ".join(extra) + ")"
        lines.append(head)
        if a.content:
            words = " … ".join(analysis.article.text[s:e] for s, e in a.content.parts)
            lines.append(f"     “{_short(words)}”")
    if analysis.entities:
        people = [f"{e.name} <{e.type}, {len(e.mentions)}>" for e in analysis.entities]
        lines.append("   entities: " + "; ".join(people))
    for r in analysis.relations:
        lines.append(f"   relation: {r.subject} {r.relation} {r.object} — {_short(r.evidence.text, 80)!r}")
    if analysis.times:
        lines.append("   times: " + "; ".join(f"{t.text!r}={t.value}" for t in analysis.times))
    for w in analysis.warnings:
        lines.append(f"   warning: {w}")
    return "\n".join(lines)


def write_analyses(analyses: Iterable[Analysis], out: IO[str], fmt: str, *, include_text: bool = False) -> int:
    """Write analyses in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "json":
        items = []
        for a in analyses:
            items.append(a.to_dict(include_text=include_text))
            n += 1
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return n
    for a in analyses:
        if fmt == "jsonl":
            out.write(to_json_line(a, include_text=include_text) + "\n")
        else:
            out.write(render_text(a) + "\n\n")
        out.flush()
        n += 1
    return n
