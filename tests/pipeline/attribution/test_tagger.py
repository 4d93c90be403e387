"""The shipped ONNX tagger: folder contents, span invariants, window merging, the pipeline stage."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.errors import ModelError
from whosaid.learn.data import ROLES, TAGS, TRIM
from whosaid.model import ATTRIBUTION_KINDS
from whosaid.options import Options
from whosaid.pipeline import run_stage
from whosaid.pipeline.attribution import tagger as tagger_mod
from whosaid.pipeline.attribution.onnx import MODEL_FILES, OnnxTagger, default_threads, shipped_model_dir
from whosaid.pipeline.attribution.tagger import TaggerStage, attribution_kind, load_tagger
from whosaid.pipeline.state import DocState


@pytest.fixture(scope="module")
def tagger() -> OnnxTagger:
    return load_tagger()


def test_shipped_folder_is_complete_and_small():
    folder = shipped_model_dir()
    for name in (*MODEL_FILES, "MODEL_CARD.md"):
        assert (folder / name).is_file(), name
    assert (folder / "model.onnx").stat().st_size < 60e6
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert tuple(config["roles"]) == ROLES and tuple(config["tags"]) == TAGS
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    for needle in ("PolNeAR", "research use", "LREC 2018", "whosaid train", "exact F1"):
        assert needle in card, needle


@pytest.mark.parametrize(
    ("env", "cores", "expected"),
    [
        ("1", 8, 1),  # whosaid's worker processes: one thread each
        ("3", 8, 3),
        (None, 8, 2),  # unset: at most 2
        (None, 1, 1),
        ("", 4, 2),  # empty or junk values are ignored
        ("abc", 4, 2),
        ("0", 4, 2),
        ("-2", 4, 2),
    ],
)
def test_default_threads(monkeypatch, env, cores, expected):
    if env is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", env)
    monkeypatch.setattr("whosaid.pipeline.attribution.onnx.os.cpu_count", lambda: cores)
    assert default_threads() == expected


def test_loaded_once_per_process():
    assert load_tagger() is load_tagger()


def _check_spans(text: str, spans: dict) -> None:
    assert set(spans) == set(ROLES)
    for role, items in spans.items():
        for s, e, score in items:
            assert 0 <= s < e <= len(text), (role, s, e)
            assert text[s] not in TRIM and text[e - 1] not in TRIM
            assert 0.0 <= score <= 1.0


alphabet = st.sampled_from(list("abc XYZ said told that .,;:\"'“”‘’—\n\t0123456789é"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(
            [
                "Smith",
                "said",
                "told",
                "that",
                "the",
                "plan",
                "“",
                "”",
                '"',
                ",",
                ".",
                "\n\n",
                "according",
                "to",
                "officials",
                "é",
                "—",
                "2016",
            ]
        ),
        max_size=60,
    ),
    noise=st.text(alphabet, max_size=30),
)
def test_spans_are_valid_on_any_text(tagger, words, noise):
    text = " ".join(words) + noise
    (spans,) = tagger.predict([text])
    _check_spans(text, spans)


def _texts(text, spans, role):
    return {text[s:e] for s, e, _ in spans[role]}


CLEAR = [  # PolNeAR's conventions: "that" opens the reported clause; quote marks and edge commas stay out
    (
        "Senator Jane Smith said on Tuesday that the bill would fail in the House.",
        "Senator Jane Smith",
        "said",
        "that the bill would fail in the House",
    ),
    (
        '"We are not going to raise taxes on working families," the governor told reporters.',
        "the governor",
        "told",
        "We are not going to raise taxes on working families",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CLEAR)
def test_finds_clear_attributions(tagger, text, source, cue, content):
    (spans,) = tagger.predict([text])
    assert _texts(text, spans, "cue") == {cue}
    assert _texts(text, spans, "source") == {source}
    assert _texts(text, spans, "content") == {content}


def test_no_cue_in_plain_description(tagger):
    text = "The river flows north through the valley. Its water is cold in winter."
    (spans,) = tagger.predict([text])
    assert spans["cue"] == [] and spans["source"] == []


def test_long_text_keeps_spans_across_windows(tagger):
    sentence = "Senator Jane Smith said on Tuesday that the bill would fail in the House. "
    text = sentence * 40  # about 700 word pieces: several overlapping windows
    (spans,) = tagger.predict([text])
    cues = [s for s, e, _ in spans["cue"] if text[s:e] == "said"]
    # the model misses a few on this repetitive text; a lost window would lose ~16 at once
    assert len(cues) >= 30
    # the last window is merged back too (a lost window would end the cues ~13 sentences early)
    assert cues[-1] >= text.rindex("said") - 2 * len(sentence)


def test_each_text_gets_the_spans_it_gets_alone(tagger):
    """Windows run one at a time: int8 activations are quantized per run, so a shared run (or its padding) would
    move the other texts' scores; alone, a text's spans and scores depend on its own words only."""
    a = "Officials said the plant would close. " * 12  # two windows
    b = '"It is over," she said.'
    assert tagger.batch_size == 1
    assert tagger.predict([a, b, ""]) == [tagger.predict([a])[0], tagger.predict([b])[0], {r: [] for r in ROLES}]
    assert tagger.predict([b, a]) == tagger.predict([b]) + tagger.predict([a])


def test_shared_runs_move_the_scores(tagger):
    """Why: the same texts run together in one batch get (slightly) different scores."""
    shared = OnnxTagger(tagger.folder, batch_size=4)
    a = "Officials said the plant would close on Monday, the union said. " * 3
    b = '"It is over," she said.'
    alone = tagger.predict([a, b])
    together = shared.predict([a, b])
    assert [s[:2] for s in together[1]["cue"]] == [s[:2] for s in alone[1]["cue"]]
    assert together != alone


@pytest.mark.parametrize(
    ("text", "content", "cue", "kind"),
    [
        ('She said "we will win" today.', "we will win", "said", "direct"),
        ('She said we will "win big" today.', 'we will "win big"', "said", "mixed"),
        ("According to aides, the talks failed.", "the talks failed", "According to", "according_to"),
        ("She said we will win.", "we will win", "said", "indirect"),
    ],
)
def test_attribution_kind(text, content, cue, kind):
    c, q = text.index(content), text.index(cue)
    assert attribution_kind(text, (c, c + len(content)), (q, q + len(cue))) == kind
    assert kind in ATTRIBUTION_KINDS


def test_stage_fills_proposals():
    import spacy

    text = CLEAR[0][0] + ' "Never," he added.'
    doc = spacy.blank("en")(text)
    from whosaid.model import Article

    state = DocState(article=Article(id="t", text=text), doc=doc)
    stage = TaggerStage.from_options(Options(mode="model"))
    assert stage is not None
    run_stage(stage, state)
    assert state.proposals
    for p in state.proposals:
        assert p.origin == "model" and p.kind in ATTRIBUTION_KINDS
        for span in (p.content, p.cue, p.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
    assert any(p.cue is not None and p.cue.text == "said" and p.content is not None for p in state.proposals)


def test_from_options_without_a_model(monkeypatch, tmp_path):
    monkeypatch.setattr(tagger_mod, "model_available", lambda folder=None: False)
    monkeypatch.setattr(tagger_mod, "shipped_model_dir", lambda: tmp_path)
    assert TaggerStage.from_options(Options(mode="hybrid")) is None
    with pytest.raises(ModelError, match="--mode rules"):
        TaggerStage.from_options(Options(mode="model"))


@pytest.mark.parametrize("mode", ["model", "hybrid"])
def test_configured_folder_that_is_not_a_model_raises(tmp_path, mode):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="missing"):
        TaggerStage.from_options(Options(mode=mode, model_path=str(tmp_path)))


def test_foreign_labels_raise(tmp_path):
    folder = shipped_model_dir()
    for name in MODEL_FILES:
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    (tmp_path / "config.json").write_text(json.dumps({"roles": ["who"], "tags": list(TAGS)}), encoding="utf-8")
    with pytest.raises(ModelError, match="re-export"):
        OnnxTagger(tmp_path)


@pytest.mark.parametrize(
    ("min_score", "want"),
    [
        (None, {"source": 0.0, "cue": 0.0, "content": 0.0}),  # older folders: keep every span
        ({"cue": 0.5}, {"source": 0.0, "cue": 0.5, "content": 0.0}),
        ("high", ModelError),
        ({"cue": "high"}, ModelError),
    ],
)
def test_min_score_from_the_model_config(tmp_path, min_score, want):
    folder = shipped_model_dir()
    for name in MODEL_FILES:
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config.pop("min_score", None)
    if min_score is not None:
        config["min_score"] = min_score
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    if want is ModelError:
        with pytest.raises(ModelError, match="min_score"):
            OnnxTagger(tmp_path)
    else:
        assert OnnxTagger(tmp_path).min_score == want


def _state(nlp, text, mode="hybrid"):
    from whosaid.model import Article
    from whosaid.pipeline.attribution.cues import CueStage
    from whosaid.pipeline.attribution.quotes import QuoteStage

    state = DocState(article=Article(id="t", text=text), doc=nlp(text))
    run_stage(QuoteStage(), state)
    run_stage(CueStage(), state)
    return state


def test_cue_regions_skip_sentences_far_from_cues(nlp):
    from whosaid.pipeline.attribution.tagger import cue_regions

    text = (
        "Shares rose 5 percent. Volume was heavy. Revenue grew. Costs fell. "
        "The chairman said profits would rise. Margins widened. Debt was cut. Cash rose. Sales slowed."
    )
    regions = cue_regions(_state(nlp, text))
    covered = "".join(text[s:e] for s, e in regions)
    assert "The chairman said profits would rise." in covered
    assert "Costs fell." in covered and "Margins widened." in covered  # one sentence of context each side
    assert "Shares rose" not in covered and "Sales slowed" not in covered
    assert cue_regions(_state(nlp, "Prices rose. Sales fell.")) == []


def test_gated_stage_keeps_offsets_in_the_article(nlp, tagger):
    text = "Sales fell. Output rose. Prices held. " * 4 + CLEAR[0][0]
    state = _state(nlp, text)
    run_stage(TaggerStage(tagger), state)
    assert state.proposals
    for p in state.proposals:
        for span in (p.content, p.cue, p.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
                assert span.start >= text.index("Senator") - 40
