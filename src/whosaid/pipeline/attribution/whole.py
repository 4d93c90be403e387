"""Whole records: every attribution the stage outputs has a content of its own, and no two share one (issue 13).

The proposers (the rules, the tagger, their merge) can leave a cue and a source without a content, give two
cues the same content, or put a statement's own frame inside its content. :func:`whole_records` runs last in
the attribution stage, in every mode, and makes the guarantees of docs/output.md hold:

1. **No content holds its own cue or source.** The frame is cut out: a quotation split around its frame
   becomes one content in fragments (``"A," X said. "B."``); a frame at the edge of the content is trimmed
   off. A source inside the content while the cue is outside it is the tagger's mistake (a name inside the
   quoted words) and is dropped.
2. **No two records share a content.** Of the records with the same content, the one whose cue governs it is
   kept (the cue in the content's sentence, nearest, with a source); the others look for a content of their
   own (3.) and are left out when they find none. The same statement (contents sharing at least half their
   words) with one source under two cues is one record too.
3. **A record without a content gets one or is not output:** the quotation its frame introduces
   (``she wrote, "..."``, ``"...," she wrote``), else the clause or object its cue governs in the parse
   (``RuleAttributor.content_of_cue``), else nothing. A content found so must not be another record's.
4. **One sentence is one statement:** two contents of one source in one sentence, apart only by a comma (and
   a conjunction), are joined; and one cue is one statement: of two records with the same cue, the one with
   the better content is kept (PolNeAR never gives two attributions one cue or one content).
5. **Someone said it:** a record has a cue or a source, or continues a record that has (a quotation that opens
   the next paragraph); a continuation whose statement is left out goes with it.

``content_from`` on each draft says where its content came from (``proposer``, ``weak`` from the tagger under
its threshold, ``quote``, ``parse``): a signal for the confidence calibration (calibration.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...model import Span
from ..lexicon import QUOTE_MARKS
from ..spanindex import SpanIndex
from ..state import DraftAttribution, QuoteSpan
from ..syntax import trim
from .boundaries import is_sentence_end
from .merge import content_index, same_statement
from .tagger import attribution_kind

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleAttributor

__all__ = ["whole_records", "RecordPolicy", "DEFAULT_RECORDS", "frame_out", "content_holds_frame", "selected"]

_WORD = re.compile(r"\w")
_EDGE = " \t\r\n,;:—–-" + QUOTE_MARKS  # trimmed off the pieces left when a frame is cut out (a final period stays)
_AFTER_FRAME = re.compile(r"[ \t\xa0]*[,:—–-]?[ \t\xa0]*")
_BEFORE_FRAME = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*")
_JOIN = re.compile(r"[ \t\xa0]*[,;][ \t\xa0]*(?:(?:and|but|or)[ \t\xa0]+)?")


@dataclass(frozen=True)
class RecordPolicy:
    """Tuned constants of the whole-record pass (measured on PolNeAR dev, docs/bench-attribution.md)."""

    min_quote_words: int = 4
    """A quotation a frame introduces needs this many words to be its content (as ``RuleSettings``)."""
    same_statement: float = 0.5
    """Contents sharing at least this share of their words, with one source, are one statement."""
    rescue: tuple[str, ...] = ("quote", "parse")
    """Where a record without a content looks for one, in order (an ablation switch)."""
    need_frame: bool = True
    """A record needs a cue or a source, unless it continues another record's quotation (guarantee 5)."""
    parse_source: bool = True
    """A record with a cue and no source takes the subject of its cue in the parse, when there is one."""


DEFAULT_RECORDS = RecordPolicy()


def _pair(span: Span | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def _inside(span: Span | None, content: Span) -> bool:
    """Whether ``span`` overlaps one of the content's pieces."""
    return span is not None and any(s < span.end and span.start < e for s, e in content.parts)


def content_holds_frame(d: DraftAttribution) -> bool:
    """Whether the content of ``d`` overlaps its own cue or source (what :func:`frame_out` removes)."""
    return d.content is not None and (_inside(d.cue, d.content) or _inside(d.source, d.content))


def _cut(text: str, content: Span, hole: tuple[int, int]) -> list[tuple[int, int]]:
    """The content's pieces without ``hole``, trimmed of spaces, punctuation and quote marks; wordless pieces
    are left out."""
    out: list[tuple[int, int]] = []
    for s, e in content.parts:
        for ps, pe in ((s, min(e, hole[0])), (max(s, hole[1]), e)) if s < hole[1] and hole[0] < e else ((s, e),):
            ps, pe = trim(text, ps, pe, _EDGE)
            ps = trim(text, ps, pe, _EDGE + ".")[0]
            if pe > ps and _WORD.search(text[ps:pe]):
                out.append((ps, pe))
    return out


def frame_out(text: str, d: DraftAttribution) -> DraftAttribution:
    """``d`` with its own cue and source out of its content (guarantee 1); the content may become None."""
    c = d.content
    if c is None or not content_holds_frame(d):
        return d
    cue_in, source_in = _inside(d.cue, c), _inside(d.source, c)
    if source_in and not cue_in and d.cue is not None:
        return replace(d, source=None, source_head=None)  # a name inside the statement is not its source
    parts = [x for x in (d.cue if cue_in else None, d.source if source_in else None) if x is not None]
    hole = (min(x.start for x in parts), max(x.end for x in parts))
    pieces = _cut(text, c, hole)
    content = Span.of_fragments(text, pieces) if pieces else None
    kind = (
        attribution_kind(text, _pair(content), _pair(d.cue))
        if content is not None and d.kind != "according_to"
        else d.kind
    )
    return replace(d, content=content, kind=kind)


def _same_sentence(text: str, a: Span, b: Span) -> bool:
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return not any(is_sentence_end(text, i) for i in range(lo, hi))


def _governs(text: str, d: DraftAttribution) -> tuple[float, ...]:
    """How well the cue of ``d`` governs its content: the higher, the likelier it is the statement's own."""
    c, cue = d.content, d.cue
    if c is None or cue is None:
        return (0.0, 0.0, float(d.source is not None), d.confidence)
    gap = max(0, max(c.start, cue.start) - min(c.end, cue.end))
    return (float(_same_sentence(text, cue, c)), -float(gap), float(d.source is not None), d.confidence)


_FROM_RANK = {"proposer": 3, "quote": 2, "weak": 1, "parse": 0}


def _rank(text: str, d: DraftAttribution) -> tuple[float, ...]:
    """Which of two records that are one statement to keep: a content a proposer gave beats a quotation found for
    it, a doubtful one, a parsed one; then the cue that governs its content best."""
    return (float(_FROM_RANK.get(d.content_from, 0)), *_governs(text, d))


def _quote_after_frame(
    text: str, d: DraftAttribution, quotes: Sequence[QuoteSpan], policy: RecordPolicy
) -> Span | None:
    """The quotation the frame of ``d`` introduces (``she wrote, "..."``) or closes (``"...," she wrote``)."""
    frame = [x for x in (d.cue, d.source) if x is not None]
    if not frame:
        return None
    fs, fe = min(x.start for x in frame), max(x.end for x in frame)
    for q in quotes:
        if len(text[q.inner_start : q.inner_end].split()) < policy.min_quote_words:
            continue
        after = q.start >= fe and _AFTER_FRAME.fullmatch(text, fe, q.start) is not None
        before = (
            q.end <= fs
            and _BEFORE_FRAME.fullmatch(text, q.end, fs) is not None
            and text[q.inner_end - 1 : q.inner_end] in ",?!—–-"
        )
        if after or before:
            s, e = trim(text, q.inner_start, q.inner_end, _EDGE)
            if e > s:
                return Span.of(text, s, e)
    return None


def _rescue(
    text: str, d: DraftAttribution, quotes: Sequence[QuoteSpan], parse: RuleAttributor | None, policy: RecordPolicy
) -> DraftAttribution:
    """``d`` with a content of its own (guarantee 3), or unchanged (still without one)."""
    for how in policy.rescue:
        content = None
        if how == "quote":
            content = _quote_after_frame(text, d, quotes, policy)
        elif how == "parse" and parse is not None and d.cue is not None:
            content = parse.content_of_cue(d.cue)
        if content is None:
            continue
        found = frame_out(text, replace(d, content=content, content_from=how))
        if found.content is not None:
            kind = (
                "direct"
                if how == "quote"
                else d.kind
                if d.kind == "according_to"
                else attribution_kind(text, _pair(found.content), _pair(d.cue))
            )
            return replace(found, kind=kind)
    return d


def _with_source(d: DraftAttribution, parse: RuleAttributor | None, policy: RecordPolicy) -> DraftAttribution:
    """``d`` with the parse's subject of its cue as source, where it has a cue and no source."""
    if not policy.parse_source or parse is None or d.source is not None or d.cue is None or d.continues is not None:
        return d
    source = parse.source_of_cue(d.cue)
    if source is None or source.overlaps(d.cue) or (d.content is not None and _inside(source, d.content)):
        return d
    return replace(d, source=source)


def _distinct(
    text: str,
    drafts: list[DraftAttribution],
    policy: RecordPolicy,
) -> tuple[list[DraftAttribution], dict[str, str]]:
    """Guarantee 2: one record per content. Returns the drafts (losers without content, to be rescued) and a map
    from the id of each loser to its winner's."""
    winner_of: dict[str, str] = {}
    by_content: dict[tuple[int, int], int] = {}
    out = list(drafts)
    for i, d in enumerate(drafts):
        if d.content is None:
            continue
        key = (d.content.start, d.content.end)
        j = by_content.get(key)
        if j is None:
            by_content[key] = i
            continue
        keep, lose = (i, j) if _rank(text, d) > _rank(text, out[j]) else (j, i)
        by_content[key] = keep
        winner_of[out[lose].id] = out[keep].id
        out[lose] = replace(out[lose], content=None)
    return out, winner_of


def _same_source(a: DraftAttribution, b: DraftAttribution) -> bool:
    if a.source is None or b.source is None:
        return a.source is None and b.source is None
    return a.source.overlaps(b.source)


def _one_statement(
    text: str, drafts: list[DraftAttribution], policy: RecordPolicy, winner_of: dict[str, str]
) -> list[DraftAttribution]:
    """Guarantees 2 (the same statement under two cues) and 4 (a sentence split at a comma).

    Each record is compared with the later records whose content can overlap or join its own (:func:`_reach`),
    found by position, not with every later record: a long article costs what its parts cost.
    """
    out = list(drafts)
    gone: set[int] = set()
    index = content_index(out)
    changed: set[int] = set()  # records whose content a join widened: the index has their old content
    for i, a in enumerate(out):
        todo = _later_near(text, index, changed, i, a)
        while todo:
            j = todo.pop()
            b = out[j]
            if i in gone or j in gone or a.content is None or b.content is None or not _same_source(a, b):
                continue
            if same_statement(a.content, b.content, policy.same_statement):
                keep, lose = (i, j) if _rank(text, a) >= _rank(text, b) else (j, i)
                gone.add(lose)
                winner_of[out[lose].id] = out[keep].id
                a = out[i]
                continue
            first, second = (a, b) if a.content is not None and a.content.end <= b.content.start else (b, a)
            c1, c2 = first.content, second.content
            if (
                c1 is None
                or c2 is None
                or c1.end > c2.start
                or first.cue is None
                or second.cue is None
                or _pair(first.cue) != _pair(second.cue)
            ):
                continue
            if _JOIN.fullmatch(text, c1.end, c2.start) is None or not _same_sentence(text, c1, c2):
                continue
            joined = Span.of_fragments(text, [*c1.parts, *c2.parts, (c1.end, c2.start)])
            keep, lose = (i, j) if first is a else (j, i)
            out[keep] = replace(out[keep], content=joined)
            changed.add(keep)
            gone.add(lose)
            winner_of[out[lose].id] = out[keep].id
            a = out[i]
            if keep == i:  # a wider content reaches further: look again at the records after j
                todo = [k for k in _later_near(text, index, changed, i, a) if k > j]
    return [d for k, d in enumerate(out) if k not in gone]


_JOIN_CHARS = frozenset(" \t\xa0,;andbutor")  # every character _JOIN can match


def _reach(text: str, start: int, end: int) -> tuple[int, int]:
    """How far before ``start`` and after ``end`` a content next to ``[start, end)`` can lie and still join it:
    the gap between two joined contents matches ``_JOIN``, so it holds only ``_JOIN_CHARS``."""
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in _JOIN_CHARS:
        lo -= 1
    while hi < len(text) and text[hi] in _JOIN_CHARS:
        hi += 1
    return lo, hi


def _later_near(text: str, index: SpanIndex, changed: set[int], i: int, a: DraftAttribution) -> list[int]:
    """The records after ``i`` whose content can overlap or join the content of ``a``, last first (a stack):
    those within its reach by their indexed content, and every record whose content a join changed."""
    if a.content is None:
        return []
    near = set(index.near(_reach(text, a.content.start, a.content.end))) | changed
    return sorted((k for k in near if k > i), reverse=True)


def _one_cue(text: str, drafts: list[DraftAttribution], winner_of: dict[str, str]) -> list[DraftAttribution]:
    """Guarantee 2 from the other side: one cue is one statement (PolNeAR never gives two attributions one cue).
    Of the records with the same cue, the one whose content a proposer gave (rather than a doubtful or parsed
    one) and that the cue governs best is kept."""
    best: dict[tuple[int, int], int] = {}
    for i, d in enumerate(drafts):
        if d.cue is None:
            continue
        key = (d.cue.start, d.cue.end)
        j = best.get(key)
        if j is None or _rank(text, d) > _rank(text, drafts[j]):
            if j is not None:
                winner_of[drafts[j].id] = d.id
            best[key] = i
        else:
            winner_of[d.id] = drafts[j].id
    kept = set(best.values())
    return [d for i, d in enumerate(drafts) if d.cue is None or i in kept]


def whole_records(
    text: str,
    drafts: Sequence[DraftAttribution],
    *,
    quotes: Sequence[QuoteSpan] = (),
    parse: RuleAttributor | None = None,
    policy: RecordPolicy = DEFAULT_RECORDS,
) -> list[DraftAttribution]:
    """``drafts`` as whole, distinct records (the module doc's four guarantees), as new drafts.

    ``quotes`` are the article's quotations and ``parse`` the rule engine on the article's parse (None in
    ``model`` mode, which has no parse: a record without a content then only looks for a quotation).
    ``continues`` links to a record that was merged into another follow it; links to a dropped one are cleared.
    """
    cur = [frame_out(text, _with_source(d, parse, policy)) for d in drafts]
    cur, winner_of = _distinct(text, cur, policy)
    taken = {(d.content.start, d.content.end) for d in cur if d.content is not None}
    rescued: list[DraftAttribution] = []
    for d in cur:
        if d.cue is None and d.source is None and d.continues is None and policy.need_frame:
            continue  # a content nobody is said to have said
        if d.content is None:
            d = _rescue(text, d, quotes, parse, policy)
            if d.content is None or (d.content.start, d.content.end) in taken:
                continue
            taken.add((d.content.start, d.content.end))
        rescued.append(d)
    out = _one_cue(text, _one_statement(text, rescued, policy, winner_of), winner_of)
    ids = {d.id for d in out}

    def target(ref: str | None) -> str | None:
        seen: set[str] = set()
        while ref is not None and ref not in ids and ref in winner_of and ref not in seen:
            seen.add(ref)
            ref = winner_of[ref]
        return ref if ref in ids else None

    linked = [
        replace(d, continues=t if t != d.id else None)
        if d.continues is not None and (t := target(d.continues)) != d.continues
        else d
        for d in out
    ]
    # a quotation whose statement is gone has nobody to continue: it goes too (guarantee 5)
    return selected(linked, lambda d: d.cue is not None or d.source is not None or d.continues is not None)


def selected(drafts: Sequence[DraftAttribution], keep: Callable[[DraftAttribution], bool]) -> list[DraftAttribution]:
    """The drafts ``keep`` accepts; a quotation that continues a statement left out is left out too (it has no
    frame of its own)."""
    out: list[DraftAttribution] = []
    ids: set[str] = set()
    for d in drafts:  # a continuation comes after the statement it continues
        if keep(d) and (d.continues is None or d.continues in ids):
            out.append(d)
            ids.add(d.id)
    return out
