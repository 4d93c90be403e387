"""Cue detection: speech/thought verbs from a lexicon learned on PolNeAR train plus a curated core,
and the multi-word cues "according to", "as per", "as reported by", "per".
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from ..lexicon import SPEECH_VERBS
from ..state import CueMatch, DocState

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["CueStage", "CueLexicon", "cue_extent"]

# True auxiliaries; the small parser sometimes tags a speech verb as AUX ("she wrote, ..."), which still counts.
_AUXILIARIES = frozenset(
    {"be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "get", "ought"}
)

# Particles and prepositions that belong to the cue ("pointed out", "called for", "talked about").
_CUE_PARTICLES = frozenset({"out", "up", "for", "on", "about", "to", "of"})


@dataclass(frozen=True)
class CueLexicon:
    """Word form -> (times inside a gold cue, times overall), learned from PolNeAR train."""

    counts: dict[str, tuple[int, int]]
    min_count: int = 3
    min_share: float = 0.3
    min_seen: int = 20
    max_rare_share: float = 0.2

    @classmethod
    def load(cls, **kw: object) -> CueLexicon:
        counts: dict[str, tuple[int, int]] = {}
        text = resources.files("whosaid.resources").joinpath("cue_lexicon.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            word, c, n = line.split("\t")
            counts[word] = (int(c), int(n))
        return cls(counts, **kw)  # type: ignore[arg-type]

    def share(self, word: str) -> float:
        c, n = self.counts.get(word.lower(), (0, 0))
        return c / n if n else 0.0

    def is_cue_word(self, word: str) -> bool:
        c, n = self.counts.get(word.lower(), (0, 0))
        return c >= self.min_count and n > 0 and c / n >= self.min_share

    def contradicts(self, word: str) -> bool:
        """Whether PolNeAR train says this word form is seldom a cue (seen at least ``min_seen`` times, a cue
        less than ``max_rare_share`` of them: "continue", "share", "speak", "point" as in "at one point")."""
        c, n = self.counts.get(word.lower(), (0, 0))
        return n >= self.min_seen and c / n < self.max_rare_share


def cue_extent(verb: Token) -> tuple[int, int]:
    """Token range [i, j) of the cue around ``verb``: its auxiliaries and negation to the left (with what
    lies between them, e.g. "had previously expressed"), and an adjacent particle to the right."""
    left = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < left:
            left = child.i
    if left < verb.i:
        # keep the block contiguous: nothing but adverbs/aux between the first aux and the verb
        span = verb.doc[left : verb.i]
        if any(t.pos_ not in ("AUX", "ADV", "PART") for t in span):
            left = verb.i
    right = verb.i + 1
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == verb.i and nxt.lower_ in _CUE_PARTICLES:
        right = nxt.i + 1
    return left, right


class CueStage:
    """Assigns ``state.cues``: one CueMatch per cue head, in text order."""

    name: ClassVar[str] = "cues"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("cues",)

    def __init__(self, lexicon: CueLexicon | None = None) -> None:
        self.lexicon = lexicon or CueLexicon.load()

    def is_cue_verb(self, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        if tok.lemma_.lower() in _AUXILIARIES:
            return False
        if tok.dep_ in ("amod", "compound"):
            return False
        if self.lexicon.is_cue_word(tok.text):
            return True
        # a speech verb is a cue unless the train data says this form seldom is one
        return tok.lemma_.lower() in SPEECH_VERBS and not self.lexicon.contradicts(tok.text)

    def __call__(self, state: DocState) -> dict[str, Any]:
        return {"cues": find_cues(state.doc, self)}


def _phrase_cues(doc: Doc) -> list[CueMatch]:
    out: list[CueMatch] = []
    n = len(doc)
    for tok in doc:
        low = tok.lower_
        nxt = doc[tok.i + 1].lower_ if tok.i + 1 < n else ""
        if low == "according" and nxt == "to":
            out.append(CueMatch(tok.idx, doc[tok.i + 1].idx + 2, tok.i + 1, "according_to", "according to"))
        elif low == "as" and nxt == "per":
            end = doc[tok.i + 1]
            out.append(CueMatch(tok.idx, end.idx + len(end), tok.i + 1, "according_to", "as per"))
        elif (
            low == "as"
            and nxt in ("reported", "stated", "noted", "told")
            and tok.i + 2 < n
            and doc[tok.i + 2].lower_ in ("by", "in", "to")
        ):
            end = doc[tok.i + 2]
            out.append(CueMatch(tok.idx, end.idx + len(end), tok.i + 2, "according_to", f"as {nxt} {end.lower_}"))
        elif (
            low == "per"
            and tok.dep_ == "prep"
            and (tok.i == 0 or doc[tok.i - 1].lower_ != "as")
            and tok.i + 1 < n
            and doc[tok.i + 1].pos_ in ("PROPN", "DET", "NOUN")
            and (tok.i == 0 or doc[tok.i - 1].is_punct or doc[tok.i + 1].pos_ == "PROPN")
        ):
            # "per the report", ", per CNN": a source; "tons per year", "$30 per megawatt-hour": a unit
            out.append(CueMatch(tok.idx, tok.idx + len(tok), tok.i, "according_to", "per"))
    return out


def find_cues(doc: Doc, stage: CueStage) -> list[CueMatch]:
    cues = _phrase_cues(doc)
    taken = {i for c in cues for i in range(c.head_i - 1, c.head_i + 1)}
    for tok in doc:
        if tok.i in taken or not stage.is_cue_verb(tok):
            continue
        if tok.lower_ in ("reported", "stated", "noted", "told") and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
            continue
        i, j = cue_extent(tok)
        cues.append(CueMatch(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), tok.i, "verb", tok.lemma_.lower()))
    cues.sort(key=lambda c: c.start)
    return cues
