"""Hard-wrapped text: wrapping line breaks joined (same length, same offsets), paragraph breaks kept."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import shared_file

from whosaid.readers import article_from_text, articles_from_jsonl
from whosaid.readers.layout import unwrap_lines, wrap_width

WIRE = (
    "Rain continued throughout the week in\n"
    "the northern growing zone, easing the drought since early\n"
    "January and improving prospects for the coming harvest,\n"
    "although normal soil moisture has not been restored,\n"
    "the Acme Trading Company said in its weekly review.\n"
    "    The dry period means the harvest will be late this year.\n"
    "    Arrivals for the week were 155,221 bags of 60 kilos, against\n"
    "5.81 mln at the same stage last year, the company said.\n"
)


def _joined(text: str) -> str:
    return text.replace("\n", " ")


@pytest.mark.parametrize(
    "name,text,expected",
    [
        (
            "wire copy: wraps joined, indented paragraphs kept",
            WIRE,
            _joined(WIRE[: WIRE.index("    The dry")].rstrip("\n"))
            + "\n    The dry period means the harvest will be late this year.\n"
            + "    Arrivals for the week were 155,221 bags of 60 kilos, against 5.81 mln at the same stage last year,"
            " the company said.\n",
        ),
        (
            "a short story of three lines",
            "Pakistan will hold an import tender\ntomorrow for 6,000 tonnes of refined palm\noil for March shipment,"
            " traders said.\n Reuter",
            "Pakistan will hold an import tender tomorrow for 6,000 tonnes of refined palm oil for March shipment,"
            " traders said.\n Reuter",
        ),
        (
            "CRLF line ends: both characters become spaces",
            "The board met on Monday and\r\nsaid it would meet again in\r\nthe spring, the chairman said.\r\n",
            "The board met on Monday and  said it would meet again in  the spring, the chairman said.\r\n",
        ),
        (
            "a headline over a wrapped body stays on its own line",
            "Headline about the harbour bridge vote\n"
            "The city council said on Monday that it would vote on\n"
            "the harbour bridge plan in the spring, and the mayor said\n"
            "she expected the plan to pass.\n",
            "Headline about the harbour bridge vote\n"
            "The city council said on Monday that it would vote on the harbour bridge plan in the spring, and the"
            " mayor said she expected the plan to pass.\n",
        ),
    ],
)
def test_unwrap_table(name, text, expected):
    out = unwrap_lines(text)
    assert out == expected, name
    assert len(out) == len(text)


@pytest.mark.parametrize(
    "name,text",
    [
        (
            "web text: one paragraph per line",
            "The mayor said on Monday that the bridge would open in May, ahead of the schedule set last year.\n"
            "Critics said the cost had doubled since the plan was approved by the council in 2019.\n"
            "“We will keep asking questions,” said Jane Doe, who leads the residents' group.\n",
        ),
        (
            "a headline, a subtitle and a byline on lines of their own",
            "Trump's daughter wishes father happy birthday\nA post that runs on\nBy Jane Doe\n"
            "WASHINGTON - The president said on Monday that he would go.\n",
        ),
        ("blank-line paragraphs", "The mayor said it\n\nwould open.\n\nCritics said\n\nit would not.\n"),
        ("a list", "The report said:\n- costs rose by a third in\n- two years and\n- the plan was late\n"),
        (
            "an earnings table (indented rows)",
            "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Revs 3.1 mln\n",
        ),
        ("one line break only", "The company said it set March\n26 as the record date.\n"),
        ("no line break", "The company said it set March 26 as the record date."),
        ("long lines that run on", ("word " * 30 + "and\n") * 4),
    ],
)
def test_left_alone(name, text):
    assert unwrap_lines(text) == text, name


def test_wrap_width_is_the_line_length():
    assert wrap_width(WIRE) is not None and 50 <= wrap_width(WIRE) <= 70
    assert wrap_width("no line break at all") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\r\t-1A")), max_size=400))
def test_same_length_and_only_line_breaks_change(text):
    out = unwrap_lines(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        assert a == b or (a in "\r\n" and b == " ")
    assert unwrap_lines(out) == out  # joining twice changes nothing more


def test_readers_join_wraps_and_keep_offsets():
    art = article_from_text("date 1987-02-26\n" + WIRE, id="wire")
    assert "northern growing zone, easing" in art.text
    assert art.text.count("\n") == 3
    (row,) = list(articles_from_jsonl([json.dumps({"id": "w", "text": WIRE})], source="x.jsonl"))
    assert row.text == unwrap_lines(WIRE) and len(row.text) == len(WIRE)


@pytest.mark.parametrize("which", ["hybrid_pipeline", "pipeline"])
def test_wrapped_statements_are_whole(which, request):
    """Joined, both statements of the wire story are found: the first with its content on the lines before its
    cue, the second whole over a wrap (read line by line, one sentence per line, the hybrid mode found only the
    second, cut to its last line, and the rules nothing)."""
    art = article_from_text(WIRE, id="wire")
    analysis = request.getfixturevalue(which).analyze(art)
    by_source = {a.source.text: a for a in analysis.attributions if a.source is not None and a.content is not None}
    assert set(by_source) >= {"the Acme Trading Company", "the company"}, analysis.attributions
    first, second = by_source["the Acme Trading Company"], by_source["the company"]
    assert first.content.end < first.cue.start < WIRE.index("    The dry")  # type: ignore[union-attr]
    assert second.content.text.startswith("Arrivals") and second.content.text.endswith("last year")  # type: ignore[union-attr]
    for a in analysis.attributions:
        for span in (a.content, a.cue, a.source):
            if span is not None:
                assert art.text[span.start : span.end] == span.text


def test_corpora():
    """Reuters wire copy is hard-wrapped (most stories joined); PolNeAR's web news never is."""
    reuters = [json.loads(line)["text"] for line in shared_file("news/reuters-sample-1000.jsonl").open()]
    wrapped = [t for t in reuters if t.count("\n") >= 3 and "\n    " in t]
    assert sum(unwrap_lines(t) != t for t in wrapped) >= 0.8 * len(wrapped)
    polnear = [json.loads(line)["text"] for line in shared_file("polnear/train.jsonl").open()]
    assert all(unwrap_lines(t) == t for t in polnear)
