"""Mention detection on the spaCy parse: proper names, person descriptions and personal pronouns.

One linear pass over tokens and entities (no pairwise work). Each :class:`Mention` carries what the
clustering needs: character offsets, head token, sentence, grammatical role, name parts, titles/roles,
gender and number, definiteness, and (for descriptions) the possessor ("Trump's daughter", "her father").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...timex.lexicon import MONTHS, WEEKDAYS
from ..lexicon import (
    ANONYMOUS_NOUNS,
    DEFINITE_DETERMINERS,
    LEGAL_FORMS,
    OFFICE_WORDS,
    ORG_WORDS,
    PERSON_NOUNS,
    PRONOUNS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    TITLE_MODIFIERS,
    TITLES,
    Lexicon,
)
from ..spanindex import SpanIndex
from .name_pieces import clean_word as _clean
from .name_pieces import join_pieces

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Mention", "detect_mentions", "headline_end", "NAME_LABELS", "HEADLINE_MAX"]

HEADLINE_MAX = 150
"""A first line longer than this is a paragraph, not a headline (PolNeAR's headlines are at most 141 characters;
the first paragraph of a wire story whose wrapped lines were joined is longer)."""


def headline_end(text: str) -> int:
    """Where the headline ends: the first line break, when the first line is at most :data:`HEADLINE_MAX`
    characters and text follows it; else 0 (no headline)."""
    first = text.find("\n")
    return first if 0 < first <= HEADLINE_MAX and first < len(text.rstrip()) else 0


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
_TICKER = re.compile(r"[A-Z0-9]{2,6}\.[A-Z]{1,2}")  # a Reuters instrument code ("CKGH.HK", "BAC.N"), not "U.S"
_NON_NAME_LABELS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LANGUAGE"})
# the money units of wire copy: no name ends in one ("100 mln U.S. Dlrs" is an amount's currency)
_WIRE_UNITS = frozenset("dlr dlrs ct cts mln bln pct stg".split())
_BOILERPLATE = _WIRE_UNITS | frozenset(  # page furniture, and the units ("Dlrs" opening a sentence)
    "image source photo photos credit caption video read more advertisement shr shrs".split()
)
_TITLE_WORDS = frozenset(TITLES) | TITLE_MODIFIERS
_UNNAMED = ANONYMOUS_NOUNS | SPOKESPERSON_NOUNS  # nouns of people who stay unnamed (never linked to a name)
# month names and abbreviations and the full day names: a "name" made of these alone is a date, not an entity
_MONTHS_DAYS = frozenset(MONTHS) | {d for d in WEEKDAYS if d.endswith("day")}
_SPLIT = frozenset({"/", ",", "(", ")", ";", ":", "|", "[", "]", '"', "“", "”"})
_STRIP_EDGE = frozenset({",", ".", ";", ":", "'", '"', "“", "”", "‘", "’", "(", ")", "-", "—", "–", "<", ">"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# prepositions and conjunctions that a Title Case headline capitalizes next to a name ("Against Trump")
_FUNCTION_WORDS = frozenset(
    """against for with over after before in on at by from to and or vs versus as about amid
    into under upon via without than""".split()
)
_NOT_PERSON_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "LAW"})
# labels whose entities keep a leading "the" as spaCy marks it ("the United States", "the Swiss National Bank")
_KEEP_THE = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
_NESTING_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})  # not places in places
_ROLE_DEPS = (
    dict.fromkeys(("nsubj", "nsubjpass", "csubj", "expl"), "subj")
    | dict.fromkeys(("dobj", "dative", "iobj"), "obj")
    | {"pobj": "obl", "agent": "obl", "poss": "poss", "attr": "attr"}
)


@dataclass
class Mention:
    """One mention. ``kind`` is "name", "pronoun" or "nominal"."""

    start: int
    end: int
    head: int  # token index of the head
    kind: str
    sent: int
    role: str = "other"  # subj | obj | obl | poss | attr | mod | other
    parts: tuple[str, ...] = ()  # names: lower-case name words without titles or possessive
    label: str = ""  # spaCy entity label (names)
    roles: tuple[str, ...] = ()  # normalized titles/role nouns attached to the mention ("president")
    gender: str | None = None  # "f" | "m" | "n" | None
    number: str = "sg"
    person: int = 3
    definite: bool = False
    anon: bool = False  # an unnamed-source noun ("a source", "the insider")
    noun: str = ""  # head lemma of a nominal
    possessor: int | None = None  # token index of the possessor's head ("Trump" in "Trump's daughter")
    in_quote: bool = False
    text: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int]:
        return (self.start, self.end)


def _role(tok: Token) -> str:
    seen = 0
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i and seen < 8:
        tok = tok.head
        seen += 1
    if tok.dep_ == "compound" or tok.dep_ == "amod":
        return "mod"
    return _ROLE_DEPS.get(tok.dep_, "other")


def _is_title(tok: Token) -> bool:
    return _clean(tok.text) in TITLES or tok.lemma_.lower() in PERSON_NOUNS


def _verbish(word: str) -> bool:
    """A capitalized verb in a Title Case headline ("Obama Says ...", "Injecting ...")."""
    if word.endswith("ing") and len(word) > 5:
        return True
    if word.endswith("s") and not word.endswith("ss"):
        stem = word[:-1]
        return stem in SPEECH_VERBS or stem in _HEADLINE_VERBS or word.endswith("es") and word[:-2] in SPEECH_VERBS
    return word in ("said", "told", "says")


def _title_case(line: str) -> bool:
    """Whether a line is written in Title Case: most of its words of four letters or more are capitalized."""
    words = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


_HEADLINE_VERBS = frozenset(
    {
        "slam",
        "blast",
        "rip",
        "hit",
        "win",
        "back",
        "plan",
        "seek",
        "vow",
        "break",
        "make",
        "take",
        "get",
        "face",
        "hammer",
        "endorse",
        "call",
        "urge",
        "warn",
        "want",
        "need",
        "give",
        "lose",
        "lead",
        "push",
        "attack",
        "mock",
        "defend",
    }
)


class _Builder:
    def __init__(self, doc: Doc, lex: Lexicon, quotes: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access: read it once
        self.lex = lex
        self.sent_of = [0] * len(doc)
        for si, sent in enumerate(doc.sents):
            for t in sent:
                self.sent_of[t.i] = si
        self.quotes = sorted(quotes)
        self._quote_index = SpanIndex(self.quotes)
        self.headline_end = headline_end(self.text)  # the first line: a headline, often in Title Case
        # where a verb after a name is stripped ("Obama Says"): a first line in Title Case only, never the body
        # ("Paul Keating", "Edward Said", "Chelsea Manning" are names; a verb before one is stripped anywhere)
        self.title_case_end = self.headline_end if _title_case(self.text[: self.headline_end]) else 0
        # a name holds a capital letter or a digit, unless the whole text is written in lower case: spaCy's
        # lower-case "names" in cased text are units and common nouns ("15 cts a share" as an ORG, "dlrs")
        body = self.text[self.headline_end :]
        self.cased = sum(c.isupper() for c in body) * 100 >= sum(c.isalpha() for c in body)
        self.taken: set[int] = set()  # tokens already in a name mention
        self.out: list[Mention] = []

    def in_quote(self, char: int) -> bool:
        """Whether a quote holds the character offset ``char`` (``qs <= char < qe``)."""
        return self._quote_index.covers(char)

    # ---------------------------------------------------------------- names
    def names(self) -> None:
        doc = self.doc
        pieces: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                pieces.extend(self._split(ent.start, ent.end, ent.label_))
        covered = {i for s, e, _ in pieces for i in range(s, e)}
        skip = {t.i for ent in doc.ents if ent.label_ in _NON_NAME_LABELS for t in ent}
        i = 0
        while i < len(doc):
            t = doc[i]
            if t.pos_ == "PROPN" and i not in covered and i not in skip:
                j = i
                while j < len(doc) and doc[j].pos_ == "PROPN" and j not in covered and j not in skip:
                    j += 1
                pieces.extend(self._split(i, j, ""))
                i = j
            else:
                i += 1
        for s, e, label in join_pieces(self.doc, sorted(pieces), self._known_place):
            self._name(s, e, label)

    def _known_place(self, s: int, e: int) -> bool:
        words = self.text[self.doc[s].idx : self.doc[e - 1].idx + len(self.doc[e - 1].text)]
        return self.lex.is_geo_place(words) or self.lex.is_place(words)

    def _row_label(self, i: int) -> bool:
        """Whether token ``i`` opens a line and a number follows it, or a lower-case noun or adjective and a number
        ("Avg shrs 4,120,000"; not "Lau said two ...", "Reagan in 80 ...")."""
        doc, char = self.doc, self.doc[i].idx
        if self.text[self.text.rfind("\n", 0, char) + 1 : char].strip(" \t"):
            return False
        nxt = [t for t in doc[i + 1 : i + 3] if t.like_num or t.is_lower and t.pos_ in ("NOUN", "ADJ", "X")]
        return bool(nxt) and nxt[0].i == i + 1 and (nxt[0].like_num or len(nxt) == 2 and nxt[1].like_num)

    def _ticker_in_angles(self, tok: Token) -> bool:
        """ "American Express Co <AXP>": capitals alone in Reuters' angle brackets after a name are its ticker."""
        i, j = tok.idx, tok.idx + len(tok.text)
        after_name = tok.i >= 2 and self.doc[tok.i - 2].pos_ == "PROPN"
        return after_name and tok.text.isupper() and len(tok.text) <= 6 and self.text[i - 1 : j + 1] == f"<{tok.text}>"

    def _split(self, s: int, e: int, label: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        cur = s
        for k in range(s, e + 1):
            if k < e - 1 and self.doc[k].like_num and self.doc[k + 1].is_lower:
                # a number and a common noun end a name ("Peabody gave Patriot 13 percent of ...": spaCy's ORG)
                if k > cur:
                    out.append((cur, k, label))
                break
            if k == e or self.doc[k].text in _SPLIT or self.doc[k].pos_ in ("PUNCT", "SYM") and self.doc[k].text != "-":
                if k > cur:
                    out.append((cur, k, label))
                cur = k + 1
        return out

    def _name(self, s: int, e: int, label: str) -> None:
        doc = self.doc
        # a verb glued to a name ("Injecting Clinton's ...", "Obama Says"), never inside a place spaCy marks
        # ("United States"); after the name only in a Title Case headline
        verbs = label not in _PLACE_LABELS and not self._known_place(s, e)
        # nor before a company's name: "Sterling Software Inc", "Reading Co"
        verbs_before = verbs and label != "ORG" and _clean(doc[e - 1].text) not in LEGAL_FORMS
        title_case = verbs and doc[s].idx < self.title_case_end
        the = s if label in _KEEP_THE and doc[s].lower_ == "the" else None  # "the United States" as spaCy marks it
        while s < e and (
            doc[s].lower_ in ("the", "a", "an")
            or doc[s].text in _STRIP_EDGE
            or verbs_before
            and s + 1 < e  # a name of one word ("Keating", "Manning") is no verb
            and _verbish(doc[s].lower_)
            and not self.lex.given_name_gender(doc[s].lower_)[0]
        ):
            s += 1
        while e > s and (
            doc[e - 1].tag_ == "POS"
            or doc[e - 1].text in _STRIP_EDGE
            # no person ends in a number: spaCy's PERSON "Revs 81.7" is a table row ("Revs 81.7 mln vs 296.7 mln")
            or label in ("", "PERSON")
            and doc[e - 1].like_num
            and any(c.isdigit() for c in doc[e - 1].text)
            or title_case
            and _verbish(doc[e - 1].lower_)
            # "Paul Keating Warns": an -ing word after a given name is a surname
            and not (
                doc[e - 1].lower_.endswith("ing") and e - 2 >= s and self.lex.given_name_gender(doc[e - 2].lower_)[0]
            )
        ):
            e -= 1
        if label in ("", "PERSON"):
            # Title Case headlines glue words to names: "Against Trump", "Crooked Hillary Clinton" (a word before
            # a given name is dropped in the headline only: "Cornell William Brooks" is one name)
            while s < e and doc[s].lower_ in _FUNCTION_WORDS:
                s += 1
            while e > s and doc[e - 1].lower_ in _FUNCTION_WORDS:
                e -= 1
            if (
                e - s >= 3
                and doc[s].idx < self.headline_end
                and not self.lex.given_name_gender(doc[s].lower_)[0]
                and _clean(doc[s].text) not in _TITLE_WORDS
                and self.lex.given_name_gender(doc[s + 1].lower_)[0]
            ):
                s += 1
        k = s - 2 if s >= 2 and doc[s - 1].lower_ == "the" else s - 1  # "Chief of Staff", "Minister of Finance"
        if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].text[:1].isupper() and _is_title(doc[k - 1]):
            named = label == "PERSON" or any(self.lex.given_name_gender(t.lower_)[0] for t in doc[s:e])
            while s < e and doc[s].lower_ in OFFICE_WORDS:  # all of it but a person's name ("State for Economic
                s += 1 if named else e - s  # Affairs" is the office of an Under-Secretary)
        if s >= e:
            return
        if the is not None and the != s - 1:
            the = None
        # leading titles inside the run ("President Trump", "Sen. Ted Cruz"); not in a name spaCy calls an
        # organization or a place ("General Motors", "President Hotel") unless a given name follows
        ns = s
        titles: list[str] = []
        k = s
        while k < e - 1 and _clean(doc[k].text) in _TITLE_WORDS:
            if _clean(doc[k].text) in TITLES:
                ns = k + 1
            k += 1
        if (
            ns > s
            and (label in _NOT_PERSON_LABELS or any(_clean(doc[j].text) in ORG_WORDS for j in range(ns, e)))
            and not self.lex.given_name_gender(doc[ns].lower_)[0]
        ):
            ns = s
        while ns > s and ns < e - 2 and doc[ns].lower_ == "of":  # "Secretary of State John Kerry"
            ns += 2
        for k in range(s, ns):
            if _clean(doc[k].text) in TITLES:
                titles.append(TITLES[_clean(doc[k].text)][0])
        if doc[ns].text[:1] in ("@", "#"):
            return  # a social-media handle or hashtag
        if e - ns == 1 and self._row_label(ns) and label not in _PLACE_LABELS and not self._known_place(ns, e):
            return  # the label of a table row ("Revs 11.5 mln vs 10.2 mln", "Avg shrs 4,120,000"), not a place
        if e - ns == 1 and (_TICKER.fullmatch(doc[ns].text) or self._ticker_in_angles(doc[ns])):
            return  # an instrument code beside a company's name ("Cheung Kong (Holdings) Ltd <CKGH.HK>")
        words = [doc[k].text for k in range(ns, e)]
        if self.cased and not any(c.isupper() or c.isdigit() for w in words for c in w):
            return
        low = [_clean(w) for w in words if w not in ("'s", "’s") and _clean(w)]
        if not low or all(w in _BOILERPLATE for w in low) or all(w in _MONTHS_DAYS for w in low):
            return
        if low[-1] in _WIRE_UNITS:
            return  # "50 billion U.S. Dlrs", "Australian Dlrs": a currency, not a name
        if ns == s and len(low) == 1 and _clean(doc[s].text) in TITLES and not label:
            return  # a bare title ("President") is a description, found by nominals()
        if all(
            _clean(doc[k].text) in _TITLE_WORDS
            or doc[k].lemma_.lower() in PERSON_NOUNS
            or doc[k].lower_[-1:] == "s"
            and doc[k].lower_[:-1] in _UNNAMED  # "U.S. Officials said" (Reuters)
            for k in range(s, e)
        ):
            return  # "Prime Minister", "CEO": a title or role written with capitals is a description
        if any(k in self.taken for k in range(s, e)):
            return
        head = max(range(s, e), key=lambda k: (doc[k].head.i < s or doc[k].head.i >= e or doc[k].head.i == k, k))
        htok = doc[head]
        if htok.dep_ in ("compound", "amod", "nmod") and htok.head.pos_ == "NOUN" and label in ("", "NORP", "PRODUCT"):
            return  # "Republican lawmakers", "iPhone sales": a modifier, not a mention (spaCy's PERSON stays one)
        if label == "NORP" and (htok.pos_ != "PROPN" or htok.tag_ == "NNP" and htok.dep_ in ("amod", "compound")):
            return  # "American", "Republican", "Afghan Ambassador": adjectives; the group ("Democrats") stays
        # left extension over titles and role nouns outside the entity ("former President", "campaign manager")
        xs = s
        ext: list[Token] = []
        k = s - 1 if the is None else -1
        subtree_left = {t.i for t in htok.subtree if t.i < s}
        while (
            k >= 0
            and k in subtree_left
            and doc[k].dep_ not in ("det", "poss", "case", "punct", "predet")
            and k not in self.taken
        ):
            ext.append(doc[k])
            k -= 1
        if ext and any(_is_title(t) for t in ext):
            xs = min(t.i for t in ext)
            for t in ext:
                c = _clean(t.text)
                if c in TITLES:
                    titles.append(TITLES[c][0])
                elif t.lemma_.lower() in PERSON_NOUNS:
                    titles.append(t.lemma_.lower())
        gender = None
        for t in list(doc[xs:ns]) + ext:
            c = _clean(t.text)
            g = TITLES[c][1] if c in TITLES else PERSON_NOUNS.get(t.lemma_.lower())
            gender = gender or g
        plural = doc[e - 1].tag_ == "NNPS" and (label in ("", "PERSON", "NORP") and len(low) == 1 or label == "NORP")
        possessor = None
        for t in htok.children:
            if t.dep_ == "poss" and t.i < xs:
                possessor = t.i
        if the is not None:
            xs = the
        start, end = doc[xs].idx, doc[e - 1].idx + len(doc[e - 1].text)
        self.taken.update(range(xs, e))
        self.out.append(
            Mention(
                start=start,
                end=end,
                head=head,
                kind="name",
                sent=self.sent_of[head],
                role=_role(htok),
                parts=tuple(low),
                label=label,
                extra={"name": self.text[doc[ns].idx : end]},
                roles=tuple(dict.fromkeys(r for r in titles if r not in ("former", "then", "first"))),
                gender=gender,
                number="pl" if plural else "sg",
                definite=True,
                possessor=possessor,
                noun=titles[-1] if titles else "",
                in_quote=self.in_quote(start),
                text=self.text[start:end],
            )
        )

    def nested(self) -> None:
        """Places inside a longer name ("University of Texas", "United States Navy"): a place from the
        gazetteers, the longest first, is a mention of its own (GUM annotates nested names)."""
        doc = self.doc
        for m in [m for m in self.out if m.kind == "name" and m.label in _NESTING_LABELS]:
            name = str(m.extra.get("name") or m.text)
            span = doc.char_span(m.end - len(name), m.end, alignment_mode="expand")
            if span is None or len(span) < 2 or self.lex.outlet(name):
                continue  # an outlet's name is one name ("New York Post")
            i = span.start
            while i < span.end:
                for j in range(span.end, i, -1):
                    if (i, j) == (span.start, span.end) or any(
                        t.pos_ != "PROPN" or not t.text[:1].isupper() for t in doc[i:j]
                    ):
                        continue
                    if self._known_place(i, j):
                        self._nested_place(i, j)
                        i = j - 1
                        break
                i += 1

    def _nested_place(self, i: int, j: int) -> None:
        doc = self.doc
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        head = j - 1
        self.out.append(
            Mention(
                start=start,
                end=end,
                head=head,
                kind="name",
                sent=self.sent_of[head],
                role="mod",
                parts=tuple(_clean(t.text) for t in doc[i:j]),
                label="GPE",
                extra={"name": self.text[start:end]},
                definite=True,
                in_quote=self.in_quote(start),
                text=self.text[start:end],
            )
        )

    # ---------------------------------------------------------------- pronouns
    def pronouns(self) -> None:
        for t in self.doc:
            info = PRONOUNS.get(t.lower_)
            if info is None or t.tag_ not in ("PRP", "PRP$") or t.i in self.taken:
                continue
            person, number, gender, case = info
            if t.dep_ == "expl":
                continue
            if t.lower_ == "her" and t.tag_ == "PRP$":
                case = "poss"
            self.out.append(
                Mention(
                    start=t.idx,
                    end=t.idx + len(t.text),
                    head=t.i,
                    kind="pronoun",
                    sent=self.sent_of[t.i],
                    role="poss" if case == "poss" else _role(t),
                    gender=gender,
                    number=number,
                    person=person,
                    definite=True,
                    noun=case,
                    in_quote=self.in_quote(t.idx),
                    text=t.text,
                )
            )

    # ---------------------------------------------------------------- descriptions
    def nominals(self) -> None:
        doc = self.doc
        for t in doc:
            if t.i in self.taken:
                continue
            lemma = t.lemma_.lower()
            title_only = t.pos_ == "PROPN" and _clean(t.text) in TITLES and _clean(t.text) not in TITLE_MODIFIERS
            described = False
            if not (t.pos_ == "NOUN" and (lemma in PERSON_NOUNS or lemma in _UNNAMED) or title_only):
                if not (t.pos_ == "NOUN" and t.tag_ == "NN" and _describes_name(t)):
                    continue
                described = True  # "Chomsky is a professor emeritus", "Kathryn Waters, director of the gallery"
            if t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
                continue  # a modifier ("campaign manager X", "celebrity friends")
            if title_only:
                lemma = TITLES[_clean(t.text)][0]
            keep = {t.i}
            for c in t.children:
                if c.dep_ in ("appos", "relcl", "acl", "cc", "conj", "punct", "preconj", "advcl", "parataxis"):
                    continue
                if described and c.i > t.i:
                    continue  # a description of a name is its noun and what comes before: "director", not "of ..."
                if c.dep_ == "prep" and c.i > t.i and any(g.dep_ == "punct" and g.text == "," for g in doc[t.i : c.i]):
                    continue
                keep.update(x.i for x in c.subtree)
            s, e = min(keep), max(keep) + 1
            while s < e and doc[s].text in _STRIP_EDGE:
                s += 1
            while e > s and (doc[e - 1].text in _STRIP_EDGE or doc[e - 1].tag_ == "POS"):
                e -= 1
            dets = [c for c in t.children if c.dep_ == "det"]
            poss = [c for c in t.children if c.dep_ == "poss"]
            definite = bool(poss) or any(d.lower_ in DEFINITE_DETERMINERS for d in dets) or title_only and not dets
            possessor = poss[0].i if poss else None
            if possessor is None:
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        objs = [g for g in c.children if g.dep_ == "pobj"]
                        if objs:
                            possessor = objs[0].i
            plural = t.tag_ in ("NNS", "NNPS")
            anon = lemma in _UNNAMED or (plural and not definite)
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            self.out.append(
                Mention(
                    start=start,
                    end=end,
                    head=t.i,
                    kind="nominal",
                    sent=self.sent_of[t.i],
                    role=_role(t),
                    gender=PERSON_NOUNS.get(lemma),
                    number="pl" if plural else "sg",
                    definite=definite,
                    anon=anon,
                    noun=lemma,
                    possessor=possessor,
                    in_quote=self.in_quote(start),
                    text=self.text[start:end],
                    roles=(lemma,),
                    extra={"described": True} if described else {},
                )
            )


def _describes_name(t: Token) -> bool:
    """A noun in apposition to a proper name, or its predicate after "be" ("X is a professor")."""
    if t.dep_ == "appos" and t.head.pos_ == "PROPN" or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children):
        return True
    return (
        t.dep_ == "attr"
        and t.head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.head.children)
    )


def detect_mentions(doc: Doc, lex: Lexicon, quotes: list[tuple[int, int]]) -> list[Mention]:
    """Every name, person description and personal pronoun of ``doc``, in text order.

    ``quotes`` are character ranges of quotations (the quote stage's); mentions inside get ``in_quote`` so that
    first-person pronouns can go to the quote's speaker.
    """
    b = _Builder(doc, lex, quotes)
    b.names()
    b.nested()
    b.pronouns()
    b.nominals()
    return sorted(b.out, key=lambda m: (m.start, -m.end))
