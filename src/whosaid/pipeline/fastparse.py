"""Faster drop-ins for two spaCy components whose output whosaid reads: same patterns, same tables, same output.

Profiled on the Reuters sample (docs/bench-speed.md), spaCy's ``attribute_ruler`` cost a sixth of the parse: its
``Matcher`` tries each of the 179 patterns of ``en_core_web_sm`` at every token. Whether a pattern's token test
passes depends only on the few token values it reads (tag, lower-case form, dependency label, whether the token is
a space), so the fast ruler (a subclass of spaCy's, registered as ``whosaid_attribute_ruler``) works the tests out
once per distinct combination of those values (equality and ``IN`` tests by lookup, ``NOT_IN`` and ``REGEX`` by
running them), finds the patterns of several tokens from the tests of each token, and applies the matched
attributes in the ruler's own order (later patterns win) with spaCy's own ``set_token_attrs``. Patterns with
operators (``OP``) or extension attributes still go through a ``Matcher`` (none in ``en_core_web_sm``); a ruler
that sets lexeme attributes keeps spaCy's matching altogether.

The rule lemmatizer recomputes the lemma of every token in Python, caching only part of its answers, and looks
each candidate form up in a list of up to 57,528 words. :class:`FastLemmatizer` keeps its answer per (form, part of
speech, morphology), the key of spaCy's own cache, on which the rule lemmatizer's result depends; only unseen keys
reach the lemmatizer, whose word lists become sets.

``tests/pipeline/test_fastparse.py`` checks token for token that both give spaCy's result (tags, parts of speech,
morphology, lemmas, dependencies) on hand-made and shared-data texts.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["LEMMATIZER_FACTORY", "MEMO_LIMIT", "RULER_FACTORY", "FastLemmatizer", "speed_up"]

RULER_FACTORY = "whosaid_attribute_ruler"
MEMO_LIMIT = 200_000
"""Entries each memo keeps at most (it starts again when full): a long run's memory stays bounded."""
LEMMATIZER_FACTORY = "whosaid_lemmatizer"

# Matcher token attributes a single-token pattern may test here -> the Token attribute that holds the value.
_TOKEN_ATTRS = {
    "ORTH": "orth_",
    "TEXT": "text",
    "LOWER": "lower_",
    "NORM": "norm_",
    "TAG": "tag_",
    "POS": "pos_",
    "DEP": "dep_",
    "LEMMA": "lemma_",
    "SHAPE": "shape_",
    "ENT_TYPE": "ent_type_",
    "IS_SPACE": "is_space",
    "IS_PUNCT": "is_punct",
    "IS_ALPHA": "is_alpha",
    "IS_DIGIT": "is_digit",
    "IS_TITLE": "is_title",
    "IS_UPPER": "is_upper",
    "IS_LOWER": "is_lower",
    "LIKE_NUM": "like_num",
}
# Token attributes a ruler may set that live on the token alone (a lexeme-level attribute would make the order
# across tokens matter, so a ruler that sets one is left as it is).
_TOKEN_ONLY = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


_STRING_ATTRS = frozenset(a for a in _TOKEN_ATTRS.values() if not a.startswith(("is_", "like_")))


def _compile_token(spec: dict[str, Any]) -> list[tuple[str, str, Any]] | None:
    """(attribute, operator, value) tests for one token of a pattern, or None when it needs spaCy's Matcher."""
    tests: list[tuple[str, str, Any]] = []
    for key, value in spec.items():
        attr = _TOKEN_ATTRS.get(str(key).upper())
        if attr is None:  # OP, _ (extensions), LENGTH, ...
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            op, arg = next(iter(value.items()))
            if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple, set)):
                tests.append((attr, op, frozenset(arg)))
            elif op == "REGEX" and isinstance(arg, str) and attr in _STRING_ATTRS:
                tests.append((attr, op, re.compile(arg)))  # spaCy: re.search on the attribute's string
            else:
                return None
        elif isinstance(value, (str, bool, int)):
            tests.append((attr, "==", value))
        else:
            return None
    return tests


def _passes(token: Token, tests: list[tuple[str, str, Any]]) -> bool:
    for attr, op, arg in tests:
        value = getattr(token, attr)
        if op == "==":
            if isinstance(arg, bool) or isinstance(value, bool):
                if bool(value) != bool(arg):
                    return False
            elif value != arg:
                return False
        elif op == "IN":
            if value not in arg:
                return False
        elif op == "NOT_IN":
            if value in arg:
                return False
        elif not arg.search(value):  # REGEX
            return False
    return True


class _Plan:
    """A ruler's patterns compiled: each distinct token test once, answered per token signature."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.usable = all(set(a) <= {IDS[x] for x in _TOKEN_ONLY} for a in ruler.attrs)
        specs: dict[str, int] = {}  # a token test (its repr) -> spec id
        tests_of: list[list[tuple[str, str, Any]]] = []
        self.single: dict[int, list[int]] = {}  # spec id -> the attr ids of one-token patterns made of it
        self.seqs: list[tuple[int, tuple[int, ...], int]] = []  # (attr id, spec ids, target index)
        self.rest = Matcher(ruler.vocab)  # patterns with operators the plan does not read
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            pats = ruler.matcher.get(key)[1]
            compiled = [[_compile_token(t) for t in p] for p in pats]
            if not pats or any(t is None for p in compiled for t in p):
                self.rest.add(ruler.vocab.strings.add(key), pats)
                continue
            for p in compiled:
                ids = []
                for tests in p:
                    spec = repr(tests)
                    if spec not in specs:
                        specs[spec] = len(tests_of)
                        tests_of.append(tests)  # type: ignore[arg-type]
                    ids.append(specs[spec])
                index = ruler.indices[attr_id]
                if len(ids) == 1 and index in (0, -1):
                    self.single.setdefault(ids[0], []).append(attr_id)
                else:
                    self.seqs.append((attr_id, tuple(ids), index))
        # equality / IN tests are looked up by the values they test; the others are run
        self.index: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
        self.generic: list[tuple[int, list[tuple[str, str, Any]]]] = []
        for sid, tests in enumerate(tests_of):
            if any(op in ("NOT_IN", "REGEX") for _, op, _ in tests):
                self.generic.append((sid, tests))
                continue
            attrs = tuple(a for a, _, _ in tests)
            for values in itertools.product(*[[v] if op == "==" else sorted(v, key=repr) for _, op, v in tests]):
                self.index.setdefault(attrs, {}).setdefault(tuple(values), []).append(sid)
        self.used = tuple(sorted({a for t in tests_of for a, _, _ in t}))
        self.firsts = {ids[0] for _, ids, _ in self.seqs}
        self.memo: dict[tuple, tuple[frozenset[int], tuple[int, ...]]] = {}
        self.merged: dict[tuple[int, ...], dict] = {}  # attr ids -> their attributes merged in pattern order

    def passing(self, tok: Token) -> tuple[frozenset[int], tuple[int, ...]]:
        """(spec ids this token passes, attr ids of the one-token patterns it matches), per token signature."""
        sig = tuple(getattr(tok, a) for a in self.used)
        found = self.memo.get(sig)
        if found is None:
            if len(self.memo) > MEMO_LIMIT:
                self.memo.clear()
            values = dict(zip(self.used, sig))
            sids = {
                sid for attrs, table in self.index.items() for sid in table.get(tuple(values[a] for a in attrs), ())
            }
            sids.update(sid for sid, tests in self.generic if _passes(tok, tests))
            attr_ids = tuple(sorted({aid for sid in sids for aid in self.single.get(sid, ())}))
            found = self.memo[sig] = (frozenset(sids), attr_ids)
        return found

    def assign(self, ruler: Any, doc: Doc) -> None:
        """Set what the ruler sets: per token, the matched patterns' attributes in pattern order."""
        from spacy.tokens._retokenize import set_token_attrs

        tokens = list(doc)
        found = [self.passing(tok) for tok in tokens]
        extra: dict[int, list[int]] = {}
        if self.seqs:
            n = len(tokens)
            for start in (i for i, (sids, _) in enumerate(found) if sids & self.firsts):
                for attr_id, ids, index in self.seqs:
                    end = start + len(ids)
                    if end <= n and all(sid in found[start + k][0] for k, sid in enumerate(ids)):
                        extra.setdefault(self._target(ruler, doc, attr_id, start, end, index), []).append(attr_id)
        if len(self.rest):
            for m_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                attr_id = int(ruler.vocab.strings[m_id])
                extra.setdefault(self._target(ruler, doc, attr_id, start, end, ruler.indices[attr_id]), []).append(
                    attr_id
                )
        merged = self.merged  # a new plan (and table) when the ruler's patterns change
        for i, (tok, (_, ids)) in enumerate(zip(tokens, found)):
            if i in extra:
                ids = tuple(sorted(set(ids) | set(extra[i])))
            if not ids:
                continue
            attrs = merged.get(ids)
            if attrs is None:  # later patterns win: the attributes merged in pattern order
                attrs = {}
                for attr_id in ids:
                    attrs.update(ruler.attrs[attr_id])
                merged[ids] = attrs
            set_token_attrs(tok, attrs)

    @staticmethod
    def _target(ruler: Any, doc: Doc, attr_id: int, start: int, end: int, index: int) -> int:
        target = (start if index >= 0 else end) + index
        if not start <= target < end:  # spaCy's own error for an index outside the match
            ruler.set_annotations(doc, [(attr_id, ruler.vocab.strings.add(str(attr_id)), start, end)])
        return target


def _ruler_class() -> type:
    from spacy.pipeline import AttributeRuler

    class _FastAttributeRuler(AttributeRuler):  # type: ignore[misc]
        """spaCy's AttributeRuler, its patterns matched once per distinct token signature (``_Plan``)."""

        _plan: _Plan | None = None

        def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
            super().add(patterns, attrs, index)
            self._plan = None

        def clear(self) -> None:
            super().clear()
            self._plan = None

        def __call__(self, doc: Doc) -> Doc:
            plan = self._plan
            if plan is None:
                plan = self._plan = _Plan(self)
            if not plan.usable:
                return super().__call__(doc)
            error_handler = self.get_error_handler()
            try:
                plan.assign(self, doc)
                return doc
            except Exception as e:  # noqa: BLE001 - as spaCy's AttributeRuler does
                return error_handler(self.name, self, [doc], e)

    return _FastAttributeRuler


class FastLemmatizer:
    """A rule lemmatizer's answers kept per (orth, pos, morph); unseen tokens go to the wrapped lemmatizer, whose
    word index (a list per part of speech, up to 57,528 words, searched for every candidate form) becomes a set."""

    def __init__(self, inner: Any = None) -> None:
        self.inner: Any = None
        self._memo: dict[tuple[int, int, int], int] = {}
        if inner is not None:
            self.use(inner)

    def use(self, inner: Any) -> None:
        """Wrap ``inner`` (a rule-mode spaCy Lemmatizer, which it then owns)."""
        self.inner = inner
        self._memo.clear()
        if inner.lookups.has_table("lemma_index"):
            index = inner.lookups.get_table("lemma_index")
            for key in list(index.keys()):  # only ever asked `form in index`: the same answers, at once
                index[key] = frozenset(index[key])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if self.inner is None:
            return doc
        if self.inner.overwrite or not getattr(self.inner, "_validated", True) or len(doc) == 0:
            return self.inner(doc)  # the first call checks the tables
        if len(self._memo) > MEMO_LIMIT:
            self._memo.clear()
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].astype("uint64")  # a copy
        memo = self._memo
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.inner.lemmatize(doc[i])[0])
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, stream: Any, *, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER_FACTORY):
        cls = _ruler_class()

        @Language.factory(RULER_FACTORY)
        def make_ruler(nlp: Language, name: str) -> Any:
            return cls(nlp.vocab, name)

    if not Language.has_factory(LEMMATIZER_FACTORY):

        @Language.factory(LEMMATIZER_FACTORY)
        def make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
            return FastLemmatizer()


def _is_rule_lemmatizer(component: Any) -> bool:
    from spacy.pipeline import Lemmatizer

    return isinstance(component, Lemmatizer) and getattr(component, "mode", None) == "rule" and not component.overwrite


def speed_up(nlp: Language) -> list[str]:
    """Swap ``attribute_ruler`` and a rule-mode ``lemmatizer`` of ``nlp`` for the drop-ins (same names, same
    places, same patterns and tables). Returns the names swapped."""
    from spacy.pipeline import AttributeRuler

    _register()
    swapped: list[str] = []
    for name in list(nlp.pipe_names):
        comp = nlp.get_pipe(name)
        make: Callable[[Any], None] | None = None
        if type(comp) is AttributeRuler:
            patterns = comp.patterns

            def make(new: Any, patterns: Any = patterns) -> None:
                new.add_patterns(patterns)

            factory = RULER_FACTORY
        elif _is_rule_lemmatizer(comp):

            def make(new: Any, comp: Any = comp) -> None:
                new.use(comp)

            factory = LEMMATIZER_FACTORY
        if make is None:
            continue
        make(nlp.replace_pipe(name, factory))
        swapped.append(name)
    return swapped
