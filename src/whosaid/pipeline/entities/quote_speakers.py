"""Who speaks each quotation, for coreference: third-person pronouns inside a quote are not its speaker,
and first-person pronouns inside it are. From the attribution stage's (content, source) spans when there are
any, else from the parse (the subject of the nearest speech verb outside the quote, in the sentences around it).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..lexicon import SPEECH_VERBS
from .mentions import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["QuoteSpeaker", "quote_speakers"]

# (quote start, quote end, source start, source end): a quotation and the span of who said it
QuoteSpeaker = tuple[int, int, int, int]


def quote_speakers(
    doc: Doc,
    mentions: list[Mention],
    starts: list[int],
    by_head: dict[int, int],
    quotes: list[tuple[int, int]],
    speakers: list[QuoteSpeaker] | None,
) -> dict[int, int]:
    """mention index inside a quote -> mention index of the quote's speaker."""
    pairs: list[tuple[int, int, int]] = []  # (quote start, quote end, speaker mention)
    if speakers:
        for qs, qe, ss, se in speakers:
            j = _mention_in(mentions, starts, ss, se)
            if j is not None:
                pairs.append((qs, qe, j))
    else:
        pairs = _from_parse(doc, quotes, by_head)
    out: dict[int, int] = {}
    for qs, qe, j in pairs:
        k = bisect.bisect_left(starts, qs)
        while k < len(mentions) and mentions[k].start < qe:
            if mentions[k].end <= qe and k != j:
                out[k] = j
            k += 1
    return out


def _mention_in(mentions: list[Mention], starts: list[int], s: int, e: int) -> int | None:
    """The main mention inside a source span: a name first, then the longest."""
    best = None
    k = bisect.bisect_left(starts, s)
    while k < len(mentions) and mentions[k].start < e:
        m = mentions[k]
        if m.end <= e and (
            best is None
            or (m.kind == "name", m.end - m.start)
            > (mentions[best].kind == "name", mentions[best].end - mentions[best].start)
        ):
            best = k
        k += 1
    return best


def _from_parse(doc: Doc, quotes: list[tuple[int, int]], by_head: dict[int, int]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for qs, qe in quotes:
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sents = [doc[span.start].sent, doc[max(span.end - 1, span.start)].sent]
        if span.end < len(doc):
            sents.append(doc[span.end].sent)
        best: tuple[int, int] | None = None
        for sent in sents:
            for t in sent:
                if qs <= t.idx < qe or t.lemma_.lower() not in SPEECH_VERBS or t.pos_ != "VERB":
                    continue
                for c in t.children:
                    if c.dep_ == "nsubj" and not (qs <= c.idx < qe) and c.i in by_head:
                        dist = min(abs(t.idx - qs), abs(t.idx - qe))
                        if best is None or dist < best[0]:
                            best = (dist, by_head[c.i])
        if best is not None:
            out.append((qs, qe, best[1]))
    return out
