"""Entity types from evidence votes: curated lists, name shape, spaCy labels and the parse context.

The small spaCy model mislabels names ("Ivanka Trump" as PRODUCT, "Kardashian" as NORP), so a label is one
weak vote among many: given names and titles, the verbs a mention is the subject of ("hated", "said"),
possessed kin nouns ("X's husband"), outlet cues ("told the Guardian", "reported by US Weekly"), platform
cues ("on her Instagram"). Votes are summed per cluster and the best type wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import ENTITY_TYPES
from ..lexicon import (
    ANIMATE_VERBS,
    EVENT_WORDS,
    GOV_BODIES,
    LEGAL_FORMS,
    ORG_GOVERNORS,
    ORG_OF_GOVERNORS,
    ORG_VERBS,
    ORG_WORDS,
    ORGANIZATION_NOUNS,
    OUTLET_WORDS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    Lexicon,
)
from .mentions import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Cluster", "Votes", "mention_votes", "decide_type"]


class Votes(dict[str, float]):
    """Evidence weights by type (or gender): a missing key reads 0.0 and is not stored, ``add`` sums another
    tally into this one (a Counter of floats; typeshed types ``Counter`` values as int)."""

    def __missing__(self, key: str) -> float:
        return 0.0

    def add(self, other: Mapping[str, float]) -> None:
        for k, v in other.items():
            self[k] += v


GEO_PLACE_VOTE = 2.0  # a GeoNames place name (resources/places_geonames.txt); spaCy's GPE label adds 1.2
APPOSED_PERSON_VOTE = 3.0  # a gendered person noun in apposition to a name ("X, an Australian woman")
# a legal form ends the name ("Inc", "Plc", "GmbH"): outweighs a given name, a PERSON label and "said"
LEGAL_FORM_VOTE = 6.0
ORG_CONTEXT_VOTE = 1.5
# spaCy labels one string alike wherever it recurs: its label counts fully on the first mention of a name in a
# cluster and this much on each repeat (so that a repeated "Paris" GPE does not drown the evidence of context)
REPEATED_LABEL_WEIGHT = 0.5
NORP_GROUP_VOTE = (
    "PERSON",
    0.6,
)  # a plural NORP name is a group of people (was ("ORG", 0.6))  # "shares of X", "X's chief executive", "X, the company"; half for "X acquired"


_LABEL_VOTES: dict[str, tuple[str, float]] = {
    "PERSON": ("PERSON", 1.0),
    "ORG": ("ORG", 1.0),
    "GPE": ("PLACE", 1.2),
    "LOC": ("PLACE", 1.2),
    "FAC": ("PLACE", 1.0),
    "EVENT": ("EVENT", 1.0),
    "PRODUCT": ("ORG", 0.3),
    "WORK_OF_ART": ("ORG", 0.2),
    "NORP": ("ORG", 0.2),
}
_ANIMATE_ADJ = frozenset(
    {
        "upset",
        "happy",
        "unhappy",
        "angry",
        "sad",
        "proud",
        "excited",
        "furious",
        "thrilled",
        "married",
        "pregnant",
        "divorced",
        "eager",
        "reluctant",
        "grateful",
        "afraid",
        "worried",
        "confident",
        "sure",
        "delighted",
        "disappointed",
        "born",
    }
)
_ANIMATE_POSSESSED = frozenset(
    {
        "love",
        "life",
        "career",
        "family",
        "birthday",
        "friendship",
        "friend",
        "friends",
        "wife",
        "husband",
        "children",
        "mother",
        "father",
        "daughter",
        "son",
        "feelings",
        "heart",
        "home",
        "body",
        "face",
        "death",
        "wedding",
    }
)
_PLATFORM_HEADS = frozenset(
    {"handle", "account", "page", "post", "story", "stories", "feed", "profile", "channel", "live", "video"}
)
_PLATFORM_VERBS = frozenset(
    {
        "post",
        "write",
        "share",
        "tweet",
        "announce",
        "upload",
        "say",
        "reveal",
        "caption",
        "comment",
        "publish",
        "livestream",
        "stream",
    }
)


def _list_votes(m: Mention, lex: Lexicon, votes: Votes, after_the: bool) -> None:
    """The curated lists and the gazetteer: facts about the name, counted once per name and cluster."""
    name = str(m.extra.get("name") or m.text)
    outlet = lex.outlet(name)
    if outlet:
        # "The Hill", "The Sun": a one-word outlet name written without its "the" may be a surname or a word
        votes["OUTLET"] += 1.0 if outlet.lower().startswith("the ") and len(m.parts) == 1 and not after_the else 4
    if lex.platform(name) and not (len(name) == 1):  # "X" needs context (below)
        votes["PLATFORM"] += 4
    if lex.is_place(name):
        votes["PLACE"] += 4
    elif lex.is_geo_place(name):
        votes["PLACE"] += GEO_PLACE_VOTE
    if " ".join(m.parts) in GOV_BODIES:
        votes["ORG"] += 1.5


def _name_votes(m: Mention, lex: Lexicon, votes: Votes, first: bool) -> None:
    parts = m.parts
    if parts:
        if parts[-1] in OUTLET_WORDS and len(parts) > 1:
            votes["OUTLET"] += 1.2
        if any(p in ORG_WORDS for p in parts) and m.label not in ("GPE", "LOC"):  # "Soviet Union" is a place
            votes["ORG"] += 1.5
        if len(parts) > 1 and parts[-1] in LEGAL_FORMS:  # "Dean Witter Reynolds Inc.", whoever it is named after
            votes["ORG"] += LEGAL_FORM_VOTE
        if parts[-1] in EVENT_WORDS and len(parts) > 1:
            votes["EVENT"] += 1.5
        known, _ = lex.given_name_gender(parts[0])
        if known and len(parts) > 1:
            votes["PERSON"] += 2.0
        elif known and m.label in ("PERSON", ""):
            votes["PERSON"] += 0.5
    if m.roles:
        votes["PERSON"] += 2.5
    if m.label in _LABEL_VOTES:
        t, w = _LABEL_VOTES[m.label]
        if m.label == "NORP" and m.number == "pl":
            t, w = NORP_GROUP_VOTE  # "Muslims", "Democrats": a group of people (GUM's person type), kept plural
        votes[t] += w * (1.0 if first else REPEATED_LABEL_WEIGHT)


def _context_votes(m: Mention, doc: Doc, votes: Votes) -> None:
    tok = doc[m.head]
    head = tok.head
    dep = tok.dep_
    hl = head.lemma_.lower()
    if dep in ("nsubj", "nsubjpass"):
        if hl in ANIMATE_VERBS:
            votes["PERSON"] += 1.0
        elif hl in SPEECH_VERBS:
            votes["PERSON"] += 0.6
            votes["ORG"] += 0.3
            if hl == "report":
                votes["OUTLET"] += 1.0
        if any(c.dep_ == "acomp" and c.lemma_.lower() in _ANIMATE_ADJ for c in head.children):
            votes["PERSON"] += 1.0
    elif dep == "poss":
        hn = head.lemma_.lower()
        if hn in PERSON_NOUNS:
            votes["PERSON"] += 1.5
        elif hn in _ANIMATE_POSSESSED or head.lower_ in _ANIMATE_POSSESSED:
            votes["PERSON"] += 0.5
    elif dep in ("dobj", "dative") and hl == "tell" and m.label != "PERSON":
        votes["OUTLET"] += 0.5
    elif dep == "pobj":
        prep = head
        gov = prep.head
        pl = prep.lower_
        gl = gov.lemma_.lower()
        if pl == "to" and gov.lower_ == "according":
            votes["OUTLET"] += 0.3
        elif pl == "to" and gl == "tell":
            votes["OUTLET"] += 0.8
        elif pl == "by" and gl in ("report", "publish", "obtain", "air", "broadcast", "reveal"):
            votes["OUTLET"] += 1.2
        elif pl == "with" and gl == "interview":
            votes["OUTLET"] += 1.0
        elif pl == "of" and gl in PERSON_NOUNS:
            votes["PERSON"] += 0.8
        elif pl == "on" and (gl in _PLATFORM_VERBS or gl in _PLATFORM_HEADS):
            votes["PLATFORM"] += 1.5
        elif pl == "with" and gl in ANIMATE_VERBS:
            votes["PERSON"] += 0.5
    elif dep == "compound" and head.lemma_.lower() in _PLATFORM_HEADS:
        gov = head.head
        if gov.dep_ == "pobj" and gov.head.lower_ in ("on", "via"):
            votes["PLATFORM"] += 1.0


def _its_own(verb: Token) -> bool:
    """Whether the verb's object, or the object of one of its prepositions, is "its" something: said of the
    verb's subject ("Comissaria Smith said in its weekly review"), not of a person. The reported clause is not
    looked at ("X said its price was too high": "its" may be anything's there)."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(g.dep_ == "poss" and g.lower_ == "its" for o in objs for g in o.children)


def _org_votes(m: Mention, doc: Doc, votes: Votes) -> None:
    """Evidence that a name is an organisation: "shares of X", "X's shares / chief executive", "X, the
    company", "X acquired ...". Measured on GUM and PolNeAR dev (docs/bench-entities.md)."""
    tok = doc[m.head]
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ORG_OF_GOVERNORS:
        votes["ORG"] += ORG_CONTEXT_VOTE
    elif tok.dep_ == "poss" and head.lemma_.lower() in ORG_GOVERNORS:
        votes["ORG"] += ORG_CONTEXT_VOTE
    elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ORG_VERBS:
        votes["ORG"] += ORG_CONTEXT_VOTE / 2
    if tok.dep_ == "nsubj" and _its_own(head):  # "X said in its weekly review", "X raised its dividend"
        votes["ORG"] += ORG_CONTEXT_VOTE
    for c in tok.children:  # "Acme, the company that ..." / "Acme is a company"
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in ORGANIZATION_NOUNS:
            votes["ORG"] += ORG_CONTEXT_VOTE
    if tok.dep_ == "nsubj" and head.lemma_ == "be":
        for c in head.children:
            if c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in ORGANIZATION_NOUNS:
                votes["ORG"] += ORG_CONTEXT_VOTE


def mention_votes(m: Mention, doc: Doc, lex: Lexicon, listed: set[str] | None = None) -> Votes:
    """Type votes of one mention (names and descriptions; pronouns vote through their gender).

    ``listed``: the names of the cluster whose list votes are already counted (updated here); the lists say the
    same thing about every mention of one name, so they count once per cluster.
    """
    votes = Votes()
    if m.kind == "name":
        key = " ".join(m.parts)
        first = listed is None or key not in listed
        if first:
            left = doc[m.head].left_edge
            after_the = left.lower_ == "the" or left.i > 0 and doc[left.i - 1].lower_ == "the"
            _list_votes(m, lex, votes, after_the)
            if listed is not None:
                listed.add(key)
        _name_votes(m, lex, votes, first)
        _context_votes(m, doc, votes)
        _org_votes(m, doc, votes)
        if m.parts == ("x",) and votes["PLATFORM"] < 1.0:
            votes.clear()  # a bare "X" is a platform only where a platform cue says so
    elif m.kind == "nominal" and not m.extra.get("described"):
        votes["PERSON"] += 2.0
        if doc[m.head].dep_ == "appos" and m.gender is not None:
            votes["PERSON"] += APPOSED_PERSON_VOTE  # "Valeska Paris, an Australian woman"
    elif m.kind == "pronoun":
        if m.gender in ("f", "m"):
            votes["PERSON"] += 1.0
        elif m.gender == "n":
            votes["ORG"] += 0.3
    return votes


def decide_type(votes: Mapping[str, float]) -> str | None:
    """The winning type, or None when there is no evidence at all."""
    if not votes:
        return None
    best = max(ENTITY_TYPES, key=lambda t: (votes.get(t, 0.0), -ENTITY_TYPES.index(t)))
    return best if votes.get(best, 0.0) > 0 else None


@dataclass
class Cluster:
    """A set of mentions with the evidence gathered for its type and gender."""

    members: list[int]
    votes: Votes = field(default_factory=Votes)
    gvotes: Votes = field(default_factory=Votes)
    roles: set[str] = field(default_factory=set)
    named: bool = False
    plural: bool = False
    anchored: bool = False  # has a name or a description (a cluster of bare pronouns is no antecedent)
    listed: set[str] = field(default_factory=set)  # names whose list votes are counted

    @property
    def type(self) -> str | None:
        return decide_type(self.votes)

    @property
    def gender(self) -> str | None:
        f, m = self.gvotes.get("f", 0.0), self.gvotes.get("m", 0.0)
        if f > m:
            return "f"
        if m > f:
            return "m"
        return None

    def absorb(self, other: Cluster) -> None:
        self.members = sorted(set(self.members) | set(other.members))
        self.votes.add(other.votes)
        self.gvotes.add(other.gvotes)
        self.roles |= other.roles
        self.listed |= other.listed
        self.named = self.named or other.named
        self.anchored = self.anchored or other.anchored
        self.plural = self.plural and other.plural if self.named and other.named else self.plural or other.plural
