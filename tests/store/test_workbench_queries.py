"""The researcher's queries on a hand-built store: statement filters and totals, sourcing by outlet and period
(with gender and category), rankings, people by outlet, the person profile read from the person's side."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.errors import WhosaidError
from whosaid.model import Analysis, Article, Attribution, Span
from whosaid.store import Store
from whosaid.store.filters import QUOTE_FILTERS, headline, said_day, source_key

TEXT_1 = (
    "Ann Lee said taxes will rise. The officials said talks failed. Officials said more. "
    "The company said profits fell. Ann Lee, the daughter of Bo Chan, said hello."
)
TEXT_2 = "Bo Chan said rates will fall. A senior official said nothing. The Company said sales rose."
TEXT_3 = "Ann Lee said the bridge is unsafe. Cy Dee said it is fine."


def _corpus(build) -> list[Analysis]:
    """Three articles; ``build`` is tests/store/conftest.py's hand builder (the make_analysis fixture)."""
    a = build(
        "n1",
        TEXT_1,
        date="2016-09-05",
        outlet="nyt",
        title=None,
        people={"Ann Lee": ["Ann Lee", "Ann Lee"], "Bo Chan": ["Bo Chan"]},
        quotes=[
            {
                "content": "taxes will rise",
                "cue": "said",
                "source": "Ann Lee",
                "speaker": "Ann Lee",
                "kind": "indirect",
                "said_at": "2016-W36",
            },
            {
                "content": "talks failed",
                "cue": "said",
                "source": "The officials",
                "kind": "indirect",
                "source_type": "anonymous",
                "description": "The officials",
                "said_at": "2016-09",
            },
            {
                "content": "more",
                "cue": "said",
                "source": "Officials",
                "kind": "indirect",
                "source_type": "anonymous",
                "description": "Officials",
                "via": "Washington Post",
                "said_at": "PRESENT_REF",
            },
            {
                "content": "profits fell",
                "cue": "said",
                "source": "The company",
                "kind": "indirect",
                "source_type": "organization",
            },
            {
                "content": "hello",
                "cue": "said",
                "source": "Ann Lee",
                "speaker": "Ann Lee",
                "kind": "indirect",
                "said_at": "2016-09-03TAF",
            },
        ],
        relations=[("Ann Lee", "child_of", "Bo Chan", "Ann Lee, the daughter of Bo Chan")],
    )
    b = build(
        "p2",
        TEXT_2,
        date="2016-10-01",
        outlet="politico",
        title="Rates",
        people={"Bo Chan": ["Bo Chan"]},
        quotes=[
            {
                "content": "rates will fall",
                "cue": "said",
                "source": "Bo Chan",
                "speaker": "Bo Chan",
                "kind": "indirect",
                "said_at": "2016-09-30",
            },
            {
                "content": "nothing",
                "cue": "said",
                "source": "A senior official",
                "kind": "indirect",
                "source_type": "anonymous",
                "description": "a senior official",
            },
            {
                "content": "sales rose",
                "cue": "said",
                "source": "The Company",
                "kind": "indirect",
                "source_type": "organization",
                "via": "washington post",
            },
        ],
    )
    c = build(
        "n3",
        TEXT_3,
        date="2016-10-12",
        outlet="nyt",
        title="Bridge",
        people={"Ann Lee": ["Ann Lee"], "Cy Dee": ["Cy Dee"]},
        quotes=[
            {
                "content": "the bridge is unsafe",
                "cue": "said",
                "source": "Ann Lee",
                "speaker": "Ann Lee",
                "kind": "indirect",
                "said_at": "2016-10-11",
            },
            {"content": "it is fine", "cue": "said", "source": "Cy Dee", "speaker": "Cy Dee", "kind": "indirect"},
        ],
    )
    # categories and stated genders (the records issue's fields): Ann Lee is "female" in two articles
    a = _with(
        a,
        categories=["assertion", "assertion", None, "fact", "belief"],
        confidences=[0.9, 0.4, 0.6, 0.8, 0.95],
        genders={"Ann Lee": "female", "Bo Chan": "male"},
    )
    c = _with(c, categories=["assertion", None], confidences=[0.7, 0.5], genders={"Ann Lee": "female", "Cy Dee": None})
    b = _with(b, categories=[None, None, "eventuality"], confidences=[0.85, 0.3, 0.6], genders={"Bo Chan": "female"})
    return [a, b, c]


def _with(analysis: Analysis, *, categories, confidences, genders) -> Analysis:
    atts = tuple(
        dataclasses.replace(att, category=cat, confidence=conf)
        for att, cat, conf in zip(analysis.attributions, categories, confidences)
    )
    ents = tuple(dataclasses.replace(e, gender=genders.get(e.name)) for e in analysis.entities)
    return dataclasses.replace(analysis, attributions=atts, entities=ents)


@pytest.fixture()
def store(make_analysis):
    with Store(":memory:") as s:
        s.upsert_many(_corpus(make_analysis))
        yield s


def _contents(rows) -> set[str]:
    return {r["content"] for r in rows}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"via": "Washington Post"}, {"more", "sales rose"}),  # case does not matter
        ({"via": "Reuters"}, set()),
        ({"said_since": "2016-09-05"}, {"taxes will rise", "rates will fall", "the bridge is unsafe"}),  # W36 = 09-05
        ({"said_until": "2016-09-04"}, {"talks failed", "hello"}),  # 2016-09 starts 09-01; TAF keeps its day
        (
            {"said_since": "2016-09-01", "said_until": "2016-09-30"},
            {"taxes will rise", "talks failed", "hello", "rates will fall"},
        ),
        ({"category": "assertion"}, {"taxes will rise", "talks failed", "the bridge is unsafe"}),
        ({"category": "eventuality", "outlet": "politico"}, {"sales rose"}),
        ({"min_confidence": 0.85}, {"taxes will rise", "hello", "rates will fall"}),
        ({"min_confidence": 1.0}, set()),
        ({"source": "officials", "source_type": "anonymous"}, {"talks failed", "more"}),
        ({"source": "THE COMPANY"}, {"profits fell", "sales rose"}),
        ({"speaker": "Ann Lee", "said_since": "2016-10-01"}, {"the bridge is unsafe"}),
    ],
)
def test_statement_filters_and_their_totals(store, filters, expected):
    rows = store.quotes(limit=1000, **filters)
    assert _contents(rows) == expected
    assert store.count_quotes(**filters) == len(rows)
    assert list(store.iter_quotes(batch=2, **filters)) == rows


def test_said_filters_leave_out_statements_without_a_dated_said_at(store):
    said = store.quotes(said_since="1900-01-01", limit=1000)
    assert {"more", "nothing", "profits fell", "it is fine", "sales rose"}.isdisjoint(_contents(said))
    assert len(said) == 5


def test_unknown_filter_names_are_refused(store):
    with pytest.raises(TypeError, match="said_sinse"):
        store.quotes(said_sinse="2016-01-01")
    with pytest.raises(TypeError):
        store.count_quotes(outlett="nyt")
    assert "via" in QUOTE_FILTERS and "min_confidence" in QUOTE_FILTERS


def test_totals_match_every_list(store):
    assert store.count_articles() == len(store.articles(limit=100)) == 3
    assert store.count_articles(outlet="NYT") == 2
    assert store.count_people() == len(store.people(limit=100)) == 3
    assert store.count_people(outlet="politico") == 1
    assert store.count_quotes() == 10
    assert store.count_quotes(search="") == 10  # an empty search is no filter
    assert store.count_quotes(search="!!!") == 0 == len(store.quotes(search="!!!"))


def test_headline_is_the_title_else_the_first_line(store):
    by_id = {a["id"]: a for a in store.articles()}
    assert by_id["p2"]["headline"] == "Rates"
    assert by_id["n1"]["headline"] == TEXT_1[:139].rstrip() + "…"
    assert headline(None, "\n\n  First line here \nsecond") == "First line here"
    assert headline("  ", "") == ""
    assert store.quotes(article_id="n3")[0]["headline"] == "Bridge"


def test_people_by_outlet_is_who_that_outlet_quotes(store):
    nyt = store.people(outlet="nyt")
    assert [(p["person_id"], p["n_quotes"]) for p in nyt] == [("ann-lee", 3), ("cy-dee", 1), ("bo-chan", 0)]
    assert nyt[0]["by_source_type"] == {"person": 3}
    politico = store.people(outlet="politico")
    assert [(p["person_id"], p["n_quotes"]) for p in politico] == [("bo-chan", 1)]
    assert store.people(outlet="nobody") == [] and store.count_people(outlet="nobody") == 0
    assert store.people(since="2016-10-02") == store.people(outlet="nyt", since="2016-10-02")


def test_gender_is_what_most_articles_state(store):
    genders = {p["person_id"]: p["gender"] for p in store.people()}
    assert genders == {"ann-lee": "female", "bo-chan": "unknown", "cy-dee": "unknown"}  # Bo Chan: a tie


def test_sourcing_by_outlet_adds_up(store):
    rows = {r["outlet"]: r for r in store.sourcing(("outlet",))}
    nyt = rows["nyt"]
    assert (nyt["articles"], nyt["statements"], nyt["named"], nyt["anonymous"], nyt["organization"]) == (2, 7, 4, 2, 1)
    assert (nyt["gender_female"], nyt["gender_male"], nyt["gender_unknown"]) == (3, 0, 1)
    assert nyt["share_female"] == pytest.approx(0.75)
    assert (nyt["category_assertion"], nyt["category_fact"], nyt["category_belief"], nyt["category_none"]) == (
        3,
        1,
        1,
        2,
    )
    assert nyt["relayed"] == 1 and rows["politico"]["relayed"] == 1
    for r in rows.values():
        mix = sum(r[k] for k in ("named", "anonymous", "media", "social_media", "organization", "document", "unknown"))
        assert mix == r["statements"]
        assert r["gender_female"] + r["gender_male"] + r["gender_unknown"] == r["named"]
        assert sum(v for k, v in r.items() if k.startswith("category_")) == r["statements"]
    assert store.sources_by_outlet() == store.sourcing(("outlet",))


@pytest.mark.parametrize(
    "by, keys",
    [
        (("month",), [("2016-09",), ("2016-10",)]),
        (("week",), [("2016-W36",), ("2016-W39",), ("2016-W41",)]),
        (("outlet", "month"), [("nyt", "2016-09"), ("nyt", "2016-10"), ("politico", "2016-10")]),
    ],
)
def test_sourcing_by_period(store, by, keys):
    rows = store.sourcing(by)
    assert [tuple(r[g] for g in by) for r in rows] == keys
    assert sum(r["statements"] for r in rows) == store.count_quotes()
    assert sum(r["articles"] for r in rows) == store.count_articles()


def test_sourcing_refuses_bad_groupings(store):
    for by in (("month", "week"), ("day",), (), ("outlet", "outlet")):
        with pytest.raises(WhosaidError):
            store.sourcing(by)


def test_rankings_group_spellings_and_link_to_their_statements(store):
    anon = store.rank_sources("anonymous")
    assert [(r["key"], r["n"], r["variants"]) for r in anon] == [("officials", 2, 2), ("senior official", 1, 1)]
    orgs = store.rank_sources("organization")
    assert [(r["key"], r["n"], r["n_outlets"]) for r in orgs] == [("company", 2, 2)]
    assert orgs[0]["name"] in ("The company", "The Company")
    assert store.count_rank_sources("anonymous") == 2
    assert store.rank_sources("anonymous", limit=1, offset=1)[0]["key"] == "senior official"
    assert store.rank_sources("anonymous", outlet="politico")[0]["key"] == "senior official"
    for r in anon:
        assert store.count_quotes(source=r["key"], source_type="anonymous") == r["n"]
    with pytest.raises(WhosaidError):
        store.rank_sources("person")
    assert source_key("The officials'") == source_key("officials") == "officials"
    assert source_key(None) == ""


def test_outlet_profile(store):
    nyt = store.outlet_profile("NYT")
    assert nyt["outlet"] == "nyt" and nyt["statements"] == 7
    assert (nyt["first_date"], nyt["last_date"]) == ("2016-09-05", "2016-10-12")
    assert nyt["relays"] == [{"via": "Washington Post", "n": 1}]
    assert [m["month"] for m in nyt["months"]] == ["2016-09", "2016-10"]
    assert store.outlet_profile("nobody") is None


def test_people_by_period(store):
    trend = store.people_by_period("month")
    assert trend["periods"] == ["2016-09", "2016-10"]
    assert [(s["person_id"], s["counts"]) for s in trend["series"]] == [
        ("ann-lee", {"2016-09": 2, "2016-10": 1}),
        ("bo-chan", {"2016-09": 0, "2016-10": 1}),
        ("cy-dee", {"2016-09": 0, "2016-10": 1}),
    ]
    assert trend["leaders"]["2016-09"] == [{"person_id": "ann-lee", "name": "Ann Lee", "n": 2}]
    with pytest.raises(WhosaidError):
        store.people_by_period("day")


def test_person_profile_reads_relations_from_their_side(store):
    ann = store.person_profile("Ann Lee")
    bo = store.person_profile("bo-chan")
    assert [(r["relation"], r["role"], r["other_id"]) for r in ann["relations"]] == [("child_of", "subject", "bo-chan")]
    assert [(r["relation"], r["role"], r["other_id"]) for r in bo["relations"]] == [("child_of", "object", "ann-lee")]
    assert ann["n_quotes"] == store.count_quotes(speaker="ann-lee") == 3
    assert ann["n_about"] == store.count_quotes(about="ann-lee")
    assert ann["gender"] == "female" and ann["n_articles"] == 2
    assert ann["by_category"]["assertion"] == 2 and ann["by_category"]["none"] == 0
    assert [(m["month"], m["statements"]) for m in ann["months"]] == [("2016-09", 2), ("2016-10", 1)]
    assert store.person_profile("Nobody Here") is None


def test_relations_are_grouped_with_counts(make_analysis):
    arts = [
        make_analysis(
            f"r{i}",
            f"Ann Lee, the daughter of Bo Chan, spoke {i} times.",
            date=f"2016-09-0{i + 1}",
            people={"Ann Lee": ["Ann Lee"], "Bo Chan": ["Bo Chan"]},
            relations=[("Ann Lee", "child_of", "Bo Chan", "Ann Lee, the daughter of Bo Chan")],
        )
        for i in range(3)
    ]
    with Store(":memory:") as s:
        s.upsert_many(arts)
        rels = s.person_relations("ann-lee")
        assert len(rels) == 1 and rels[0]["n"] == 3 and rels[0]["n_articles"] == 3


# -- said_at days --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, day",
    [
        ("2016-09-30", "2016-09-30"),
        ("2016-09-30TAF", "2016-09-30"),
        ("2016-09-30T14:05", "2016-09-30"),
        ("2016-09", "2016-09-01"),
        ("2016", "2016-01-01"),
        ("2016-W36", "2016-09-05"),
        ("2016-Q3", "2016-07-01"),
        ("2016-SU", "2016-06-01"),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        (None, None),
        ("", None),
        ("P3D", None),
        ("XXXX-XX-XX", None),
    ],
)
def test_said_day(value, day):
    assert said_day(value) == day


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["day", "month", "week", "year"]),
)
def test_said_day_is_the_first_day_of_the_period(day, granularity):
    iso = day.isocalendar()
    value = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": day.isoformat()[:4],
        "week": f"{iso[0]:04d}-W{iso[1]:02d}",
    }[granularity]
    first = dt.date.fromisoformat(said_day(value))
    assert first <= day
    assert (day - first).days < {"day": 1, "week": 7, "month": 31, "year": 366}[granularity]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2017, 12, 31)).map(lambda d: d.isoformat()),
            st.sampled_from(["2016-W36", "2016-09", "2016", "PRESENT_REF", "2016-10-02TEV"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.dates(min_value=dt.date(2015, 6, 1), max_value=dt.date(2017, 6, 1)),
    st.integers(min_value=0, max_value=400),
)
def test_said_filters_agree_with_said_day(values, since, span):
    until = since + dt.timedelta(days=span)
    text = " ".join(f"Ann said q{i}." for i in range(len(values)))
    atts = []
    for i, value in enumerate(values):
        start = text.index(f"q{i}.")
        atts.append(
            Attribution(
                kind="indirect",
                content=Span.of(text, start, start + len(f"q{i}")),
                source_type="unknown",
                said_at=value,
            )
        )
    analysis = Analysis(article=Article(id="h", text=text, date=dt.date(2016, 1, 1)), attributions=tuple(atts))
    with Store(":memory:") as s:
        s.upsert(analysis)
        got = [q["content"] for q in s.quotes(said_since=since.isoformat(), said_until=until.isoformat(), limit=100)]
    want = [
        f"q{i}"
        for i, v in enumerate(values)
        if said_day(v) is not None and since.isoformat() <= said_day(v) <= until.isoformat()
    ]
    assert got == want
