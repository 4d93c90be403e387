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
