"""Statement clusters in a store: the acceptance case, incremental updates, replaced articles, lookups."""

from __future__ import annotations

import itertools

import pytest
from prov_data import BRIDGE, acceptance_set, quote_article

from whosaid.provenance import cluster_report_of, lookup, rebuild_clusters, update_clusters
from whosaid.store import Store


def partition(store: Store) -> set[frozenset[tuple[str, int]]]:
    """The clusters as sets of (article, idx), independent of row and cluster ids."""
    out = []
    for c in store.clusters(min_size=1, limit=10_000):
        out.append(frozenset((m["article_id"], m["idx"]) for m in store.cluster_members(c["cluster_id"])))
    return set(out)


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.upsert_many(acceptance_set())
        update_clusters(s)
        yield s


def bridge_report(store: Store) -> dict:
    (row,) = store.clusters(min_outlets=2)
    return cluster_report_of(store, row["cluster_id"])


def test_acceptance_case(store):
    r = bridge_report(store)
    assert r["size"] == 4 and r["n_outlets"] == 4 and r["n_articles"] == 4
    # earliest first (by article date), outlets in order of appearance
    assert [m["article_id"] for m in r["members"]] == ["gazette", "planet", "post", "star"]
    assert r["first"]["article_id"] == "gazette" and r["members"][0]["first"]
    assert r["outlets"] == ["Springfield Gazette", "Daily Planet", "Evening Post", "Morning Star"]
    # the trimmed one is not a variant; the changed word is, with its diff and where it stands in the article
    by = {m["article_id"]: m for m in r["members"]}
    assert not by["planet"]["variant"]
    assert by["post"]["variant"] and by["post"]["possible_misquote"]
    assert by["post"]["changes"] == [{"op": "replace", "was": "unsafe", "now": "dangerous"}]
    (changed,) = [p for p in by["post"]["marked"] if p["changed"]]
    assert changed["text"] == "dangerous" and changed["was"] == "unsafe"
    text = store.article("post").article.text
    assert text[changed["start"] : changed["end"]] == "dangerous"
    assert "".join(p["text"] for p in by["post"]["marked"]) == by["post"]["content"]
    # relayed via another outlet
    assert r["relayed"] == [
        {
            "statement_id": by["post"]["statement_id"],
            "article_id": "post",
            "outlet": "Evening Post",
            "via": "Springfield Gazette",
        }
    ]
    # the same words from a different speaker: a speaker conflict on that member only
    assert r["speaker_conflict"] and r["main_speaker_key"] == "ann lee"
    assert [m["article_id"] for m in r["members"] if m["speaker_conflict"]] == ["star"]
    # the unrelated statement stays alone
    assert store.provenance_stats()["clusters"] == 1


def test_listing_filters(store):
    assert [c["size"] for c in store.clusters(min_outlets=4)] == [4]
    assert store.clusters(min_outlets=5) == []
    assert len(store.clusters(variants_only=True)) == 1 and len(store.clusters(conflicts_only=True)) == 1
    assert len(store.clusters(min_size=1, limit=100)) == 2
    assert store.clusters(speaker="Ann Lee")[0]["first_statement"] == bridge_report(store)["first"]["statement_id"]
    assert store.clusters(speaker="Bo Chan") == []


def test_no_conflict_without_another_speaker():
    with Store(":memory:") as s:
        s.upsert_many(acceptance_set()[:3])
        update_clusters(s)
        assert not bridge_report(s)["speaker_conflict"]


def test_incremental_update_only_looks_at_new_statements(store):
    before = bridge_report(store)
    other_ids = {c["cluster_id"] for c in store.clusters(min_size=1, limit=100)}
    store.upsert(quote_article("wire", "2024-02-28", "Wire Service", "Ann Lee", BRIDGE))
    done = update_clusters(store)
    assert done.looked_at == 1 and done.joined == 1 and done.new_clusters == 0
    after = bridge_report(store)
    assert after["cluster_id"] == before["cluster_id"] and after["size"] == 5
    assert after["first"]["article_id"] == "wire" and after["outlets"][0] == "Wire Service"
    assert {c["cluster_id"] for c in store.clusters(min_size=1, limit=100)} == other_ids
    assert update_clusters(store).looked_at == 0  # nothing new: nothing to do


def test_order_does_not_change_the_clusters():
    arts = acceptance_set() + [quote_article("x", "2024-03-09", "X", "Cy Dee", BRIDGE[:40] + " and more words here")]
    seen = set()
    for perm in itertools.islice(itertools.permutations(arts), 0, 720, 97):
        with Store(":memory:") as s:
            for a in perm:
                s.upsert(a)
                update_clusters(s)
            seen.add(frozenset(partition(s)))
    assert len(seen) == 1


def test_rebuild_gives_the_same_clusters(store):
    want = partition(store)
    rebuild_clusters(store)
    assert partition(store) == want


def test_a_statement_bridging_two_clusters_merges_them():
    first_half = "we will fix the roads in every district of this city"
    second_half = "and we will hire two hundred new teachers by the autumn"
    with Store(":memory:") as s:
        s.upsert_many(
            [
                quote_article("a", "2024-01-01", "A", "Ann Lee", first_half),
                quote_article("b", "2024-01-02", "B", "Ann Lee", second_half),
            ]
        )
        update_clusters(s)
        assert s.provenance_stats()["clusters"] == 0
        s.upsert(quote_article("c", "2024-01-03", "C", "Ann Lee", f"{first_half} {second_half}"))
        done = update_clusters(s)
        assert done.merged == 1
        (c,) = s.clusters()
        assert c["size"] == 3 and c["first_date"] == "2024-01-01"


def test_a_replaced_article_leaves_its_cluster(store):
    store.upsert(
        quote_article(
            "star",
            "2024-03-06",
            "Morning Star",
            "Bo Chan",
            "Something else entirely about the parking fees in the old town",
        )
    )
    assert store.provenance_stats()["dirty"] == 1
    done = update_clusters(store)
    assert done.rechecked == 1 and done.looked_at == 1
    r = bridge_report(store)
    assert r["size"] == 3 and not r["speaker_conflict"]


def test_a_cluster_that_falls_apart_is_split():
    a = "we will fix the roads in every district of this city"
    b = "and we will hire two hundred new teachers by the autumn"
    with Store(":memory:") as s:
        s.upsert_many(
            [
                quote_article("a", "2024-01-01", "A", "Ann Lee", a),
                quote_article("b", "2024-01-02", "B", "Ann Lee", b),
                quote_article("c", "2024-01-03", "C", "Ann Lee", f"{a} {b}"),
            ]
        )
        update_clusters(s)
        s.upsert(quote_article("c", "2024-01-03", "C", "Ann Lee", "nothing to do with roads or teachers at all"))
        done = update_clusters(s)
        assert done.split == 1
        assert s.clusters() == [] and s.provenance_stats()["dirty"] == 0
        assert len(s.clusters(min_size=1, limit=10)) == 3


def test_nested_statements_of_one_article_are_one_occurrence():
    with Store(":memory:") as s:
        art = quote_article("n1", "2024-01-01", "A", "Ann Lee", BRIDGE)
        att = art.attributions[0]
        relay = att.with_(kind="according_to", speaker="City Radio", speaker_id=None, source_type="outlet")
        s.upsert_many(
            [
                art.__class__(article=art.article, attributions=(att, relay), entities=art.entities),
                quote_article("n2", "2024-01-02", "B", "Ann Lee", BRIDGE),
            ]
        )
        update_clusters(s)
        (c,) = s.clusters()
        r = cluster_report_of(s, c["cluster_id"])
        assert r["size"] == 2 and [m["article_id"] for m in r["members"]] == ["n1", "n2"]
        assert [e["speaker"] for e in r["members"][0]["also_extracted_as"]] == ["City Radio"]
        assert not r["speaker_conflict"]


def test_short_and_missing_content_are_looked_at_but_not_clustered():
    with Store(":memory:") as s:
        s.upsert_many(
            [
                quote_article("s1", "2024-01-01", "A", "Ann Lee", "We will win"),
                quote_article("s2", "2024-01-02", "B", "Ann Lee", "We will win"),
            ]
        )
        done = update_clusters(s)
        assert done.looked_at == 2 and done.indexed == 0
        stats = s.provenance_stats()
        assert stats["pending"] == 0 and stats["clusters"] == 0
        sid = s.quotes(article_id="s1")[0]["statement_id"]
        row = s.statement(sid)
        assert row["clustered"] and row["cluster_id"] is None


@pytest.mark.parametrize(
    "words, found",
    [
        ("bridge on Main Street is unsafe and it must close", True),
        ("THE OLD BRIDGE ON MAIN STREET IS UNSAFE", True),
        ("the old bridge on Main Street is dangerous and it must close", True),  # the variant's words
        ("the new school on Elm Street is closed", False),
        ("bridge unsafe", False),  # too short
    ],
)
def test_lookup(store, words, found):
    reports = lookup(store, words)
    assert bool(reports) is found
    if found:
        assert reports[0]["size"] == 4 and reports[0]["matched_statement"] in {
            m["statement_id"] for m in reports[0]["members"]
        }


def test_statements_stored_without_clustering_are_clustered_on_the_next_update(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.upsert_many(acceptance_set())  # as `ingest --no-provenance` or a store made before clustering existed
        assert s.provenance_stats()["pending"] == 5
        assert update_clusters(s).looked_at == 5
    with Store(path, readonly=True) as s:
        assert s.clusters(min_outlets=4)[0]["size"] == 4


def test_a_version_3_store_is_upgraded(tmp_path):
    import sqlite3

    from whosaid.store.schema import SCHEMA_VERSION, migrate

    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=3)
    conn.close()
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION >= 4
        assert s.provenance_stats()["clusters"] == 0
        s.upsert_many(acceptance_set())
        update_clusters(s)
        assert len(s.clusters()) == 1


@pytest.mark.parametrize("provenance, pending", [(True, 0), (False, 5)])
def test_ingest_clusters_what_it_wrote(provenance, pending):
    from whosaid.model import Article
    from whosaid.options import Options
    from whosaid.scale.ingest import ingest_items

    analyses = {a.article.id: a for a in acceptance_set()}
    with Store(":memory:") as s:
        summary = ingest_items(
            [a.article for a in analyses.values()],
            s,
            Options(),
            analyze=lambda arts: (analyses[a.id] for a in arts),
            provenance=provenance,
        )
        assert summary.added == 5 and summary.clustered == (5 if provenance else 0)
        assert s.provenance_stats()["pending"] == pending
        assert len(s.clusters()) == (1 if provenance else 0)
        # a second ingest of more articles adds to the clusters
        more = quote_article("wire", "2024-02-28", "Wire", "Ann Lee", BRIDGE)
        again = ingest_items(
            [Article(id="wire", text=more.article.text, date=more.article.date, outlet="Wire")],
            s,
            Options(),
            analyze=lambda arts: (more for _ in arts),
            provenance=True,
        )
        assert again.clustered == 1 + pending
        assert s.clusters()[0]["size"] == 5
