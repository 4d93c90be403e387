"""Hypothesis: whatever the article, every span of every output points at its own text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.model import Analysis, Article

PIECES = [
    "The minister said",
    "that taxes would rise",
    '"We will win,"',
    "she told reporters.",
    "According to CNN,",
    "Ivanka Trump",
    "her father Donald Trump",
    "a source close to the team revealed",
    "“It is over.”",
    "on Monday",
    "last week",
    "in 2019",
    "he added",
    ":",
    ",",
    ".",
    "\n\n",
    "'",
    '"',
    "“",
    "”",
    "—",
    "Kim",
    "officials",
    "as per sources",
    "recently",
    "The insider revealed,",
    "Ümlaut café 😀",
    "  ",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), min_size=1, max_size=25))
def test_every_span_is_evidence(hybrid_pipeline, pieces):
    """In the default mode, with the library's error policy (a failing stage raises): no stage fails, and every
    span of the result is evidence."""
    text = " ".join(pieces)
    if not text.strip():
        return
    an = hybrid_pipeline.analyze(Article(id="h", text=text))
    assert an.warnings == ()
    for span in an.spans():
        assert text[span.start : span.end] == span.text
        for s, e in span.parts:
            assert span.start <= s < e <= span.end
    # and the JSON form round-trips
    assert Analysis.from_dict(an.to_dict(), text=text).to_dict() == an.to_dict()
