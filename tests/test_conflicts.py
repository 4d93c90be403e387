"""Conflicting claims (ages and birth years) within an article and across articles, and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from whosaid.conflicts import age_claims, article_conflicts, corpus_conflicts
from whosaid.model import Article


def _analyze(pipeline, aid: str, date: str | None, text: str):
    return pipeline.analyze(Article(id=aid, text=text, date=dt.date.fromisoformat(date) if date else None))


def test_seed_birthday_against_another_article(pipeline, seed_analysis) -> None:
    other = _analyze(pipeline, "other", "2024-10-22", "Kim Kardashian turned 44 on Monday. The star thanked fans.")
    found = corpus_conflicts([seed_analysis, other])
    assert len(found) == 1
    c = found[0]
    assert c.person == "Kim Kardashian" and c.scope == "corpus"
    texts = {c.first.evidence.text, c.second.evidence.text}
    assert texts == {"42nd birthday", "turned 44"}
    for claim in (c.first, c.second):
        src = seed_analysis if claim.article_id == "seed-article" else other
        assert src.article.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_seed_birthday_belongs_to_the_friend(seed_analysis) -> None:
    claims = age_claims(seed_analysis)
    assert [(c.person, c.kind, c.value, c.birth_min, c.birth_max) for c in claims] == [
        ("Kim Kardashian", "birthday", 42, 1981, 1982)
    ]


@pytest.mark.parametrize(
    "date,text,n",
    [
        (
            "2024-10-22",
            "Kim Kardashian celebrated her 44th birthday. Kardashian, who was born in 1985, thanked fans.",
            1,
        ),
        ("2016-09-30", "Donald Trump, 70, spoke in Ohio. The 58-year-old Trump said he was ready.", 1),
        ("2016-09-30", "Hillary Clinton, 68, spoke in Ohio. Clinton was born in 1947.", 0),
        ("2024-10-22", "Kim Kardashian turned 44. Khloe Kardashian turned 40.", 0),
        ("2024-10-22", "Kim Kardashian turned 44 and was born in 1980.", 0),
        (None, "Kim Kardashian turned 44. Kim Kardashian turned 40.", 0),
        ("2024-10-22", "The company turned 44 this year and the fund turned 12.", 0),
    ],
)
def test_article_conflicts(pipeline, date, text: str, n: int) -> None:
    assert len(article_conflicts(_analyze(pipeline, "a", date, text))) == n


def test_same_surname_is_not_one_person_across_articles(pipeline) -> None:
    a = _analyze(pipeline, "a", "2024-10-22", "Kim Kardashian turned 44 on Monday.")
    b = _analyze(pipeline, "b", "2024-10-22", "Khloe Kardashian turned 40 on Monday.")
    assert corpus_conflicts([a, b]) == []


def test_cli_conflicts_on_files(tmp_path, seed_article) -> None:
    from whosaid.cli import main

    (tmp_path / "seed.txt").write_text(" date 2024-10-26 " + seed_article.text, encoding="utf-8")
    (tmp_path / "other.txt").write_text(" date 2024-10-22 Kim Kardashian turned 44 on Monday.\n", encoding="utf-8")
    res = CliRunner().invoke(
        main, ["conflicts", str(tmp_path / "seed.txt"), str(tmp_path / "other.txt"), "-f", "jsonl"]
    )
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("{")]
    assert len(lines) == 1 and "Kim Kardashian" in lines[0] and "turned 44" in lines[0]


def test_cli_conflicts_missing_store(tmp_path) -> None:
    from whosaid.cli import main

    res = CliRunner().invoke(main, ["conflicts", "--db", str(tmp_path / "none.db")])
    assert res.exit_code != 0 and "no such store" in res.output


def test_cli_conflicts_from_the_store(tmp_path, pipeline, seed_analysis) -> None:
    from whosaid.cli import main
    from whosaid.store import Store

    other = _analyze(pipeline, "other", "2024-10-22", "Kim Kardashian turned 44 on Monday.")
    db = tmp_path / "corpus.db"
    with Store(db) as store:
        store.upsert_many([seed_analysis, other])
    res = CliRunner().invoke(main, ["conflicts", "--db", str(db), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert '"person": "Kim Kardashian"' in res.stdout and '"42nd birthday"' in res.stdout
