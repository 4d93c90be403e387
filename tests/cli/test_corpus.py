"""The corpus commands: ingest, quotes, people, sources, article, errors, load-parquet (formats and errors)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import shared_file

from whosaid.cli import main
from whosaid.model import Analysis, Article, Attribution, Entity, Span
from whosaid.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _analysis(aid: str, outlet: str, speaker: str, quote: str, source_type: str = "person") -> Analysis:
    text = f"{speaker} said that {quote}. Officials said nothing."
    s = Span.of(text, 0, len(speaker))
    c = Span.of(text, len(speaker) + 11, len(speaker) + 11 + len(quote))
    ent = Entity(id="e1", name=speaker, type="PERSON", mentions=(s,))
    attrs = (
        Attribution(
            kind="indirect",
            content=c,
            cue=Span.of(text, len(speaker) + 1, len(speaker) + 5),
            source=s,
            speaker=speaker,
            speaker_id="e1",
            source_type=source_type,
        ),
        Attribution(
            kind="indirect",
            content=Span.of(text, text.index("nothing"), text.index("nothing") + 7),
            source_type="anonymous",
            source_description="officials",
        ),
    )
    return Analysis(
        article=Article(
            id=aid, text=text, date=dt.date(2020, 5, int(aid[-1]) + 1), outlet=outlet, title=f"Story {aid}"
        ),
        attributions=attrs,
        entities=(ent,),
    )


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "c.db"
    with Store(path) as store:
        store.upsert_many(
            [
                _analysis("n1", "nyt", "Ann Lee", "taxes will rise"),
                _analysis("n2", "nyt", "Ann Lee", "the bridge is unsafe"),
                _analysis("p3", "politico", "Bo Chan", "rates will fall"),
            ]
        )
    return str(path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_quotes_in_three_formats(db):
    code, out, _ = invoke("quotes", "--db", db, "--speaker", "Ann Lee", "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["content"] for r in rows} == {"taxes will rise", "the bridge is unsafe"}
    code, out, _ = invoke("quotes", "--db", db, "--search", "rates", "-f", "csv")
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert [r["article_id"] for r in parsed] == ["p3"] and parsed[0]["speaker_id"] == "bo-chan"
    code, out, _ = invoke("quotes", "--db", db, "--outlet", "politico", "--source-type", "anonymous")
    assert code == 0 and "nothing" in out and "taxes" not in out
    code, out, _ = invoke("quotes", "--db", db, "--since", "2020-05-03", "-f", "json")
    assert {r["article_id"] for r in json.loads(out)} == {"n2", "p3"}


def test_people_list_and_detail(db):
    code, out, _ = invoke("people", "--db", db, "-f", "json")
    people = json.loads(out)
    assert [p["person_id"] for p in people] == ["ann-lee", "bo-chan"]
    assert people[0]["n_quotes"] == 2 and people[0]["by_source_type"] == {"person": 2}
    code, out, _ = invoke("people", "--db", db)
    assert code == 0 and "Ann Lee" in out and "quotes" in out
    code, out, _ = invoke("people", "Ann Lee", "--db", db)
    assert code == 0 and "taxes will rise" in out
    code, out, _ = invoke("people", "Ann Lee", "--db", db, "-f", "json")
    assert json.loads(out)[0]["person_id"] == "ann-lee"


def test_sources_by_outlet_table_and_csv(db):
    code, out, _ = invoke("sources", "--by", "outlet", "--db", db)
    assert code == 0 and "nyt" in out and "politico" in out and "sources by outlet" in out
    code, out, _ = invoke("sources", "--db", db, "-f", "csv")
    rows = {r["outlet"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["nyt"]["statements"] == "4" and rows["nyt"]["anonymous"] == "2"
    assert float(rows["nyt"]["share_anonymous"]) == pytest.approx(0.5)


def test_article_formats(db):
    code, out, _ = invoke("article", "n1", "--db", db, "-f", "json", "--include-text")
    data = json.loads(out)
    assert code == 0 and data["id"] == "n1" and data["text"].startswith("Ann Lee said")
    assert Analysis.from_dict(data) == Store(db).article("n1")
    code, out, _ = invoke("article", "n1", "--db", db)
    assert code == 0 and "taxes will rise" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (("quotes", "--db", "{missing}"), "whosaid ingest"),
        (("quotes", "--db", "{db}", "--since", "yesterday"), "YYYY-MM-DD"),
        (("article", "nope", "--db", "{db}"), "no article 'nope'"),
        (("people", "Nobody", "--db", "{db}"), "no person 'Nobody'"),
        (("ingest", "{db}", "--db", "{db}", "--scheduler", "tcp://x:1"), "--engine dask"),
    ],
)
def test_user_errors_say_how_to_fix(db, tmp_path, args, message):
    filled = [a.format(db=db, missing=str(tmp_path / "missing.db")) for a in args]
    result = CliRunner().invoke(main, filled)
    assert result.exit_code != 0
    assert message in result.stderr


def test_ingest_examples_then_query(tmp_path):
    db = str(tmp_path / "ex.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Bo Chan said hi."}\n{oops\n', encoding="utf-8")
    code, out, err = invoke(
        "--mode", "rules", "ingest", str(EXAMPLES), str(bad), "--db", db, "-j", "1", "--summary-json"
    )
    assert code == 3, err  # one line rejected, the rest stored (EXIT_PARTIAL)
    summary = json.loads(out)
    n_examples = len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".jsonl")])
    assert summary["added"] >= n_examples and summary["failed"] == 1
    assert "1 failed" in err
    code, out, _ = invoke("errors", "--db", db, "-f", "json")
    assert json.loads(out)[0]["source"].endswith("bad.jsonl:2")
    code, out, _ = invoke("quotes", "--db", db, "--article", "seed-article", "-f", "json")
    quotes = json.loads(out)
    assert quotes, "the seed article has statements"
    text = Store(db).article("seed-article").article.text
    for q in quotes:
        assert text[q["content_start"] : q["content_end"]] == q["content"]
    code, out, err = invoke("--mode", "rules", "ingest", str(EXAMPLES), "--db", db, "--summary-json")
    assert json.loads(out)["skipped"] == summary["added"] - 1  # all but bad.jsonl's good line


def test_sources_by_outlet_on_polnear_dev(tmp_path):
    """End to end on real news: ingest a few PolNeAR dev articles per outlet, then `sources --by outlet`."""
    gold = shared_file("polnear/dev.jsonl")
    per_outlet: dict[str, list[str]] = {}
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            outlet = json.loads(line).get("outlet")
            if outlet and len(per_outlet.setdefault(outlet, [])) < 2:
                per_outlet[outlet].append(line)
    assert len(per_outlet) >= 2, "PolNeAR dev should hold several outlets"
    src = tmp_path / "dev-subset.jsonl"
    src.write_text("".join(line for lines in per_outlet.values() for line in lines), encoding="utf-8")
    db = str(tmp_path / "dev.db")
    code, _, err = invoke("--mode", "rules", "ingest", str(src), "--db", db, "-q")
    assert code == 0, err
    code, out, _ = invoke("sources", "--by", "outlet", "--db", db)
    assert code == 0 and "sources by outlet" in out
    for outlet in per_outlet:
        assert outlet in out
    code, out, _ = invoke("sources", "--by", "outlet", "--db", db, "-f", "csv")
    rows = {r["outlet"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == set(per_outlet)
    assert all(int(r["statements"]) > 0 for r in rows.values())
    for r in rows.values():
        shares = [float(r[k]) for k in r if k.startswith("share_")]
        assert all(0.0 <= x <= 1.0 for x in shares)
