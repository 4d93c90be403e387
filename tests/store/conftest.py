"""Hand-built analyses for store tests (no spaCy needed): the text is written, spans are found in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from whosaid.model import Analysis, Article, Attribution, Entity, Event, Relation, Span, TimeExpression


def find(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def build(
    art_id: str,
    text: str,
    *,
    date: str | None = "2024-01-02",
    outlet: str | None = "wire",
    title: str | None = None,
    people: dict[str, list[str]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
    relations: list[tuple[str, str, str, str]] = (),
    events: list[tuple[str, str, str, list[str]]] = (),
) -> Analysis:
    """``people``: entity name -> mention strings; ``quotes``: dicts with content/cue/source strings."""
    entities = []
    ids: dict[str, str] = {}
    for i, (name, mentions) in enumerate((people or {}).items(), 1):
        spans: list[Span] = []
        for m in mentions:  # the first occurrence that does not overlap an earlier mention of this entity
            n = 0
            while any(find(text, m, n).overlaps(s) for s in spans):
                n += 1
            spans.append(find(text, m, n))
        ids[name] = f"e{i}"
        entities.append(
            Entity(id=f"e{i}", name=name, type="PERSON", mentions=tuple(sorted(spans, key=lambda s: s.start)))
        )
    attributions = []
    for q in quotes or []:
        speaker = q.get("speaker")
        attributions.append(
            Attribution(
                kind=q.get("kind", "direct"),
                content=find(text, q["content"]),
                cue=find(text, q["cue"]) if q.get("cue") else None,
                source=find(text, q["source"]) if q.get("source") else None,
                speaker=speaker,
                speaker_id=ids.get(speaker) if speaker else None,
                source_type=q.get("source_type", "person" if speaker else "unknown"),
                source_description=q.get("description"),
                via=q.get("via"),
                said_at=q.get("said_at"),
                confidence=0.8,
            )
        )
    attributions.sort(key=lambda a: a.content.start)
    rels = tuple(
        Relation(subject=s, relation=r, object=o, evidence=find(text, ev), subject_id=ids.get(s), object_id=ids.get(o))
        for s, r, o, ev in relations
    )
    evs = tuple(
        Event(what=w, when=when, evidence=find(text, ev), participants=tuple(parts)) for w, when, ev, parts in events
    )
    times = ()
    if "yesterday" in text:
        sp = find(text, "yesterday")
        times = (TimeExpression(sp.start, sp.end, sp.text, "DATE", "2024-01-01", date),)
    return Analysis(
        article=Article(
            id=art_id, text=text, date=dt.date.fromisoformat(date) if date else None, title=title, outlet=outlet
        ),
        attributions=tuple(attributions),
        entities=tuple(entities),
        times=times,
        relations=rels,
        events=evs,
    )


TEXT_A = (
    'Jane Smith said the budget was "a disaster for everyone." Smith added that '
    "John Doe had misled voters. Officials, who spoke on condition of anonymity, said talks would resume "
    "yesterday."
)
TEXT_B = (
    '"We will win," said John Doe, the candidate. According to Jane Smith, the race is close. Doe met Smith on Monday.'
)
TEXT_C = "Smith said the fish market was closed. A spokesman said nothing."


def corpus() -> list[Analysis]:
    a = build(
        "a",
        TEXT_A,
        outlet="wire",
        title="Budget fight",
        people={"Jane Smith": ["Jane Smith", "Smith"], "John Doe": ["John Doe"]},
        quotes=[
            {"content": "a disaster for everyone.", "cue": "said", "source": "Jane Smith", "speaker": "Jane Smith"},
            {
                "content": "John Doe had misled voters",
                "cue": "added",
                "source": "Smith",
                "speaker": "Jane Smith",
                "kind": "indirect",
            },
            {
                "content": "talks would resume yesterday",
                "cue": "said",
                "source": "Officials",
                "source_type": "anonymous",
                "description": "officials",
                "kind": "indirect",
            },
        ],
        relations=[("Jane Smith", "criticized", "John Doe", "Smith added that John Doe had misled voters")],
        events=[("talks resume", "2024-01-01", "talks would resume yesterday", ["Jane Smith"])],
    )
    b = build(
        "b",
        TEXT_B,
        outlet="daily",
        date="2024-02-03",
        people={"John Doe": ["John Doe", "Doe"], "Jane Smith": ["Jane Smith", "Smith"]},
        quotes=[
            {"content": "We will win,", "cue": "said", "source": "John Doe", "speaker": "John Doe"},
            {
                "content": "the race is close",
                "cue": "According to",
                "source": "Jane Smith",
                "speaker": "Jane Smith",
                "kind": "according_to",
                "via": None,
            },
        ],
        relations=[("John Doe", "met", "Jane Smith", "Doe met Smith on Monday")],
    )
    # a different Smith: a bare surname with no full name in the article must not be merged with Jane Smith
    c = build(
        "c",
        TEXT_C,
        outlet="daily",
        date="2024-03-04",
        people={"Smith": ["Smith"]},
        quotes=[
            {
                "content": "the fish market was closed",
                "cue": "said",
                "source": "Smith",
                "speaker": "Smith",
                "kind": "indirect",
            },
            {
                "content": "nothing",
                "cue": "said",
                "source": "A spokesman",
                "source_type": "organization",
                "kind": "indirect",
                "via": "the ministry",
            },
        ],
    )
    return [a, b, c]


@pytest.fixture()
def make_analysis() -> Callable[..., Analysis]:
    return build


@pytest.fixture()
def small_corpus() -> list[Analysis]:
    return corpus()


def make_old_store(path: Any, version: int = 1) -> Any:
    """A store file as an older whosaid wrote it: the migrations up to ``version`` only."""
    import sqlite3

    from whosaid.store import MIGRATIONS

    conn = sqlite3.connect(path)
    for migration in MIGRATIONS[:version]:
        for statement in migration:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {int(version)}")
    conn.commit()
    conn.close()
    return path


@pytest.fixture()
def old_store() -> Callable[..., Any]:
    return make_old_store
