"""Seed acceptance for the time work: the 7 gold times with gold values, said_at, events (issue 4)."""

from __future__ import annotations


def test_seed_gold_times_found_with_gold_values(seed_gold, seed_any):
    missing = []
    for g in seed_gold["times"]:
        values = g["value"] if isinstance(g["value"], list) else [g["value"]]
        hit = [t for t in seed_any.times if min(g["end"], t.end) > max(g["start"], t.start) and t.value in values]
        if not hit:
            missing.append((g["text"], values, [(t.text, t.value) for t in seed_any.times]))
    assert len(seed_gold["times"]) == 7
    assert missing == []


def test_seed_times_carry_the_article_date_as_anchor(seed_any):
    assert seed_any.times
    assert {t.anchor for t in seed_any.times} == {"2024-10-26"}
    text = seed_any.article.text
    assert all(text[t.start : t.end] == t.text for t in seed_any.times)


def test_seed_statement_of_2022_is_dated_2022(seed_gold, seed_any):
    dated = [g for g in seed_gold["attributions"] if g.get("said_at")]
    assert dated
    for g in dated:
        (a,) = [
            a
            for a in seed_any.attributions
            if a.content and min(a.content.end, g["content"]["end"]) > max(a.content.start, g["content"]["start"])
        ]
        assert a.said_at == g["said_at"]


def test_seed_events(seed_any):
    by_when = {}
    for e in seed_any.events:
        by_when.setdefault(e.when, []).append(e)
    (east_room,) = by_when["2019-06-13"]
    assert "event" in east_room.what.lower()
    assert {"Kim Kardashian", "Ivanka Trump", "Jared Kushner"} <= set(east_room.participants)
    assert any("clemency" in e.what for e in by_when["2018"])
    assert any("pardoned" in e.what for e in by_when["2020"])
    assert any("Met Gala" in e.what for e in by_when["2014"])  # "dates back a decade" from 2024
    assert all("Alice Marie Johnson" in e.participants for e in by_when["2018"] + by_when["2020"])
