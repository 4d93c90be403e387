"""The Store contract (docs/store-api.md) on an in-memory database with hand-built analyses."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.errors import StoreError
from whosaid.model import Analysis, Article, Attribution, Span
from whosaid.store import MIGRATIONS, SCHEMA_VERSION, Store, content_hash, fts_query


@pytest.fixture()
def store(small_corpus):
    with Store(":memory:") as s:
        assert s.upsert_many(small_corpus) == {"added": 3, "unchanged": 0, "replaced": 0}
        yield s


def test_round_trip_and_stats(store, small_corpus):
    for analysis in small_corpus:
        assert store.article(analysis.article.id) == analysis
    assert store.article("missing") is None
    stats = store.stats()
    assert stats["articles"] == 3
    assert stats["attributions"] == sum(len(a.attributions) for a in small_corpus)
    assert stats["outlets"] == 2
    assert stats["by_source_type"]["anonymous"] == 1
    assert stats["by_source_type"]["person"] == 5
    assert stats["errors"] == 0 and stats["duplicates"] == 0
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)


def test_upsert_is_idempotent_and_replaces_changed(store, small_corpus, make_analysis):
    a = small_corpus[0]
    assert store.upsert(a) == "unchanged"
    assert store.upsert_many(small_corpus) == {"added": 0, "unchanged": 3, "replaced": 0}
    changed = make_analysis(
        "a",
        "Jane Smith said nothing at all.",
        people={"Jane Smith": ["Jane Smith"]},
        quotes=[
            {
                "content": "nothing at all",
                "cue": "said",
                "source": "Jane Smith",
                "speaker": "Jane Smith",
                "kind": "indirect",
            }
        ],
    )
    assert store.upsert(changed) == "replaced"
    assert store.article("a") == changed
    assert store.stats()["articles"] == 3
    assert [q["content"] for q in store.quotes(article_id="a")] == ["nothing at all"]
    # the old statements are gone from the full-text index too
    assert store.quotes(search="disaster") == []
    assert store.quotes(search="nothing at all")[0]["article_id"] == "a"
    # a metadata change (the date) also counts as a change: times depend on it
    moved = dataclasses.replace(changed, article=dataclasses.replace(changed.article, title="New title"))
    assert content_hash(moved.article) != content_hash(changed.article)
    assert store.upsert(moved) == "replaced"


def test_has_article_and_known_hashes(store, small_corpus):
    a = small_corpus[0].article
    assert store.has_article("a")
    assert store.has_article("a", content_hash(a))
    assert not store.has_article("a", "0" * 64)
    assert not store.has_article("zzz")
    assert store.known_hashes(["a", "zzz", "b"]) == {"a": content_hash(a), "b": content_hash(small_corpus[1].article)}


def test_duplicates_are_kept_and_flagged(store, small_corpus):
    twin = Analysis(
        article=dataclasses.replace(small_corpus[1].article, id="0-twin", outlet="other"),
        attributions=small_corpus[1].attributions,
    )
    assert store.upsert(twin) == "added"
    rows = {r["id"]: r["duplicate_of"] for r in store.articles(limit=10)}
    # the smallest id of the group is the original, whatever the insertion order
    assert rows == {"a": None, "b": "0-twin", "c": None, "0-twin": None}
    assert store.stats()["duplicates"] == 1
    n_all = len(store.quotes(include_duplicates=True))
    assert len(store.quotes()) == n_all - len(small_corpus[1].attributions)


def test_quotes_filters(store):
    table = [
        (
            dict(speaker="Jane Smith"),
            {("a", "a disaster for everyone."), ("a", "John Doe had misled voters"), ("b", "the race is close")},
        ),
        (
            dict(speaker="jane-smith"),
            {("a", "a disaster for everyone."), ("a", "John Doe had misled voters"), ("b", "the race is close")},
        ),
        (dict(speaker="John Doe", outlet="daily"), {("b", "We will win,")}),
        (dict(speaker="Nobody Here"), set()),
        (dict(about="John Doe"), {("a", "John Doe had misled voters")}),
        (dict(search="disaster"), {("a", "a disaster for everyone.")}),
        (dict(search="closing"), {("c", "the fish market was closed"), ("b", "the race is close")}),  # stemmed
        (dict(search="fish closing"), {("c", "the fish market was closed")}),  # every word must occur
        (dict(search='"AND OR ('), set()),  # operators cannot break the query
        (dict(source_type="anonymous"), {("a", "talks would resume yesterday")}),
        (
            dict(since="2024-02-01"),
            {("b", "We will win,"), ("b", "the race is close"), ("c", "the fish market was closed"), ("c", "nothing")},
        ),
        (dict(until="2024-01-31", kind="direct"), {("a", "a disaster for everyone.")}),
    ]
    for kwargs, expected in table:
        got = {(q["article_id"], q["content"]) for q in store.quotes(**kwargs)}
        assert got == expected, kwargs


def test_quote_fields_and_order(store):
    quotes = store.quotes()
    assert [q["article_id"] for q in quotes] == ["c", "c", "b", "b", "a", "a", "a"]  # newest article first
    q = store.quotes(speaker="John Doe")[0]
    assert q["speaker_id"] == q["person_id"] == "john-doe"
    assert q["entity_id"] == "e1"
    expected = {
        "article_id",
        "date",
        "outlet",
        "title",
        "kind",
        "speaker",
        "speaker_id",
        "source_type",
        "source_description",
        "via",
        "said_at",
        "cue",
        "content",
        "content_start",
        "content_end",
        "confidence",
    }
    assert expected <= set(q)
    text = store.article(q["article_id"]).article.text
    assert text[q["content_start"] : q["content_end"]] == q["content"]
    assert store.quotes(limit=2, offset=6) == quotes[6:]
    for q in quotes:  # idx points at the statement in the stored analysis
        att = store.article(q["article_id"]).attributions[q["idx"]]
        assert (att.content.start, att.content.end, att.kind) == (q["content_start"], q["content_end"], q["kind"])


def test_entity_people(store):
    assert store.entity_people("a") == {"e1": "jane-smith", "e2": "john-doe"}
    assert store.entity_people("c") == {}  # the lone "Smith" is not linked
    assert store.entity_people("missing") == {}


def test_people_are_merged_across_articles_but_not_by_bare_surname(store):
    people = store.people()
    by_id = {p["person_id"]: p for p in people}
    assert set(by_id) == {"jane-smith", "john-doe"}  # the bare "Smith" of article c is not merged
    assert people[0]["person_id"] == "jane-smith"  # most quoted first
    assert by_id["jane-smith"]["n_quotes"] == 3 and by_id["jane-smith"]["n_articles"] == 2
    assert by_id["john-doe"]["n_quotes"] == 1
    assert by_id["jane-smith"]["by_source_type"] == {"person": 3}
    assert store.people(search="doe")[0]["person_id"] == "john-doe"
    assert store.people(search="nobody") == []
    c_quotes = store.quotes(article_id="c", speaker="Smith")
    assert [q["speaker_id"] for q in c_quotes] == [None]


def test_person_detail(store):
    assert store.person("No Such Person") is None
    p = store.person("Jane Smith")
    assert p is not None and p == store.person("jane-smith")
    assert p["name"] == "Jane Smith" and "Smith" in p["aliases"]
    assert p["n_quotes"] == 3 and len(p["quotes_by"]) == 3
    assert [q["content"] for q in store.person("John Doe")["quotes_about"]] == ["John Doe had misled voters"]
    rels = {(r["relation"], r["other_id"], r["role"]) for r in p["relations"]}
    assert rels == {("criticized", "john-doe", "subject"), ("met", "john-doe", "object")}
    whens = [t["when"] for t in p["timeline"]]
    assert whens == sorted(whens)
    assert any(t["type"] == "event" and t["what"] == "talks resume" for t in p["timeline"])


def test_sources_by_outlet(store):
    rows = {r["outlet"]: r for r in store.sources_by_outlet()}
    assert set(rows) == {"wire", "daily"}
    assert rows["wire"]["statements"] == 3 and rows["wire"]["anonymous"] == 1 and rows["wire"]["named"] == 2
    assert rows["wire"]["share_anonymous"] == pytest.approx(1 / 3, abs=1e-3)
    assert rows["daily"]["relayed"] == 1 and rows["daily"]["organization"] == 1
    assert rows["daily"]["articles"] == 2


def test_errors_recorded_once_and_cleared(store, small_corpus):
    store.record_error(None, "in.jsonl:3", "malformed JSON")
    store.record_error(None, "in.jsonl:3", "malformed JSON")
    store.record_error("a", "in.jsonl:1", "parser crashed")
    assert store.stats()["errors"] == 2
    store.upsert(dataclasses.replace(small_corpus[0], warnings=("x",)))  # same hash: unchanged, error stays
    assert store.stats()["errors"] == 2
    changed = Analysis(article=dataclasses.replace(small_corpus[0].article, text="Now it parses."))
    store.upsert(changed)
    assert [e["source"] for e in store.errors()] == ["in.jsonl:3"]


def test_readonly_and_bad_files(tmp_path, small_corpus):
    path = tmp_path / "c.db"
    with pytest.raises(StoreError, match="whosaid ingest"):
        Store(path, readonly=True)
    with Store(path) as s:
        s.upsert_many(small_corpus)
    with Store(path, readonly=True) as ro:
        assert ro.stats()["articles"] == 3
        with pytest.raises(StoreError, match="read-only"):
            ro.upsert(small_corpus[0])
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a whosaid store"):
        Store(junk)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "dir" / "x.db")


def test_migrations_upgrade_old_and_refuse_newer(tmp_path, small_corpus, old_store):
    path = old_store(tmp_path / "old.db")
    with pytest.raises(StoreError, match="open it once read-write"):
        Store(path, readonly=True)
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.upsert(small_corpus[0])
        run = s.start_run("local", {"batch_size": 8})
        s.finish_run(run, {"added": 1})
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this whosaid"):
        Store(path)


def test_fts_query_quotes_every_word():
    assert fts_query('said "no" OR (yes)') == '"said" "no" "OR" "yes"'
    assert fts_query("  ...  ") == ""


_texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None)
@given(text=_texts, cuts=st.lists(st.integers(0, 60), min_size=2, max_size=2), ident=st.text(min_size=1, max_size=8))
def test_any_analysis_round_trips(text, cuts, ident):
    s, e = sorted(min(c, len(text)) for c in cuts)
    attrs = (Attribution(kind="indirect", content=Span.of(text, s, e)),) if e > s else ()
    analysis = Analysis(article=Article(id=ident, text=text), attributions=attrs)
    with Store(":memory:") as store:
        assert store.upsert(analysis) == "added"
        back = store.article(ident)
        assert back == analysis
        for q in store.quotes(include_duplicates=True):
            assert text[q["content_start"] : q["content_end"]] == q["content"]
        assert json.loads(json.dumps(store.stats()))["articles"] == 1


def test_display_name_is_the_most_frequent_variant_and_follows_replacements(make_analysis):
    def art(aid: str, name: str):
        text = f"{name} said hello."
        return make_analysis(
            aid,
            text,
            people={name: [name]},
            quotes=[{"content": "hello", "cue": "said", "source": name, "speaker": name, "kind": "indirect"}],
        )

    with Store(":memory:") as store:
        store.upsert_many([art("1", "HIllary Clinton"), art("2", "Hillary Clinton"), art("3", "Hillary Clinton")])
        assert store.person("hillary-clinton")["name"] == "Hillary Clinton"
        assert "HIllary Clinton" in store.person("hillary-clinton")["aliases"]
        store.upsert_many([art("2", "HIllary Clinton"), art("3", "HIllary Clinton")])  # replaced: counts move
        assert store.person("hillary-clinton")["name"] == "HIllary Clinton"
        assert store.person("Hillary Clinton")["aliases"] == []  # the old variant is no longer written anywhere
        store.upsert(art("1", "Bill Jones"))
        store.upsert(art("2", "Bill Jones"))
        store.upsert(art("3", "Bill Jones"))
        assert [p["person_id"] for p in store.people()] == ["bill-jones"]  # nobody mentions Hillary any more
