"""Speakers: resolve each attribution's source span to an entity, type the source, find the relay.

- unnamed sources ("sources", "a source close to ...", "the insider", "a close aide of ...", "officials")
  are typed ``anonymous`` with their description, and get no speaker;
- named sources go through the entity clusters (names, surnames, descriptions, pronouns) to the canonical
  name; the entity type gives person / outlet / organization / social_media;
- documents ("a report", "the poll") are ``document``; statements made in a post or tweet are
  ``social_media``;
- ``via``: the outlet of a nesting "according to X", or the outlet a person "told";
- "Ohio Mattress Co said ... The company said ..." / "... It said ...": a source "it" or "the company" that no
  cluster took is the organisation whose statement comes just before (``carry_speakers``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from ..lexicon import (
    ANONYMOUS_NOUNS,
    DEFINITE_DETERMINERS,
    DOCUMENT_NOUNS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    SOCIAL_MEDIA_VERBS,
    SPOKESPERSON_NOUNS,
    Lexicon,
    load_lexicon,
)
from ..state import DocState, DraftAttribution, DraftEntity, Resolution

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["SpeakerStage"]

_TYPE_OF_ENTITY = {
    "PERSON": "person",
    "OUTLET": "outlet",
    "ORG": "organization",
    "PLATFORM": "social_media",
    "PLACE": "organization",
}
_PRONOUNS = frozenset(PRONOUNS) | {"who", "you"}
# "the company said": nouns that stand for any organisation; other organisation nouns ("the bank", "the
# ministry") must be a word of the organisation's name ("Reserve Bank of Australia").
_ANY_ORG_NOUNS = frozenset({"company", "firm", "group", "corporation", "concern"})


def _strip_det(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


# head nouns of a body that a name before them names ("the Sunday Mail newspaper", "the Esselte Meto division")
_BODY_NOUNS = ORGANIZATION_NOUNS | {
    "newspaper",
    "paper",
    "magazine",
    "daily",
    "network",
    "unit",
    "division",
    "subsidiary",
}


def _agents(c: Token) -> list[Token]:
    """Who a document is by: the object of "by" at ``c`` ("a study by X") or under a participle at ``c`` ("an
    analysis released by X", "a complaint filed by X")."""
    preps = (
        [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ in ("agent", "prep")] if c.dep_ == "acl" else []
    )
    return [g for p in preps if p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]


class SpeakerStage:
    """Assigns ``state.speakers``: for each attribution id, its :class:`Resolution` (speaker, speaker id, source
    type, source description, via)."""

    name: ClassVar[str] = "speakers"
    requires: ClassVar[tuple[str, ...]] = ("doc", "attributions", "entities", "mention_index")
    assigns: ClassVar[tuple[str, ...]] = ("speakers",)

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        lex = lexicon or load_lexicon()
        names = sorted(set(lex.platforms.values()), key=len, reverse=True)  # canonical names, as written
        self.platform_words = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")

    def __call__(self, state: DocState) -> dict[str, Any]:
        out: dict[str, Resolution] = {}
        for att in state.attributions:
            if att.continues is None:
                out[att.id] = self.resolve(state, att)
        for att in state.attributions:  # continuations take their speaker from the quote they continue
            if att.continues is not None:
                out[att.id] = out.get(att.continues) or self.resolve(state, att)
        self.carry_speakers(state, out)
        return {"speakers": out}

    def carry_speakers(self, state: DocState, out: dict[str, Resolution]) -> None:
        """Wire and business copy goes "Ohio Mattress Co said its profits may fall. The company said any decline
        ..." or "... It said ...": a source "it" or "the <organisation noun>" that no cluster took is the
        organisation of the statement just before it (by position), when that statement's speaker is an
        organisation (a company, or one whose name holds the noun: "the bank" after "Reserve Bank"). An "it" also
        goes back to an unnamed organisation or a document just before ("The embassy said ... It said ...", "the
        report said ... It said ..."), with its description. Anything else just before (a person, anonymous
        sources, an unresolved source) leaves it unresolved.

        Likewise a source "they" right after a statement of unnamed sources that began at most 500 characters
        before it ("Analysts said ... They said ...") is those sources (anonymous, with their description), unless a cluster
        took it to a person; nearly all of them were unresolved or taken to an organisation named in between."""
        by_id = {e.id: e for e in state.entities}
        prev: Resolution | None = None
        unnamed: tuple[Resolution, int] | None = None  # the statement just before, when its sources are unnamed
        for att in sorted(state.attributions, key=lambda a: a.source.start if a.source is not None else -1):
            res = out.get(att.id)
            if res is None or att.source is None:
                continue
            if (
                unnamed is not None
                and att.source.text.lower() == "they"
                and res.source_type in ("person", "organization", "unknown")
                and (res.speaker is None or res.source_type == "organization")
                and att.source.start - unnamed[1] <= 500
            ):
                res = out[att.id] = Resolution(
                    source_type="anonymous", source_description=unnamed[0].source_description, via=res.via
                )
            unnamed = (res, att.source.start) if res.source_type == "anonymous" else None
            if res.speaker is None and prev is not None and res.source_type != "anonymous":
                head = self.head_token(state, att)
                org = by_id.get(prev.speaker_id) if prev.speaker_id is not None else None
                if head is not None and self.refers_to(att, head, org):
                    res = out[att.id] = Resolution(
                        speaker=prev.speaker,
                        speaker_id=prev.speaker_id,
                        source_type=prev.source_type,
                        source_description=prev.source_description,
                        via=res.via,
                    )
            ent = by_id.get(res.speaker_id) if res.speaker_id is not None else None
            if ent is not None:
                prev = res if ent.type in ("ORG", "OUTLET") and not ent.plural else None
            else:  # an unnamed organisation ("the embassy") or a document ("the report") stays for an "it"
                prev = res if res.source_type in ("organization", "document") and res.source_description else None

    @staticmethod
    def refers_to(att: DraftAttribution, head: Token, org: DraftEntity | None) -> bool:
        """Whether the source (``head`` its head word) can be taken back to the statement before, whose speaker
        is ``org`` (None: an unnamed organisation or a document): "it", or "the" + a singular organisation noun
        (any organisation for "company", "firm", "group"...; else a word of its name) when ``org`` is named."""
        words = att.source.text.split() if att.source is not None else []
        if len(words) == 1 and head.lower_ == "it":
            return True
        if org is None or len(words) != 2 or words[0].lower() != "the" or words[1] != head.text or head.tag_ != "NN":
            return False
        noun = head.lower_
        if noun in _ANY_ORG_NOUNS:
            return org.type == "ORG"
        return noun in ORGANIZATION_NOUNS and noun in {w.lower() for w in re.findall(r"\w+", org.name)}

    # ------------------------------------------------------------------
    def head_token(self, state: DocState, att: DraftAttribution) -> Token | None:
        if att.source is None:
            return None
        if att.source_head is not None and att.source.start <= state.doc[att.source_head].idx < att.source.end:
            return state.doc[att.source_head]
        span = state.doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
        return span.root if span is not None else None

    def resolve(self, state: DocState, att: DraftAttribution) -> Resolution:
        via = None
        if att.via_span is not None:
            ent = state.entity_at(att.via_span.start, att.via_span.end)
            via = ent.name if ent is not None else _strip_det(att.via_span.text)
        head = self.head_token(state, att) if att.source is not None else None
        if att.source is None or head is None:
            return Resolution(via=via)
        written = att.source.text
        antecedent = _antecedent(head)
        # "Bryson, which said it ...": the relative pronoun stands for "Bryson"; a "who" keeps its own reading
        # (a person) unless its antecedent is a named entity or an unnamed source
        if antecedent is not None and (
            head.lower_ != "who"
            or state.entity_at(antecedent.idx, antecedent.idx + len(antecedent)) is not None
            or self.is_anonymous(state, att, antecedent)
        ):
            head = antecedent
            written = state.doc[antecedent.left_edge.i : antecedent.i + 1].text
        if self.is_anonymous(state, att, head):
            return Resolution(source_type="anonymous", source_description=written, via=via)
        ent = self.entity_for(state, att, head)
        speaker = speaker_id = description = None
        document = head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS
        if ent is not None:
            speaker, speaker_id = ent.name, ent.id
            # a group of people ("Democrats said") is no named person: typed as the body it speaks for
            source_type = "organization" if ent.plural else _TYPE_OF_ENTITY.get(ent.type, "unknown")
            if document and state.entity_at(head.idx, head.idx + len(head)) is not ent:
                # "Trump's tweet", "a Bloomberg poll", "a study by Justin Levitt": its author's document
                source_type = "social_media" if head.lemma_.lower() in SOCIAL_MEDIA_VERBS else "document"
                description = written
        else:
            source_type = self.type_by_head(head)
            if source_type in ("organization", "document", "unknown") or head.pos_ == "NOUN":
                description = written
        if source_type == "person" and self.on_social_media(state, att):
            source_type = "social_media"
        return Resolution(
            speaker=speaker,
            speaker_id=speaker_id,
            source_type=source_type,
            source_description=description,
            via=via if via is not None else self.told_outlet(state, att),
        )

    @staticmethod
    def is_anonymous(state: DocState, att: DraftAttribution, head: Token) -> bool:
        if head.lower_ == "one" and head.pos_ in ("NUM", "PRON"):  # '"...," one said': one of them, unnamed
            return True
        # "U.S. Officials said", "Arbitrageurs said": a plural written with a capital (Reuters) is still the common
        # noun, unless a name is built on it ("the Association of International Bond Dealers")
        before = [t for t in head.doc[max(0, head.i - 2) : head.i] if not t.is_space][-1:]
        plural = (
            head.lower_[-1:] == "s"
            and head.lower_[:-1] in ANONYMOUS_NOUNS
            and not any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") for t in [*head.lefts, *before])
        )
        low = head.lower_
        if not (plural or low in ANONYMOUS_NOUNS or head.lemma_.lower() in ANONYMOUS_NOUNS or _unnamed_people(head)):
            return False
        # "Trump aide Hope Hicks" / "his spokesman, John Smith" / "Jennifer McClellan, a corporate attorney": a name
        # in apposition or as head makes it named
        if head.dep_ == "appos" and head.head.pos_ == "PROPN":
            return False
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return False
        return head.pos_ != "PROPN" or plural

    @staticmethod
    def entity_for(state: DocState, att: DraftAttribution, head: Token) -> DraftEntity | None:
        ent = state.entity_at(head.idx, head.idx + len(head))
        if ent is None and head.pos_ == "NOUN":
            # "The meeting in Qatar", "The company, whose stock trades on the American Stock Exchange", "the Trump
            # campaign": a name inside a description is not who spoke, unless it is the description's apposition
            # ("the company, Acme Corp"), names the body the noun is ("The Sunday Mail newspaper", "a BankAmerica
            # spokesman") or wrote the document ("Trump's tweet", "a Bloomberg poll", "a study by Justin Levitt")
            noun = head.lemma_.lower()
            if head.tag_ == "NNS":
                return None
            if noun in DOCUMENT_NOUNS:  # a name before it: "a new Washington Post-ABC News poll", "Trump's tweet"
                spans = state.mentions_within(head.left_edge.idx, head.idx)  # the longest: not a place inside
                for _, eid in sorted(spans, key=lambda m: m[0][0] - m[0][1]):
                    named = state.entity(eid)
                    # not a place ("a Texas poll"), nor the platform it appeared on ("a Facebook post")
                    if named is not None and not named.plural and named.type not in ("PLACE", "PLATFORM"):
                        return named
            for c in head.children:
                agents = _agents(c) if noun in DOCUMENT_NOUNS else []
                for t in agents or [c]:
                    named = state.entity_at(t.idx, t.idx + len(t))
                    if named is None or named.plural:
                        continue
                    if (
                        agents
                        or t.dep_ == "appos"
                        or t.dep_ == "compound"
                        and noun in _BODY_NOUNS
                        and named.type not in ("PERSON", "PLACE")
                    ):
                        return named
            return None
        if ent is None and att.source is not None:
            ent = state.entity_at(att.source.start, att.source.end)
        if ent is None and head.lower_ in _PRONOUNS and head.lower_ not in ("it", "we", "i", "you", "who"):
            ent = _nearest_person_before(state, head.idx, head.lower_)
        return ent

    @staticmethod
    def type_by_head(head: Token) -> str:
        low = head.lemma_.lower()
        if low in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS:
            return "document"
        if low in ORGANIZATION_NOUNS or head.lower_ in ORGANIZATION_NOUNS or head.ent_type_ in ("ORG", "NORP"):
            return "organization"
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
            return "person"
        if head.lower_ in _PRONOUNS and head.lower_ not in ("it",):
            return "person"
        return "unknown"

    def on_social_media(self, state: DocState, att: DraftAttribution) -> bool:
        if att.cue_head is None:
            return False
        verb = state.doc[att.cue_head]
        if verb.lemma_.lower() in SOCIAL_MEDIA_VERBS:
            return True
        sent = verb.sent
        return bool(self.platform_words.search(sent.text)) and verb.lemma_.lower() in ("write", "post", "share", "say")

    @staticmethod
    def told_outlet(state: DocState, att: DraftAttribution) -> str | None:
        """ "X told CNN ..." / "X said in an interview with the Guardian": the outlet relays the statement."""
        if att.cue_head is None:
            return None
        verb = state.doc[att.cue_head]
        cands = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with", "in"):
                for pobj in prep.children:
                    cands.append(pobj)
                    cands.extend(p2 for pp in pobj.children if pp.dep_ == "prep" for p2 in pp.children)
        for tok in cands:
            ent = state.entity_at(tok.idx, tok.idx + len(tok))
            if ent is not None and ent.type == "OUTLET":
                return ent.name
        return None


def _unnamed_people(head: Token) -> bool:
    """ "Economists said", "some bankers", "a federal judge", "one economist": people named by an indefinite
    person noun (a plural, or a singular after "a", "an", "another", "one"). Not a spokesperson's noun ("a
    representative"): the voice of an organisation is typed ``organization``."""
    lemma = head.lemma_.lower()
    if lemma not in PERSON_NOUNS or lemma in SPOKESPERSON_NOUNS:
        return False
    if head.tag_ == "NN":
        return any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") or c.dep_ == "nummod" and c.lower_ == "one"
            for c in head.children
        )
    if head.tag_ != "NNS":
        return False
    # "the economists", "his lawyers", "both candidates" point back to people named before
    return not any(
        c.dep_ == "poss" or c.lower_ == "both" or c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS
        for c in head.children
    )


def _antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Bryson, which said ...", "the man who said ...")."""
    if tok.lower_ in ("which", "who", "that") and tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
        return tok.head.head
    return None


def _nearest_person_before(state: DocState, pos: int, pronoun: str) -> DraftEntity | None:
    """Fallback when the clusters did not take the pronoun: the last person mentioned before it."""
    plural = pronoun in ("they", "them")
    best: tuple[int, DraftEntity] | None = None
    for ent in state.entities:
        if ent.type != "PERSON" or plural:
            continue
        if pronoun in ("he", "him") and ent.gender == "f" or pronoun in ("she", "her") and ent.gender == "m":
            continue
        for s, e in ent.mentions:
            if e <= pos and (best is None or s > best[0]):
                best = (s, ent)
    return best[1] if best else None
