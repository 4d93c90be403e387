"""Web fixtures: a store file filled by analyzing the bundled examples plus two hostile articles, and apps on it.

The hostile articles carry HTML and script in their text, title, outlet and (in the hand-made one) in every
name the pages show, so every page can be checked for escaping.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from browserkit import chromium
from hostile import HOSTILE_TEXT, XSS_SCRIPT, hostile_analysis
from shared_data import shared_file

from whosaid.model import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (skips when it is missing)."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def acceptance_db(tmp_path_factory, pipeline, example_articles) -> Path:
    """The acceptance store of issue 16: PolNeAR dev (84 articles, 7 outlets, Sep-Oct 2016) + Reuters 1,000 +
    the bundled examples, 1,088 articles, built once per session (a few minutes on 2 cores).

    Built in rules mode (the session's ``pipeline``): these tests check the web app, the store queries and the
    CLI over a corpus of realistic size, not the extraction, whose default (hybrid) mode is tested by the
    pipeline and eval tests. Skipped with a message when ../shared/data is absent.
    """
    from whosaid.readers import read_articles
    from whosaid.store import Store

    paths = [shared_file("polnear/dev.jsonl"), shared_file("news/reuters-sample-1000.jsonl")]
    articles = [a for a in read_articles(paths, errors="raise")]
    path = tmp_path_factory.mktemp("acceptance") / "acceptance.db"
    with Store(path) as store:
        batch: list = []
        for analysis in pipeline.pipe([*articles, *example_articles]):
            batch.append(analysis)
            if len(batch) >= 200:
                store.upsert_many(batch)
                batch = []
        store.upsert_many(batch)
    return path


@pytest.fixture(scope="session")
def acceptance_store(acceptance_db):
    yield from _readonly(acceptance_db)


@pytest.fixture(scope="session")
def acceptance_client(acceptance_db, options):
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    with TestClient(create_app(options.merged(db=str(acceptance_db))), base_url="http://localhost") as c:
        yield c


@pytest.fixture(scope="session")
def example_articles():
    from whosaid.readers import read_articles

    arts = [a for a in read_articles([str(EXAMPLES)]) if isinstance(a, Article)]
    assert arts, "examples/ holds no article"
    return arts


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline, example_articles) -> Path:
    """A store file: every example analyzed by the real pipeline, the hostile article, the hand-made one."""
    from whosaid.store import Store

    hostile = Article(
        id="hostile-pipeline",
        text=HOSTILE_TEXT,
        date=dt.date(2024, 11, 1),
        title=f"Springfield {XSS_SCRIPT}",
        outlet="Springfield <Gazette>",
    )
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        store.upsert_many(list(pipeline.pipe([*example_articles, hostile])))
        store.upsert(hostile_analysis())
    return path


def _readonly(path: Path):
    from whosaid.store import Store

    store = Store(path, readonly=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def web_store(web_db):
    yield from _readonly(web_db)


@pytest.fixture(scope="session")
def seed_id(web_store, seed_article) -> str:
    assert web_store.article(seed_article.id) is not None
    return seed_article.id


@pytest.fixture(scope="session")
def web_app(web_db, options, pipeline):
    from whosaid.web import create_app

    return create_app(options.merged(db=str(web_db)), pipeline_factory=lambda _opts: pipeline)


@pytest.fixture(scope="session")
def client(web_app):
    from fastapi.testclient import TestClient

    with TestClient(web_app, base_url="http://localhost") as c:  # an allowed Host (loopback names only)
        yield c
