"""The Pipeline: one spaCy pass per batch, then whosaid's stages, then frozen results."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import StageError
from ..model import Analysis, Article, Attribution, Entity, Event, Relation, Span
from ..options import ON_ERROR, Options
from .contracts import check_output, check_stages
from .state import DocState, Resolution, Stage

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Pipeline", "default_stages", "freeze", "run_stage", "parse_pieces", "PARSE_CHARS", "BATCH_CHARS"]

log = logging.getLogger(__name__)
_clock = time.process_time  # stage costs are CPU time: on a shared machine, wall time counts the neighbours too

PARSE_CHARS = 50_000
"""The longest text spaCy parses in one piece (no PolNeAR or Reuters article is longer; see Pipeline.parse)."""
BATCH_CHARS = 100_000
"""The most text in one batch of Pipeline.pipe (one nlp.pipe pass): spaCy's memory grows with it."""


def parse_pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it: after the last
    paragraph break (a blank line, else a line break) of each piece where there is one, else after the last
    sentence end (". "), else after the last space, else at ``limit``."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k > 0:
                cut = k + len(sep)
                break
        cut = cut or limit
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def default_stages(options: Options) -> list[Stage]:
    """The stages in order; ``options.mode`` decides which attribution proposers run."""
    from .attribution.cues import CueStage
    from .attribution.quotes import QuoteStage
    from .attribution.stage import AttributionStage
    from .entities.speakers import SpeakerStage
    from .entities.stage import EntityStage
    from .relations import RelationStage
    from .temporal.events import EventStage
    from .temporal.said_at import SaidAtStage
    from .temporal.time import TimeStage

    stages: list[Stage] = [QuoteStage(), CueStage()]
    if options.mode in ("model", "hybrid"):
        from .attribution.tagger import TaggerStage

        tagger = TaggerStage.from_options(options)
        if tagger is not None:
            stages.append(tagger)
    stages += [
        AttributionStage(options),
        EntityStage(gender_fallback=options.gender_fallback),
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

    def __init__(
        self,
        options: Options | None = None,
        *,
        nlp: Language | None = None,
        stages: Sequence[Stage] | None = None,
        on_error: str | None = None,
    ) -> None:
        from .nlp import load_nlp

        self.options = options or Options()
        self.on_error = on_error or self.options.on_error
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {self.on_error!r}")
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages(self.options)
        check_stages(self.stages)
        self.nlp = nlp if nlp is not None else load_nlp(self.options.pipeline)
        self.stage_seconds: dict[str, float] = {s.name: 0.0 for s in self.stages}
        """CPU seconds of this process spent in each stage so far (for benchmarks; the parse is not included)."""

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
        """Analyses in input order. A stage that fails on one article adds a warning; the batch goes on.

        Articles go through in batches of ``batch_size`` (default ``options.batch_size``) holding at most
        :data:`BATCH_CHARS` characters of text: each batch is parsed with one ``nlp.pipe`` pass (:meth:`parse`),
        then run through the stages (:meth:`run_batch`). Memory stays bounded by the batch, however long the
        articles or the input.
        """
        size = max(1, batch_size or self.options.batch_size)
        batch: list[tuple[Article, str, list[str]]] = []
        chars = 0
        for art in articles:
            text, warns = self._prepare(art)
            if batch and (len(batch) >= size or chars + len(text) > BATCH_CHARS):
                yield from self._analyze(batch)
                batch, chars = [], 0
            batch.append((art, text, warns))
            chars += len(text)
        if batch:
            yield from self._analyze(batch)

    def _analyze(self, batch: list[tuple[Article, str, list[str]]]) -> Iterator[Analysis]:
        docs = self.parse([text for _, text, _ in batch])
        yield from self.run_batch(
            [DocState(article=art, doc=doc, warnings=warns) for (art, _, warns), doc in zip(batch, docs)]
        )

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """The spaCy parses of ``texts``, in order: one ``nlp.pipe`` pass over the texts of up to
        :data:`PARSE_CHARS` characters; a longer text is parsed in pieces of at most that many characters, cut
        at paragraph breaks where it can (:func:`parse_pieces`), one piece at a time, and joined into one Doc.

        spaCy's working memory grows with the text it parses at once (about 17 KiB per token: 900 MiB for
        200,000 characters in one Doc), so a long article costs what its pieces cost; a piece boundary at a
        paragraph break changes nothing the parser would join (a paragraph break starts a sentence).
        """
        from spacy.tokens import Doc

        docs: list[Doc | None] = [None] * len(texts)
        short = [i for i, t in enumerate(texts) if len(t) <= PARSE_CHARS]
        n = max(1, len(short))
        # spaCy's parser decodes a batch in sub-batches of a quarter of it, sorted by length: one sub-batch holds
        # the whole batch instead (each doc's parse is the same; fewer, fuller steps of its decoder)
        cfg = {"parser": {"batch_size": 4 * n}} if "parser" in self.nlp.pipe_names else {}
        for i, doc in zip(short, self.nlp.pipe([texts[i] for i in short], batch_size=n, component_cfg=cfg)):
            docs[i] = doc
        for i, text in enumerate(texts):
            if docs[i] is None:
                docs[i] = Doc.from_docs(
                    [self.nlp(part) for part in parse_pieces(text, PARSE_CHARS)], ensure_whitespace=False
                )
        return docs  # type: ignore[return-value]

    def run_stages(self, article: Article, doc: Doc, warnings: list[str] | None = None) -> Analysis:
        """Run every stage on one parsed article and freeze the result (see ``on_error``)."""
        return next(self.run_batch([DocState(article=article, doc=doc, warnings=list(warnings or []))]))

    def run_batch(self, states: list[DocState]) -> Iterator[Analysis]:
        """Run every stage over a batch of parsed articles, stage by stage, then freeze each.

        A stage that offers ``pipe(states)`` (spaCy's ``Pipe.pipe`` is the model) gets the whole batch at once and
        returns one output mapping per state, in order; it must give each article the result it would give it
        alone. Its outputs are checked and written per article, and when ``pipe`` fails the stage runs again
        article by article, so ``on_error`` still applies to the one article that fails.
        """
        for stage in self.stages:
            t0 = _clock()
            outputs: list[Any] | None = None
            pipe = getattr(stage, "pipe", None)
            if pipe is not None and len(states) > 1:
                try:
                    outputs = list(pipe(states))
                    if len(outputs) != len(states):
                        raise ValueError(f"pipe returned {len(outputs)} outputs for {len(states)} articles")
                except Exception as exc:  # noqa: BLE001 - redone one by one below, where on_error applies
                    log.debug("stage %s: batch of %d failed (%s); one by one", stage.name, len(states), exc)
                    outputs = None
            for i, state in enumerate(states):
                self._write(stage, state, outputs[i] if outputs is not None else None)
            self.stage_seconds[stage.name] = self.stage_seconds.get(stage.name, 0.0) + _clock() - t0
        for state in states:
            yield freeze(state)

    def _write(self, stage: Stage, state: DocState, output: Any) -> None:
        """Check and write one article's output of ``stage`` (computed now when ``output`` is None)."""
        try:
            checked = check_output(stage, stage(state) if output is None else output)
        except Exception as exc:
            article = state.article
            if self.on_error == "raise":
                raise StageError(
                    f"stage {stage.name} failed on article {article.id!r}: {type(exc).__name__}: {exc}",
                    stage=stage.name,
                    article_id=article.id,
                ) from exc
            # one bad article must not stop a batch: record it, write nothing, go on
            log.warning("stage %s failed on article %s: %s: %s", stage.name, article.id, type(exc).__name__, exc)
            log.debug("traceback", exc_info=True)
            state.warnings.append(f"stage {stage.name} failed: {type(exc).__name__}: {exc}")
        else:
            for name, value in checked.items():  # the stage computed everything: now it is written
                setattr(state, name, value)


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
            gender=e.stated_gender,
            gender_evidence=Span.of(text, *e.gender_evidence) if e.gender_evidence else None,
            gender_source=e.gender_source,
            plural=e.plural and e.type == "PERSON",
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
        for a in sorted(state.attributions, key=lambda a: a.content.start if a.content else -1)
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
