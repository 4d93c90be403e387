"""In-article coreference, rule- and feature-based on the spaCy parse (no coreference package runs offline).

Order of work (each step only adds links; nothing pairwise over all tokens):

1. names: identical names, first+last name variants ("Donald J. Trump" = "Donald Trump"), then single
   words to a full name by surname or given name ("Trump", "Ivanka"), acronyms ("FBI");
2. explicit links: apposition ("her husband, Jared Kushner") and copula ("Kim is a reality star");
3. in text order (by head token): definite descriptions ("the senator" by a matching title, "Trump's eldest
   daughter" or "the reality television star" by salience) and third-person pronouns by salience with
   gender/number/animacy agreement and syntactic filters (a subject pronoun never takes a name it
   c-commands; an object pronoun never takes its own clause's subject; a pronoun never takes the noun
   phrase it sits in; a third-person pronoun inside a quote is not the quote's speaker);
4. kinship unification: "the former President's daughter" = X and "her father Donald Trump" make the
   unnamed "former President" Donald Trump when X has no other named parent;
5. first-person pronouns inside a quote go to the quote's speaker.

Unnamed sources ("a source close to...", "the insider", "officials") are never linked to a named person
except through an explicit apposition or copula.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..lexicon import IMPERSONAL_VERBS, KIN_NOUNS_EXTRA, KIN_RELATIONS, SPEECH_VERBS, TITLES, Lexicon
from .kinship import KinshipLinks
from .mentions import Mention
from .name_links import NameLinks
from .quote_speakers import QuoteSpeaker, quote_speakers
from .turns import find_turns, interviewee
from .types import Cluster, mention_votes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Cluster", "resolve", "QuoteSpeaker"]

ROLE_WEIGHT = {"subj": 1.0, "obj": 0.6, "attr": 0.5, "poss": 0.55, "obl": 0.4, "mod": 0.2, "other": 0.35}
DECAY = 0.55  # per sentence back
WINDOW = 3  # sentences searched first; a pronoun with no candidate there looks further back
FAR_WINDOW = 8
REST_WEIGHT = 0.3
POSS_SUBJECT_BONUS = 2.0  # measured on GUM and the PolNeAR pronoun tables (docs/bench-entities.md)
_TITLE_ROLES = frozenset(v[0] for v in TITLES.values()) - {
    "former",
    "then",
    "first",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "lady",
    "father",
}


class _Coref(NameLinks, KinshipLinks):
    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        lex: Lexicon,
        speakers: list[QuoteSpeaker] | None,
        quotes: list[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access: read it once
        self.M = mentions
        self.lex = lex
        self.parent = list(range(len(mentions)))
        self.info: dict[int, Cluster] = {}
        self.by_head: dict[int, int] = {}
        for i, m in enumerate(mentions):
            if m.head not in self.by_head or mentions[self.by_head[m.head]].kind == "pronoun":
                self.by_head[m.head] = i
        self.starts = [m.start for m in mentions]
        n_sent = (max(m.sent for m in mentions) + 1) if mentions else 0
        self.by_sent: list[list[int]] = [[] for _ in range(n_sent)]
        for i, m in enumerate(mentions):
            self.by_sent[m.sent].append(i)
        self.speakers = speakers
        # narrative distance: sentences wholly inside a quotation do not push earlier mentions back
        self.quotes = sorted(quotes)
        self.narr: list[int] = []
        count = 0
        qi = 0
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            while qi < len(self.quotes) and self.quotes[qi][1] <= a:
                qi += 1
            inside = qi < len(self.quotes) and self.quotes[qi][0] <= a + 1 and b - 1 <= self.quotes[qi][1]
            count += 0 if inside else 1
            self.narr.append(count)
        self.kin: dict[tuple[int, str], int] = {}  # (possessor root, "child_of:m") -> root of the relative

    # ------------------------------------------------------------ union-find
    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if ra in self.info and rb in self.info:
            self.info[ra].absorb(self.info.pop(rb))
        return ra

    def cluster(self, i: int) -> Cluster:
        return self.info[self.find(i)]

    # ------------------------------------------------------------ 2. explicit links
    def link_explicit(self) -> None:
        doc, M = self.doc, self.M
        for i, m in enumerate(M):
            if m.kind == "pronoun":
                continue
            tok = doc[m.head]
            if tok.dep_ == "appos":
                j = self.by_head.get(tok.head.i)
                if (
                    j is not None
                    and M[j].kind != "pronoun"
                    and not self._glued_title(j, i)
                    and self._compatible_explicit(i, j)
                ):
                    self.union(i, j)
            elif tok.dep_ == "attr" and tok.head.lemma_ == "be" and not m.anon and m.number == "sg":
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                j = self.by_head.get(subj[0].i) if subj else None
                if j is not None and M[j].kind == "name" and self._compatible_explicit(i, j):
                    self.union(i, j)

    def _glued_title(self, j: int, i: int) -> bool:
        """A name right before a title, with nothing between ("AEA senior vice president Ralph Thomson"), modifies
        the title: spaCy's apposition there is a parse error, and the name is not the person."""
        name, title = self.M[j], self.M[i]
        return (
            name.kind == "name"
            and title.kind == "nominal"
            and name.end <= title.start
            and not self.text[name.end : title.start].strip()
        )

    def _compatible_explicit(self, i: int, j: int) -> bool:
        a, b = self.M[i], self.M[j]
        if a.kind == "name" and b.kind == "name":
            return set(a.parts) <= set(b.parts) or set(b.parts) <= set(a.parts)
        if a.kind == "nominal" and b.kind == "nominal":
            return False
        nom, name_i = (a, j) if a.kind == "nominal" else (b, i)
        if nom.extra.get("described") and self.cluster(name_i).type != "PERSON":
            return False  # "Acme, a company based in ...": a description tells only of a person
        ok_gender = nom.gender is None or self.cluster(name_i).gender in (None, nom.gender)
        return ok_gender and nom.number == "sg"

    # ------------------------------------------------------------ cluster evidence
    def _build_info(self) -> None:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.M)):
            groups[self.find(i)].append(i)
        self.info = {}
        for r, members in groups.items():
            c = Cluster(members=sorted(members))
            for j in members:
                self._add_evidence(c, j)
            self.info[r] = c
        # family: a full name sharing its surname with a person's full name is a person too
        by_last: dict[str, list[int]] = defaultdict(list)
        for r, c in self.info.items():
            lasts = {
                self._core(self.M[j].parts)[-1]
                for j in c.members
                if self.M[j].kind == "name" and len(self._core(self.M[j].parts)) >= 2
            }
            for last in lasts:
                by_last[last].append(r)
        for rs in by_last.values():
            if len(rs) > 1 and any(self.info[r].votes["PERSON"] >= 1.0 for r in rs):
                for r in rs:
                    self.info[r].votes["PERSON"] += 1.5
        # a lone surname's spaCy label is unreliable: behind a "Given Surname" full name it counts as a person
        for c in self.info.values():
            fulls = [self.M[j] for j in c.members if self.M[j].kind == "name" and len(self._core(self.M[j].parts)) >= 2]
            if c.named and not fulls:  # only one-word names ("Melanie"): a given name still tells the gender
                word = next(self.M[j].parts[0] for j in c.members if self.M[j].kind == "name")
                known, g = self.lex.given_name_gender(word)
                if known and g:
                    c.gvotes[g] += 1.0
            if any(self.lex.given_name_gender(self._core(m.parts)[0])[0] for m in fulls):
                singles = sum(1 for j in c.members if self.M[j].kind == "name" and len(self.M[j].parts) == 1)
                c.votes["PERSON"] += 1.0 * singles

    def _add_evidence(self, c: Cluster, j: int) -> None:
        m = self.M[j]
        c.votes.add(mention_votes(m, self.doc, self.lex, c.listed))
        c.anchored = c.anchored or m.kind != "pronoun"
        if m.kind == "name":
            c.named = True
            c.plural = m.number == "pl"
            c.roles.update(m.roles)
            p = self._core(m.parts)
            known, g = self.lex.given_name_gender(p[0])
            if known and g and len(p) >= 2:  # a given name counts only in front of a surname
                c.gvotes[g] += 3.0
            if m.gender in ("f", "m"):
                c.gvotes[m.gender] += 4.0
        elif m.kind == "nominal":
            if m.gender in ("f", "m"):
                c.gvotes[m.gender] += 2.0
            if m.definite and not m.anon:
                c.roles.add(m.noun)
            c.plural = c.plural or (m.number == "pl" and not c.named)
        elif m.kind == "pronoun" and m.gender in ("f", "m"):
            c.gvotes[m.gender] += 0.5

    def attach(self, i: int, j: int) -> None:
        """Add mention i (a singleton so far) to j's cluster, with its evidence."""
        ri = self.find(i)
        self.union(ri, j)

    # ------------------------------------------------------------ 3. descriptions and pronouns
    def resolve_sequential(self, quote_speaker: dict[int, int]) -> None:
        M = self.M
        order = sorted((i for i, m in enumerate(M) if m.kind in ("pronoun", "nominal")), key=lambda i: M[i].head)
        for i in order:
            m = M[i]
            if self.info[self.find(i)].named:
                if m.kind == "nominal":
                    self._record_kin(i)
                continue
            if m.kind == "pronoun":
                if m.person == 3:
                    j = self._pronoun(i, quote_speaker)
                    if j is not None:
                        self.attach(i, j)
            elif m.anon:
                if m.definite and m.number == "sg":
                    j = self._anon_chain(i)
                    if j is not None:
                        self.attach(i, j)
            elif m.definite and m.number == "sg" and not m.extra.get("described"):
                j = self._description(i)
                if j is not None:
                    self.attach(i, j)
                    self._record_kin(i)

    def _domain_excluded(self, i: int) -> set[int]:
        """Clusters that the mention may not corefer with for syntactic reasons."""
        doc, M = self.doc, self.M
        m = M[i]
        tok = doc[m.head]
        out: set[int] = set()
        if m.role != "poss":
            if tok.dep_ in ("nsubj", "nsubjpass"):
                verb = tok.head
                lo, hi = doc[verb.left_edge.i].idx, doc[verb.right_edge.i].idx + len(doc[verb.right_edge.i])
                mlo, mhi = doc[tok.left_edge.i].idx, doc[tok.right_edge.i].idx + len(doc[tok.right_edge.i])
                k = bisect.bisect_left(self.starts, lo)
                while k < len(M) and M[k].start < hi:
                    if (
                        M[k].kind != "pronoun"
                        and not (mlo <= M[k].start < mhi)
                        and k != i
                        and (
                            M[k].start > m.start
                            and M[k].role != "poss"
                            or M[k].start < m.start
                            and self._bound_before(doc[M[k].head], verb)
                        )
                    ):
                        out.add(self.find(k))
                    k += 1
            elif tok.dep_ in ("dobj", "dative", "iobj") and m.kind == "pronoun" and m.noun != "refl":
                for c in tok.head.children:
                    if c.dep_ == "nsubj" and c.i in self.by_head:
                        out.add(self.find(self.by_head[c.i]))
        # never the noun phrase the mention sits in
        k = bisect.bisect_right(self.starts, m.start) - 1
        while k >= 0 and k >= bisect.bisect_left(self.starts, m.start - 300):
            other = M[k]
            if (
                k != i
                and other.start <= m.start
                and m.end <= other.end
                and other.kind != "pronoun"
                and (other.start, other.end) != (m.start, m.end)
            ):
                out.add(self.find(k))
            k -= 1
        return out

    def dist(self, a: Mention, b: Mention) -> int:
        return self.narr[a.sent] - self.narr[b.sent]

    @staticmethod
    def _bound_before(tok, verb) -> bool:  # type: ignore[no-untyped-def]
        """A name before a subject pronoun is off limits only inside the pronoun's own clause or inside a
        subjectless (controlled) clause under it: "Posting pictures with Kardashian, she wrote" - but not
        in a clause with its own subject: "When Trump arrived, he spoke"."""
        t = tok
        for _ in range(12):
            if t.i == verb.i:
                return True
            if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
                if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children):
                    return False
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _candidates(self, i: int, window: int) -> Iterable[int]:
        m = self.M[i]
        s = m.sent
        while s >= 0 and self.narr[m.sent] - self.narr[s] <= window:
            for j in self.by_sent[s]:
                if self.M[j].head < m.head and j != i:
                    yield j
            s -= 1

    def _score(
        self,
        i: int,
        ok,
        window: int,
        excluded: set[int],  # type: ignore[no-untyped-def]
        strict_roles: bool = False,
    ) -> dict[int, float]:
        M = self.M
        m = M[i]
        parts: dict[int, list[float]] = defaultdict(list)
        for j in self._candidates(i, window):
            r = self.find(j)
            if r in excluded or r == self.find(i) or not self.info[r].anchored or not ok(self.info[r]):
                continue
            cand = M[j]
            if cand.role == "attr" and cand.kind == "nominal" or cand.kind == "pronoun" and cand.person == 2:
                continue  # a predicate ("You are a kind friend") introduces no referent
            if (
                cand.kind == "nominal"
                and not self.info[r].named
                and cand.possessor is not None
                and self.M[self.by_head.get(cand.possessor, j)].person != 3
            ):
                continue  # "your child", "my father": generic or the speaker's, not an antecedent
            if (
                cand.kind == "nominal"
                and not self.info[r].named
                and (
                    self.doc[cand.head].head.lower_ == "as"
                    or not cand.definite
                    and cand.number == "sg"
                    and not any(c.dep_ == "det" for c in self.doc[cand.head].children)
                )
            ):
                continue  # "(served) as secretary of state": a predicate, not a referent
            d = self.dist(m, cand)
            w = ROLE_WEIGHT.get(cand.role, 0.35) * DECAY**d
            if m.role == "subj" and cand.role == "subj" and d <= 1:
                w *= 1.3
            if cand.kind == "pronoun" and cand.person != 3:
                w *= 0.3
            if cand.in_quote and not m.in_quote:
                w *= 0.5
            if strict_roles and cand.role not in ("subj", "poss"):
                continue
            parts[r].append(w + 0.001 * (1.0 / (1 + m.head - cand.head)))
        # the best mention counts fully, the others a little: a subject in the last sentence beats a
        # topic mentioned often a while ago
        return {r: max(ws) + REST_WEIGHT * (sum(ws) - max(ws)) for r, ws in parts.items()}

    def _pronoun(self, i: int, quote_speaker: dict[int, int]) -> int | None:
        M, doc = self.M, self.doc
        m = M[i]
        excluded = self._domain_excluded(i)
        q = quote_speaker.get(i)
        if q is not None:
            excluded.add(self.find(q))
        tok = doc[m.head]
        if m.gender == "n":  # it/its: only organizations and the like, and only where it plausibly acts
            if not (
                m.role == "poss"
                or tok.head.lemma_.lower() in SPEECH_VERBS
                or m.role == "subj"
                and tok.head.pos_ == "VERB"
                and tok.head.lemma_.lower() not in IMPERSONAL_VERBS
            ):
                return None

            def ok(c: Cluster) -> bool:
                return c.named and c.type in ("ORG", "OUTLET", "PLATFORM") and not c.plural

            window = 1
        elif m.gender in ("f", "m"):

            def ok(c: Cluster) -> bool:
                return c.type == "PERSON" and not c.plural and c.gender in (None, m.gender)

            window = WINDOW
        else:  # they/them/their

            def ok(c: Cluster) -> bool:
                return c.plural or (c.named and c.type in ("ORG", "OUTLET"))

            window = 2
        # "When he arrived, Trump said ...": a pronoun in a preposed clause may point forward to the subject
        cata = self._cataphora(i, ok, excluded)
        if cata is not None:
            return cata
        # "Ivanka and her husband": a possessive in a conjunct goes to the other conjunct
        if m.role == "poss" and tok.head.dep_ == "conj" and tok.head.head.i in self.by_head:
            j = self.by_head[tok.head.head.i]
            if self.find(j) not in excluded and ok(self.info[self.find(j)]):
                return j
        scores = self._score(i, ok, window, excluded, strict_roles=m.gender not in ("f", "m"))
        if not scores and m.gender in ("f", "m"):
            scores = self._score(i, ok, FAR_WINDOW, excluded)
        if not scores:
            return None
        subject = self._clause_subject(tok) if m.role == "poss" else None
        for r in scores:
            c = self.info[r]
            if m.gender in ("f", "m") and c.gender is None:
                scores[r] *= 0.6
            if not c.named:
                scores[r] *= 0.8
            if r == subject:  # "Clinton disagrees with her former boss": a possessive prefers its clause's subject
                scores[r] *= POSS_SUBJECT_BONUS
        best = max(scores, key=lambda r: scores[r])
        return best if scores[best] >= 0.02 else None

    def _clause_subject(self, tok) -> int | None:  # type: ignore[no-untyped-def]
        """The cluster of the subject of the clause a possessive pronoun sits in."""
        t = tok.head
        for _ in range(4):
            if t.pos_ in ("VERB", "AUX"):
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.by_head and c.i != tok.i:
                        return self.find(self.by_head[c.i])
                return None
            if t.head.i == t.i:
                return None
            t = t.head
        return None

    def _cataphora(self, i: int, ok, excluded: set[int]) -> int | None:  # type: ignore[no-untyped-def]
        tok = self.doc[self.M[i].head]
        t = tok
        for _ in range(6):
            if t.dep_ == "advcl" and t.i < t.head.i:
                for c in t.head.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i and c.i in self.by_head:
                        j = self.by_head[c.i]
                        r = self.find(j)
                        if self.M[j].kind == "name" and r not in excluded and ok(self.info[r]):
                            return j
                return None
            if t.head.i == t.i:
                return None
            t = t.head
        return None

    def _anon_chain(self, i: int) -> int | None:
        """ "the insider" continues an earlier unnamed "insider"/"source" (never a named person)."""
        m = self.M[i]
        for s in range(m.sent, max(-1, m.sent - 10), -1):
            for j in reversed(self.by_sent[s]):
                o = self.M[j]
                if (
                    o.head < m.head
                    and o.kind == "nominal"
                    and o.anon
                    and o.noun == m.noun
                    and o.number == "sg"
                    and not self.info[self.find(j)].named
                ):
                    return j
        return None

    def _description(self, i: int) -> int | None:
        M = self.M
        m = M[i]
        # a title noun ("the senator", "the former President") goes to the person holding that title
        if m.noun in _TITLE_ROLES:
            best: tuple[int, int] | None = None
            for r, c in self.info.items():
                if c.named and m.noun in c.roles and c.members[0] < i:
                    last = (
                        max(j for j in c.members if M[j].head < m.head)
                        if any(M[j].head < m.head for j in c.members)
                        else -1
                    )
                    if last >= 0 and (best is None or last > best[0]):
                        best = (last, r)
            return best[1] if best else None
        tok = self.doc[m.head]
        if tok.dep_ == "poss" and (
            tok.head.lemma_.lower() in KIN_RELATIONS or tok.head.lemma_.lower() in KIN_NOUNS_EXTRA
        ):
            return None  # "the rapper's wife": the possessor is someone else; kinship unification may name it
        excluded = self._domain_excluded(i)
        poss_root = None
        if m.possessor is not None and m.possessor in self.by_head:
            pj = self.by_head[m.possessor]
            poss_root = self.find(pj)
            excluded.add(poss_root)
            key = self._kin_key(m)
            if key and (poss_root, key) in self.kin:
                return self.kin[(poss_root, key)]
            if M[pj].kind == "pronoun" and (key or M[pj].person != 3):
                return None  # "her father" with no name given, "your child": a new person
        # entities already named by a pronoun earlier in this sentence are rarely re-described in it
        pron_here = {self.find(j) for j in self.by_sent[m.sent] if M[j].kind == "pronoun" and M[j].head < m.head}

        def ok(c: Cluster) -> bool:
            return (
                c.named and c.type == "PERSON" and not c.plural and (m.gender is None or c.gender in (None, m.gender))
            )

        scores = self._score(i, ok, WINDOW, excluded)
        threshold = 0.15
        if not scores:
            scores = self._score(i, ok, FAR_WINDOW, excluded)
            threshold = 0.03
        for r in list(scores):
            if r in pron_here:
                scores[r] *= 0.15
            if m.gender and self.info[r].gender is None:
                scores[r] *= 0.7
        if not scores:
            return None
        best_r = max(scores, key=lambda r: scores[r])
        return best_r if scores[best_r] >= threshold else None

    # ------------------------------------------------------------ 4. kinship unification
    # ------------------------------------------------------------ 5. first person in quotes
    def first_person(self, quote_speaker: dict[int, int]) -> None:
        for i, m in enumerate(self.M):
            if m.kind == "pronoun" and m.person == 1 and i in quote_speaker:
                r = self.find(quote_speaker[i])
                c = self.info[r]
                if not c.named:
                    continue
                if m.number == "sg" and c.type == "PERSON" or m.number == "pl" and c.type in ("ORG", "OUTLET"):
                    self.union(r, i)

    # ------------------------------------------------------------ 6. interview turns
    def interview_turns(self) -> None:
        """In a question-and-answer article, "I" in the answers and "you" in the questions are the interviewee."""
        turns = find_turns(self.text, self.quotes)
        if turns is None:
            return
        names = [
            (m.start, m.end, self.find(i), m.role == "mod")
            for i, m in enumerate(self.M)
            if m.kind == "name" and self.cluster(i).type == "PERSON" and not self.cluster(i).plural
        ]
        r = interviewee(turns, self.text, names)
        if r is None:
            return
        for i, m in enumerate(self.M):
            if m.kind != "pronoun" or m.in_quote or m.number != "sg" or self.cluster(i).named:
                continue
            kind = turns.kind_at(m.start)
            if m.person == 1 and kind == "answer" or m.person == 2 and kind == "question":
                self.union(r, i)

    # ------------------------------------------------------------ run
    def run(self) -> list[Cluster]:
        self.link_names()
        self._build_info()
        self.link_explicit()
        self._build_info()
        qs = quote_speakers(self.doc, self.M, self.starts, self.by_head, self.quotes, self.speakers)
        self.resolve_sequential(qs)
        self.first_person(qs)
        self.interview_turns()
        self.unify_kin()
        return [self.info[r] for r in sorted(self.info)]


def resolve(
    doc: Doc, mentions: list[Mention], lex: Lexicon, speakers: list[QuoteSpeaker] | None, quotes: list[tuple[int, int]]
) -> list[Cluster]:
    """Cluster ``mentions`` (from :func:`detect_mentions`) into entities; every mention lands in one cluster.

    ``speakers`` ties quotations to their source spans (from the attribution stage); without it quotes and
    speech-verb subjects are found from the parse.
    """
    return _Coref(doc, mentions, lex, speakers, quotes).run()
