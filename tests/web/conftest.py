"""Web fixtures: a store file filled by analyzing the bundled examples plus two hostile articles, and apps on it.

The hostile articles carry HTML and script in their text, title, outlet and (in the hand-made one) in every
name the pages show, so every page can be checked for escaping.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hostile import HOSTILE_TEXT, XSS_SCRIPT, hostile_analysis
from whosaid.model import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

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

    hostile = Article(id="hostile-pipeline", text=HOSTILE_TEXT, date=dt.date(2024, 11, 1),
                      title=f"Springfield {XSS_SCRIPT}", outlet="Springfield <Gazette>")
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        store.upsert_many(list(pipeline.pipe([*example_articles, hostile])))
        store.upsert(hostile_analysis())
    return path


@pytest.fixture(scope="session")
def web_store(web_db):
    from whosaid.store import Store

    store = Store(web_db, readonly=True)
    yield store
    store.close()


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
