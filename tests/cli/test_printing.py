"""Article text reaches the terminal literally: no rich markup, control characters shown as escapes; CSV cells
that a spreadsheet would run as formulas are neutralised (OWASP)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from whosaid.cli import main
from whosaid.model import Analysis, Article, Attribution, Entity, Span
from whosaid.output import csv_cell, visible
from whosaid.store import Store

MARKUP = "[/b] closes nothing, [link=https://evil.example]click[/link] and [bold red]loud[/]"
ESCAPES = "\x1b[2J\x1b]0;pwned\x07 beep\x08 \u202etxet desrever\u202c"
FORMULA = '=HYPERLINK("https://evil.example","x")'


def analysis(aid: str, speaker: str, quote: str) -> Analysis:
    text = f"{speaker} said that {quote}. Officials said nothing."
    s = Span.of(text, 0, len(speaker))
    c = Span.of(text, len(speaker) + 11, len(speaker) + 11 + len(quote))
    return Analysis(
        article=Article(id=aid, text=text, date=dt.date(2020, 5, 1), outlet="wire", title=f"{quote} [b]title"),
        attributions=(
            Attribution(
                kind="indirect",
                content=c,
                cue=Span.of(text, len(speaker) + 1, len(speaker) + 5),
                source=s,
                speaker=speaker,
                speaker_id="e1",
                source_type="person",
            ),
        ),
        entities=(Entity(id="e1", name=speaker, type="PERSON", mentions=(s,)),),
    )


@pytest.fixture()
def hostile_db(tmp_path) -> str:
    path = tmp_path / "h.db"
    with Store(path) as store:
        store.upsert_many(
            [
                analysis("m1", "Ann [i]Lee", MARKUP),
                analysis("e2", "Bo Chan", ESCAPES),
                analysis("f3", "Cy Dorn", FORMULA),
                analysis("f4", "Di Eck", "-1+1 is the sum"),
            ],
            errors=[(None, "evil[/b]\x1b[31m.jsonl:3", "malformed [link=x]JSON[/link] \x1b[0m")],
        )
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["quotes"],
        ["errors"],
        ["people"],
        ["people", "Ann [i]Lee"],
        ["article", "m1", "-f", "table"],
        ["article", "e2", "-f", "text"],
        ["sources"],
    ],
)
def test_tables_print_stored_text_literally(hostile_db, args):
    code, out = run(*args, "--db", hostile_db)
    assert code == 0, out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\x08" not in out


def test_markup_and_escapes_are_shown_as_written(hostile_db):
    _, out = run("quotes", "--db", hostile_db, "-n", "10")
    flat = "".join(out.split())  # table cells fold long text over lines
    assert "[/b]closesnothing" in flat and "[link=https://evil.example]click[/link]" in flat
    assert "\\x1b[2J" in flat and "\\u202e" in flat
    _, out = run("errors", "--db", hostile_db)
    flat = "".join(out.split())
    assert "evil[/b]\\x1b[31m.jsonl:3" in flat and "[link=x]JSON[/link]" in flat


def test_analyze_text_format_makes_escapes_visible(tmp_path):
    src = tmp_path / "evil.txt"
    src.write_text(f"Mayor Ann Lee said that \x1b[31mthe bridge\x1b[0m is safe [/b]. {ESCAPES}", encoding="utf-8")
    result = CliRunner().invoke(main, ["--mode", "rules", "analyze", str(src), "-f", "text"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\\x1b[31m" in result.stdout
    jsonl = CliRunner().invoke(main, ["--mode", "rules", "analyze", str(src), "-f", "jsonl", "--include-text"])
    assert json.loads(jsonl.stdout)["text"].startswith("Mayor Ann Lee said that \x1b[31m")  # data stays data


def test_csv_cells_are_neutralised(hostile_db):
    _, out = run("quotes", "--db", hostile_db, "-f", "csv", "-n", "10")
    rows = list(csv.DictReader(io.StringIO(out)))
    contents = {r["content"] for r in rows}
    assert "'" + FORMULA in contents and "'-1+1 is the sum" in contents
    assert MARKUP in contents  # not a formula: unchanged
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())
    _, js = run("quotes", "--db", hostile_db, "-f", "json", "-n", "10")
    assert FORMULA in {q["content"] for q in json.loads(js)}  # JSON keeps the value as stored


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


@given(st.text())
def test_visible_leaves_no_control_character_and_keeps_the_rest(text):
    shown = visible(text)
    assert not any(
        ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        for c in shown
    )
    if all(c.isprintable() and not (0x2066 <= ord(c) <= 0x2069) for c in text):
        assert shown == text
