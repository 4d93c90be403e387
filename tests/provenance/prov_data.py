"""Hand-made analyses for the provenance tests: one quote per article, with speaker, outlet, date, via."""

from __future__ import annotations

import datetime as dt

from whosaid.model import Analysis, Article, Attribution, Entity, Span

BRIDGE = "The old bridge on Main Street is unsafe and it must close before the winter storms arrive"


def quote_article(
    aid: str,
    date: str,
    outlet: str | None,
    speaker: str | None,
    quote: str,
    *,
    via: str | None = None,
    kind: str = "direct",
    source_type: str = "person",
    extra: tuple[str, ...] = (),
) -> Analysis:
    """An article '<speaker> said: "<quote>" ...' whose statements are the quote and each of ``extra``."""
    who = speaker or "A source"
    text = f'{who} said: "{quote}" The end.'
    for e in extra:
        text += f' Later {who} said: "{e}"'
    atts, ents = [], []
    src = Span.of(text, 0, len(who))
    if speaker and source_type == "person":
        ents.append(Entity(id="e1", name=speaker, type="PERSON", mentions=(src,)))
    for q in (quote, *extra):
        start = text.index(q)
        atts.append(
            Attribution(
                kind=kind,
                content=Span.of(text, start, start + len(q)),
                source=src,
                speaker=speaker,
                speaker_id="e1" if ents else None,
                source_type=source_type if speaker else "anonymous",
                via=via,
            )
        )
    return Analysis(
        article=Article(
            id=aid, text=text, date=dt.date.fromisoformat(date) if date else None, outlet=outlet, title=f"Story {aid}"
        ),
        attributions=tuple(atts),
        entities=tuple(ents),
    )


def acceptance_set() -> list[Analysis]:
    """The issue's case: one statement in three outlets (one trimmed, one with a changed word, relayed), and the
    same words from a different speaker in a fourth, plus an unrelated statement."""
    return [
        quote_article("gazette", "2024-03-01", "Springfield Gazette", "Ann Lee", BRIDGE),
        quote_article(
            "planet",
            "2024-03-03",
            "Daily Planet",
            "Ann Lee",
            "The old bridge on Main Street is unsafe and it must close",
        ),
        quote_article(
            "post",
            "2024-03-05",
            "Evening Post",
            "Ann Lee",
            BRIDGE.replace("unsafe", "dangerous"),
            via="Springfield Gazette",
        ),
        quote_article("star", "2024-03-06", "Morning Star", "Bo Chan", BRIDGE),
        quote_article(
            "other",
            "2024-03-02",
            "Daily Planet",
            "Ann Lee",
            "Taxes will not rise next year whatever the council decides about the budget",
        ),
    ]
