"""Hostile inputs for the escaping tests: markup and script in text, titles, outlets and names."""

from __future__ import annotations

import datetime as dt

from whosaid.model import Analysis, Article, Attribution, Entity, Relation, Span, TimeExpression

__all__ = ["XSS_SCRIPT", "XSS_IMG", "XSS_ATTR", "XSS_SVG", "XSS_MARKERS", "HOSTILE_TEXT", "hostile_analysis"]

# Markup that would run if any page or script put it into the DOM as HTML.
XSS_SCRIPT = "<script>window.__pwned = 'script'</script>"
XSS_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
XSS_ATTR = '" onmouseover="window.__pwned=\'attr\'" x="'
XSS_SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
XSS_MARKERS = ("<script>window", "<img src=x", "<svg onload", "<b>failed")  # as markup, never as text

HOSTILE_TEXT = (
    f"{XSS_SCRIPT} The mayor of Springfield said on Monday that the budget is balanced.\n\n"
    f'"We will never accept {XSS_IMG} in our town," said Jane Doe, the council leader. '
    f"According to officials, {XSS_SVG} the vote was postponed & delayed.\n"
)


def hostile_analysis() -> Analysis:
    """A hand-made analysis whose spans cover the hostile markup and whose names are hostile too."""
    text = (
        f'Eve {XSS_IMG} said "{XSS_SCRIPT} is fine {XSS_ATTR}" yesterday. '
        f"Eve is the sister of Mallory {XSS_SVG}. Officials said the plan <b>failed</b>."
    )
    art = Article(
        id="hostile-handmade",
        text=text,
        date=dt.date(2024, 11, 2),
        title=f"Title {XSS_SCRIPT}",
        outlet=f"outlet{XSS_ATTR}",
        url="javascript:alert(1)",
    )

    def span(sub: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(sub, start + 1)
        return Span.of(text, start, start + len(sub))

    eve_name = f"Eve {XSS_IMG}"
    mallory = f"Mallory {XSS_SVG}"
    quote_start = text.index('said "') + len('said "')
    quote_end = text.index('" yesterday')
    atts = (
        Attribution(
            kind="direct",
            content=Span.of(text, quote_start, quote_end),
            cue=span("said"),
            source=span(eve_name),
            speaker=eve_name,
            speaker_id="e1",
            source_type="person",
            via=f"via {XSS_SCRIPT}",
            said_at=f"2024{XSS_ATTR}",
            confidence=0.9,
            source_description=f"desc {XSS_IMG}",
        ),
        Attribution(
            kind="indirect",
            content=span("the plan <b>failed</b>"),
            cue=span("said", 1),
            source=span("Officials"),
            speaker=None,
            source_type="anonymous",
            source_description="Officials",
            confidence=0.6,
        ),
    )
    ents = (
        Entity(id="e1", name=eve_name, type="PERSON", mentions=(span(eve_name), span("Eve", 1))),
        Entity(id="e2", name=mallory, type="PERSON", mentions=(span(mallory),)),
    )
    rels = (
        Relation(
            subject=eve_name,
            relation=f"sibling{XSS_IMG}",
            object=mallory,
            evidence=span("Eve is the sister of Mallory"),
            subject_id="e1",
            object_id="e2",
            when="2024-11-01",
        ),
    )
    times = (
        TimeExpression(
            start=span("yesterday").start,
            end=span("yesterday").end,
            text="yesterday",
            type="DATE",
            value="2024-11-01",
            anchor="2024-11-02",
        ),
    )
    return Analysis(
        article=art, attributions=atts, entities=ents, times=times, relations=rels, warnings=(f"warning {XSS_SCRIPT}",)
    )
