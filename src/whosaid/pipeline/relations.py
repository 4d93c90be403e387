"""Relations between entities, with the evidence span that states them (and a time where one is stated).

Two sources of evidence, both read off the parse and the entity clusters:

* kin and role nouns with a possessor: "her father Donald Trump" (child_of), "her husband, Jared Kushner"
  (spouse_of), "her old friend in showbiz, Kim Kardashian" (friend_of), "Trump's eldest daughter" when
  the description is linked to a named person, "Trump's campaign manager Kellyanne Conway" (works_for);
* verbs between a subject and an object entity: married (spouse_of), criticized/slammed/attacked
  (criticized), met/sat down with (met_with), endorsed/backed/advocated for (advocated_for),
  worked for (works_for), worked with (colleague_of), befriended (friend_of).

Labels: child_of, parent_of, spouse_of, sibling_of, friend_of, works_for, colleague_of, advocated_for,
criticized, met_with. Symmetric relations and parent/child pairs are reported once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .entities.mentions import Mention
from .lexicon import KIN_RELATIONS
from .state import DocState, DraftEntity, DraftRelation
from .syntax import subjects as find_subjects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["RelationStage", "RELATION_LABELS", "VERB_RELATIONS"]

RELATION_LABELS = (
    "child_of",
    "parent_of",
    "spouse_of",
    "sibling_of",
    "friend_of",
    "works_for",
    "colleague_of",
    "advocated_for",
    "criticized",
    "met_with",
)
SYMMETRIC = frozenset({"spouse_of", "sibling_of", "friend_of", "colleague_of", "met_with"})
INVERSE = {"parent_of": "child_of", "child_of": "parent_of"}

# verb lemma -> (relation, preposition that introduces the object or "" for a direct object)
VERB_RELATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "marry": ("spouse_of", ("", "to")),
    "wed": ("spouse_of", ("", "to")),
    "divorce": ("spouse_of", ("",)),
    "criticize": ("criticized", ("",)),
    "criticise": ("criticized", ("",)),
    "slam": ("criticized", ("",)),
    "blast": ("criticized", ("",)),
    "attack": ("criticized", ("",)),
    "condemn": ("criticized", ("",)),
    "denounce": ("criticized", ("",)),
    "mock": ("criticized", ("",)),
    "rip": ("criticized", ("", "into")),
    "lambaste": ("criticized", ("",)),
    "bash": ("criticized", ("",)),
    "rebuke": ("criticized", ("",)),
    "ridicule": ("criticized", ("",)),
    "berate": ("criticized", ("",)),
    "assail": ("criticized", ("",)),
    "accuse": ("criticized", ("",)),
    "chastise": ("criticized", ("",)),
    "deride": ("criticized", ("",)),
    "insult": ("criticized", ("",)),
    "fault": ("criticized", ("",)),
    "scold": ("criticized", ("",)),
    "meet": ("met_with", ("", "with")),
    "sit": ("met_with", ("with",)),
    "dine": ("met_with", ("with",)),
    "visit": ("met_with", ("",)),
    "host": ("met_with", ("",)),
    "endorse": ("advocated_for", ("",)),
    "back": ("advocated_for", ("",)),
    "support": ("advocated_for", ("",)),
    "champion": ("advocated_for", ("",)),
    "defend": ("advocated_for", ("",)),
    "advocate": ("advocated_for", ("for",)),
    "campaign": ("advocated_for", ("for",)),
    "lobby": ("advocated_for", ("for",)),
    "vouch": ("advocated_for", ("for",)),
    "stump": ("advocated_for", ("for",)),
    "work": ("works_for", ("for",)),
    "serve": ("works_for", ("under",)),
    "befriend": ("friend_of", ("",)),
}
_WITH_COLLEAGUE = frozenset({"work", "collaborate", "team", "partner", "serve"})
_OBJ_DEPS = frozenset({"dobj", "dative", "nsubjpass"})


class RelationStage:
    name: ClassVar[str] = "relations"
    requires: ClassVar[tuple[str, ...]] = ("doc", "mentions", "entities", "mention_index", "times")
    assigns: ClassVar[tuple[str, ...]] = ("relations",)

    def __call__(self, state: DocState) -> dict[str, Any]:
        mentions: list[Mention] = state.mentions
        by_head = {m.head: m for m in mentions if m.kind != "pronoun"}
        by_head.update({m.head: m for m in mentions if m.kind == "pronoun" and m.head not in by_head})
        found = _Found(state)
        for m in mentions:
            if m.possessor is not None and m.noun in KIN_RELATIONS:
                self._kin(state, m, by_head, found)
        for tok in state.doc:
            if (
                tok.pos_ == "VERB"
                and tok.lemma_.lower() in VERB_RELATIONS
                or tok.lemma_.lower() in _WITH_COLLEAGUE
                and tok.pos_ == "VERB"
            ):
                self._verb(state, tok, by_head, found)
        return {"relations": found.relations}

    # ------------------------------------------------------------ kin and role nouns
    def _kin(self, state: DocState, m: Mention, by_head: dict[int, Mention], found: _Found) -> None:
        owner = by_head.get(m.possessor) if m.possessor is not None else None
        if owner is None:
            return
        a = _entity(state, owner)
        b = _entity(state, m)
        doc = state.doc
        end = m.end
        conf = 0.75
        for c in doc[m.head].children:  # "her husband, Jared Kushner": the evidence runs to the name
            if c.dep_ == "appos" and c.head.i == m.head:
                appos = by_head.get(c.i)
                if appos is not None:
                    end = max(end, appos.end)
                    b = b or _entity(state, appos)
                    conf = 0.9
        if a is None or b is None or a.id == b.id:
            return
        rel = KIN_RELATIONS[m.noun]
        start = min(owner.start, m.start)
        if rel == "employs":
            found.add(b, "works_for", a, (start, end), conf - 0.1)
        elif rel == "works_for":
            found.add(a, "works_for", b, (start, end), conf - 0.1)
        else:
            if rel in ("child_of", "parent_of", "spouse_of", "sibling_of") and (
                a.type != "PERSON" or b.type != "PERSON"
            ):
                return
            found.add(a, rel, b, (start, end), conf)

    # ------------------------------------------------------------ verbs
    def _verb(self, state: DocState, verb: Token, by_head: dict[int, Mention], found: _Found) -> None:
        lemma = verb.lemma_.lower()
        if any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "neg" for c in verb.head.children if verb.dep_ == "xcomp"
        ):
            return  # "did not support", "refused to endorse" is not a relation
        rel, preps = VERB_RELATIONS.get(lemma, ("colleague_of", ("with",)))
        if lemma in _WITH_COLLEAGUE:
            preps = preps + ("with",)
        # "she was required to assist and advocate for ...": the subject of the verb it hangs from
        subjects = find_subjects(verb, deps=("nsubj",), up_deps=("nsubj", "nsubjpass"), climb=("xcomp", "conj"))
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            subjects, objects = agents, [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and "" in preps]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                if lemma in _WITH_COLLEAGUE and c.lower_ == "with":
                    if rel != "colleague_of" and objects:
                        continue
                    rel = "colleague_of"
                objects += [g for g in c.children if g.dep_ == "pobj"]
        objects = _expand(objects)
        subjects = _expand(subjects)
        if rel == "met_with" and not objects and len(subjects) > 1:  # "X and Y met"
            objects = subjects[1:]
            subjects = subjects[:1]
        for s_tok in subjects:
            a = _entity_at_token(state, s_tok, by_head)
            if a is None:
                continue
            for o_tok in objects:
                b = _entity_at_token(state, o_tok, by_head)
                if b is None:  # "advocate for a pardon for Alice Marie Johnson": one step down
                    for p in o_tok.children:
                        if p.dep_ == "prep" and p.lower_ in ("for", "of"):
                            for g in p.children:
                                if g.dep_ == "pobj":
                                    b = b or _entity_at_token(state, g, by_head)
                if b is None or a.id == b.id:
                    continue
                if rel in ("spouse_of", "friend_of", "met_with", "colleague_of") and (
                    a.type != "PERSON" or b.type != "PERSON"
                ):
                    continue
                if a.type not in ("PERSON", "ORG", "OUTLET"):
                    continue
                lo = min(s_tok.left_edge.i, verb.i, o_tok.left_edge.i)
                hi = max(o_tok.right_edge.i, verb.i, s_tok.i)
                start, end = state.doc[lo].idx, state.doc[hi].idx + len(state.doc[hi].text)
                when = _time_in(state, start, end)
                found.add(a, rel, b, (start, end), 0.6, when)


def _expand(toks: list[Token]) -> list[Token]:
    out = list(toks)
    for t in toks:
        for c in t.conjuncts:
            if c not in out:
                out.append(c)
    return out


def _entity(state: DocState, m: Mention) -> DraftEntity | None:
    eid = state.mention_index.get((m.start, m.end))
    return state.entity(eid) if eid else None


def _entity_at_token(state: DocState, tok: Token, by_head: dict[int, Mention]) -> DraftEntity | None:
    m = by_head.get(tok.i)
    if m is None:
        for c in tok.children:  # "President Trump" has its head on "Trump"; compounds point to it
            if c.dep_ == "appos" and c.i in by_head:
                m = by_head[c.i]
    return _entity(state, m) if m is not None else None


def _time_in(state: DocState, start: int, end: int) -> str | None:
    for t in state.times:
        if start <= t.start and t.end <= end and t.value:
            return t.value
    return None


class _Found:
    """Relations so far, without duplicates (symmetric and inverse pairs count once)."""

    def __init__(self, state: DocState) -> None:
        self.state = state
        self.relations: list[DraftRelation] = []
        self.keys: set[tuple[str, str, str]] = set()

    def add(
        self, a: DraftEntity, rel: str, b: DraftEntity, evidence: tuple[int, int], conf: float, when: str | None = None
    ) -> None:
        keys = {(a.id, rel, b.id)}
        if rel in SYMMETRIC:
            keys.add((b.id, rel, a.id))
        if rel in INVERSE:
            keys.add((b.id, INVERSE[rel], a.id))
        new = DraftRelation(
            subject_id=a.id, relation=rel, object_id=b.id, evidence=evidence, when=when, confidence=conf
        )
        if keys & self.keys:  # keep the better-evidenced statement of the same fact
            for k, old in enumerate(self.relations):
                if {(old.subject_id, old.relation, old.object_id)} & keys and old.confidence < conf:
                    self.relations[k] = new
            return
        self.keys |= keys
        self.relations.append(new)
