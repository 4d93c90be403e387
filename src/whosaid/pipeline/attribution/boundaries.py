"""Text-only boundary conventions applied to model / hybrid attributions (PolNeAR annotation style).

``refine(text, drafts)`` runs eight small rules, in this order, over the attributions' content and cue spans,
then the source and cue edge rules of ``edges.py`` (S1-S4, C1-C2).
Each one states a PolNeAR annotation convention; none looks at the parse or the model. Effects were measured on
PolNeAR dev hybrid predictions (content / cue F1 exact, project scorer; docs/bench-model.md), and each rule
was also run on the train *gold* spans to count the correct spans it would break (out of 19,831):

=====  ============================================  =====================  ====================
rule   convention                                    dev effect (alone)     train gold altered
=====  ============================================  =====================  ====================
R1     content ends at the closing quote             content +6 −0 exact    20 (0.1%)
R7     a quotation split by its frame is one span    content +4 −1          92 (0.5%)
R4     content wraps a frame that follows a clause   content +8 −1          16
R4b    content wraps a frame inside its sentence     content +8 −1          29
R5     no transcript speaker label in content        content +1 −0          1
       (it is the source and ``:`` the cue)          source +3 exact
R6     pre-verbal adverb belongs to the cue          cue +2 −0              57 cues (0.3%)
R8     content before a parenthetical frame          content +1 −0          0
R9     no content end at a false sentence boundary   content +2 −0          3
=====  ============================================  =====================  ====================

All eight together: content exact F1 55.7 -> 56.7 (overlap 73.3 -> 73.7), cue 69.4 -> 69.5, source unchanged
(76.9), end-to-end 61.2 -> 61.6; removing any one rule costs 0 to 0.2 content points. Dropped on the current
model (no gain, or a loss): quote-tail cut with long tails, dangling end words, preposition moved to the cue,
particle into the cue, trailing ``?``/``!``.

A content that wraps its own frame gets ``fragments`` that leave the frame out; ``text[start:end] == span.text``
holds for every span. Input drafts are never mutated (``dataclasses.replace``). When both halves of one quote
end up identical (same content, cue and source), one is kept; ``continues`` links follow the survivors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ...model import Span
from ..state import DraftAttribution
from .edges import EDGE_RULES

__all__ = ["refine", "RULES", "is_sentence_end"]

Pair = tuple[int, int]

_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+(?:[’']\w+)*")
_CLOSE_Q = frozenset("”’\"'»")
_OPEN_Q_RE = re.compile(r"“|''|\"(?=\S)")
_CLOSE_Q_RE = re.compile(r"”|''|(?<=\S)\"")
_ABBR = frozenset(
    "mr mrs ms dr sen rep gov gen jr sr st lt col sgt prof no vs inc co corp jan feb mar apr aug sept sep oct nov "
    "dec u.s a.m p.m d.c u.n u.k e.g i.e ft mt rev gens reps sens".split()
)
# AP-style state abbreviations ("Tulsa, Okla., police officer"): a period after one is no sentence end when the
# sentence goes on (a comma or a word follows).
_STATE_ABBR = re.compile(
    r",\s*(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|"
    r"Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|N\.[HJMYCD]|R\.I|S\.[CD]|D\.C)$"
)
_SPEECH = re.compile(
    r"\b(said|says|say|told|tells|added|adds|wrote|writes|asked|asks|argued|noted|explained|stated|"
    r"claimed|insisted|continued|tweeted|reported|declared|warned|recalled|replied|responded|read|"
    r"reads|according)\b"
)
_LABEL = re.compile(r"\s*[\"“]?([A-Z][A-Z.'’ -]{2,}?)(:)\s+")
_CUE_ADV = frozenset(
    "also further now often even again repeatedly previously recently later once still already never publicly "
    "privately frequently reportedly allegedly".split()
)


# ---------------------------------------------------------------- text helpers
def _words(s: str) -> list[str]:
    return _WORDS.findall(s)


def _is_closing_quote(t: str, i: int) -> bool:
    """``t[i]`` closes a quotation (not an apostrophe, a plural possessive or an opening mark)."""
    c = t[i]
    if c not in _CLOSE_Q or i == 0 or t[i - 1].isspace():
        return False
    nxt = t[i + 1] if i + 1 < len(t) else " "
    if c in "’'" and (_WORD.match(t[i - 1]) and _WORD.match(nxt) or t[i - 1] in "sS" and nxt == " "):
        return False
    return nxt.isspace() or nxt in ",.;:!?)—–-" or nxt in _CLOSE_Q


def _is_sent_end(t: str, i: int) -> bool:
    """Whether ``t[i]`` ends a sentence (text only: a line break, or ``.?!…`` not after an abbreviation)."""
    if t[i] == "\n":
        return True
    if t[i] not in ".?!…":
        return False
    j = i + 1
    while j < len(t) and t[j] in "\"'”’)":
        j += 1
    if j < len(t) and not (t[j].isspace() or t[j] in "―—–"):
        return False
    if t[i] == ".":
        m = re.search(r"([\w.]+)$", t[max(0, i - 12) : i])
        w = (m.group(1) if m else "").lower()
        if w in _ABBR or len(w) == 1:
            return False
        k = j
        while k < len(t) and t[k] in " \t\xa0\"'“‘(":
            k += 1
        if k < len(t) and t[k].islower():
            return False
    return True


is_sentence_end = _is_sent_end


def _sent_start(t: str, pos: int) -> int:
    for j in range(pos - 1, -1, -1):
        if _is_sent_end(t, j):
            k = j + 1
            while k < pos and (t[k].isspace() or t[k] in "\"'”’)"):
                k += 1
            return k
    return 0


def _sent_end(t: str, pos: int) -> int:
    return next((j for j in range(pos, len(t)) if _is_sent_end(t, j)), len(t))


def _pair(span: Span | None) -> Pair | None:
    return (span.start, span.end) if span is not None else None


def _frame(d: DraftAttribution) -> Pair | None:
    """Outer bounds of the cue and source together."""
    xs = [x for x in (d.cue, d.source) if x is not None]
    return (min(x.start for x in xs), max(x.end for x in xs)) if xs else None


def _reshape(t: str, span: Span, start: int, end: int, hole: Pair | None = None) -> Span:
    """``span`` moved to ``[start, end)``: its pieces clipped, the outer pieces stretched to the new bounds, and
    ``hole`` (the attribution's own frame, strictly inside) left out as a gap between fragments."""
    parts = [(max(s, start), min(e, end)) for s, e in span.parts if min(e, end) > max(s, start)] or [(start, end)]
    parts[0] = (start, parts[0][1])
    parts[-1] = (parts[-1][0], end)
    if hole is not None and start < hole[0] < hole[1] < end:
        parts = [q for s, e in parts for q in ((s, min(e, hole[0])), (max(s, hole[1]), e)) if q[1] > q[0]]
    return Span.of_fragments(t, parts)


# ---------------------------------------------------------------- rules
def r1_quote_tail(t: str, d: DraftAttribution) -> DraftAttribution:
    """R1. A content ends at the closing quote of its quotation: a tail of at most 6 words after ``[,.?!]”``
    (``…,” Mr. Guajardo Villarreal``, ``…,” he said``) is frame, not content. Scare quotes, nested single quotes,
    a tail that opens another quotation, and (after a comma) a tail that does not look like a frame are kept.
    Dev: content +6 −0 exact; longer tails were a net loss on the current model (the variant is dropped)."""
    c = d.content
    if c is None:
        return d
    s, e = c.start, c.end
    i = next((k for k in range(e - 1, s, -1) if _is_closing_quote(t, k)), None)
    if i is None:
        return d
    j = i
    while j > s and t[j - 1] in _CLOSE_Q:
        j -= 1
    tail = t[i + 1 : e]
    w = _words(tail)
    if t[j - 1] not in ",.?!…" or not any(q in '”"' or t[i - 1 : i + 1] == "''" for q in t[j : i + 1]):
        return d  # a scare quote or a nested single quote
    if t[j - 1] == "," and not (_SPEECH.search(" ".join(w[:8])) or len(w) <= 3 or (w and w[0][0].isupper())):
        return d  # '“recognized under state law,” language that ...': the content goes on
    opens = any(ch in "“‘«" or (ch in "\"'" and t[i + k].isspace()) for k, ch in enumerate(tail))
    if not w or opens or len(w) > 6:
        return d
    return replace(d, content=_reshape(t, c, s, i))


def r7_merge_split_quote(t: str, drafts: list[DraftAttribution | None]) -> list[DraftAttribution | None]:
    """R7. A quotation interrupted by its own frame (``"A," X said. "B."``) is one discontinuous content.
    Forward: a content ending at a closing quote right before its own source/cue, followed within the paragraph
    by at most 12 words (no quote mark, no ``that``, no -ing word) ending in ``[.,:]`` and a new quotation, takes
    that quotation as a second fragment. Backward, symmetrically, for a content starting after its frame. An
    attribution with the same cue whose content lay in the absorbed quotation is dropped (None, so the list stays
    aligned with its input). Dev: content +4 −1."""
    out: list[DraftAttribution | None] = []
    absorbed: list[tuple[Pair | None, int, int]] = []
    for d in drafts:
        c, fr = (d.content, _frame(d)) if d is not None else (None, None)
        if d is None or c is None or d.cue is None or fr is None:
            out.append(d)
            continue
        (s, e), (fs, fe) = (c.start, c.end), fr
        pe = t.find("\n", fe) if "\n" in t[fe:] else len(t)  # the paragraph end
        if fs >= e and re.fullmatch(r"[,.?!…—-]*(”|''|\")[ \t\xa0]*,?[ \t\xa0]*", t[e:fs]):
            m = _OPEN_Q_RE.search(t, fe, pe)
            between = t[fe : m.start()] if m else ""
            if (
                m
                and not _CLOSE_Q_RE.search(between)
                and len(_words(between)) <= 12
                and re.search(r"[.,:][ \t\xa0]*$", between)
                and not re.search(r"\b(that|\w+ing)\b", between)
            ):
                mc = _CLOSE_Q_RE.search(t, m.end(), pe)
                new_e = mc.start() if mc else pe
                if new_e > m.end():
                    absorbed.append((_pair(d.cue), m.end(), new_e))
                    d = replace(d, content=Span.of_fragments(t, [*c.parts, (m.end(), new_e)]))
        elif fe <= s:
            between = t[fe:s]
            mo = re.search(r"[.,:][ \t\xa0]*(“|''|\")$", between)
            ps = t.rfind("\n", 0, fs) + 1
            before = t[ps:fs]
            mcs = list(_CLOSE_Q_RE.finditer(before))
            if (
                mo
                and mcs
                and len(_words(between)) <= 12
                and not re.search(r"\b(that|\w+ing)\b", between)
                and not _OPEN_Q_RE.search(between[: mo.start()])
                and before[mcs[-1].end() :].strip(" ,\t\xa0") == ""
                and before[: mcs[-1].start()][-1:] in ",.?!…"
            ):
                mos = list(_OPEN_Q_RE.finditer(before, 0, mcs[-1].start()))
                if mos and mcs[-1].start() > mos[-1].end():
                    lo, hi = ps + mos[-1].end(), ps + mcs[-1].start()
                    absorbed.append((_pair(d.cue), lo, hi))
                    d = replace(d, content=Span.of_fragments(t, [(lo, hi), *c.parts]))
        out.append(d)
    return [
        None
        if d is not None
        and d.content is not None
        and any(_pair(d.cue) == cue and lo <= d.content.start and d.content.end <= hi + 2 for cue, lo, hi in absorbed)
        else d
        for d in out
    ]


def r4_wrap_backward(t: str, d: DraftAttribution) -> DraftAttribution:
    """R4. ``PRE, SRC CUE, CONTENT`` in one sentence (``Too often, Mr. Clarke said, the debate …``): PolNeAR
    annotates one content around the frame, so the content starts at the sentence start (PRE has at least 2 words
    and no quote mark; the content does not start at a quote). The frame is left out. Dev: content +8 −1."""
    c, fr = d.content, _frame(d)
    if c is None or d.cue is None or fr is None or t[c.start] in "\"“‘'":
        return d
    (s, e), (fs, fe) = (c.start, c.end), fr
    if fe > s:
        return d
    ss = _sent_start(t, fs)
    pre = t[ss:fs]
    if (
        ss < fs
        and re.search(r",\s*$", pre)
        and not any(q in pre for q in "\"“”'‘’")
        and _sent_start(t, s) == ss
        and len(_words(pre)) >= 2
        and re.fullmatch(r"[ \t]*,[ \t]*", t[fe:s])
    ):
        return replace(d, content=_reshape(t, c, ss, e, (ss + len(pre.rstrip(", \t\r\n")), s)))
    return d


def r4b_wrap_forward(t: str, d: DraftAttribution) -> DraftAttribution:
    """R4b. The mirror of R4: ``CONTENT, SRC CUE, REST`` (``All of this, he acknowledges, could be undone``): the
    content runs on to the sentence end, around its frame. Not for quotations, nor when REST starts with a
    participle, ``and``/``but``/``or``/``as``, or holds a quote mark. Dev: content +8 −1."""
    c, fr = d.content, _frame(d)
    if c is None or d.cue is None or fr is None or fr[0] < c.end:
        return d
    (s, e), (fs, fe) = (c.start, c.end), fr
    se = _sent_end(t, fe)
    nxt = (_words(t[fe : fe + 40]) or [""])[0].lower()
    m = re.match(r"\s*([,”\"'’]+)\s*$", t[e:fs])
    if (
        m
        and m.group(1) == ","
        and not re.search(r"(ing|ed)$", nxt)
        and nxt not in ("and", "but", "or", "as")
        and re.match(r"\s*,\s*\S", t[fe : fe + 4])
        and se > fe
    ):
        rest = t[fe:se]
        if not any(ch in rest for ch in '“"') and len(_words(rest)) >= 2:
            gap = re.match(r"\s*,\s*", t[fe:])
            return replace(d, content=_reshape(t, c, s, se, (e, fe + (gap.end() if gap else 0))))
    return d


def r5_speaker_label(t: str, d: DraftAttribution) -> DraftAttribution:
    """R5. A transcript speaker label (``PENCE: ``, ``WALLACE: ``) is not part of the content; it is the source
    (and its colon the cue) of an attribution that has none. Dev: content +1 −0, source +2."""
    c = d.content
    m = _LABEL.match(t, c.start, c.end) if c is not None else None
    if c is None or m is None or not _words(t[m.end() : c.end]):
        return d
    if d.source is None:
        d = replace(d, source=Span.of(t, m.start(1), m.end(1)), cue=d.cue or Span.of(t, m.start(2), m.end(2)))
    return replace(d, content=_reshape(t, c, m.end(), c.end))


def r6_cue_adverb(t: str, d: DraftAttribution) -> DraftAttribution:
    """R6. A pre-verbal adverb right before the cue belongs to it (``also blasted``, ``further wrote``, ``publicly
    denied``, a lower-case -ly adverb of 5+ letters), unless it lies inside the source. Dev: cue +2 −0."""
    cue = d.cue
    if cue is None:
        return d
    m = re.search(r"(\w+)\s+$", t[max(0, cue.start - 25) : cue.start])
    if not m or not (
        m.group(1).lower() in _CUE_ADV
        or (m.group(1).endswith("ly") and len(m.group(1)) > 4 and m.group(1)[0].islower())
    ):
        return d
    ns = cue.start - len(m.group(0))
    if d.source is not None and d.source.start <= ns < d.source.end:
        return d
    return replace(d, cue=_reshape(t, cue, ns, cue.end))


def r8_parenthetical_frame(t: str, d: DraftAttribution) -> DraftAttribution:
    """R8. A content stopping one word short of the comma before its own frame (``Climate`` for ``Climate change,
    Mr. Obama often says, is …``) takes that word; if the sentence goes on after ``, frame,`` the content runs to
    the sentence end around the frame, from the sentence start when at most 3 words precede it. Dev: +1 −0."""
    c, fr = d.content, _frame(d)
    if c is None or d.cue is None or fr is None or fr[0] < c.end:
        return d
    (s, e), (fs, fe) = (c.start, c.end), fr
    m = re.fullmatch(r"([ \t]+[\w’'-]+),[ \t]*", t[e:fs])
    if not m:
        return d
    e2, hole = e + m.end(1), None
    after = re.match(r"[ \t]*,[ \t]*(?=\w)", t[fe : fe + 5])
    if after:
        e2, hole = max(e2, _sent_end(t, fe)), (e + m.end(1), fe + after.end())
        ss = _sent_start(t, s)
        if len(_words(t[ss:s])) <= 3 and not any(q in t[ss:s] for q in '"“”'):
            s = ss
    return replace(d, content=_reshape(t, c, s, e2, hole))


def r9_false_boundary(t: str, d: DraftAttribution) -> DraftAttribution:
    """R9. A content never ends before a period that is no sentence end (``the U.S`` + ``. mainland``, ``3 a.m``,
    ``to Mr`` + ``. Trump``, ``Tulsa, Okla`` + ``., police``) nor right after ``(``: it runs to the real sentence end
    (or the ``)``). Dev: +2 −0 (state abbreviations: records F1 +0.2, issue 13)."""
    c = d.content
    if c is None:
        return d
    s, e = c.start, c.end
    if (
        e < len(t)
        and t[e] == "."
        and (
            re.match(r"\.(\w| [a-z])", t[e : e + 3])
            or re.search(r"\b(Mr|Mrs|Ms|Dr|Sens?|Reps?|Gov|Gen|Lt|St)$", t[s:e])
            or (_STATE_ABBR.search(t[s:e]) and re.match(r"\.,? +\S", t[e : e + 4]))
        )
    ):
        return replace(d, content=_reshape(t, c, s, _sent_end(t, e + 1)))
    if t[s:e].rstrip().endswith("(") and ")" in t[e : e + 40]:
        return replace(d, content=_reshape(t, c, s, t.index(")", e) + 1))
    return d


Rule = Callable[[str, DraftAttribution], DraftAttribution]
RULES: tuple[tuple[str, Rule | None], ...] = (
    ("R1", r1_quote_tail),
    ("R7", None),
    ("R4", r4_wrap_backward),
    ("R4b", r4b_wrap_forward),
    ("R5", r5_speaker_label),
    ("R6", r6_cue_adverb),
    ("R8", r8_parenthetical_frame),
    ("R9", r9_false_boundary),
    *EDGE_RULES,
)
"""The rules in the order ``refine`` applies them (R7 works on the whole list; S* and C* are edges.py's)."""


def _absorber(kept: list[DraftAttribution], gone: DraftAttribution) -> DraftAttribution | None:
    """The attribution whose content took over ``gone``'s quotation (same cue, content around it)."""
    c = gone.content
    return next(
        (
            k
            for k in kept
            if c is not None and k.content is not None and k.content.contains(c) and _pair(k.cue) == _pair(gone.cue)
        ),
        None,
    )


def refine(text: str, drafts: list[DraftAttribution], skip: frozenset[str] = frozenset()) -> list[DraftAttribution]:
    """``drafts`` with the boundary conventions applied, as new drafts (the input is left untouched).

    A draft that ends up with the same content, cue and source as an earlier one (both halves of one quote
    merged) is dropped; ``continues`` links to a dropped or absorbed draft follow its survivor (or are cleared).
    ``skip`` names rules to leave out (ablations)."""
    cur: list[DraftAttribution | None] = list(drafts)
    for name, rule in RULES:
        if name not in skip:
            cur = r7_merge_split_quote(text, cur) if rule is None else [d and rule(text, d) for d in cur]
    kept: list[DraftAttribution] = []
    survivor: dict[str, str | None] = {}  # id of a dropped draft -> id of the one that took its place
    seen: dict[tuple[object, ...], DraftAttribution] = {}
    for d in cur:
        if d is None:
            continue
        key = (_pair(d.content), _pair(d.cue), _pair(d.source))
        if key in seen:
            survivor[d.id] = seen[key].id
            continue
        seen[key] = d
        kept.append(d)
    for before, after in zip(drafts, cur):
        if after is None:
            absorber = _absorber(kept, before)
            survivor[before.id] = absorber.id if absorber is not None else None
    out = []
    for k in kept:
        target = survivor.get(k.continues, k.continues) if k.continues is not None else None
        out.append(replace(k, continues=None if target == k.id else target) if target != k.continues else k)
    return out
