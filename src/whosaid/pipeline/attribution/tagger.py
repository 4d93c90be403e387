"""The learned source/cue/content tagger: ONNX model proposals for the attribution stage.

The model folder (``options.model_path`` or the one shipped in ``whosaid/models/attribution``) is loaded once
per process and folder. Each article is cut into overlapping windows, run in batches, merged back into
character spans per role, linked (content <- cue <- source), stripped of the spans scored below the model's
``min_score`` and turned into ``DraftAttribution`` proposals with
``origin="model"`` in ``state.proposals``. The attribution stage uses them alone (``--mode model``) or merges
them with the rules (``--mode hybrid``, see ``merge.py``).
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ...errors import ModelError
from ...model import Span
from ...options import Options
from ..lexicon import QUOTE_MARKS
from ..spanindex import SpanIndex
from ..state import DocState, DraftAttribution
from .link import Linked, keep_confident, link_spans
from .onnx import TIMING_KEYS, OnnxTagger, model_available, shipped_model_dir

__all__ = ["TaggerStage", "load_tagger", "proposals_from_spans", "attribution_kind", "cue_regions"]

_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _cached(folder: str) -> OnnxTagger:
    return OnnxTagger(folder)


def load_tagger(folder: str | Path | None = None) -> OnnxTagger:
    """The tagger for ``folder`` (default: the shipped model), loaded once per process."""
    path = str(Path(folder).resolve() if folder else shipped_model_dir())
    with _LOCK:
        return _cached(path)


def attribution_kind(text: str, content: tuple[int, int] | None, cue: tuple[int, int] | None) -> str:
    """``direct`` (a whole quote), ``mixed`` (partly quoted), ``according_to`` or ``indirect``."""
    if cue is not None and text[cue[0] : cue[1]].lower().startswith("according"):
        return "according_to"
    if content is None:
        return "indirect"
    s, e = content
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    if any(q in before for q in QUOTE_MARKS) and any(q in after for q in QUOTE_MARKS):
        return "direct"
    if any(q in text[s:e] for q in '"“”'):
        return "mixed"
    return "indirect"


def proposals_from_spans(text: str, linked: list[Linked]) -> list[DraftAttribution]:
    """DraftAttributions (origin ``model``) from linked ``(start, end, score)`` role spans."""
    out: list[DraftAttribution] = []
    for n, att in enumerate(linked, 1):
        spans = [x for x in (att.content, att.cue, att.source) if x is not None]
        conf = sum(x[2] for x in spans) / len(spans) if spans else 0.0
        out.append(
            DraftAttribution(
                kind=attribution_kind(text, att.content[:2] if att.content else None, att.cue[:2] if att.cue else None),
                content=Span.of(text, att.content[0], att.content[1]) if att.content else None,
                cue=Span.of(text, att.cue[0], att.cue[1]) if att.cue else None,
                source=Span.of(text, att.source[0], att.source[1]) if att.source else None,
                id=f"p{n}",
                confidence=round(float(conf), 4),
                origin="model",
                content_from="weak" if att.weak else "proposer",
                scores=tuple(
                    round(float(x[2]), 4) if x is not None else 0.0  # type: ignore[arg-type]
                    for x in (att.source, att.cue, att.content)
                ),
            )
        )
    return out


def cue_regions(state: DocState, context: int = 1) -> list[tuple[int, int]]:
    """Character ranges worth tagging: sentences with a rule cue candidate or a quotation, and ``context``
    sentences around each, joined where they touch.

    An attribution needs a cue; the rule lexicon finds nearly every cue word, so sentences far from any cue
    candidate or quote are skipped (a quarter to a half of plain business news) and the tagger costs less.
    """
    doc = state.doc
    parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    sents = [(s.start_char, s.end_char) for s in doc.sents] if parsed else []
    if not sents:
        return [(0, len(doc.text))] if doc.text.strip() else []
    marks = [(c.start, c.end) for c in state.cues] + [(q.start, q.end) for q in state.quotes]
    near = SpanIndex(marks)
    keep = [any(marks[k][0] < e and s < marks[k][1] for k in near.near((s, e))) for s, e in sents]
    wanted = [any(keep[max(0, i - context) : i + context + 1]) for i in range(len(sents))]
    out: list[tuple[int, int]] = []
    for (s, e), w in zip(sents, wanted):
        if not w:
            continue
        if out and out[-1][1] >= s - 2:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


WEAK_CONTENT = 0.5
"""A cue's content scored under the model's ``min_score`` but at least this is kept (marked ``weak``) rather than
leaving the cue without a content (``link.keep_confident``; PolNeAR dev records F1 after calibration 71.1 with
none kept, 71.4 from 0.5; docs/bench-attribution.md)."""


class TaggerStage:
    name: ClassVar[str] = "tagger"
    requires: ClassVar[tuple[str, ...]] = ("article", "doc", "parsed_text", "cues", "quotes")
    assigns: ClassVar[tuple[str, ...]] = ("proposals",)

    def __init__(self, tagger: OnnxTagger, *, gate: bool = True) -> None:
        self.tagger = tagger
        self.gate = gate
        self._timings = {"regions": 0.0, **dict.fromkeys(TIMING_KEYS, 0.0), "link": 0.0}

    @classmethod
    def from_options(cls, options: Options) -> TaggerStage | None:
        """The tagger; in hybrid mode None when no model is shipped or configured (rules then work alone).

        ``--mode model`` without a model raises ModelError; a configured ``model_path`` that is not a model
        folder raises in both modes.
        """
        folder = options.model_path
        if folder is None and not model_available():
            if options.mode == "model":
                raise ModelError(
                    f"no learned attribution model in {shipped_model_dir()}; train one with "
                    "`whosaid train`, set model_path, or use --mode rules"
                )
            return None
        return cls(load_tagger(folder))

    @property
    def timings(self) -> dict[str, float]:
        """CPU seconds per step so far: regions, the tagger's own steps (tokenize, windows, onnx, decode; with
        the counts of pieces and padding) and link (linking and the proposals)."""
        return dict(self._timings)

    def __call__(self, state: DocState) -> dict[str, Any]:
        c0 = time.process_time()
        text = state.parsed_text
        regions = cue_regions(state) if self.gate else [(0, len(text))]
        self._timings["regions"] += time.process_time() - c0
        spans: dict[str, list[tuple[int, int, float]]] = {"source": [], "cue": [], "content": []}
        found_per_region = self.tagger.predict([text[lo:hi] for lo, hi in regions], timings=self._timings)
        for (lo, _), found in zip(regions, found_per_region):
            for role, items in found.items():
                spans[role].extend((s + lo, e + lo, c) for s, e, c in items)
        c1 = time.process_time()
        linked = keep_confident(
            link_spans(state.text, spans["source"], spans["cue"], spans["content"]), self.tagger.min_score, WEAK_CONTENT
        )
        proposals = proposals_from_spans(state.text, linked)
        self._timings["link"] += time.process_time() - c1
        return {"proposals": proposals}
