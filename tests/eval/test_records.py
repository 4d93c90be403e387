"""Record-level scores (issue 13): every output record counts, matched one to one to gold, with the
definitions of ../shared/tools/score.py (records_prf, and the seed mode's record figures)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import independent_scorer

from whosaid.cli import main
from whosaid.eval.metrics import AttributionScore, score_document
from whosaid.eval.seed import score_seed

# A synthetic article (no development data): word offsets are easy to read off.
TEXT = (
    "Anna Berg said the bridge will open in May. Critics argued that the cost doubled. "
    'The mayor, according to officials, wants a second bridge. "It is safe," Berg added.'
)


def span(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def att(content: str | None = None, source: str | None = None, cue: str | None = None) -> dict:
    return {
        "content": span(content) if content else None,
        "source": span(source) if source else None,
        "cue": span(cue) if cue else None,
    }


G1 = att("the bridge will open in May", "Anna Berg", "said")
G2 = att("the cost doubled", "Critics", "argued")
G3 = att("The mayor", "officials", "according to")  # content-less-looking gold with a source
G4 = att("It is safe", "Berg", "added")
G_NOSRC = att("wants a second bridge", None, "wants")

CASES = [
    # name, gold, pred, (matched, n_pred, n_gold, without_content, duplicate_contents, unmatched)
    ("perfect", [G1, G2], [G1, G2], (2, 2, 2, 0, 0, 0)),
    ("content-less record is a false positive", [G1], [G1, att(None, "Critics", "argued")], (1, 2, 1, 1, 0, 1)),
    ("a duplicate matches once", [G1], [G1, dict(G1, cue=span("will"))], (1, 2, 1, 0, 1, 1)),
    ("wrong source", [G1], [att("the bridge will open in May", "Critics", "said")], (0, 1, 1, 0, 0, 1)),
    ("source sharing one token", [G4], [att("It is safe", "Anna Berg", "added")], (1, 1, 1, 0, 0, 0)),
    ("neither has a source", [G_NOSRC], [att("wants a second bridge")], (1, 1, 1, 0, 0, 0)),
    (
        "gold without source, prediction with one",
        [G_NOSRC],
        [att("wants a second bridge", "The mayor")],
        (0, 1, 1, 0, 0, 1),
    ),
    ("content Jaccard below one half", [G1], [att("the bridge", "Anna Berg")], (0, 1, 1, 0, 0, 1)),
    ("content Jaccard exactly one half", [G1], [att("the bridge will", "Anna Berg")], (1, 1, 1, 0, 0, 0)),
    ("quote marks and edge punctuation are trimmed", [G4], [att('"It is safe,"', "Berg")], (1, 1, 1, 0, 0, 0)),
    ("one record cannot serve two gold attributions", [G1, G1], [G1], (1, 1, 2, 0, 0, 0)),
    ("missed gold", [G1, G2, G3], [G2], (1, 1, 3, 0, 0, 0)),
    ("no prediction", [G1], [], (0, 0, 1, 0, 0, 0)),
    ("only content-less records", [G1], [att(None, "Anna Berg", "said")] * 3, (0, 3, 1, 3, 0, 3)),
]


@pytest.mark.parametrize("name,gold,pred,expected", CASES, ids=[c[0] for c in CASES])
def test_record_counts(name, gold, pred, expected):
    score = AttributionScore()
    score_document(score, TEXT, gold, pred)
    r = score.records
    assert (r.matched, r.n_pred, r.n_gold, r.without_content, r.duplicate_contents, r.unmatched) == expected


def test_records_prf_counts_what_the_role_scores_hide():
    """A content-less record costs nothing in the role-level e2e score but lowers records precision."""
    score = AttributionScore()
    score_document(score, TEXT, [G1, G2], [G1, G2, att(None, "Critics", "argued"), att(None, "Berg", "added")])
    fig = score.as_dict()
    assert fig["attribution_e2e_prf"] == (100.0, 100.0, 100.0)
    assert fig["records_prf"] == (50.0, 100.0, 66.7)
    assert (fig["records"], fig["records_without_content"], fig["unmatched_records"]) == (4, 2, 2)


def _to_json(triples: list[dict]) -> list[dict]:
    return [
        {role: ({"start": s[0], "end": s[1], "text": TEXT[s[0] : s[1]]} if s else None) for role, s in t.items()}
        for t in triples
    ]


def _theirs(mod, docs: list[tuple[str, list[dict], list[dict]]]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold.write_text(
            "".join(json.dumps({"id": i, "text": TEXT, "attributions": _to_json(g)}) + "\n" for i, g, _ in docs)
        )
        pred.write_text("".join(json.dumps({"id": i, "attributions": _to_json(p)}) + "\n" for i, _, p in docs))
        return mod.polnearjsonl(str(gold), str(pred))


def _ours(docs: list[tuple[str, list[dict], list[dict]]]) -> dict:
    score = AttributionScore()
    for _, g, p in docs:
        score_document(score, TEXT, g, p)
    return score.as_dict()


def _assert_same(theirs: dict, ours: dict) -> None:
    for key, value in theirs.items():
        if key.endswith("_prf"):
            assert tuple(value) == ours[key], key


def test_the_table_agrees_with_score_py():
    """All table cases as one synthetic prediction file, scored by score.py itself and by whosaid."""
    mod = independent_scorer()
    docs = [(f"doc{i}", gold, pred) for i, (_, gold, pred, _) in enumerate(CASES)]
    theirs, ours = _theirs(mod, docs), _ours(docs)
    assert theirs["records_prf"] and tuple(theirs["records_prf"]) == ours["records_prf"]
    assert theirs["articles_missing_in_prediction"] == 0
    _assert_same(theirs, ours)


WORD_EDGES = [0] + [i + 1 for i, c in enumerate(TEXT) if c == " "] + [len(TEXT) + 1]
_spans = st.tuples(st.integers(0, len(WORD_EDGES) - 2), st.integers(1, 6)).map(
    lambda t: (WORD_EDGES[t[0]], min(len(TEXT), WORD_EDGES[min(t[0] + t[1], len(WORD_EDGES) - 1)] - 1))
)
_records = st.fixed_dictionaries(
    {"content": st.none() | _spans, "source": st.none() | _spans, "cue": st.none() | _spans}
)


@settings(max_examples=60, deadline=None)
@given(gold=st.lists(_records, max_size=5), pred=st.lists(_records, max_size=7))
def test_random_records_agree_with_score_py(gold, pred):
    mod = independent_scorer()
    docs = [("d", gold, pred)]
    _assert_same(_theirs(mod, docs), _ours(docs))


def test_seed_record_figures_agree_with_score_py(seed_gold, seed_analysis, tmp_path):
    mod = independent_scorer()
    pred = tmp_path / "seed.jsonl"
    pred.write_text(json.dumps(seed_analysis.to_dict()) + "\n")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(seed_gold))
    theirs = mod.seed(str(gold), str(pred))
    ours = score_seed(seed_gold, seed_analysis)
    for key in (
        "records",
        "records_without_content",
        "duplicate_contents",
        "unmatched_records",
        "spurious_beyond_gold",
        "found",
        "speaker_correct",
    ):
        assert ours[key] == theirs[key], key
    assert ours["records"] == len(seed_analysis.attributions) > 0


def test_eval_polnear_cli_prints_records(tmp_path):
    """End to end: a one-article PolNeAR-style file through `whosaid eval polnear`."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {"id": "a1", "date": "2024-05-02", "outlet": "test", "text": TEXT, "attributions": _to_json([G1, G2, G4])}
        )
        + "\n"
    )
    runner = CliRunner()
    res = runner.invoke(main, ["--mode", "rules", "eval", "polnear", "--gold", str(gold)])
    assert res.exit_code == 0, res.output
    assert "records (every output record, one to one)" in res.output
    assert "without content" in res.output and "matching no gold attribution (3 gold)" in res.output
    res = runner.invoke(main, ["--mode", "rules", "eval", "polnear", "--gold", str(gold), "--json"])
    (fig,) = json.loads(res.stdout)
    assert {"records_prf", "records", "records_without_content", "duplicate_contents", "unmatched_records"} <= set(fig)
    assert 0 <= fig["unmatched_records"] <= fig["records"]
