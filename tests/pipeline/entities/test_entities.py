"""Entity stage: seed acceptance, types (outlets and platforms from lists and from context), unnamed
sources, offsets, canonical names and speed."""

from __future__ import annotations

import time

import pytest
from coref_helpers import find, run_entities
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.pipeline import run_stage
from whosaid.pipeline.attribution import QuoteStage
from whosaid.pipeline.entities import EntityStage


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage()


def test_seed_gold_entities_have_name_and_type(seed_any, seed_gold) -> None:
    have = {(e.name.lower(), e.type) for e in seed_any.entities}
    for gold in seed_gold["entities"]:
        assert (gold["name"].lower(), gold["type"]) in have, gold["name"]


def test_seed_aliases_land_in_the_right_cluster(seed_any, seed_gold) -> None:
    by_name = {e.name: e for e in seed_any.entities}
    aliases = [(g["name"], a) for g in seed_gold["entities"] for a in g.get("aliases", [])]
    for name, alias in aliases:
        owners = [e.name for e in seed_any.entities if alias.lower() in {m.text.lower() for m in e.mentions}]
        assert owners == [name], (alias, owners)
    assert len(aliases) == 18 and all(n in by_name for n, _ in aliases)


def test_seed_unnamed_sources_are_not_named_people(pipeline, seed_article) -> None:
    from whosaid.pipeline.state import DocState

    state = DocState(article=seed_article, doc=pipeline.nlp(seed_article.text))
    run_stage(QuoteStage(), state)  # the quotes the entity stage reads
    run_stage(EntityStage(), state)
    for phrase in ("A source close to Trump's eldest daughter", "the insider", "a close aide of Ivanka"):
        s, e = find(seed_article.text, phrase)
        assert state.entity_at(s, e) is None, phrase
    s, e = find(seed_article.text, "Trump's eldest daughter")
    assert state.entity_at(s, e).name == "Ivanka Trump"


@pytest.mark.parametrize(
    "text,name,etype",
    [
        ("The senator told the Guardian that the bill would pass.", "Guardian", "OUTLET"),
        ("According to the Daily Star, the singer left early.", "Daily Star", "OUTLET"),
        ("The story was first reported by the Boston Herald on Monday.", "Boston Herald", "OUTLET"),
        ("She said in an interview with CNN that she was tired.", "CNN", "OUTLET"),
        ("The Kalamazoo Gazette reported that the mayor resigned.", "Kalamazoo Gazette", "OUTLET"),
        ("She posted the video on Instagram on Tuesday.", "Instagram", "PLATFORM"),
        ("He wrote on Facebook that the race was over.", "Facebook", "PLATFORM"),
        ("The clip went viral on TikTok.", "TikTok", "PLATFORM"),
        ("The FBI said it had closed the case.", "FBI", "ORG"),
        ("Officials at the Department of Justice declined to comment.", "Department of Justice", "ORG"),
        ("The president met reporters at the White House.", "White House", "PLACE"),
        ("Protesters gathered in Charlotte on Tuesday.", "Charlotte", "PLACE"),
        ("Stars walked the red carpet at the Met Gala on Monday.", "Met Gala", "EVENT"),
        ("Ivanka Trump said she was proud of the program.", "Ivanka Trump", "PERSON"),
    ],
)
def test_types_from_lists_and_context(nlp, stage, text: str, name: str, etype: str) -> None:
    state = run_entities(nlp, stage, text)
    types = {e.name: e.type for e in state.entities}
    assert types.get(name) == etype, types


@pytest.mark.parametrize(
    "text,not_outlet",
    [
        ("The senator told Congress that the bill would pass.", "Congress"),
        ("According to the FBI, the server was not hacked.", "FBI"),
        ("Donald Trump told Mike Pence that he would win.", "Mike Pence"),
    ],
)
def test_context_cues_do_not_make_everything_an_outlet(nlp, stage, text: str, not_outlet: str) -> None:
    state = run_entities(nlp, stage, text)
    assert {e.name: e.type for e in state.entities}.get(not_outlet) not in ("OUTLET", None)


def test_canonical_name_is_the_fullest_without_titles(nlp, stage) -> None:
    state = run_entities(nlp, stage, "President Trump spoke. Later Donald J. Trump and Mr. Trump left.")
    people = [e for e in state.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Donald J. Trump"]
    assert len(people[0].mentions) == 3


def test_gender_is_set_where_known(nlp, stage) -> None:
    state = run_entities(nlp, stage, "Mrs. Lopez met John Smith. She said he was late.")
    genders = {e.name: e.gender for e in state.entities}
    assert genders == {"Lopez": "f", "John Smith": "m"}


def test_every_mention_is_indexed_and_exact(seed_any) -> None:
    text = seed_any.article.text
    for ent in seed_any.entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text


_WORDS = st.sampled_from(
    [
        "Hillary Clinton",
        "she",
        "said",
        "her husband,",
        "Bill Clinton",
        "met",
        "CNN",
        "The senator",
        "told",
        "the Guardian",
        "he",
        "Trump's daughter",
        ".",
        ",",
        "and",
        "“",
        "”",
        "on Instagram",
        "a source",
        "Mr. Smith",
        "'s",
        "\n\n",
        "Ivanka",
        "they",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_offsets_always_fit_the_text(nlp, words: list[str]) -> None:
    text = " ".join(words)
    state = run_entities(nlp, EntityStage(), text)
    for (s, e), _eid in state.mention_index.items():
        assert 0 <= s < e <= len(text)
    for ent in state.entities:
        assert ent.name and ent.type in ("PERSON", "OUTLET", "ORG", "PLATFORM", "PLACE", "EVENT")
        for s, e in ent.mentions:
            assert state.mention_index[(s, e)] == ent.id


def test_stage_is_fast_on_a_long_article(nlp, stage) -> None:
    para = (
        "Hillary Clinton met Donald Trump in Ohio. She said he was wrong, and he told CNN that she was "
        "tired. A source close to the campaign said they would debate again. "
    )
    text = para * 150  # about 3,600 words
    doc = nlp(text)
    from whosaid.model import Article
    from whosaid.pipeline.state import DocState

    state = DocState(article=Article(id="long", text=text), doc=doc)
    t0 = time.perf_counter()
    run_stage(QuoteStage(), state)  # the quotes the entity stage reads
    run_stage(stage, state)
    took = time.perf_counter() - t0
    assert took < 3.0, took
    names = {e.name for e in state.entities if e.type == "PERSON"}
    assert names == {"Hillary Clinton", "Donald Trump"}
