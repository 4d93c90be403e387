"""The Pipeline: one spaCy pass per batch, then whosaid's stages, then frozen results."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from ..errors import StageError
from ..model import Analysis, Article, Attribution, Entity, Event, Relation, Span
from ..options import ON_ERROR, Options
from .contracts import check_output, check_stages
from .state import DocState, Resolution, Stage

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Pipeline", "default_stages", "freeze", "run_stage"]

log = logging.getLogger(__name__)


def default_stages(options: Options) -> list[Stage]:
    """The stages in order; ``options.mode`` decides which attribution proposers run."""
    from .attribution.stage import AttributionStage
    from .attribution.cues import CueStage
    from .entities.stage import EntityStage
    from .temporal.events import EventStage
    from .attribution.quotes import QuoteStage
    from .relations import RelationStage
    from .temporal.said_at import SaidAtStage
    from .entities.speakers import SpeakerStage
    from .temporal.time import TimeStage

    stages: list[Stage] = [QuoteStage(), CueStage()]
    if options.mode in ("model", "hybrid"):
        from .attribution.tagger import TaggerStage

        tagger = TaggerStage.from_options(options)
        if tagger is not None:
            stages.append(tagger)
    stages += [
        AttributionStage(options),
        EntityStage(),
        SpeakerStage(),
        TimeStage(),
        SaidAtStage(),
        RelationStage(),
        EventStage(),
    ]
    return stages


class Pipeline:
    """Analyze articles: ``Pipeline(options).analyze(article)`` or ``.pipe(articles)``.

    The spaCy pipeline is loaded once, when the Pipeline is made, and the stages' contracts are checked then
    (``ContractError``). ``on_error`` (default: ``options.on_error``, itself ``"raise"``) says what a failing stage
    does: ``"raise"`` a :class:`~whosaid.errors.StageError`, or ``"warn"``: the article gets a warning, the stage
    writes nothing, and later stages run on what there is (the choice of batch callers such as the CLI).
    """

    def __init__(self, options: Options | None = None, *, nlp: "Language | None" = None,
                 stages: Sequence[Stage] | None = None, on_error: str | None = None) -> None:
        from .nlp import load_nlp

        self.options = options or Options()
        self.on_error = on_error or self.options.on_error
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {self.on_error!r}")
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages(self.options)
        check_stages(self.stages)
        self.nlp = nlp if nlp is not None else load_nlp(self.options.pipeline)
        self.stage_seconds: dict[str, float] = {s.name: 0.0 for s in self.stages}
        """Time spent in each stage so far (for benchmarks; the parse is not included)."""

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _prepare(self, article: Article) -> tuple[str, list[str]]:
        warnings: list[str] = []
        text = article.text
        if len(text) > self.options.max_chars:
            warnings.append(f"text cut to {self.options.max_chars} characters for parsing (max_chars)")
            text = text[: self.options.max_chars]
        return text, warnings

    def analyze(self, article: Article) -> Analysis:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Analysis]:
        """Analyses in input order. A stage that fails on one article adds a warning; the batch goes on."""
        size = batch_size or self.options.batch_size

        def texts() -> Iterator[tuple[str, tuple[Article, list[str]]]]:
            for art in articles:
                text, warns = self._prepare(art)
                yield text, (art, warns)

        for doc, (art, warns) in self.nlp.pipe(texts(), as_tuples=True, batch_size=size):
            yield self.run_stages(art, doc, warns)

    def run_stages(self, article: Article, doc: "Doc", warnings: list[str] | None = None) -> Analysis:
        """Run every stage on one parsed article and freeze the result (see ``on_error``)."""
        state = DocState(article=article, doc=doc, warnings=list(warnings or []))
        for stage in self.stages:
            t0 = time.perf_counter()
            try:
                output = check_output(stage, stage(state))
            except Exception as exc:
                if self.on_error == "raise":
                    raise StageError(f"stage {stage.name} failed on article {article.id!r}: "
                                     f"{type(exc).__name__}: {exc}", stage=stage.name, article_id=article.id) from exc
                # one bad article must not stop a batch: record it, write nothing, go on
                log.warning("stage %s failed on article %s: %s: %s", stage.name, article.id, type(exc).__name__, exc)
                log.debug("traceback", exc_info=True)
                state.warnings.append(f"stage {stage.name} failed: {type(exc).__name__}: {exc}")
            else:
                for name, value in output.items():  # the stage computed everything: now it is written
                    setattr(state, name, value)
            finally:
                self.stage_seconds[stage.name] = self.stage_seconds.get(stage.name, 0.0) + time.perf_counter() - t0
        return freeze(state)


def run_stage(stage: Stage, state: DocState) -> DocState:
    """Run one stage on ``state`` and write what it returns (checked against its ``assigns``); returns ``state``.

    For running stages by hand (tests, notebooks, benchmarks); a Pipeline does the same for each of its stages.
    """
    for name, value in check_output(stage, stage(state)).items():
        setattr(state, name, value)
    return state


def freeze(state: DocState) -> Analysis:
    """Turn the working state into immutable, JSON-stable results."""
    text = state.text
    ents = {e.id: e for e in state.entities}
    entities = tuple(
        Entity(
            id=e.id,
            name=e.name,
            type=e.type,
            mentions=tuple(Span.of(text, s, t) for s, t in sorted(set(e.mentions))),
            confidence=e.confidence,
        )
        for e in state.entities
    )
    unresolved = Resolution()
    attributions = tuple(
        Attribution(
            kind=a.kind,
            content=a.content,
            cue=a.cue,
            source=a.source,
            speaker=r.speaker,
            speaker_id=r.speaker_id,
            source_type=r.source_type,
            source_description=r.source_description,
            via=r.via,
            said_at=state.said_at.get(a.id),
            confidence=a.confidence,
            category=a.category,
        )
        for a in sorted(state.attributions, key=lambda a: (a.content.start if a.content else -1))
        for r in (state.speakers.get(a.id, unresolved),)
    )
    relations = tuple(
        Relation(
            subject=ents[r.subject_id].name,
            relation=r.relation,
            object=ents[r.object_id].name,
            evidence=Span.of(text, *r.evidence),
            subject_id=r.subject_id,
            object_id=r.object_id,
            when=r.when,
            confidence=r.confidence,
        )
        for r in state.relations
        if r.subject_id in ents and r.object_id in ents
    )
    events = tuple(
        Event(
            what=ev.what,
            when=ev.when,
            evidence=Span.of(text, *ev.evidence),
            participants=tuple(ev.participants),
            time=Span.of(text, *ev.time) if ev.time else None,
        )
        for ev in state.events
    )
    return Analysis(
        article=state.article,
        attributions=attributions,
        entities=entities,
        times=tuple(sorted(state.times, key=lambda t: t.start)),
        relations=relations,
        events=events,
        warnings=tuple(state.warnings),
    )
