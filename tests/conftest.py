"""Shared fixtures: the spaCy pipeline (loaded once per session), shared data paths (skip when absent)."""

from __future__ import annotations

import json

import pytest
from shared_data import EXAMPLES, ROOT, SHARED, shared_file  # noqa: F401  (re-exported for older tests)


@pytest.fixture(scope="session")
def options():
    from whosaid.options import Options

    return Options(mode="rules", n_process=1)


@pytest.fixture(scope="session")
def nlp(options):
    from whosaid.pipeline.nlp import load_nlp

    return load_nlp(options.pipeline)


@pytest.fixture(scope="session")
def pipeline(options, nlp):
    from whosaid.pipeline import Pipeline

    return Pipeline(options, nlp=nlp)


@pytest.fixture(scope="session")
def hybrid_pipeline(nlp):
    """The product's default mode (rules + the shipped tagger), with the library's error policy (raise)."""
    from whosaid.options import Options
    from whosaid.pipeline import Pipeline

    return Pipeline(Options(mode="hybrid", n_process=1), nlp=nlp)


@pytest.fixture(scope="session")
def seed_article():
    from whosaid.readers import read_articles

    (article,) = list(read_articles([str(EXAMPLES / "seed-article.txt")]))
    return article


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads(shared_file("seed/seed-gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(pipeline, seed_article):
    """The seed article in rules mode (the rule engine's own tests)."""
    return pipeline.analyze(seed_article)


@pytest.fixture(scope="session")
def hybrid_seed_analysis(hybrid_pipeline, seed_article):
    """The seed article in the default (hybrid) mode: what users get."""
    return hybrid_pipeline.analyze(seed_article)


@pytest.fixture(scope="session", params=["hybrid", "rules"])
def seed_any(request, seed_analysis, hybrid_seed_analysis):
    """The seed article in the default mode and in rules mode: the acceptance case holds in both."""
    return hybrid_seed_analysis if request.param == "hybrid" else seed_analysis


@pytest.fixture(scope="session")
def polnear_dev_hybrid(nlp):
    """PolNeAR dev through the default (hybrid) mode once per session: (gold docs, PolnearResult, analyses).
    The floors gate and the output-guarantee property test both read it."""
    import io

    from whosaid.eval import evaluate_polnear, read_polnear
    from whosaid.model import Analysis
    from whosaid.options import Options
    from whosaid.pipeline import Pipeline
    from whosaid.pipeline.attribution.onnx import model_available

    if not model_available():
        pytest.skip("no shipped attribution model")
    docs = read_polnear(shared_file("polnear/dev.jsonl"))
    hybrid = Options(mode="hybrid", n_process=1)
    out = io.StringIO()
    result = evaluate_polnear(docs, hybrid, pred_out=out, pipeline=Pipeline(hybrid, nlp=nlp))
    texts = {d.article.id: d.article.text for d in docs}
    analyses = [Analysis.from_dict(row, text=texts[row["id"]]) for row in map(json.loads, out.getvalue().splitlines())]
    return docs, result, analyses
