"""Stage contracts: checked when a Pipeline is built, true of every default stage, and the error policy."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import pytest

from whosaid.errors import ContractError, StageError, WhosaidError
from whosaid.model import Article
from whosaid.pipeline import DocState, Pipeline, check_stages, guarded
from whosaid.pipeline.state import INPUTS, STATE_FIELDS


def make_stage(
    name: str, requires: tuple[str, ...], assigns: tuple[str, ...], result: Any = None, fail: bool = False
) -> Any:
    """A stage class made up for a test: returns ``result`` (default: an empty list per assigned field)."""

    class Made:
        def __call__(self, state: DocState) -> Any:
            for field in requires:
                getattr(state, field)
            if fail:
                raise RuntimeError("boom")
            return result if result is not None else {f: [] for f in assigns}

    Made.name, Made.requires, Made.assigns = name, requires, assigns  # type: ignore[attr-defined]
    return Made()


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ([make_stage("speakers", ("attributions",), ("speakers",))], ["'speakers'", "'attributions'"]),
        ([make_stage("a", ("doc",), ("quotes",)), make_stage("b", ("cues",), ("proposals",))], ["'b'", "'cues'"]),
        ([make_stage("a", ("doc",), ("quotes",)), make_stage("b", ("doc",), ("quotes",))], ["'a'", "'b'", "'quotes'"]),
        ([make_stage("a", ("doc",), ("nonsense",))], ["'a'", "'nonsense'"]),
        ([make_stage("a", ("extras",), ("quotes",))], ["'a'", "'extras'"]),
        ([make_stage("a", (), ("doc",))], ["'a'", "'doc'"]),
    ],
)
def test_a_broken_contract_fails_when_the_pipeline_is_built(stages, message, nlp):
    with pytest.raises(ContractError) as err:
        Pipeline(stages=stages, nlp=nlp)
    assert isinstance(err.value, WhosaidError)
    for part in message:
        assert part in str(err.value)


@pytest.mark.parametrize(
    "stages",
    [
        [],
        [make_stage("a", ("doc", "article", "parsed_text"), ("quotes",))],
        [make_stage("a", ("doc",), ("quotes",)), make_stage("b", ("quotes",), ("cues", "proposals"))],
    ],
)
def test_a_sound_pipeline_builds(stages):
    check_stages(stages)


@pytest.mark.parametrize("mode", ["rules", "model", "hybrid"])
def test_default_stages_of_every_mode_are_sound(mode, nlp):
    from whosaid.options import Options

    pipe = Pipeline(Options(mode=mode), nlp=nlp)
    assert pipe.stage_names[-1] == "events"
    assert ("tagger" in pipe.stage_names) is (mode != "rules")


def _prestates(pipeline: Pipeline, article: Article) -> list[tuple[Any, dict[str, Any], dict[str, Any]]]:
    """(stage, the state's fields before it ran, what it returned) for each stage of ``pipeline``."""
    doc = next(iter(pipeline.nlp.pipe([article.text])))
    state = DocState(article=article, doc=doc)
    out = []
    for stage in pipeline.stages:
        before = dict(vars(state))
        result = stage(state)
        out.append((stage, before, result))
        for k, v in result.items():
            setattr(state, k, v)
    return out


@pytest.fixture(scope="module")
def runs(hybrid_pipeline, seed_article):
    from shared_data import EXAMPLES

    from whosaid.readers import read_articles

    articles = [seed_article, *read_articles([str(EXAMPLES / "harbor-bridge.txt")])]
    return [_prestates(hybrid_pipeline, a) for a in articles]


def test_every_default_stage_reads_exactly_what_it_requires(runs):
    reads: dict[str, set[str]] = {}
    for steps in runs:
        for stage, before, result in steps:
            state = DocState.__new__(DocState)
            state.__dict__.update(before)
            g = guarded(state, stage)
            again = stage(g)  # reading anything undeclared, or writing to the state, raises ContractError
            assert set(again) == set(stage.assigns), stage.name
            assert again == result, stage.name
            reads.setdefault(stage.name, set()).update(g.reads)
    declared = {stage.name: set(stage.requires) for stage, _, _ in runs[0]}
    assert reads == declared  # and nothing is declared that is not read


def test_every_default_stage_works_from_its_declared_inputs_alone(runs):
    for steps in runs:
        for stage, before, result in steps:
            fresh = DocState(article=before["article"], doc=before["doc"])  # every other field empty
            for field in stage.requires:
                setattr(fresh, field, before[field])
            assert stage(fresh) == result, f"stage {stage.name} reads something it does not declare"
            assert set(result) == set(stage.assigns) <= STATE_FIELDS - set(INPUTS)


def test_the_stages_fill_something_on_a_real_article(runs):
    (steps, *_) = runs
    filled = {field for _, _, result in steps for field, value in result.items() if value}
    assert {
        "quotes",
        "cues",
        "proposals",
        "attributions",
        "mentions",
        "entities",
        "mention_index",
        "speakers",
        "times",
        "said_at",
        "relations",
        "events",
    } <= filled


def test_guarded_state_refuses_undeclared_reads_and_any_write(seed_article, nlp):
    state = DocState(article=seed_article, doc=nlp(seed_article.text))
    stage = make_stage("s", ("doc",), ("quotes",))
    g = guarded(state, stage)
    assert g.doc is state.doc
    with pytest.raises(ContractError, match="'s' read 'quotes'"):
        g.quotes  # noqa: B018
    with pytest.raises(ContractError, match="'s' wrote 'doc'"):
        g.doc = None


def test_a_stage_returning_more_or_less_than_it_assigns_is_an_error(nlp):
    pipe = Pipeline(stages=[make_stage("a", ("doc",), ("quotes",), result={"quotes": [], "cues": []})], nlp=nlp)
    with pytest.raises(StageError, match="stage a failed") as err:
        pipe.analyze(Article(id="x", text="Hello."))
    assert isinstance(err.value.__cause__, ContractError)


class _Recorder:
    name: ClassVar[str] = "recorder"
    requires: ClassVar[tuple[str, ...]] = ("quotes",)
    assigns: ClassVar[tuple[str, ...]] = ("cues",)

    def __init__(self) -> None:
        self.seen: list[Any] = []

    def __call__(self, state: DocState) -> dict[str, Any]:
        self.seen.append(state.quotes)
        return {"cues": []}


def test_on_error_raise_names_the_stage_and_the_article(nlp):
    pipe = Pipeline(stages=[make_stage("quotes", ("doc",), ("quotes",), fail=True)], nlp=nlp)
    assert pipe.on_error == "raise"  # the library default
    with pytest.raises(StageError) as err:
        pipe.analyze(Article(id="art-7", text="He said so."))
    assert (err.value.stage, err.value.article_id) == ("quotes", "art-7")
    assert "art-7" in str(err.value) and isinstance(err.value.__cause__, RuntimeError)


def test_on_error_warn_writes_nothing_and_goes_on(nlp):
    recorder = _Recorder()
    failing = make_stage("quotes", ("doc",), ("quotes",), fail=True)
    pipe = Pipeline(stages=[failing, recorder], nlp=nlp, on_error="warn")
    an = pipe.analyze(Article(id="x", text='"We will win," she said.'))
    assert an.warnings == ("stage quotes failed: RuntimeError: boom",)
    assert recorder.seen == [[]]  # the later stage ran, on the empty default: no partial write


def test_the_cli_runs_batches_with_warn_and_the_library_raises():
    from click.testing import CliRunner

    from whosaid.cli import main
    from whosaid.options import Options

    assert Options().on_error == "raise"
    seen = {}

    @main.command("show-on-error", hidden=True)
    def _show() -> None:  # pragma: no cover - removed below
        import click

        seen["on_error"] = click.get_current_context().find_object(Options).on_error

    try:
        assert CliRunner().invoke(main, ["show-on-error"], env={"WHOSAID_ON_ERROR": None}).exit_code == 0
        assert seen["on_error"] == "warn"
        assert CliRunner().invoke(main, ["show-on-error"], env={"WHOSAID_ON_ERROR": "raise"}).exit_code == 0
        assert seen["on_error"] == "raise"
    finally:
        main.commands.pop("show-on-error", None)


def test_drafts_are_immutable():
    from whosaid.pipeline.state import DraftAttribution

    d = DraftAttribution(kind="direct", content=None, id="r1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.kind = "indirect"  # type: ignore[misc]
