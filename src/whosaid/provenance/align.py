"""Confirming a candidate: word alignment with rapidfuzz, and the word-level diff of two versions.

Two statements are *the same text* when the shorter one, placed where it fits best in the longer one
(``fuzz.partial_ratio_alignment`` over word lists), lines up with it word by word (``Levenshtein.opcodes``)
over a stretch of at least ``min_words`` equal words, with few changed words inside that stretch, and that
stretch covers most of the shorter one (a trimmed or extended quote), or is long on its own (two excerpts
of one passage that overlap).

The *core* of an alignment is its best-scoring stretch (+1 per equal word, -1 per changed, inserted or
deleted word: Kadane's maximum sub-array); words outside the core are the ends one version trimmed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["MatchParams", "Alignment", "DiffOp", "align", "same_text", "diff_ops"]


@dataclass(frozen=True)
class MatchParams:
    """When two word sequences count as one statement's text (tuned on PolNeAR train+dev pairs)."""

    min_words: int = 5
    """Statements with fewer words are not clustered (too little evidence)."""
    min_match: int = 5
    """Equal words needed in the core."""
    min_identity: float = 0.85
    """Equal words / (equal + changed + divergent words) of the core."""
    min_coverage: float = 0.8
    """Share of the shorter statement's words inside the core ..."""
    long_overlap: int = 12
    """... unless the core has at least this many equal words (overlapping excerpts of a long passage)."""


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff of ``a`` (the reference) against ``b``: ``equal``, ``replace``,
    ``insert`` (words only in ``b``), ``delete`` (words only in ``a``) or ``elided`` (left out of ``b`` at an
    ellipsis). Ranges index the word lists."""

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def change(self) -> bool:
        return self.op in ("replace", "insert", "delete")


@dataclass(frozen=True)
class Alignment:
    """How ``b`` lines up with ``a``: the core stretch in each, its counts, and the ops over the overlap."""

    a_core: tuple[int, int]
    b_core: tuple[int, int]
    matched: int
    changed: int
    ops: tuple[DiffOp, ...] = field(default=())
    divergent: int = 0
    """Words where both go on past an end of the core, differently (the lesser count, at each end)."""

    @property
    def identity(self) -> float:
        total = self.matched + self.changed + self.divergent
        return self.matched / total if self.matched else 0.0


_EMPTY = Alignment((0, 0), (0, 0), 0, 0)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[DiffOp]:
    """Ops aligning all of ``a`` with all of ``b``; the shorter is first placed where it fits best in the
    longer, so the alignment is local even where the words around it repeat common words."""
    if not a or not b:
        return []
    short_is_a = len(a) <= len(b)
    short, long_ = (a, b) if short_is_a else (b, a)
    at = _find(short, long_)
    if at is not None:  # an exact excerpt (the usual trimmed quote): no alignment to guess
        lo, hi = at, at + len(short)
        ops: list[DiffOp] = [DiffOp("equal", 0, len(a), lo, hi) if short_is_a else DiffOp("equal", lo, hi, 0, len(b))]
        if lo:
            ops.insert(0, DiffOp("insert", 0, 0, 0, lo) if short_is_a else DiffOp("delete", 0, lo, 0, 0))
        if hi < len(long_):
            ops.append(
                DiffOp("insert", len(a), len(a), hi, len(b))
                if short_is_a
                else DiffOp("delete", hi, len(a), len(b), len(b))
            )
        return ops
    pad = max(4, len(short) // 2)
    if len(long_) <= len(short) + 2 * pad:
        lo, hi = 0, len(long_)
    else:  # a window around the best place, wide enough for the shorter plus changes on both sides
        hit = fuzz.partial_ratio_alignment(short, long_)
        assert hit is not None  # None only under a score_cutoff, and none is given
        half = len(short) // 2 + pad
        centre = (hit.dest_start + hit.dest_end) // 2
        lo = max(0, min(centre - half, len(long_) - 2 * half))
        hi = min(len(long_), lo + 2 * half + 1)
    ops = []
    if lo:
        ops.append(DiffOp("insert", 0, 0, 0, lo) if short_is_a else DiffOp("delete", 0, lo, 0, 0))
    for op in Levenshtein.opcodes(short, long_[lo:hi]):
        tag, s1, e1, s2, e2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if short_is_a:
            ops.append(DiffOp(tag, s1, e1, s2 + lo, e2 + lo))
        else:
            flip = {"insert": "delete", "delete": "insert"}.get(tag, tag)
            ops.append(DiffOp(flip, s2 + lo, e2 + lo, s1, e1))
    if hi < len(long_):
        end_a, end_b = (len(a), hi) if short_is_a else (hi, len(b))
        ops.append(
            DiffOp("insert", end_a, end_a, end_b, len(b))
            if short_is_a
            else DiffOp("delete", end_a, len(a), end_b, end_b)
        )
    return _tidy(_shift_gaps(_tidy(ops), a, b))


def _find(short: Sequence[str], long_: Sequence[str]) -> int | None:
    """Where ``short`` stands word for word in ``long_`` (the first place), or None."""
    sep = "\x1f"
    hay, needle = sep + sep.join(long_) + sep, sep + sep.join(short) + sep
    at = hay.find(needle)
    return None if at < 0 else hay.count(sep, 0, at)


def _shift_gaps(ops: list[DiffOp], a: Sequence[str], b: Sequence[str]) -> list[DiffOp]:
    """Among alignments of equal cost, prefer contiguous matches: a run of words only one side has moves left,
    word by word, while the equal run before it ends with the word the gap ends with (so "a" + "real question
    ... it a" + "lot" becomes "a real question ... it" + "a lot", and a gap beside a repeated word slides to
    the start, where it is a trimmed end rather than a change)."""
    out = list(ops)
    i = 1
    while i < len(out):
        eq, gap = out[i - 1], out[i]
        if eq.op != "equal" or gap.op not in ("insert", "delete"):
            i += 1
            continue
        last_gap_word = b[gap.b_end - 1] if gap.op == "insert" else a[gap.a_end - 1]
        if last_gap_word != a[eq.a_end - 1]:
            i += 1
            continue
        shifted = DiffOp("equal", eq.a_start, eq.a_end - 1, eq.b_start, eq.b_end - 1)
        if gap.op == "insert":
            moved = DiffOp("insert", eq.a_end - 1, eq.a_end - 1, eq.b_end - 1, gap.b_end - 1)
            matched = DiffOp("equal", eq.a_end - 1, eq.a_end, gap.b_end - 1, gap.b_end)
        else:
            moved = DiffOp("delete", eq.a_end - 1, gap.a_end - 1, eq.b_end - 1, eq.b_end - 1)
            matched = DiffOp("equal", gap.a_end - 1, gap.a_end, eq.b_end - 1, eq.b_end)
        out[i - 1 : i + 1] = [shifted, moved, matched] if shifted.a_end > shifted.a_start else [moved, matched]
        i = max(1, i if shifted.a_end > shifted.a_start else i - 1)
    return out


def _tidy(ops: list[DiffOp]) -> list[DiffOp]:
    """Merge neighbouring ops of one kind and turn delete+insert (or insert+delete) into one replace."""
    out: list[DiffOp] = []
    for op in ops:
        if op.a_start == op.a_end and op.b_start == op.b_end:
            continue
        if out:
            last = out[-1]
            if last.op == op.op:
                out[-1] = DiffOp(op.op, last.a_start, op.a_end, last.b_start, op.b_end)
                continue
            if {last.op, op.op} <= {"insert", "delete", "replace"} and "equal" not in (last.op, op.op):
                out[-1] = DiffOp("replace", last.a_start, op.a_end, last.b_start, op.b_end)
                continue
        out.append(op)
    return out


def _width(op: DiffOp) -> int:
    return max(op.a_end - op.a_start, op.b_end - op.b_start)


def align(a: Sequence[str], b: Sequence[str]) -> Alignment:
    """The core of ``b`` aligned with ``a``, and the ops over the stretch where both have words."""
    ops = _opcodes(a, b)
    best = run = 0
    best_span = (0, -1)
    start = 0
    for i, op in enumerate(ops):
        gain = (op.a_end - op.a_start) if op.op == "equal" else -_width(op)
        if run <= 0:
            run, start = gain, i
        else:
            run += gain
        if run > best or (run == best and best > 0 and start == best_span[0]):  # ties: the longer core
            best, best_span = run, (start, i)
    if best <= 0:
        return _EMPTY
    core = ops[best_span[0] : best_span[1] + 1]
    matched = sum(op.a_end - op.a_start for op in core if op.op == "equal")
    changed = sum(_width(op) for op in core if op.op != "equal")
    a_core, b_core = (core[0].a_start, core[-1].a_end), (core[0].b_start, core[-1].b_end)
    divergent = min(a_core[0], b_core[0]) + min(len(a) - a_core[1], len(b) - b_core[1])
    # the overlap: the core, and where both go on past one of its ends, what each has there; words only one
    # side has past an end are a trimmed (or extended) quote, not a difference
    shown = list(core)
    if a_core[0] and b_core[0]:
        shown.insert(0, DiffOp("replace", 0, a_core[0], 0, b_core[0]))
    if a_core[1] < len(a) and b_core[1] < len(b):
        shown.append(DiffOp("replace", a_core[1], len(a), b_core[1], len(b)))
    return Alignment(a_core, b_core, matched, changed, tuple(shown), divergent)


def _enough_shared(a: Sequence[str], b: Sequence[str], p: MatchParams) -> bool:
    """A cheap bound before aligning: the words two sequences share (with repeats) cap the equal words."""
    ca, cb = Counter(a), Counter(b)
    shared = sum(min(n, cb[w]) for w, n in ca.items() if w in cb)
    return shared >= p.min_match and (shared >= p.long_overlap or shared >= p.min_coverage * min(len(a), len(b)))


def same_text(
    a: Sequence[str],
    b: Sequence[str],
    params: MatchParams | None = None,
    alignment: Alignment | None = None,
    *,
    quoted: bool = True,
) -> bool:
    """Whether ``a`` and ``b`` are one statement's words (trimmed, extended, slightly reworded).

    ``quoted``: both are words in quotation marks. Reported speech is the writer's wording, where short
    stretches recur by chance ("the former secretary of state"), so it needs ``long_overlap`` equal words.
    """
    p = params or MatchParams()
    if min(len(a), len(b)) < p.min_words:
        return False
    if alignment is None and not _enough_shared(a, b, p):
        return False
    al = alignment or align(a, b)
    if al.matched < p.min_match or al.identity < p.min_identity:
        return False
    if al.matched >= p.long_overlap:
        return True
    return quoted and al.matched / min(len(a), len(b)) >= p.min_coverage


def diff_ops(
    a: Sequence[str],
    b: Sequence[str],
    *,
    a_marks: Mapping[int, str] | None = None,
    b_marks: Mapping[int, str] | None = None,
) -> list[DiffOp]:
    """The word-level diff of ``b`` against the reference ``a`` over their overlap.

    Words one side leaves out where it has an ellipsis become ``elided``; words one side replaces with a
    bracketed insertion become ``editorial`` (``marks``: see :func:`whosaid.provenance.text.parse_words`).
    Neither is a wording change.
    """
    a_marks, b_marks = a_marks or {}, b_marks or {}
    kinds = {"gap": "elided", "editorial": "editorial"}
    out: list[DiffOp] = []
    for op in align(a, b).ops:
        mark = None
        if op.op in ("delete", "replace"):
            mark = b_marks.get(op.b_start) or (b_marks.get(op.b_end) if op.op == "delete" else None)
        if op.op in ("insert", "replace") and mark is None:
            mark = a_marks.get(op.a_start) or (a_marks.get(op.a_end) if op.op == "insert" else None)
        if mark == "gap" and op.op == "replace":
            mark = None  # an ellipsis explains missing words, not different ones
        out.append(DiffOp(kinds[mark], op.a_start, op.a_end, op.b_start, op.b_end) if mark else op)
    return out
