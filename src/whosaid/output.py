"""Writers for analyses (JSON Lines, pretty JSON, a human-readable text view), and the two guards for text
that comes from articles: :func:`visible` for terminals and :func:`csv_cell` for spreadsheets.

Article text is data, never instructions: what reaches a terminal has its control characters (ANSI escape
sequences, backspaces, bidirectional overrides, ...) written out as visible escapes such as ``\x1b``, so a
stored article cannot move the cursor, recolour or hide text, or retitle the window; table cells are printed
as plain text (no rich markup such as ``[/b]`` or ``[link=...]`` is interpreted). In CSV output a text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as OWASP
advises against CSV (formula) injection: a spreadsheet shows ``'=HYPERLINK(...)`` as text instead of running
it. JSON output is left as it is (programs read it; ``json`` escapes control characters).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

from .model import Analysis

__all__ = ["FORMATS", "to_json_line", "write_analyses", "render_text", "visible", "csv_cell", "CSV_FORMULA_PREFIXES"]

FORMATS = ("jsonl", "json", "text")

# C0 controls (tab and newline included: output lines stay single lines), DEL, C1 controls, and the
# bidirectional formatting characters that can reorder what a terminal shows ("Trojan Source").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\x1b``, ``\u202e``)."""
    return _CONTROL.sub(_escape, text)


def csv_cell(value: Any) -> Any:
    """A CSV cell neutralised against formula injection (OWASP): text that starts with ``= + - @``, a tab or
    a carriage return gets a leading ``'``. Numbers and other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES):
        return "'" + value
    return value


def to_json_line(analysis: Analysis, *, include_text: bool = False) -> str:
    """One analysis as one JSON line (the output contract of docs/output.md)."""
    return json.dumps(analysis.to_dict(include_text=include_text), ensure_ascii=False)


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_text(analysis: Analysis) -> str:
    """Each statement with its speaker, source type and cue; then entities, relations and times."""
    art = analysis.article
    lines = [
        f"== {art.id}" + (f" ({art.date.isoformat()})" if art.date else "") + (f" {art.title}" if art.title else "")
    ]
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
    return "\n".join(visible(line) for line in lines)


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
