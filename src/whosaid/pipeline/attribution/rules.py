"""Attribution: joins cues, quotes and the parse into attributions (content, cue, source).

The rule engine works on the spaCy dependency parse:
- a cue verb's subject (or passive agent) is the source, its clausal complement / object is the content;
- a reported clause before the cue ("..., he said") is the content of a cue that has no complement;
- a direct quote belongs to the cue of the sentence it ends in, the sentence it starts in, or a cue sentence
  that introduces it with a colon; a quote split around its cue gives one content in fragments;
- a quote with no cue of its own that opens a paragraph or follows another quote continues the last speaker;
- a quote followed by a dash and a name (``"..." ― Maria Lopez``) is that person's (``bylines.py``);
- "according to X" / "as per X" / "as reported by X" make X the source of the rest of the sentence, or the
  outlet a nested attribution of the same sentence was relayed through (``via``).
In ``model`` mode the learned tagger's proposals are used instead, in ``hybrid`` mode both (pipeline/merge.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...model import Span
from ..lexicon import SPEECH_VERBS
from ..spanindex import SpanIndex
from ..state import CueMatch, DocState, DraftAttribution, QuoteSpan
from ..syntax import SUBJECT_DEPS, subtree_range, trim
from .bylines import find_bylines

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["RuleAttributor", "RuleSettings", "DEFAULT_RULES"]

_TRIM = " \t\r\n,;:—–-"
_PREP_OBJ = frozenset({"about", "for", "on", "of", "to", "against", "with", "over"})
_COMPLEMENT_PREPS = frozenset({"to", "for", "of", "about", "as", "with", "against", "over", "from", "into"})


@dataclass(frozen=True)
class RuleSettings:
    """Tuned constants of the rule engine (measured on PolNeAR dev; docs/bench-attribution.md)."""

    min_quote_words: int = 4
    """A quotation needs this many words to be a statement (shorter ones are scare quotes or titles); the same
    floor holds for quote bylines (``"..." ― Name``)."""


DEFAULT_RULES = RuleSettings()


def _last_visible(text: str, pos: int, strip: str | None = None) -> str:
    """The last character before ``pos`` that ``str.rstrip(strip)`` would keep, or "" (no copy of the text)."""
    while pos > 0 and (text[pos - 1].isspace() if strip is None else text[pos - 1] in strip):
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _trim(text: str, s: int, e: int, chars: str = _TRIM) -> tuple[int, int]:
    return trim(text, s, e, chars)


class RuleAttributor:
    """The rule engine for one article."""

    def __init__(self, state: DocState, settings: RuleSettings = DEFAULT_RULES) -> None:
        self.settings = settings
        self.state = state
        self.doc: Doc = state.doc
        self.text = state.parsed_text
        self.quotes = [q for q in state.quotes if q.end <= len(self.text)]
        self.bylines = find_bylines(self.text, self.quotes, min_words=settings.min_quote_words)
        self._quote_index = SpanIndex([(q.start, q.end) for q in self.quotes])
        self._ids = 0

    def new_id(self) -> str:
        """The next draft id (``r1``, ``r2``, …): unique in the article."""
        self._ids += 1
        return f"r{self._ids}"

    # ------------------------------------------------------------------ helpers
    def span(self, s: int, e: int) -> Span | None:
        s, e = _trim(self.text, s, e)
        return Span.of(self.text, s, e) if e > s else None

    def content_span(self, s: int, e: int) -> Span | None:
        s, e = _trim(self.text, s, e, _TRIM + ".")
        return Span.of(self.text, s, e) if e > s else None

    def tokens_in(self, s: int, e: int) -> list[Token]:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return list(span) if span is not None else []

    def quote_words(self, q: QuoteSpan) -> int:
        return len(self.text[q.inner_start : q.inner_end].split())

    def quotes_near(self, span: Span) -> list[QuoteSpan]:
        """The quotes that overlap or touch ``span``, in ``quotes`` order (every quote inside it among them)."""
        return [self.quotes[k] for k in self._quote_index.near((span.start, span.end))]

    def in_quote(self, pos: int) -> QuoteSpan | None:
        """The first quote (in ``quotes`` order) with ``start <= pos < end``, found by position."""
        for k in self._quote_index.near((pos, pos)):
            q = self.quotes[k]
            if q.start <= pos < q.end:
                return q
        return None

    # ------------------------------------------------------------------ source
    def find_source(self, v: Token, seen: int = 0) -> tuple[Span | None, int | None, bool]:
        """(source span, source head index, passive without agent) for the cue verb ``v``."""
        passive = False
        for child in v.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self.span(*subtree_range(pobj)), pobj.i, False
        for child in v.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.dep_ == "nsubjpass":
                    passive = True
                    continue
                if self.in_quote(child.idx) and not self.in_quote(v.idx):
                    continue
                return self.source_span(child), child.i, False
        if (
            seen < 3
            and v.dep_ in ("conj", "advcl", "xcomp", "ccomp")
            and v.head.i != v.i
            and v.head.pos_ in ("VERB", "AUX")
            and (v.dep_ == "conj" or v.tag_ == "VBG")
        ):
            src, head, _ = self.find_source(v.head, seen + 1)
            if src is not None:
                return src, head, False
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.span(v.head.idx, v.head.idx + len(v.head)), v.head.i, False
        return None, None, passive or v.tag_ == "VBN"

    def source_span(self, head: Token) -> Span | None:
        """The subject's phrase, without a quote it swallowed ('"...," Sarandon said') or a leading
        participial clause ("Making her way around the diner, Clinton and her husband ...")."""
        s, e = subtree_range(head)
        for k in self._quote_index.near((s, e)):  # s only grows and e only shrinks: no other quote can overlap
            q = self.quotes[k]
            if q.start < e and q.end > s and q.start <= head.idx:
                if q.end <= head.idx:
                    s = max(s, q.end)
            elif q.start < e and q.end > s and q.start > head.idx:
                e = min(e, q.start)
        first = self.doc.char_span(s, e, alignment_mode="expand")
        if first is not None and len(first) > 2 and first[0].tag_ in ("VBG", "VBN", "IN") and first[0].i != head.i:
            comma = next((t for t in first if t.text == "," and t.i < head.i), None)
            if comma is not None:
                s = comma.idx + 1
        return self.span(s, e)

    # ------------------------------------------------------------------ content
    def find_content(self, v: Token, cue_end_i: int) -> Span | None:
        after = [c for c in v.children if c.dep_ in ("ccomp", "xcomp") and c.i >= cue_end_i]
        before = [c for c in v.children if c.dep_ == "ccomp" and c.i < v.i]
        comp = after[0] if after else (before[-1] if before else None)
        if comp is not None:
            s, e = subtree_range(comp)
            if comp.dep_ == "xcomp":
                objs = [c for c in v.children if c.dep_ == "dobj" and c.i < comp.i and c.i > v.i]
                if objs:
                    s = objs[0].left_edge.idx
            if comp.i > v.i:
                # "told X that A, but B refused": a clause with its own subject coordinated to the cue verb
                # is a parse slip; it belongs to what was said
                for c in v.children:
                    if c.dep_ == "conj" and c.i > comp.i and any(g.dep_ in SUBJECT_DEPS for g in c.children):
                        e = max(e, subtree_range(c)[1])
            return self.content_span(s, e)
        # "backed Bush, the former governor": an object, without a trailing apposition or relative clause
        for c in v.children:
            if c.dep_ == "dobj" and c.i > v.i:
                return self.content_span(*self.core_range(c))
        # "called for X", "talked about X": prepositional object after the cue (the cue takes the preposition)
        for c in v.children:
            if c.dep_ == "prep" and c.i > v.i and c.lower_ in _PREP_OBJ:
                pobj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    return self.content_span(*self.core_range(pobj))
        # "The plan is dead, he said": the reported clause is the cue's head
        # "This campaign, he says, is different": the reported clause around a parenthetical cue
        if (
            v.dep_ in ("parataxis", "advcl", "conj")
            and v.head.i != v.i
            and v.head.pos_ in ("VERB", "AUX")
            and (v.head.i < v.i or v.dep_ == "parataxis")
        ):
            head = v.head
            hs, he = subtree_range(head)
            vs, ve = subtree_range(v)
            frags = []
            for s, e in ((hs, vs), (ve, he)):
                s, e = _trim(self.text, s, e, _TRIM + ".")
                if e > s and (s, e) != (hs, he):
                    frags.append((s, e))
            if frags and v.head.i < v.i:
                frags = [f for f in frags if f[1] <= vs] or frags
            return Span.of_fragments(self.text, frags) if frags else None
        return None

    def cue_head(self, cue: Span) -> tuple[Token, int] | None:
        """The word of ``cue`` (found by any proposer) that governs its content and source, with the index of
        the token after the cue; None outside the parse, inside a quotation, or for "according to" / "per"
        (whose object is the source, and whose content the rules' phrase cue gives)."""
        if cue.end > len(self.text):
            return None
        toks = self.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        head = _cue_head(toks) if toks is not None else None
        if toks is None or head is None or self.in_quote(head.idx) or head.lower_ in ("according", "per", "as"):
            return None
        return head, toks.end

    def source_of_cue(self, cue: Span) -> Span | None:
        """The subject (or agent) of the cue's head in the parse, as :meth:`find_source` finds it."""
        found = self.cue_head(cue)
        return self.find_source(found[0])[0] if found is not None else None

    def content_of_cue(self, cue: Span) -> Span | None:
        """The clause or object that ``cue`` governs in the parse: what :meth:`find_content` gives for its head
        word, or for a noun cue ("his claim that ...") the ``that`` clause it takes; None where the parse shows
        none (see :meth:`cue_head`)."""
        found = self.cue_head(cue)
        if found is None:
            return None
        head, end_i = found
        content = self.find_content(head, end_i)
        if content is not None and content.fragments is None and content.start > head.idx:
            content = self.with_complements(head, content)
        if content is None and head.pos_ in ("NOUN", "PROPN"):
            for c in head.children:
                if (
                    c.dep_ in ("acl", "ccomp")
                    and c.i > head.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ):
                    return self.content_span(*subtree_range(c))
        return content

    def with_complements(self, head: Token, content: Span) -> Span:
        """An object content run on over the cue's prepositional complements right after it ("compares his
        struggles to those of ...", "criticized X for shooting ..."), as PolNeAR marks them."""
        end = content.end
        for c in head.rights:
            if (
                c.dep_ == "prep"
                and c.lower_ in _COMPLEMENT_PREPS
                and c.idx >= end
                and not self.text[end : c.idx].strip(" \t")
            ):
                end = max(end, subtree_range(c)[1])
        return (self.content_span(content.start, end) or content) if end > content.end else content

    @staticmethod
    def core_range(tok: Token) -> tuple[int, int]:
        """The phrase of ``tok`` without what follows a comma as apposition or relative clause."""
        s, e = subtree_range(tok)
        for c in tok.rights:
            if c.dep_ in ("appos", "relcl", "acl") and c.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
                e = min(e, c.doc[c.left_edge.i - 1].idx)
        return s, e

    # ------------------------------------------------------------------ verb cues
    def verb_attribution(self, cue: CueMatch) -> DraftAttribution | None:
        v = self.doc[cue.head_i]
        if self.in_quote(v.idx):
            return None
        cue_span = self.span(cue.start, cue.end)
        cue_end_i = self.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        end_i = cue_end_i.end if cue_end_i is not None else v.i + 1
        source, source_head, passive = self.find_source(v)
        content = self.find_content(v, end_i)
        if source is None and not passive:
            return None
        if source is not None and content is not None and source.overlaps(content):
            if content.start < source.start < content.end:
                content = self.content_span(content.start, source.start)
            else:
                return None
        conf = 0.7 if v.lemma_.lower() in ("say", "tell", "write", "add") else 0.55
        return DraftAttribution(
            kind="indirect",
            content=content,
            cue=cue_span,
            source=source,
            id=self.new_id(),
            confidence=conf,
            cue_head=v.i,
            source_head=source_head,
        )

    # ------------------------------------------------------------------ according to
    def phrase_attribution(self, cue: CueMatch) -> DraftAttribution | None:
        doc = self.doc
        head = doc[cue.head_i]  # "to" / "per" / "by"
        sent = head.sent
        pobj = next((c for c in head.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            src_s, src_e = subtree_range(pobj)
            src_end_i = pobj.right_edge.i + 1
            comma = next((t for t in doc[pobj.i : src_end_i] if t.text == ","), None)
            if comma is not None:  # "according to X, majorities say ...": the source stops at the comma
                src_e, src_end_i = doc[comma.i - 1].idx + len(doc[comma.i - 1]), comma.i
        else:
            j = head.i + 1
            while j < sent.end and not doc[j].is_punct:
                j += 1
            if j == head.i + 1:
                return None
            src_s, src_e = doc[head.i + 1].idx, doc[j - 1].idx + len(doc[j - 1])
            src_end_i = j
        source = self.span(src_s, src_e)
        if source is None:
            return None
        first_i = doc.char_span(cue.start, cue.end, alignment_mode="expand").start  # type: ignore[union-attr]
        s0, e0 = sent.start_char, sent.end_char
        pieces = [(s0, doc[first_i].idx), (doc[src_end_i - 1].idx + len(doc[src_end_i - 1]), e0)]
        frags = []
        for s, e in pieces:
            s, e = _trim(self.text, s, e, _TRIM + ".")
            # a piece counts when it is a clause (has a verb): "Furthermore," before the phrase does not
            if e - s > 1 and any(t.pos_ in ("VERB", "AUX") for t in self.tokens_in(s, e)):
                frags.append((s, e))
        if len(frags) == 2 and not self.text[: cue.start].rstrip(" ").endswith(","):
            frags = frags[:1]  # "X was serving a sentence as reported by Y and ...": the phrase closes X
        if not frags:
            return None
        content = Span.of_fragments(self.text, frags)
        return DraftAttribution(
            kind="according_to",
            content=content,
            cue=self.span(cue.start, cue.end),
            id=self.new_id(),
            source=source,
            confidence=0.75,
            cue_head=cue.head_i,
            source_head=pobj.i if pobj else None,
        )

    # ------------------------------------------------------------------ quotes
    def attach_quotes(self, atts: list[DraftAttribution]) -> list[DraftAttribution]:
        doc = self.doc
        atts = list(atts)
        verb_atts = [i for i, a in enumerate(atts) if a.kind != "according_to" and a.cue_head is not None]
        # each cue verb's position and sentence, found once (Token.sent walks the sentence)
        verbs: list[tuple[int, int, int, int]] = []  # (att index, char offset, sentence start, sentence end)
        heads: list[int] = []
        for i in verb_atts:
            v = doc[atts[i].cue_head]  # type: ignore[index]
            vs = v.sent
            verbs.append((i, v.idx, vs.start, vs.end))
            heads.append(v.i)
        near = _VerbsNear(verbs, heads)
        by_quote: dict[int, int] = {}  # quote index -> index in atts of the verb attribution it belongs to
        for qi, q in enumerate(self.quotes):
            if self.quote_words(q) < self.settings.min_quote_words or qi in self.bylines:
                continue
            best: tuple[int, int] | None = None
            q_first = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
            if q_first is None:
                continue
            s_first, s_last = q_first[0].sent, q_first[-1].sent
            # 'X said:' before the quote: the text up to the quote ends with a colon (the same for every verb
            # before it, as the text from the verb's sentence to the quote holds the verb)
            colon = _last_visible(self.text, q.start) == ":"
            for i, v_idx, vs_start, vs_end in near.candidates(q, s_first.start, s_last.start, s_last.end, colon):
                if q.start <= v_idx < q.end:
                    continue
                score = None
                if vs_start == s_last.start or vs_start == s_first.start:
                    score = 0  # the cue is in the sentence where the quote starts or ends
                elif vs_start >= s_last.end and vs_start == s_last.end and v_idx - q.end < 40:
                    score = 1  # '"...." He said.' right after
                elif vs_end <= s_first.start and colon:
                    score = 2  # 'X said:' introducing the quote (possibly in the paragraph before)
                if score is None:
                    continue
                dist = abs(v_idx - (q.end if v_idx >= q.end else q.start))
                key = score * 10_000 + dist
                if best is None or key < best[0]:
                    best = (key, i)
            if best is not None:
                by_quote[qi] = best[1]
        # join the quotes of one cue into one content (split quotes), mark direct / mixed
        quotes_of: dict[int, list[QuoteSpan]] = {}
        for qi, ai in sorted(by_quote.items()):
            quotes_of.setdefault(ai, []).append(self.quotes[qi])
        for i in verb_atts:
            a = atts[i]
            mine = quotes_of.get(i, [])
            if not mine:
                continue
            cue_pos = a.cue.start if a.cue is not None else 0
            if (
                a.content is not None
                and a.content.start >= cue_pos
                and a.content.start < mine[0].start
                and self.text[a.content.start : mine[0].start].strip(" \t\n\"“'‘")
            ):
                # 'said that "..."' / 'said he was "proud"': a reported clause that takes in a quote
                atts[i] = replace(
                    a, kind="mixed", content=self.content_span(a.content.start, max(a.content.end, mine[-1].inner_end))
                )
                continue
            frags = [self._trim_quote(q.inner_start, q.inner_end) for q in mine]
            atts[i] = replace(
                a,
                kind="direct",
                content=Span.of_fragments(self.text, [f for f in frags if f[1] > f[0]]),
                confidence=max(a.confidence, 0.8),
            )
        # a reported clause that quotes a few words ('she was "very happy"') is mixed
        out = [
            replace(a, kind="mixed")
            if a.kind == "indirect"
            and any(
                a.content.start <= q.inner_start and q.inner_end <= a.content.end for q in self.quotes_near(a.content)
            )
            else a
            for a in atts
            if a.content is not None
        ]
        # quotes without a cue continue the last direct speaker: in the same paragraph they join its content
        # (as fragments), at the head of the next paragraph they are a statement of their own
        out.extend(self.byline_attribution(qi) for qi in sorted(self.bylines))
        claimed = set(by_quote) | set(self.bylines)
        for qi, q in enumerate(self.quotes):
            if qi in claimed or self.quote_words(q) < self.settings.min_quote_words:
                continue
            if any(a.content is not None and a.content.start <= q.inner_start < a.content.end for a in out):
                continue
            prev = [
                k
                for k, a in enumerate(out)
                if a.kind in ("direct", "mixed") and a.content is not None and a.content.end <= q.start
            ]
            if not prev:
                continue
            k = max(prev, key=lambda k: out[k].content.end)  # type: ignore[union-attr]
            last = out[k]
            last_q = self.in_quote(last.content.end - 1)  # type: ignore[union-attr]
            para_gap = q.paragraph - (last_q.paragraph if last_q else q.paragraph)
            between = self.text[last.content.end : q.start]  # type: ignore[union-attr]
            opens_para = _last_visible(self.text, q.start, " \t") in ("\n", "")
            s, e = self._trim_quote(q.inner_start, q.inner_end)
            if para_gap == 0 and len(between.strip(' \t"“”.,')) < 60 and last.continues is None:
                out[k] = replace(last, content=Span.of_fragments(self.text, [*last.content.parts, (s, e)]))  # type: ignore[union-attr]
            elif para_gap == 1 and opens_para:
                out.append(
                    DraftAttribution(
                        kind="direct",
                        content=Span.of(self.text, s, e),
                        id=self.new_id(),
                        confidence=0.6,
                        continues=last.continues or last.id,
                    )
                )
        return out

    def byline_attribution(self, qi: int) -> DraftAttribution:
        """``"..." ― Name``: the quote is the content, the dash the cue, the name the source."""
        q, (ds, de), (ns, ne) = self.bylines[qi]
        name = self.doc.char_span(ns, ne, alignment_mode="expand")
        s, e = self._trim_quote(q.inner_start, q.inner_end)
        return DraftAttribution(
            kind="direct",
            content=Span.of(self.text, s, e),
            cue=Span.of(self.text, ds, de),
            id=self.new_id(),
            source=Span.of(self.text, ns, ne),
            confidence=0.7,
            source_head=name.root.i if name is not None else None,
        )

    def _trim_quote(self, s: int, e: int) -> tuple[int, int]:
        return _trim(self.text, s, e, " \t\r\n")

    # ------------------------------------------------------------------ nesting of "according to"
    def relays(self, atts: list[DraftAttribution]) -> list[DraftAttribution]:
        """An "according to X" whose content holds another attribution with its own source makes X the
        outlet that relayed it (``via``) instead of a statement of its own."""
        via: dict[int, Span] = {}
        relaying: set[int] = set()
        for i, a in enumerate(atts):
            if a.kind != "according_to" or a.content is None or a.source is None:
                continue
            inner = [
                j
                for j, b in enumerate(atts)
                if j != i
                and b.kind != "according_to"
                and b.cue is not None
                and b.source is not None
                and a.content.start <= b.cue.start < a.content.end
            ]
            if inner:
                via.update({j: a.source for j in inner})
                relaying.add(i)
        return [replace(a, via_span=via[i]) if i in via else a for i, a in enumerate(atts) if i not in relaying]

    def run(self) -> list[DraftAttribution]:
        atts: list[DraftAttribution] = []
        for cue in self.state.cues:
            a = self.verb_attribution(cue) if cue.kind == "verb" else self.phrase_attribution(cue)
            if a is not None:
                atts.append(a)
        atts = self.attach_quotes(atts)
        atts = self.relays(atts)
        return _dedupe(atts)


def _cue_head(toks: Iterable[Token]) -> Token | None:
    """The word of a cue that governs its content: the last speech verb, else the last main verb, else the
    last noun ("claim", "criticism"), else the cue's syntactic root."""
    toks = list(toks)
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "neg")]
    for pool in (
        [t for t in verbs if t.lemma_.lower() in SPEECH_VERBS],
        verbs,
        [t for t in toks if t.pos_ in ("NOUN", "PROPN")],
    ):
        if pool:
            return pool[-1]
    roots = [t for t in toks if t.head.i == t.i or not any(t.head.i == u.i for u in toks)]
    return roots[0] if roots else None


def _dedupe(atts: Iterable[DraftAttribution]) -> list[DraftAttribution]:
    seen: set[tuple] = set()
    out = []
    for a in atts:
        key = (a.content.parts if a.content else None, a.cue.start if a.cue else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


class _VerbsNear:
    """The cue verbs of ``attach_quotes`` (``(att index, char offset, sentence start, sentence end)``, with the
    verbs' token indexes) by sentence and by position, so each quote is matched against the verbs that can score
    for it rather than against every verb of the article."""

    def __init__(self, verbs: list[tuple[int, int, int, int]], heads: list[int]) -> None:
        self.verbs = verbs
        self.by_sentence: dict[int, list[int]] = {}
        for k, v in enumerate(verbs):
            self.by_sentence.setdefault(v[2], []).append(k)
        self.by_token = sorted(range(len(verbs)), key=lambda k: (heads[k], k))
        self.tokens = [heads[k] for k in self.by_token]

    def candidates(
        self, q: QuoteSpan, first_start: int, last_start: int, last_end: int, colon: bool
    ) -> list[tuple[int, int, int, int]]:
        """In ``verbs`` order: the verbs in the sentence where the quote starts or ends, or in the one right after
        it (scores 0 and 1), and, after a colon, the last verb before the quote's first sentence that is not
        inside the quote (score 2: the nearest of those wins; several when they share its token)."""
        found = {k for s in {first_start, last_start, last_end} for k in self.by_sentence.get(s, ())}
        if colon:
            pos = bisect_left(self.tokens, first_start)  # verbs whose sentence ends before the quote's first one
            nearest: int | None = None
            while pos > 0:
                pos -= 1
                k = self.by_token[pos]
                v_idx = self.verbs[k][1]
                if nearest is None and q.start <= v_idx < q.end:
                    continue
                if nearest is not None and v_idx != nearest:
                    break
                nearest = v_idx
                found.add(k)
        return [self.verbs[k] for k in sorted(found)]
