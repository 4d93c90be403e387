"""Relations with evidence: seed acceptance and hand-written cases (positive and negative)."""

from __future__ import annotations

import pytest
from coref_helpers import run_entities

from whosaid.pipeline import run_stage
from whosaid.pipeline.entities import EntityStage
from whosaid.pipeline.relations import RELATION_LABELS, RelationStage


def test_seed_gold_relations_with_evidence(seed_any, seed_gold) -> None:
    inverse = {"child_of": "parent_of", "parent_of": "child_of"}
    text = seed_any.article.text
    for gold in seed_gold["relations"]:
        hits = [
            r
            for r in seed_any.relations
            if (r.subject, r.relation, r.object) == (gold["subject"], gold["relation"], gold["object"])
            or (r.object, inverse.get(r.relation, r.relation), r.subject)
            == (gold["subject"], gold["relation"], gold["object"])
        ]
        assert hits, gold
        ev = hits[0].evidence
        assert text[ev.start : ev.end] == ev.text
        assert (
            ev.text in gold["evidence"]
            or gold["evidence"].endswith(ev.text)
            or ev.text.endswith(gold["evidence"].split(", ")[-1])
        ), (ev.text, gold["evidence"])


@pytest.fixture(scope="module")
def stages():
    return EntityStage(), RelationStage()


def _relations(nlp, stages, text: str) -> set[tuple[str, str, str]]:
    ent, rel = stages
    state = run_entities(nlp, ent, text)
    run_stage(rel, state)
    out = set()
    for r in state.relations:
        a, b = state.entity(r.subject_id), state.entity(r.object_id)
        assert r.relation in RELATION_LABELS
        assert 0 <= r.evidence[0] < r.evidence[1] <= len(text)
        out.add((a.name, r.relation, b.name))
    return out


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ivana Trump arrived with her husband, Donald Trump.", ("Ivana Trump", "spouse_of", "Donald Trump")),
        ("Eric Trump praised his father Donald Trump.", ("Eric Trump", "child_of", "Donald Trump")),
        ("Hillary Clinton thanked her daughter, Chelsea Clinton.", ("Hillary Clinton", "parent_of", "Chelsea Clinton")),
        ("Jeb Bush campaigned with his brother, George W. Bush.", ("Jeb Bush", "sibling_of", "George W. Bush")),
        ("Kim Kardashian hugged her friend Paris Hilton.", ("Kim Kardashian", "friend_of", "Paris Hilton")),
        (
            "Donald Trump's campaign manager, Kellyanne Conway, spoke.",
            ("Kellyanne Conway", "works_for", "Donald Trump"),
        ),
        ("Bernie Sanders criticized Hillary Clinton on Tuesday.", ("Bernie Sanders", "criticized", "Hillary Clinton")),
        ("Elizabeth Warren slammed John Stumpf at the hearing.", ("Elizabeth Warren", "criticized", "John Stumpf")),
        ("Barack Obama met with Vladimir Putin in China.", ("Barack Obama", "met_with", "Vladimir Putin")),
        ("Chris Christie endorsed Donald Trump in February.", ("Chris Christie", "advocated_for", "Donald Trump")),
        ("Kim Kardashian advocated for Alice Johnson for years.", ("Kim Kardashian", "advocated_for", "Alice Johnson")),
        ("Barack Obama married Michelle Robinson in 1992.", ("Barack Obama", "spouse_of", "Michelle Robinson")),
        ("Joe Biden worked with Barack Obama for eight years.", ("Joe Biden", "colleague_of", "Barack Obama")),
    ],
)
def test_relation_cases(nlp, stages, text: str, expected: tuple[str, str, str]) -> None:
    found = _relations(nlp, stages, text)
    symmetric = {"spouse_of", "sibling_of", "friend_of", "met_with", "colleague_of"}
    inverse = {"child_of": "parent_of", "parent_of": "child_of"}
    a, rel, b = expected
    alternatives = {expected, (b, inverse.get(rel, rel), a)} if rel in inverse else {expected}
    if rel in symmetric:
        alternatives.add((b, rel, a))
    assert found & alternatives, found


@pytest.mark.parametrize(
    "text",
    [
        "Ivana Trump arrived with Donald Trump.",  # no stated relation
        "A source close to Hillary Clinton criticized the plan.",  # unnamed subject
        "Her husband, a lawyer, spoke to Sarah Palin.",  # no named spouse
        "Bernie Sanders criticized the bill on Tuesday.",  # object is not an entity
        "Hillary Clinton met reporters in Iowa.",  # object is not a named person
    ],
)
def test_no_relation_without_two_named_parties(nlp, stages, text: str) -> None:
    found = _relations(nlp, stages, text)
    assert not {r for r in found if r[1] in ("spouse_of", "criticized", "met_with", "friend_of")}, found


def test_relations_are_not_duplicated(nlp, stages) -> None:
    text = (
        "Eric Trump praised his father Donald Trump. Donald Trump thanked his son, Eric Trump. "
        "Eric Trump met Donald Trump. Donald Trump met Eric Trump."
    )
    ent, rel = stages
    state = run_entities(nlp, ent, text)
    run_stage(rel, state)
    keys = [(r.subject_id, r.relation, r.object_id) for r in state.relations]
    assert len(keys) == len(set(keys))
    kinds = [r.relation for r in state.relations]
    assert kinds.count("met_with") == 1
    assert kinds.count("child_of") + kinds.count("parent_of") == 1
