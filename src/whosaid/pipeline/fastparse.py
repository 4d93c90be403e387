"""Faster drop-ins for two spaCy components whose output whosaid reads: same patterns, same tables, same output.

Profiled on the Reuters sample (docs/bench-speed.md), spaCy's ``attribute_ruler`` cost a sixth of the parse: its
``Matcher`` tries each of the 179 patterns of ``en_core_web_sm`` at every token. Nearly all of them test one token
(its tag, lower-case form, dependency label, whether it is a space), so whether they match depends only on those
few values: :class:`FastAttributeRuler` works that out once per distinct combination and applies the matched
attributes in the ruler's own order (later patterns win) with spaCy's own ``set_token_attrs``. Patterns of several
tokens, or with operators other than equality / ``IN`` / ``NOT_IN``, still go through a ``Matcher`` (9 of 179).

The rule lemmatizer recomputes the lemma of every token in Python, caching only part of its answers.
:class:`FastLemmatizer` keeps its answer per (form, part of speech, morphology): the key of spaCy's own cache,
on which the rule lemmatizer's result depends; only unseen keys reach the lemmatizer.

``tests/pipeline/test_fastparse.py`` checks token for token that both give spaCy's result (tags, parts of speech,
morphology, lemmas, dependencies) on hand-made and shared-data texts.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["FastAttributeRuler", "FastLemmatizer", "speed_up", "RULER_FACTORY", "LEMMATIZER_FACTORY"]

RULER_FACTORY = "whosaid_attribute_ruler"
MEMO_LIMIT = 200_000
"""Entries each memo keeps at most (it starts again when full): a long run's memory stays bounded."""
LEMMATIZER_FACTORY = "whosaid_lemmatizer"

# Matcher token attributes a single-token pattern may test here -> the Token attribute that holds the value.
_TOKEN_ATTRS = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "TAG": "tag_", "POS": "pos_",
                "DEP": "dep_", "LEMMA": "lemma_", "SHAPE": "shape_", "ENT_TYPE": "ent_type_",
                "IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "IS_ALPHA": "is_alpha", "IS_DIGIT": "is_digit",
                "IS_TITLE": "is_title", "IS_UPPER": "is_upper", "IS_LOWER": "is_lower", "LIKE_NUM": "like_num"}
# Token attributes a ruler may set that live on the token alone (a lexeme-level attribute would make the order
# across tokens matter, so a ruler that sets one is left as it is).
_TOKEN_ONLY = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


def _compile_token(spec: dict[str, Any]) -> list[tuple[str, str, Any]] | None:
    """(attribute, operator, value) tests for one token pattern, or None when it needs the Matcher."""
    tests: list[tuple[str, str, Any]] = []
    for key, value in spec.items():
        attr = _TOKEN_ATTRS.get(str(key).upper())
        if attr is None:  # OP, _ (extensions), LENGTH, ...
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            op, arg = next(iter(value.items()))
            if op not in ("IN", "NOT_IN") or not isinstance(arg, (list, tuple, set)):
                return None
            tests.append((attr, op, frozenset(arg)))
        elif isinstance(value, (str, bool, int)):
            tests.append((attr, "==", value))
        else:
            return None
    return tests


def _passes(token: "Token", tests: list[tuple[str, str, Any]]) -> bool:
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
        elif value in arg:  # NOT_IN
            return False
    return True


def _ruler_class() -> type:
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.tokens._retokenize import set_token_attrs

    class _FastAttributeRuler(AttributeRuler):  # type: ignore[misc]
        """spaCy's AttributeRuler with the single-token patterns matched once per distinct token signature."""

        def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
            super().add(patterns, attrs, index)
            self._plan = None

        def clear(self) -> None:
            super().clear()
            self._plan = None

        def _compile(self) -> tuple:
            from spacy.attrs import IDS

            token_only = {IDS[a] for a in _TOKEN_ONLY}
            if not all(set(a) <= token_only for a in self.attrs):
                return None, (), (), {}, None  # keep spaCy's own matching for everything
            # (tested attributes) -> (their values) -> pattern ids; NOT_IN tests are checked one by one
            index: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
            generic: list[tuple[int, list[tuple[str, str, Any]]]] = []
            rest = Matcher(self.vocab)
            for attr_id in range(len(self.attrs)):
                key = str(attr_id)
                pats = self.matcher.get(key)[1]
                compiled = [_compile_token(p[0]) if len(p) == 1 else None for p in pats]
                if not pats or any(c is None for c in compiled) or self.indices[attr_id] not in (0, -1):
                    rest.add(self.vocab.strings.add(key), pats)
                    continue
                for tests in compiled:
                    assert tests is not None
                    if any(op == "NOT_IN" for _, op, _ in tests):
                        generic.append((attr_id, tests))
                        continue
                    attrs = tuple(a for a, _, _ in tests)
                    for values in itertools.product(*[[v] if op == "==" else sorted(v, key=repr)
                                                      for _, op, v in tests]):
                        index.setdefault(attrs, {}).setdefault(tuple(values), []).append(attr_id)
            used = sorted({a for attrs in index for a in attrs} | {a for _, t in generic for a, _, _ in t})
            return list(index.items()), tuple(used), generic, {}, (rest if len(rest) else None)

        def match(self, doc: "Doc") -> Any:
            if getattr(self, "_plan", None) is None:
                self._plan = self._compile()
            tables, used, generic, memo, rest = self._plan
            if tables is None:
                return super().match(doc)
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            per_token: list[tuple[int, ...]] = []
            for tok in doc:
                sig = tuple(getattr(tok, a) for a in used)
                ids = memo.get(sig)
                if ids is None:
                    values = dict(zip(used, sig))
                    found = {aid for attrs, table in tables for aid in table.get(tuple(values[a] for a in attrs), ())}
                    found.update(aid for aid, tests in generic if _passes(tok, tests))
                    ids = memo[sig] = tuple(sorted(found))
                per_token.append(ids)
            extra: dict[int, list[int]] = {}
            if rest is not None:
                for m_id, start, end in rest(doc, allow_missing=True, as_spans=False):
                    attr_id = int(self.vocab.strings[m_id])
                    index = self.indices[attr_id]
                    target = (start if index >= 0 else end) + index
                    if not start <= target < end:
                        return super().match(doc)  # spaCy raises its own error for a bad index
                    extra.setdefault(target, []).append(attr_id)
            return per_token, extra

        def set_annotations(self, doc: "Doc", matches: Any) -> None:
            if isinstance(matches, list):  # spaCy's own match result
                return super().set_annotations(doc, matches)
            per_token, extra = matches
            merged_cache: dict[tuple[int, ...], dict] = self.__dict__.setdefault("_merged", {})
            for i, ids in enumerate(per_token):
                if i in extra:
                    ids = tuple(sorted(set(ids) | set(extra[i])))
                if not ids:
                    continue
                attrs = merged_cache.get(ids)
                if attrs is None:  # later patterns win: the attributes merged in pattern order
                    attrs = {}
                    for attr_id in ids:
                        attrs.update(self.attrs[attr_id])
                    merged_cache[ids] = attrs
                set_token_attrs(doc[i], attrs)

    return _FastAttributeRuler


class FastLemmatizer:
    """A rule lemmatizer's answers kept per (orth, pos, morph); unseen tokens go to the wrapped lemmatizer."""

    def __init__(self, inner: Any = None) -> None:
        self.inner = inner
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if self.inner is None:
            return doc
        if self.inner.overwrite or not getattr(self.inner, "_validated", True) or len(doc) == 0:
            return self.inner(doc)  # the first call checks the tables
        if len(self._memo) > MEMO_LIMIT:
            self._memo.clear()
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
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
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, stream: Any, *, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER_FACTORY):
        cls = _ruler_class()

        @Language.factory(RULER_FACTORY)
        def make_ruler(nlp: "Language", name: str) -> Any:
            return cls(nlp.vocab, name)

    if not Language.has_factory(LEMMATIZER_FACTORY):
        @Language.factory(LEMMATIZER_FACTORY)
        def make_lemmatizer(nlp: "Language", name: str) -> FastLemmatizer:
            return FastLemmatizer()


def _is_rule_lemmatizer(component: Any) -> bool:
    from spacy.pipeline import Lemmatizer

    return isinstance(component, Lemmatizer) and getattr(component, "mode", None) == "rule" \
        and not component.overwrite


def speed_up(nlp: "Language") -> list[str]:
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
                new.inner = comp

            factory = LEMMATIZER_FACTORY
        if make is None:
            continue
        make(nlp.replace_pipe(name, factory))
        swapped.append(name)
    return swapped
