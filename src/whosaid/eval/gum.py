"""GUM (news + interviews) evaluation of the entity layer: named mentions, person coreference, identity.

Gold: ``../shared/data/gum/{news,interview}.jsonl`` (see the README there). One spaCy parse per document
serves both systems scored side by side: whosaid's default pipeline (its entities) and bare spaCy NER
(``doc.ents`` of the same parse).

**Named mentions.** Gold: the mentions whose head is a proper noun (``pos == "PROPN"``) of the entity types
``person`` / ``organization`` / ``place``, mapped to PER / ORG / LOC (``GUM_TYPES``). Predictions: every
mention of a whosaid entity whose type maps (``WHOSAID_TYPES``), and spaCy's entities whose label maps
(``SPACY_TYPES``); on both, a predicted mention counts when its head is a proper noun in the parse, the same
rule that selects the gold. (A pronoun or description of an entity is a mention, but not a named one; the
``whosaid_all_mentions`` row scores every mention, for reference.) A prediction matches a gold mention when
their *head tokens* coincide: on the parse, the token of the span (of GUM's minimal head span on the gold
side) whose governor lies outside it - GUM's own head rule (``HeadFinder``) - so NP-extent conventions ("the",
titles, "'s", a prepositional phrase after the head) do not decide. ``head="last"`` takes the last token
instead, the definition of the first figures (docs/bench-entities.md has both).
Matching is one to one; *typed* also needs the same type, *untyped* only the head.

**Person coreference.** Key: every mention of every GUM ``person`` entity (named, nominal, pronoun;
singletons kept, as GUM annotates them). Response: every mention of every whosaid PERSON entity. A response
mention stands for the gold person mention with the same head token (one to one); others stay twinless.
MUC, B3, CEAF-e and their mean (the CoNLL F1), micro-averaged over documents (``eval/coref.py``).

**Cross-document identity.** All documents go into one store (``Store(":memory:")``); each gold person
entity takes the corpus person id of the whosaid entity holding most of its aligned mentions. Over pairs of
gold person entities in *different* documents, a pair is gold-positive when both have the same Wikipedia
identity (an entity without one is a person of its own) and predicted-positive when both have the same
person id; pairwise precision and recall follow.
"""

from __future__ import annotations

import bisect
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Analysis, Article
from .coref import CorefScore
from .jsonl import jsonl_rows
from .metrics import prf

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..options import Options
    from ..pipeline import Pipeline

__all__ = [
    "GUM_TYPES",
    "WHOSAID_TYPES",
    "SPACY_TYPES",
    "TYPES",
    "GumDoc",
    "NerCounts",
    "IdentityScore",
    "GumResult",
    "HeadFinder",
    "HEAD_RULES",
    "read_gum",
    "evaluate_gum",
]

TYPES = ("PER", "ORG", "LOC")
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
WHOSAID_TYPES = {"PERSON": "PER", "ORG": "ORG", "OUTLET": "ORG", "PLATFORM": "ORG", "PLACE": "LOC"}
# OntoNotes labels as the GUM README maps them (GPE + LOC + FAC are places). NORP is left out: it also
# tags adjectives ("Afghan team") that are no mentions at all.
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SYSTEMS = ("whosaid", "spacy", "whosaid_all_mentions")


@dataclass(frozen=True)
class GumDoc:
    article: Article
    genre: str
    entities: list[dict[str, Any]]


def read_gum(paths: Iterable[str | Path], *, limit: int | None = None) -> list[GumDoc]:
    """GUM documents from the converted JSONL files (``id``, ``text``, ``entities`` with ``mentions``)."""
    docs: list[GumDoc] = []
    for path in paths:
        for lineno, row in jsonl_rows(path, what="GUM", hint="pass --gold PATH (e.g. ../shared/data/gum/news.jsonl)"):
            try:
                art = Article(
                    id=str(row["id"]),
                    text=str(row["text"]),
                    title=row.get("title"),
                    url=row.get("url"),
                    date=Article.parse_date(row.get("date"), source=str(path), line=lineno),
                )
                entities = list(row["entities"])
                for ent in entities:
                    _ = ent["type"], ent["id"]
                    for m in ent["mentions"]:
                        _ = int(m["start"]), int(m["end"]), m["head"]["start"], m["head"]["end"], m["pos"]
            except InputError:
                raise
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    f"not a GUM document ({type(exc).__name__}: {exc}); each line needs id, text and "
                    "entities with mentions (start, end, head, pos), as ../shared/data/gum/README.md "
                    "describes",
                    source=str(path),
                    line=lineno,
                ) from None
            docs.append(GumDoc(art, str(row.get("genre") or ""), entities))
            if limit and len(docs) >= limit:
                return docs
    return docs


HEAD_RULES = ("syntactic", "last")


class HeadFinder:
    """The head token of a character span in a parsed document.

    ``rule="syntactic"`` (the default): GUM's own rule on the parse, the first token of the span (punctuation
    and a possessive ending left out) whose governor lies outside the span or is the root ("University" in
    "University of Texas", "director" in "director of the gallery", "Obama" in "Barack Obama"). ``"last"``:
    the last such token (the definition of the first GUM figures; it makes "Texas" the head of "University of
    Texas" and "gallery" that of "director of the gallery", so post-modified names and descriptions miss).
    """

    def __init__(self, doc: Doc, rule: str = "syntactic") -> None:
        if rule not in HEAD_RULES:
            raise ValueError(f"head rule must be one of {', '.join(HEAD_RULES)}, not {rule!r}")
        self.doc = doc
        self.rule = rule
        self._starts = [t.idx for t in doc]

    def __call__(self, start: int, end: int) -> int | None:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        last = None
        while i >= 0:
            tok = self.doc[i]
            if tok.idx + len(tok.text) <= start:
                break
            if not (tok.is_punct or tok.tag_ == "POS"):
                if self.rule == "last":
                    return i
                last = i if last is None else last
                first = i
            i -= 1
        if last is None or self.rule == "last":
            return last
        for tok in self.doc[first : last + 1]:
            if not (tok.is_punct or tok.tag_ == "POS") and (tok.head.i == tok.i or not first <= tok.head.i <= last):
                return tok.i
        return last

    def is_name(self, i: int | None) -> bool:
        return i is not None and self.doc[i].pos_ == "PROPN"


@dataclass
class NerCounts:
    """One system's named-mention counts: per type, typed and untyped (head-matched, one to one)."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    tp_untyped: int = 0

    def add(self, gold: Sequence[tuple[int | None, str]], pred: Sequence[tuple[int | None, str]]) -> None:
        """One document's (head token, type) pairs; a mention without a head token never matches."""
        self.gold.update(t for _, t in gold)
        self.pred.update(t for _, t in pred)
        g, p = Counter(x for x in gold if x[0] is not None), Counter(x for x in pred if x[0] is not None)
        for k, n in g.items():
            self.tp[k[1]] += min(n, p[k])
        gu, pu = Counter(h for h, _ in g.elements()), Counter(h for h, _ in p.elements())
        self.tp_untyped += sum(min(n, pu[h]) for h, n in gu.items())

    def prf(self, kind: str) -> tuple[float, float, float]:
        """``kind``: a type, ``typed`` or ``untyped``."""
        if kind in TYPES:
            return prf(self.tp[kind], self.pred[kind], self.tp[kind], self.gold[kind])
        tp = sum(self.tp.values()) if kind == "typed" else self.tp_untyped
        n_pred, n_gold = sum(self.pred.values()), sum(self.gold.values())
        return prf(tp, n_pred, tp, n_gold)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {f"{k}_prf": self.prf(k) for k in (*TYPES, "typed", "untyped")}
        out["gold"] = dict(sorted(self.gold.items()))
        out["pred"] = dict(sorted(self.pred.items()))
        return out


@dataclass
class IdentityScore:
    """Pairwise precision/recall of corpus person ids against Wikipedia identities, across documents."""

    items: list[tuple[str, Hashable, str | None]] = field(default_factory=list)  # (doc, gold identity, person id)

    def counts(self) -> tuple[int, int, int]:
        """(pairs both gold- and predicted-positive, predicted-positive pairs, gold-positive pairs)."""
        both = n_pred = n_gold = 0
        for (da, ga, pa), (db, gb, pb) in combinations(self.items, 2):
            if da == db:
                continue
            same_gold, same_pred = ga == gb, pa is not None and pa == pb
            n_gold += same_gold
            n_pred += same_pred
            both += same_gold and same_pred
        return both, n_pred, n_gold

    def as_dict(self) -> dict[str, Any]:
        both, n_pred, n_gold = self.counts()
        return {
            "pairwise_prf": prf(both, n_pred, both, n_gold),
            "gold_pairs": n_gold,
            "predicted_pairs": n_pred,
            "correct_pairs": both,
            "people": len(self.items),
            "people_with_person_id": sum(1 for _, _, pid in self.items if pid is not None),
        }


@dataclass
class GumResult:
    ner: dict[str, NerCounts] = field(default_factory=lambda: {s: NerCounts() for s in SYSTEMS})
    coref: CorefScore = field(default_factory=CorefScore)
    identity: IdentityScore = field(default_factory=IdentityScore)
    documents: int = 0
    words: int = 0
    seconds: float = 0.0
    head: str = "syntactic"

    def figures(self) -> dict[str, float]:
        """The flat figures that eval/floors.py pins (F1 in percent)."""
        out: dict[str, float] = {}
        for system in ("whosaid", "spacy"):
            for kind in (*TYPES, "typed", "untyped"):
                out[f"{system}_{kind}_f1"] = self.ner[system].prf(kind)[2]
        for m, c in self.coref.counts.items():
            out[f"person_{m}_f1"] = c.prf()[2]
        out["person_conll_f1"] = self.coref.conll_f1
        p, r, _ = self.identity.as_dict()["pairwise_prf"]
        out["identity_precision"], out["identity_recall"] = p, r
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "named_mentions": {s: c.as_dict() for s, c in self.ner.items()},
            "person_coref": self.coref.as_dict(),
            "identity": self.identity.as_dict(),
            "seconds": round(self.seconds, 1),
            "head": self.head,
        }


def _gold_named(doc: GumDoc, heads: HeadFinder) -> list[tuple[int | None, str]]:
    return [
        (heads(m["head"]["start"], m["head"]["end"]), GUM_TYPES[e["type"]])
        for e in doc.entities
        if e["type"] in GUM_TYPES
        for m in e["mentions"]
        if m["pos"] == "PROPN"
    ]


def _score_named(
    result: GumResult, doc: GumDoc, heads: HeadFinder, spacy_ents: Sequence[tuple[int, int, str]], analysis: Analysis
) -> None:
    gold = _gold_named(doc, heads)
    ours = [
        (heads(m.start, m.end), WHOSAID_TYPES[e.type])
        for e in analysis.entities
        if e.type in WHOSAID_TYPES
        for m in e.mentions
    ]
    spacy = [(heads(s, e), SPACY_TYPES[label]) for s, e, label in spacy_ents if label in SPACY_TYPES]
    result.ner["whosaid"].add(gold, [x for x in ours if heads.is_name(x[0])])
    result.ner["spacy"].add(gold, [x for x in spacy if heads.is_name(x[0])])
    result.ner["whosaid_all_mentions"].add(gold, ours)


def _score_people(result: GumResult, doc: GumDoc, heads: HeadFinder, analysis: Analysis) -> dict[str, str | None]:
    """Add the person chains of one document; return {gold entity id: aligned whosaid entity id or None}."""
    gold_at: dict[int, list[tuple[str, int, int]]] = {}
    key: list[set[Hashable]] = []
    people = [e for e in doc.entities if e["type"] == "person"]
    for e in people:
        chain: set[Hashable] = set()
        for m in e["mentions"]:
            mid = (str(e["id"]), int(m["start"]), int(m["end"]))
            chain.add(mid)
            h = heads(m["head"]["start"], m["head"]["end"])
            if h is not None:
                gold_at.setdefault(h, []).append(mid)
        key.append(chain)
    owner: dict[Hashable, str] = {}
    response: list[set[Hashable]] = []
    for ent in analysis.entities:
        if ent.type != "PERSON":
            continue
        chain = set()
        for m in ent.mentions:
            free = [g for g in gold_at.get(heads(m.start, m.end), ()) if g not in owner]  # type: ignore[arg-type]
            if free:
                g = min(free, key=lambda g: abs(g[1] - m.start) + abs(g[2] - m.end))
                owner[g] = ent.id
                chain.add(g)
            else:  # twinless; keyed by entity too, so a span two entities share counts in both
                chain.add(("response", ent.id, m.start, m.end))
        response.append(chain)
    result.coref.add(key, response)
    result.coref.key_mentions += sum(map(len, key))
    result.coref.response_mentions += sum(map(len, response))
    result.coref.aligned_mentions += len(owner)
    aligned: dict[str, str | None] = {}
    for e in people:
        votes = Counter(
            owner[g] for g in ((str(e["id"]), int(m["start"]), int(m["end"])) for m in e["mentions"]) if g in owner
        )
        aligned[str(e["id"])] = votes.most_common(1)[0][0] if votes else None
    return aligned


def evaluate_gum(
    docs: Sequence[GumDoc], options: Options | None = None, *, pipeline: Pipeline | None = None, head: str = "syntactic"
) -> GumResult:
    """Run the pipeline (default: ``Pipeline(options)``, the default hybrid mode) over ``docs`` and score it;
    ``head`` is the head rule of :class:`HeadFinder` (``syntactic``, or ``last`` for the first figures)."""
    from ..pipeline import Pipeline
    from ..store import Store

    pipe = pipeline if pipeline is not None else Pipeline(options)
    result = GumResult(head=head)
    started = time.perf_counter()
    analyses: list[Analysis] = []
    links: list[tuple[GumDoc, dict[str, str | None]]] = []
    pairs = ((d.article.text[: pipe.options.max_chars], d) for d in docs)
    for parsed, gdoc in pipe.nlp.pipe(pairs, as_tuples=True, batch_size=pipe.options.batch_size):
        spacy_ents = [(e.start_char, e.end_char, e.label_) for e in parsed.ents]
        analysis = pipe.run_stages(gdoc.article, parsed)
        heads = HeadFinder(parsed, head)
        _score_named(result, gdoc, heads, spacy_ents, analysis)
        links.append((gdoc, _score_people(result, gdoc, heads, analysis)))
        analyses.append(analysis)
        result.documents += 1
        result.words += len(gdoc.article.text.split())
    with Store(":memory:") as store:
        store.upsert_many(analyses)
        for gdoc, aligned in links:
            person_of = store.entity_people(gdoc.article.id)
            for e in gdoc.entities:
                if e["type"] != "person":
                    continue
                identity: Hashable = e.get("wiki") or (gdoc.article.id, str(e["id"]))
                ours = aligned.get(str(e["id"]))
                result.identity.items.append((gdoc.article.id, identity, person_of.get(ours) if ours else None))
    result.seconds = time.perf_counter() - started
    return result
