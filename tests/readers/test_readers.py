"""Readers: the date header, JSONL (configurable fields), HTML, folders, globs, stdin, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.errors import InputError
from whosaid.readers import FieldMap, read_articles, split_date_header


@pytest.mark.parametrize(
    "raw,date,text",
    [
        (" date 2024-10-26 Ivanka said hi.", "2024-10-26", "Ivanka said hi."),
        ("date 2024-10-26\nIvanka said hi.", "2024-10-26", "Ivanka said hi."),
        ("Date: 2024-10-26\n\nIvanka said hi.", "2024-10-26", "Ivanka said hi."),
        ("Ivanka said hi.", None, "Ivanka said hi."),
        ("Date night is back, she said.", None, "Date night is back, she said."),
        ("dates are hard", None, "dates are hard"),
    ],
)
def test_date_header(raw, date, text):
    assert split_date_header(raw) == (date, text)


def test_bad_date_header_names_the_file_and_line():
    with pytest.raises(InputError, match="a.txt:1"):
        split_date_header("date 26/10/2024 text", source="a.txt")
    # an ISO-shaped but impossible date is refused when the article is built
    from whosaid.readers import article_from_text

    with pytest.raises(InputError, match="a.txt:1"):
        article_from_text("date 2024-13-45 text here", id="a", source="a.txt")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_header_removal_keeps_the_text_after_it(body):
    raw = " date 2024-10-26 " + body
    date, text = split_date_header(raw)
    assert date == "2024-10-26"
    assert raw.endswith(text)


def test_text_file_id_is_the_stem(tmp_path):
    p = tmp_path / "seed-article.txt"
    p.write_text(" date 2024-10-26 She said so.", encoding="utf-8")
    (art,) = list(read_articles([str(p)]))
    assert art.id == "seed-article" and art.date == dt.date(2024, 10, 26) and art.text == "She said so."


def test_jsonl_with_renamed_fields_and_bad_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"doc": "x1", "body": "He said yes.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"doc": "x3", "body": "", "published": "2020-01-02"}),
        json.dumps({"doc": "x4", "body": "Fine.", "published": "02/01/2020"}),
        json.dumps(["a list"]),
        json.dumps({"doc": "x6", "body": "She agreed."}),
    ]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_articles([str(p)], fields=FieldMap(id="doc", text="body", date="published")))
    ok = [i for i in items if not isinstance(i, InputError)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in ok] == ["x1", "x6"]
    assert [e.line for e in errs] == [2, 3, 4, 5]
    assert all(str(p) in str(e) for e in errs)


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"   \n", "empty"),
        ("bin.txt", b"\x00\x01\x02binary", "binary"),
        ("latin.txt", "caf\u00e9 said".encode("latin-1"), "UTF-8"),
    ],
)
def test_unreadable_files_give_clear_errors(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    (err,) = list(read_articles([str(p)]))
    assert isinstance(err, InputError) and message in str(err) and name in str(err)


def test_missing_file_and_empty_glob(tmp_path):
    items = list(read_articles([str(tmp_path / "nope.txt"), str(tmp_path / "*.zzz")]))
    assert all(isinstance(i, InputError) for i in items) and len(items) == 2


def test_folder_and_glob_expand_in_order(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_text(f"{name} said hi.", encoding="utf-8")
    assert [a.id for a in read_articles([str(tmp_path)])] == ["a", "b"]
    assert [a.id for a in read_articles([str(tmp_path / "*.txt")])] == ["a", "b"]


def test_stdin_text_and_jsonl():
    (a,) = list(read_articles(["-"], stdin=io.StringIO(" date 2021-05-05 Hi there.")))
    assert a.id == "stdin" and a.date == dt.date(2021, 5, 5)
    (b,) = list(read_articles(["-"], stdin=io.StringIO('{"id": "q", "text": "Yes."}\n')))
    assert b.id == "q"


def test_html_page(tmp_path):
    body = " ".join(["The mayor said on Tuesday that the bridge would reopen next spring after repairs."] * 6)
    html = f"""<html><head><title>Bridge to reopen</title>
    <meta property="og:site_name" content="Daily Example"><meta name="date" content="2023-04-05"></head>
    <body><nav>Home | News</nav><article><h1>Bridge to reopen</h1><p>{body}</p></article></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    (art,) = list(read_articles([str(p)]))
    assert not isinstance(art, InputError)
    assert "bridge would reopen" in art.text and art.title == "Bridge to reopen"
    assert art.date == dt.date(2023, 4, 5)
