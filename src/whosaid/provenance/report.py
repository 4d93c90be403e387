"""What a cluster tells a fact-checker: who had the statement first, who relayed it, how its words drifted,
and whether everyone names the same speaker.

:func:`summarize` works on the stored member rows (words, speaker key, date, outlet, via) and gives the
figures the store keeps per cluster; :func:`cluster_report` adds, for display, each member's own text
with the changed words located in its article (offsets), as the CLI and the web page show them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .align import MatchParams, diff_ops, same_text
from .speakers import compatible
from .text import QUOTED_KINDS, compared_tokens, content_parts, parse_words, quoted_pair

__all__ = ["Summary", "order_key", "summarize", "cluster_report", "same_occurrence"]


def order_key(m: Mapping[str, Any]) -> tuple[Any, ...]:
    """Earliest first: article date (undated last), then when it was said, then article id and position."""
    return (
        m.get("date") is None,
        m.get("date") or "",
        m.get("said_at") or "",
        m.get("article_id") or "",
        m.get("idx") or 0,
        m.get("statement_id") or 0,
    )


@dataclass
class Summary:
    """A cluster's members in order of appearance and what stands out among them."""

    members: list[Mapping[str, Any]]
    speaker: str | None  # the key most members name
    echoes: dict[int, int] = field(default_factory=dict)  # statement id -> the member it is one occurrence with
    references: dict[int, int] = field(default_factory=dict)  # statement id -> the version it is compared to
    diffs: dict[int, list[Any]] = field(default_factory=dict)  # statement id -> DiffOps against its reference
    variants: set[int] = field(default_factory=set)
    conflicts: set[int] = field(default_factory=set)

    @property
    def first(self) -> Mapping[str, Any]:
        return self.members[0]

    @property
    def occurrences(self) -> list[Mapping[str, Any]]:
        """The members but the echoes: each appearance of the words once."""
        return [m for m in self.members if m["statement_id"] not in self.echoes]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(m["outlet"] for m in self.members if m.get("outlet")))

    def as_row(self) -> dict[str, Any]:
        """The figures the store keeps for the cluster (``size`` counts occurrences)."""
        dates = [m["date"] for m in self.members if m.get("date")]
        return {
            "size": len(self.occurrences),
            "n_articles": len({m["article_id"] for m in self.members}),
            "n_outlets": len(self.outlets),
            "n_variants": len(self.variants),
            "n_relayed": sum(1 for m in self.occurrences if m.get("via")),
            "speaker_conflict": bool(self.conflicts),
            "first_statement": self.first["statement_id"],
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "outlets": self.outlets,
        }

    def flags(self) -> list[tuple[int, bool, bool]]:
        return [
            (m["statement_id"], m["statement_id"] in self.variants, m["statement_id"] in self.conflicts)
            for m in self.members
        ]


def same_occurrence(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two statements of one article whose contents overlap are one occurrence of the words (an attribution
    nested in another), never two appearances of a statement."""
    if a.get("article_id") != b.get("article_id"):
        return False
    sa, ea, sb, eb = (a.get("content_start"), a.get("content_end"), b.get("content_start"), b.get("content_end"))
    if sa is None or ea is None or sb is None or eb is None:
        return False
    return min(ea, eb) > max(sa, sb)


def _main_speaker(members: Sequence[Mapping[str, Any]]) -> str | None:
    """The key most members agree with (a surname agrees with the full name; ties go to the earliest).
    People first: an organization key agrees with every person, so it only leads where no person is named."""
    keys: list[str] = [m["speaker_key"] for m in members if m.get("speaker_key")]
    people = [k for k in keys if not k.startswith("org:")]
    keys = people or keys
    if not keys:
        return None
    counts = Counter(keys)
    support = {k: sum(n for other, n in counts.items() if compatible(k, other)) for k in counts}
    return max(keys, key=lambda k: (support[k], counts[k], -keys.index(k)))


def summarize(members: Sequence[Mapping[str, Any]], params: MatchParams | None = None) -> Summary:
    """Order the members, pick each one's reference version (the earliest that shares its words), diff
    them word by word, and flag variants and speaker conflicts."""
    ordered = sorted(members, key=order_key)
    out = Summary(members=ordered, speaker=_main_speaker(ordered))
    parsed = {m["statement_id"]: parse_words(m.get("words") or "") for m in ordered}
    for i, m in enumerate(ordered):
        sid = m["statement_id"]
        echo = next((e for e in ordered[:i] if e["statement_id"] not in out.echoes and same_occurrence(e, m)), None)
        if echo is not None:  # a nested attribution of the same words in the same article ("..., X said, Y reported")
            out.echoes[sid] = echo["statement_id"]
            continue
        if out.speaker and not compatible(out.speaker, m.get("speaker_key")):
            out.conflicts.add(sid)
        if i == 0:
            continue
        words, marks = parsed[sid]
        ref = _reference(ordered[:i], words, m.get("kind"), parsed, params)
        if ref is None:
            continue
        rid = ref["statement_id"]
        ref_words, ref_marks = parsed[rid]
        ops = diff_ops(ref_words, words, a_marks=ref_marks, b_marks=marks)
        out.references[sid] = rid
        out.diffs[sid] = ops
        if any(op.change for op in ops):
            out.variants.add(sid)
    return out


def _reference(
    earlier: Sequence[Mapping[str, Any]],
    words: list[str],
    kind: str | None,
    parsed: Mapping[int, tuple[list[str], dict[int, str]]],
    params: MatchParams | None,
) -> Mapping[str, Any] | None:
    """The earliest member whose words line up with ``words`` (the first one, if it does)."""
    for m in earlier:
        other = parsed[m["statement_id"]][0]
        if same_text(other, words, params, quoted=quoted_pair(m, {"kind": kind})):
            return m
    return None


# -- display ------------------------------------------------------------------------------------------------------
def _marked_text(m: Mapping[str, Any], changed: Sequence[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The member's content as pieces ``{"text", "changed", "was"}`` (article offsets ``start``/``end``),
    fragments joined with " … "."""
    content, base = m.get("content") or "", m.get("content_start") or 0
    pieces: list[dict[str, Any]] = []
    for n, (s, e) in enumerate(content_parts(m)):
        if n:
            pieces.append({"text": " … ", "changed": False, "start": None, "end": None})
        pos = s
        for cs, ce, was in changed:
            if ce <= s or cs >= e:
                continue
            cs, ce = max(cs, s), min(ce, e)
            if cs > pos:
                pieces.append({"text": content[pos - base : cs - base], "changed": False, "start": pos, "end": cs})
            pieces.append({"text": content[cs - base : ce - base], "changed": True, "was": was, "start": cs, "end": ce})
            pos = ce
        if e > pos:
            pieces.append({"text": content[pos - base : e - base], "changed": False, "start": pos, "end": e})
    return pieces


def cluster_report(
    summary: Summary, full: Mapping[int, Mapping[str, Any]], cluster: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A JSON-ready report of a cluster: ``full`` maps statement ids to their full rows
    (``Store.cluster_members``: content, fragments, speaker, via, ...)."""
    members = []
    echoes: dict[int, list[int]] = {}
    for sid, primary in summary.echoes.items():
        echoes.setdefault(primary, []).append(sid)
    for rank, m in enumerate(summary.occurrences):
        sid = m["statement_id"]
        row = dict(full.get(sid, m))
        words, _ = parse_words(m.get("words") or "")
        tokens = [t for t in compared_tokens(row) if t.kind == "word"]
        ref = summary.references.get(sid)
        ref_words = (
            parse_words(next((x.get("words") or "" for x in summary.members if x["statement_id"] == ref), ""))[0]
            if ref is not None
            else []
        )
        changes, located = [], []
        for op in summary.diffs.get(sid, []):
            if op.op == "equal":
                continue
            was = " ".join(ref_words[op.a_start : op.a_end])
            now = " ".join(words[op.b_start : op.b_end])
            changes.append({"op": op.op, "was": was, "now": now})
            if op.change and op.b_end > op.b_start and op.b_end <= len(tokens):
                located.append((tokens[op.b_start].start, tokens[op.b_end - 1].end, was))
            elif op.change and op.b_end == op.b_start and 0 < op.b_start <= len(tokens):
                t = tokens[op.b_start - 1]  # words left out: mark the word before the gap
                located.append((t.start, t.end, f"{was} (left out after this)"))
        members.append(
            {
                "rank": rank + 1,
                "statement_id": sid,
                "article_id": row.get("article_id"),
                "title": row.get("title"),
                "date": row.get("date"),
                "said_at": row.get("said_at"),
                "outlet": row.get("outlet"),
                "via": row.get("via"),
                "kind": row.get("kind"),
                "speaker": row.get("speaker"),
                "speaker_id": row.get("speaker_id"),
                "source_type": row.get("source_type"),
                "content": row.get("content"),
                "content_start": row.get("content_start"),
                "content_end": row.get("content_end"),
                "duplicate_of": row.get("duplicate_of"),
                "first": rank == 0,
                "reference": ref,
                "variant": sid in summary.variants,
                "possible_misquote": sid in summary.variants and row.get("kind") in QUOTED_KINDS,
                "speaker_conflict": sid in summary.conflicts,
                "changes": changes,
                "marked": _marked_text(row, sorted(located)),
                "also_extracted_as": [
                    {
                        "statement_id": e,
                        "speaker": (full.get(e) or {}).get("speaker"),
                        "kind": (full.get(e) or {}).get("kind"),
                    }
                    for e in echoes.get(sid, [])
                ],
            }
        )
    head = summary.as_row()
    first = members[0] if members else {}
    return {
        "cluster_id": (cluster or {}).get(
            "cluster_id", (full.get(summary.first["statement_id"]) or {}).get("cluster_id")
        ),
        **head,
        "speaker": first.get("speaker"),
        "main_speaker_key": summary.speaker,
        "first": {k: first.get(k) for k in ("statement_id", "article_id", "date", "outlet", "speaker", "content")},
        "relayed": [
            {"statement_id": m["statement_id"], "article_id": m["article_id"], "outlet": m["outlet"], "via": m["via"]}
            for m in members
            if m["via"]
        ],
        "members": members,
    }
