"""The guarantees of docs/output.md (issue 13), checked on every record of PolNeAR dev in the default mode and on
Hypothesis-made text: every record has a content of its own, a category and a confidence; no two records share a
content or a cue; no content holds its own cue or source; a record without cue and source is a quotation
continuing another."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.model import CATEGORIES, Analysis, Article


def broken_guarantees(an: Analysis) -> list[str]:
    """What breaks the output guarantees in one analysis (empty when they hold)."""
    text = an.article.text
    problems: list[str] = []
    contents, cues = set(), set()
    for k, a in enumerate(an.attributions):
        where = f"{an.article.id} record {k}"
        if a.content is None:
            problems.append(f"{where}: no content")
            continue
        if (a.content.start, a.content.end) in contents:
            problems.append(f"{where}: content repeated")
        contents.add((a.content.start, a.content.end))
        if a.cue is not None:
            if (a.cue.start, a.cue.end) in cues:
                problems.append(f"{where}: cue repeated")
            cues.add((a.cue.start, a.cue.end))
        for role in (a.cue, a.source):
            if role is not None and any(s < role.end and role.start < e for s, e in a.content.parts):
                problems.append(f"{where}: content holds its own {'cue' if role is a.cue else 'source'}")
        if a.category not in CATEGORIES:
            problems.append(f"{where}: category {a.category!r}")
        if not 0.0 <= a.confidence <= 1.0:
            problems.append(f"{where}: confidence {a.confidence}")
        if a.cue is None and a.source is None and a.kind != "direct":
            problems.append(f"{where}: nobody said it")
        for s, e in a.content.parts:
            if not (a.content.start <= s < e <= a.content.end and text[s:e].strip()):
                problems.append(f"{where}: bad fragment {(s, e)}")
        if a.content.text != text[a.content.start : a.content.end]:
            problems.append(f"{where}: content text is not the article's")
    return problems


def test_the_guarantees_hold_on_every_polnear_dev_record(polnear_dev_hybrid):
    _, result, analyses = polnear_dev_hybrid
    assert len(analyses) == 84 and sum(len(a.attributions) for a in analyses) == result.score.records.n_pred
    assert [p for an in analyses for p in broken_guarantees(an)] == []


def test_the_checker_sees_a_broken_record():
    """The checker itself can fail: a record without content and a repeated cue are reported."""
    from whosaid.model import Attribution, Span

    text = "She said it. She said it."
    said = Span.of(text, 4, 8)
    an = Analysis(
        article=Article(id="x", text=text),
        attributions=(
            Attribution(kind="indirect", content=None, cue=said, category="assertion"),
            Attribution(
                kind="indirect",
                content=Span.of(text, 9, 11),
                cue=said,
                source=Span.of(text, 0, 3),
                category="assertion",
            ),
            Attribution(kind="indirect", content=Span.of(text, 13, 25), cue=Span.of(text, 17, 21), category=None),
            Attribution(kind="indirect", content=Span.of(text, 0, 3), cue=said, category="assertion"),
        ),
    )
    problems = broken_guarantees(an)
    assert any("no content" in p for p in problems) and any("cue repeated" in p for p in problems)
    assert any("holds its own cue" in p for p in problems) and any("category None" in p for p in problems)


PIECES = [
    "The minister said",
    "that taxes would rise",
    '"We will win this race,"',
    "she told reporters.",
    "According to CNN,",
    "Ivanka Trump",
    "a source close to the team revealed",
    "“It is over for all of us.”",
    "he added.",
    "Officials believe",
    "the plan was named",
    "approved the bill",
    "$30 per megawatt-hour",
    "she wrote,",
    '"The bridge is safe," Chen added. "But the tunnel is not."',
    "The study found",
    ":",
    ",",
    ".",
    "\n\n",
    '"',
    "“",
    "”",
    "—",
    "as per sources,",
    "recently",
    "The insider revealed,",
    "promised to",
    "  ",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=10), min_size=1, max_size=25))
def test_the_guarantees_hold_on_any_text(hybrid_pipeline, pieces):
    text = " ".join(pieces)
    if not text.strip():
        return
    an = hybrid_pipeline.analyze(Article(id="h", text=text))
    assert an.warnings == ()
    assert broken_guarantees(an) == []
