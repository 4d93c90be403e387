"""A faster decoder for spaCy's entity recognizer: the same model, the same moves, the same entities.

spaCy's ``ner`` (a transition-based recognizer) spends most of its time in the greedy loop that picks one move
per token (docs/bench-speed.md: 4.5 of 7.3 CPU s per 1,000 Reuters stories, the rest being its tok2vec). That
loop runs in Cython, but the pipeline packages are built so that each call into the state object takes and drops
Python's global lock: about 28 microseconds per token. The move at a token depends only on a few things (whether
an entity is open, its first token and label, whether this is the last token, whether the next token starts a
sentence, whether this one is a space), so :class:`FastEntityRecognizer` computes the same scores with numpy:

- the recognizer's own tok2vec, linear projection and precomputed lower layer, as spaCy runs them;
- outside an entity the three features spaCy's ``set_context_tokens`` picks are the token and two paddings, so the
  move there is worked out for every token of the batch at once: the features summed in spaCy's order with the
  same bias, maxout, the upper layer through the same BLAS call (``thinc``'s ``gemm``, whose rows do not depend
  on the batch), the moves spaCy's ``BiluoPushDown`` allows (a table over the few state values), the first best;
- each doc then jumps from one B or U move to the next; inside an entity (features: the token, the entity's first
  token, the token before) the tokens are scored one position at a time, for all docs of the batch together;
- the entities are set on the document as spaCy's ``set_annotations`` sets them.

A batch spaCy's decoder would treat differently (an entity already set on a token, a model with unseen classes,
beam search, a transition system other than BILUO) goes to the wrapped recognizer unchanged.
``tests/pipeline/test_fastner.py`` checks that the entities are spaCy's, token for token, on hand-made and
shared-data texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["NER_FACTORY", "FastEntityRecognizer", "speed_up_ner"]

NER_FACTORY = "whosaid_ner"

_MOVES = "BILUO"
# Bits of a token's state that decide which moves are allowed (see _valid_table).
_LAST, _NEXT_STARTS, _SPACE = 1, 2, 4


class FastEntityRecognizer:
    """Wraps a spaCy ``EntityRecognizer`` (which it then owns) and decodes its greedy moves for a batch at once."""

    def __init__(self, inner: Any = None, *, name: str = "ner") -> None:
        self.name = name
        self.inner: Any = None
        self._error_handler: Any = None
        if inner is not None:
            self.use(inner)

    # -- set-up -----------------------------------------------------------------------------------------------
    def use(self, inner: Any) -> None:
        """Wrap ``inner``: its moves, as kinds (B I L U O) and label numbers, and the table of allowed moves."""
        import numpy as np

        self.inner = inner
        moves = inner.moves
        strings = inner.vocab.strings
        kinds, labels, names = [], [], [""]
        for i in range(moves.n_moves):
            name = moves.get_class_name(i)
            kind, _, label = name.partition("-")
            kinds.append(_MOVES.index(kind) if kind in _MOVES else -1)
            if label and label not in names:
                names.append(label)
            labels.append(names.index(label) if label else 0)
        self._kinds = np.array(kinds, dtype=np.int64)
        self._labels = np.array(labels, dtype=np.int64)
        self._label_ids = [strings[n] if n else 0 for n in names]
        self._valid = self._valid_table(len(names))

    def _supported(self) -> bool:
        inner = self.inner
        model = inner.model
        return (
            inner.cfg.get("beam_width", 1) == 1
            and type(inner.moves).__name__ == "BiluoPushDown"
            and bool(model.attrs.get("has_upper"))
            and not model.attrs.get("unseen_classes")
            and int((self._kinds < 0).sum()) == 0
            and len(model.layers) == 3
            and model.layers[1].get_dim("nF") == 3
        )

    def _valid_table(self, n_labels: int) -> np.ndarray:
        """Row (open * n_labels + label) * 8 + flags -> 0 for each allowed move, -inf for the others: spaCy's
        ``Begin/In/Last/Unit/Out.is_valid`` where no entity is preset on the tokens."""
        import numpy as np

        kinds, labels = self._kinds, self._labels
        table = np.full((2 * n_labels * 8, len(kinds)), -np.inf, dtype=np.float32)
        for is_open in (0, 1):
            for label in range(n_labels):
                for flags in range(8):
                    last, starts, space = bool(flags & _LAST), bool(flags & _NEXT_STARTS), bool(flags & _SPACE)
                    ok = np.zeros(len(kinds), dtype=bool)
                    if not is_open:
                        ok |= (kinds == 0) & (labels != 0) & (not last) & (not starts) & (not space)  # B
                        ok |= (kinds == 3) & (labels != 0) & (not space)  # U
                        ok |= kinds == 4  # O
                    else:
                        ok |= (kinds == 1) & (labels == label) & (labels != 0) & (not last) & (not starts)  # I
                        ok |= (kinds == 2) & (labels == label) & (labels != 0)  # L
                    table[(is_open * n_labels + label) * 8 + flags, ok] = 0.0
        return table

    # -- the component ------------------------------------------------------------------------------------------
    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.inner.labels)

    def get_error_handler(self) -> Any:
        """spaCy's default (raise) unless ``set_error_handler`` chose another."""
        return self._error_handler if self._error_handler is not None else self.inner.get_error_handler()

    def set_error_handler(self, handler: Any) -> None:
        self._error_handler = handler

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """The docs of ``stream`` with their entities, in order. A batch whose decoding fails goes to the error
        handler (spaCy's default raises); if the handler returns, the batch's docs pass on without entities
        (spaCy's own parser components would drop them, and a caller zipping texts with docs would misalign)."""
        from spacy.util import minibatch

        error_handler = self.get_error_handler()
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            try:
                self._annotate(docs)
            except Exception as exc:  # noqa: BLE001 - as spaCy's own parser components do
                error_handler(self.name, self, docs, exc)
            yield from docs

    def _annotate(self, docs: list[Doc]) -> None:
        from spacy.attrs import ENT_IOB

        todo = [d for d in docs if len(d)]
        if not todo:
            return
        if not self._supported() or any(d.to_array(ENT_IOB).any() for d in todo):
            self.inner.set_annotations(todo, self.inner.predict(todo))
            return
        for doc, ents in zip(todo, self.decode(todo)):
            self._set_ents(doc, ents)

    # -- decoding -----------------------------------------------------------------------------------------------
    def decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        """(start, end, label id) of the entities of each (non-empty) doc, as spaCy's greedy decoder finds them.

        Outside an entity the state holds nothing but the token, so the move spaCy takes there is worked out for
        every token at once (``closed``); a doc then jumps from one B or U move to the next, and only the tokens
        inside an entity are scored one at a time, for all docs together."""
        import numpy as np
        from spacy.attrs import IS_SPACE, SENT_START

        model = self.inner.model
        tok2vec, lower, upper = model.layers
        ops = upper.ops
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        ends = np.cumsum(lengths)
        vectors = tok2vec.predict(docs)  # spaCy runs these per batch too; each row depends on its doc only
        n_f, n_o, n_p = lower.get_dim("nF"), lower.get_dim("nO"), lower.get_dim("nP")
        cached = lower.predict(vectors).reshape(-1, n_f, n_o * n_p)  # row 0: the padding of a missing feature
        feats = [np.ascontiguousarray(cached[:, f]) for f in range(n_f)]
        bias = lower.get_param("b").reshape(-1)
        weights, up_bias = upper.get_param("W"), upper.get_param("b")
        flags = np.concatenate([d.to_array([SENT_START, IS_SPACE]).astype(np.int64) for d in docs])
        state_flags = (flags[:, 1] != 0) * _SPACE
        state_flags[:-1] += (flags[1:, 0] == 1) * _NEXT_STARTS  # the next token (never read at a doc's last)
        state_flags[ends - 1] += _LAST
        kinds, labels, valid = self._kinds, self._labels, self._valid
        n_labels = len(self._label_ids)

        def scores(hidden: np.ndarray, rows: np.ndarray) -> np.ndarray:
            out = ops.gemm(hidden, weights, trans2=True)  # spaCy's BLAS call: each row as in any batch
            out += up_bias
            out += valid[rows]
            return out

        # no entity open: the features are the token and two paddings, summed in spaCy's order
        u = feats[0][1:] + feats[1][0]
        u += feats[2][0]
        u += bias
        closed = scores(u.reshape(-1, n_o, n_p).max(axis=2), state_flags).argmax(axis=1)
        events = np.flatnonzero((kinds[closed] == 0) | (kinds[closed] == 3))  # B or U: where an entity starts
        events = np.append(events, ends[-1])  # a sentinel past every doc
        cursor = ends - lengths  # the next token of each doc, as positions in the batch
        is_open = np.zeros(len(docs), dtype=bool)
        ent_start = np.zeros(len(docs), dtype=np.int64)
        ent_label = np.zeros(len(docs), dtype=np.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        while True:
            live = cursor < ends
            if not live.any():
                break
            inside = np.flatnonzero(live & is_open)
            outside = np.flatnonzero(live & ~is_open)
            if len(outside):  # jump to the next B or U move of each doc
                at = events[np.searchsorted(events, cursor[outside])]
                stop = at >= ends[outside]
                cursor[outside[stop]] = ends[outside[stop]]
                rows, at = outside[~stop], at[~stop]
                move = closed[at]
                begin = kinds[move] == 0
                for row, t, label in zip(rows[~begin].tolist(), at[~begin].tolist(), labels[move[~begin]].tolist()):
                    found[row].append((t, t + 1, label))
                is_open[rows[begin]] = True
                ent_start[rows[begin]] = at[begin]
                ent_label[rows[begin]] = labels[move[begin]]
                cursor[rows] = at + 1
            if len(inside):  # one token further in each open entity: I or L
                t = cursor[inside]
                u = feats[0][t + 1]
                u += feats[1][ent_start[inside] + 1]
                u += feats[2][t]  # the token before, shifted by the padding row
                u += bias
                rows = (n_labels + ent_label[inside]) * 8 + state_flags[t]
                move = scores(u.reshape(-1, n_o, n_p).max(axis=2), rows).argmax(axis=1)
                last = kinds[move] == 2
                for row in inside[last].tolist():
                    found[row].append((int(ent_start[row]), int(cursor[row]) + 1, int(ent_label[row])))
                is_open[inside[last]] = False
                cursor[inside] = t + 1
        offsets = (ends - lengths).tolist()
        return [[(s - off, e - off, self._label_ids[lab]) for s, e, lab in ents] for ents, off in zip(found, offsets)]

    @staticmethod
    def _set_ents(doc: Doc, ents: list[tuple[int, int, int]]) -> None:
        """As ``BiluoPushDown.set_annotations``: the entities, every other token outside (no entity was preset)."""
        from spacy.tokens import Span

        doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(NER_FACTORY):

        @Language.factory(NER_FACTORY, assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
        def make_ner(nlp: Language, name: str) -> FastEntityRecognizer:
            return FastEntityRecognizer(name=name)


def speed_up_ner(nlp: Language) -> bool:
    """Swap the pipeline's ``ner`` (a spaCy EntityRecognizer) for the batch decoder, same name and place."""
    from spacy.pipeline import EntityRecognizer

    if "ner" not in nlp.pipe_names or type(nlp.get_pipe("ner")) is not EntityRecognizer:
        return False
    inner = nlp.get_pipe("ner")
    _register()
    fast = nlp.replace_pipe("ner", NER_FACTORY)
    assert isinstance(fast, FastEntityRecognizer)
    fast.use(inner)
    return True
