"""A person's gender across the corpus (issue 14 item 5): stored per article entity with its source, decided by
store/gender.py, shown by the store's people/person and by `whosaid people`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.model import Analysis, Article, Attribution, Entity, Span
from whosaid.store import Store


def _article(aid: str, name: str, gender: str, source: str | None) -> Analysis:
    text = f"{name} said that the plan {aid} works."
    span = Span.of(text, 0, len(name))
    ent = Entity(
        id="e1",
        name=name,
        type="PERSON",
        mentions=(span,),
        gender=gender,
        gender_evidence=span if source else None,
        gender_source=source,
    )
    att = Attribution(
        kind="indirect",
        content=Span.of(text, text.index("the plan"), len(text) - 1),
        cue=Span.of(text, len(name) + 1, len(name) + 5),
        source=span,
        speaker=name,
        speaker_id="e1",
        source_type="person",
    )
    return Analysis(
        article=Article(id=aid, text=text, date=dt.date(2024, 1, int(aid[1:])), outlet="wire"),
        attributions=(att,),
        entities=(ent,),
    )


CORPUS = [
    _article("a1", "Jane Smith", "female", "honorific"),
    _article("a2", "Jane Smith", "female", "pronoun"),
    _article("a3", "Jane Smith", "male", "pronoun"),  # one article in three disagrees: still female
    _article("a4", "John Doe", "male", "noun"),
    _article("a5", "John Doe", "female", "pronoun"),  # half and half: unknown
    _article("a6", "Ann Roe", "female", "first_name"),  # the opt-in dictionary only
    _article("a7", "Kim Lane", "unknown", None),
]


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "g.db"
    with Store(path) as store:
        store.upsert_many(CORPUS)
    return str(path)


def test_people_carry_the_corpus_gender(db) -> None:
    with Store(db, readonly=True) as store:
        people = {p["person_id"]: p for p in store.people(limit=50)}
        assert {k: (p["gender"], p["gender_source"]) for k, p in people.items()} == {
            "jane-smith": ("female", "text"),
            "john-doe": ("unknown", "text"),
            "ann-roe": ("female", "first_name"),
            "kim-lane": ("unknown", None),
        }
        jane = store.person("Jane Smith")
        assert jane["gender"] == "female" and jane["gender_articles"] == {"female": 2, "male": 1}


def test_entities_keep_gender_and_source(db) -> None:
    with Store(db, readonly=True) as store:
        rows = store._rows("SELECT article_id, gender, gender_source FROM entities ORDER BY article_id")
    assert [(r["article_id"], r["gender"], r["gender_source"]) for r in rows][:2] == [
        ("a1", "female", "honorific"),
        ("a2", "female", "pronoun"),
    ]
    assert dataclasses.replace(CORPUS[0].entities[0]).gender_source == "honorific"


def test_people_command_shows_gender_and_labels_the_dictionary(db) -> None:
    out = CliRunner().invoke(main, ["people", "--db", db], catch_exceptions=False).stdout
    assert "gender" in out and "female (first name)" in out
    rows = json.loads(CliRunner().invoke(main, ["people", "--db", db, "-f", "json"]).stdout)
    assert {r["person_id"]: r["gender"] for r in rows}["ann-roe"] == "female"  # labelled by gender_source
    detail = CliRunner().invoke(main, ["people", "Jane Smith", "--db", db]).stdout
    assert "gender: female" in detail


@pytest.mark.parametrize(
    "votes,gender,source",
    [
        ([("female", "honorific")] * 3, "female", "text"),
        ([("female", "pronoun"), ("female", "noun"), ("male", "pronoun")], "female", "text"),  # two thirds agree
        ([("female", "pronoun"), ("male", "pronoun")], "unknown", "text"),  # the articles disagree
        ([("male", "noun")] * 3 + [("female", "noun")] * 2, "unknown", "text"),
        ([("male", "first_name")] * 2, "male", "first_name"),  # only the dictionary, labelled as such
        ([("unknown", None)] * 4 + [("female", "first_name")], "female", "first_name"),
        ([("female", "pronoun")] + [("male", "first_name")] * 5, "female", "text"),  # the text wins over names
        ([("unknown", None)], "unknown", None),
    ],
)
def test_corpus_gender_rule(tmp_path, votes, gender, source) -> None:
    """store/gender.py: one vote per article that states a gender; two thirds decide (through the store's SQL)."""
    with Store(tmp_path / "rule.db") as store:
        store.upsert_many([_article(f"r{i}", "Pat Quinn", g, s) for i, (g, s) in enumerate(votes, 1)])
        person = store.person("Pat Quinn")
    assert (person["gender"], person["gender_source"]) == (gender, source)


def test_model_rejects_unknown_gender_source() -> None:
    with pytest.raises(ValueError, match="gender source"):
        Entity(id="e1", name="X", type="PERSON", gender="female", gender_source="guess")
