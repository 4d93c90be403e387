"""Issue 14 acceptance on a corpus-level store: PolNeAR dev + the bundled examples, built with `whosaid ingest`.
No person alias starts with a determiner or lacks every word of the person's name; Bill and Hillary Clinton
are two people; the corpus gender of the best-known people is the one their articles state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import EXAMPLES, shared_file

from whosaid.cli import main
from whosaid.store import Store
from whosaid.store.names import normalize_name

pytestmark = pytest.mark.slow

DETERMINER = re.compile(r"(?i)(the|a|an|this|that|these|those|his|her|their|its|our|my|your)\b")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "people.db"
    res = CliRunner().invoke(main, ["ingest", str(shared_file("polnear/dev.jsonl")), str(EXAMPLES), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def test_aliases_are_names_of_the_person(corpus_db) -> None:
    with Store(corpus_db, readonly=True) as store:
        rows = store._rows("SELECT p.person_id, p.name, a.alias FROM people p JOIN person_aliases a USING (person_id)")
    assert len(rows) > 400
    bad = [
        (r["name"], r["alias"])
        for r in rows
        if DETERMINER.match(r["alias"]) or not set(normalize_name(r["alias"])) & set(normalize_name(r["name"]))
    ]
    assert bad == []


def test_groups_of_people_are_not_corpus_people(corpus_db) -> None:
    """Every group of people the articles name (``plural`` entities: "Sunni Muslims", "New Yorkers") is stored
    without a corpus person, and no person is named like one."""
    import json

    from whosaid.model import Analysis

    with Store(corpus_db, readonly=True) as store:
        groups: set[tuple[str, str]] = set()
        for row in store._rows("SELECT id, text, analysis FROM articles"):
            analysis = Analysis.from_dict(json.loads(row["analysis"]), text=row["text"])
            groups |= {(row["id"], e.id) for e in analysis.entities if e.plural}
        linked = {
            (r["article_id"], r["entity_id"])
            for r in store._rows("SELECT article_id, entity_id FROM entities WHERE person_id IS NOT NULL")
        }
        names = {r["name"] for r in store._rows("SELECT name FROM people")}
    assert len(groups) > 20  # PolNeAR dev names many groups ("Democrats", "African Americans", ...)
    assert groups & linked == set()
    assert not {"Sunni Muslims", "African Americans", "New Yorkers"} & names
    # nor are organizations that an article typed PERSON (store.names.is_person_name)
    assert not {"Clinton Foundation", "Tulsa Police Department", "Congressional Black Caucus"} & names
    assert {"Donald Trump", "Hillary Clinton", "Tim Kaine"} <= names


def test_bill_and_hillary_clinton_are_two_people(corpus_db) -> None:
    with Store(corpus_db, readonly=True) as store:
        bill, hillary = store.person("Bill Clinton"), store.person("Hillary Clinton")
        assert bill["person_id"] == "bill-clinton" and hillary["person_id"] == "hillary-clinton"
        assert not {"Bill", "Bill Clinton"} & set(hillary["aliases"])
        assert not {"Hillary", "Hillary Clinton"} & set(bill["aliases"])
        assert (bill["gender"], hillary["gender"]) == ("male", "female")
        people = {p["person_id"]: p for p in store.people(limit=100)}
    assert people["donald-trump"]["gender"] == "male" and people["donald-trump"]["n_articles"] > 50
