"""The gender an article states for a person, with the words that state it.

Evidence, from the person's own mentions after coreference (``coref.py``):

* an honorific or a gendered title written with the name ("Mrs. Clinton", "Queen Elizabeth", "Congresswoman
  Gwen Moore"; "Sen." and "President" state none) - weight 3;
* a gendered person noun that is a mention of the person: an apposition or description ("Valeska Paris, an
  Australian woman", "her husband, Jared Kushner", "the actress") or a role noun written before the name
  ("actress Jane Doe") - weight 2;
* a coreferent third-person pronoun ("he", "her", "himself") - weight 1.

Only a cluster that is a person by more than its pronouns (``person_like``) gets a gender. The side with at
least ``AGREEMENT`` of the weight, and at least ``MIN_WEIGHT`` (one pronoun alone is not enough: a single
resolution may be wrong), wins and its strongest, earliest piece of evidence is the
``gender_evidence`` span; conflicting evidence below that share, or no evidence, gives ``unknown``. A first-name
dictionary (``gender-guesser``, its 2016 data) is a separate, opt-in fallback (``Options.gender_fallback``):
it only fills ``unknown``, and its genders carry ``gender_source = "first_name"`` with the given name as
evidence, so that counts can leave them out or show them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import GENDER_AGREEMENT as AGREEMENT
from ...model import GENDER_SOURCES
from ..lexicon import PERSON_NOUNS, TITLES, Lexicon
from .mentions import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["StatedGender", "stated_gender", "person_like", "FirstNameGender", "AGREEMENT", "GENDER_SOURCES"]

WEIGHTS = {"honorific": 3.0, "noun": 2.0, "pronoun": 1.0}
MIN_WEIGHT = 2.0  # one pronoun alone (a resolution that may be wrong) states no gender; two, or a noun, do
_WORD = {"f": "female", "m": "male"}
_FALLBACK = {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}


@dataclass(frozen=True)
class StatedGender:
    """``gender``: female | male | unknown; ``evidence``: (start, end) of the words that state it."""

    gender: str = "unknown"
    evidence: tuple[int, int] | None = None
    source: str | None = None


def _title_evidence(m: Mention, doc: Doc) -> list[tuple[str, str, int, int]]:
    """(kind, f|m, start, end) for the gendered titles and role nouns written inside a name mention."""
    out: list[tuple[str, str, int, int]] = []
    name_start = m.end - len(str(m.extra.get("name") or m.text))  # words before the name: "Larry King" has none
    span = doc.char_span(m.start, name_start, alignment_mode="contract") if name_start > m.start else None
    if span is None:
        return out
    for t in span:
        word = t.text.lower().rstrip(".")
        title_gender = TITLES[word][1] if word in TITLES else None
        if title_gender:
            out.append(("honorific", title_gender, t.idx, t.idx + len(t.text)))
        elif t.pos_ == "NOUN" and PERSON_NOUNS.get(t.lemma_.lower()):
            out.append(("noun", str(PERSON_NOUNS[t.lemma_.lower()]), t.idx, t.idx + len(t.text)))
    return out


def person_like(members: Sequence[Mention], lex: Lexicon) -> bool:
    """Whether a PERSON cluster is one by more than the pronouns coreference gave it: spaCy's PERSON label, a
    given name before a surname, a title, or a person noun among its mentions. ("NEWPORT NEWS, Va. - In a
    tradition he has kept ..." must not make a dateline a man.)"""
    for m in members:
        if m.kind == "name" and (
            m.label == "PERSON"
            or m.roles
            or m.gender in _WORD
            or len(m.parts) >= 2
            and lex.given_name_gender(m.parts[0])[0]
        ):
            return True
        if m.kind == "nominal" and not m.anon and m.number == "sg":
            return True
    return False


def stated_gender(members: Sequence[Mention], doc: Doc) -> StatedGender:
    """The gender that the mentions of one person state (see the module docstring)."""
    evidence: list[tuple[str, str, int, int]] = []
    for m in members:
        if m.kind == "name":
            evidence.extend(_title_evidence(m, doc))
        elif m.kind == "nominal" and m.gender in _WORD and m.number == "sg":
            head = doc[m.head]  # the noun itself: "daughter" in "the former President's daughter"
            evidence.append(("noun", m.gender, head.idx, head.idx + len(head.text)))
        elif m.kind == "pronoun" and m.person == 3 and m.gender in _WORD:
            evidence.append(("pronoun", m.gender, m.start, m.end))
    if not evidence:
        return StatedGender()
    weight = {"f": 0.0, "m": 0.0}
    for kind, g, _, _ in evidence:
        weight[g] += WEIGHTS[kind]
    total = weight["f"] + weight["m"]
    best = max(weight, key=lambda g: weight[g])
    if weight[best] < AGREEMENT * total or weight[best] < MIN_WEIGHT:
        return StatedGender()
    rank = {k: i for i, k in enumerate(WEIGHTS)}
    kind, _, s, e = min((x for x in evidence if x[1] == best), key=lambda x: (rank[x[0]], x[2]))
    return StatedGender(_WORD[best], (s, e), kind)


class FirstNameGender:
    """The opt-in first-name fallback (``gender-guesser``); made once per entity stage."""

    def __init__(self) -> None:
        import gender_guesser.detector as detector  # type: ignore[import-untyped]

        self._detector = detector.Detector(case_sensitive=False)

    def __call__(self, members: Sequence[Mention], doc: Doc) -> StatedGender:
        """The gender the dictionary gives the given name of the first full name mention, or unknown."""
        for m in members:
            if m.kind != "name" or len(m.parts) < 2:
                continue
            name = str(m.extra.get("name") or m.text)
            given = name.split()[0]
            gender = _FALLBACK.get(self._detector.get_gender(given.strip(".,")), "unknown")
            if gender == "unknown":
                return StatedGender()
            start = m.end - len(name)
            return StatedGender(gender, (start, start + len(given)), "first_name")
        return StatedGender()
