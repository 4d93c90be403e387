"""Readers decode line by line: byte-order marks, bad bytes on one line, U+2028 in JSON, streaming, and ids
relative to the argument given."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.errors import InputError
from whosaid.model import Article
from whosaid.readers import read_articles, read_stream
from whosaid.readers.decode import CHUNK, Encoding, split_lines

BOM_ENCODINGS = [
    ("utf-8-sig", "utf-8"),
    ("utf-16", "utf-16-le"),  # Python writes its native (little-endian) order with a mark
    ("utf-16-be-bom", "utf-16-be"),
    ("utf-32", "utf-32-le"),
    ("utf-32-be-bom", "utf-32-be"),
]


def encode_with_bom(text: str, how: str) -> bytes:
    if how == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if how == "utf-32-be-bom":
        return b"\x00\x00\xfe\xff" + text.encode("utf-32-be")
    return text.encode(how)


def ok(items):
    return [i for i in items if isinstance(i, Article)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("how,codec", BOM_ENCODINGS)
def test_byte_order_marks_are_honoured_for_text_and_jsonl(tmp_path, how, codec):
    text = " date 2024-10-26 Zoë said “yes”.\nSecond line — done."
    p = tmp_path / "story.txt"
    p.write_bytes(encode_with_bom(text, how))
    (art,) = list(read_articles([str(p)]))
    assert isinstance(art, Article), art
    assert art.text == "Zoë said “yes”.\nSecond line — done." and str(art.date) == "2024-10-26"
    rows = [{"id": f"r{i}", "text": f"Line {i} — “quoted” \u2028 here."} for i in range(3)]
    j = tmp_path / "batch.jsonl"
    j.write_bytes(encode_with_bom("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", how))
    got = list(read_articles([str(j)]))
    assert [a.text for a in got] == [r["text"] for r in rows]


def test_utf16_without_a_mark_is_named_not_called_binary(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("The mayor said the bridge is safe.".encode("utf-16-le"))
    (err,) = list(read_articles([str(p)]))
    assert isinstance(err, InputError) and "UTF-16LE" in str(err) and "iconv" in str(err)


def _jsonl_with_latin1_line() -> bytes:
    lines = [json.dumps({"id": f"ok{i}", "text": f"Story {i}: the mayor said yes."}).encode() for i in range(5)]
    bad = '{"id": "bad", "text": "Caf\u00e9 owner said no."}'.encode("latin-1")
    return b"\n".join(lines[:3] + [bad] + lines[3:]) + b"\n"


def test_one_latin1_line_is_one_error_with_its_line_and_the_rest_is_read(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(_jsonl_with_latin1_line())
    items = list(read_articles([str(p)]))
    assert [a.id for a in ok(items)] == ["ok0", "ok1", "ok2", "ok3", "ok4"]
    (err,) = errors(items)
    assert err.line == 4 and err.source == str(p) and "UTF-8" in err.reason and "e9" in err.reason


@pytest.mark.parametrize("wrap", ["binary", "text-surrogateescape", "text-stream"])
def test_the_same_through_stdin(wrap):
    data = _jsonl_with_latin1_line()
    if wrap == "binary":
        stdin = io.BytesIO(data)
    elif wrap == "text-surrogateescape":  # what sys.stdin looks like under a C locale
        stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    else:  # a text stream without .buffer (a library caller's StringIO)
        stdin = io.StringIO(data.decode("utf-8", "surrogateescape"))
    items = list(read_articles(["-"], stdin=stdin))
    assert len(ok(items)) == 5
    (err,) = errors(items)
    assert err.line == 4 and err.source == "<stdin>"


def test_u2028_inside_a_json_string_is_not_a_line_break(tmp_path):
    rows = [{"id": "a", "text": "He said\u2028 “no”\u2029 twice."}, {"id": "b", "text": "x\u0085y said so."}]
    raw = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n"
    p = tmp_path / "seps.jsonl"
    p.write_text(raw, encoding="utf-8")
    items = list(read_articles([str(p)]))
    assert [a.text for a in ok(items)] == [r["text"] for r in rows]
    (err,) = errors(items)
    assert err.line == 3  # not shifted by the separators inside lines 1 and 2


def test_crlf_lines_blank_lines_and_a_missing_final_newline(tmp_path):
    p = tmp_path / "crlf.jsonl"
    p.write_bytes(
        b'{"id": "a", "text": "One."}\r\n\r\n{"id": "b", "text": "Two."}\r\n{oops\r\n{"id": "c", "text": "3."}'
    )
    items = list(read_articles([str(p)]))
    assert [a.id for a in ok(items)] == ["a", "b", "c"] and [e.line for e in errors(items)] == [4]


@pytest.mark.parametrize(
    "line,message",
    [
        ('{"id": "s", "text": "bad \\ud800 escape"}', "surrogate"),
        ('{"id": "s", "text": "fine", "title": "\\udfff"}', "surrogate"),
        ("[" * 100_000, "nested too deeply"),
        ('{"id": "s", "text": 3}', "non-string"),
    ],
)
def test_bad_json_lines_name_their_line(tmp_path, line, message):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "first", "text": "Good."}\n' + line + "\n", encoding="utf-8")
    items = list(read_articles([str(p)]))
    assert [a.id for a in ok(items)] == ["first"]
    (err,) = errors(items)
    assert err.line == 2 and message in err.reason


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_jsonl_file_is_an_error(tmp_path, content):
    p = tmp_path / "empty.jsonl"
    p.write_bytes(content)
    (err,) = list(read_articles([str(p)]))
    assert isinstance(err, InputError) and "empty" in str(err)


def test_a_bad_byte_in_a_text_file_names_its_line(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(b"First line.\nSecond line.\nCaf\xe9 owner said no.\n")
    (err,) = list(read_articles([str(p)]))
    assert isinstance(err, InputError) and err.line == 3 and "iconv" in err.reason


def test_html_in_its_declared_charset(tmp_path):
    body = " ".join(["The mayor said on Tuesday that the caf\u00e9 would reopen next spring after repairs."] * 5)
    html = (
        f'<html><head><meta charset="windows-1252"><title>Caf\u00e9 news</title></head>'
        f"<body><article><p>{body}</p></article></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("cp1252"))
    (art,) = list(read_articles([str(p)]))
    assert isinstance(art, Article) and "café would reopen" in art.text


class CountingStream(io.RawIOBase):
    """An endless JSONL stream that counts the bytes read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0
        self.line = (json.dumps({"text": "The mayor said the bridge is safe. " * 20}) + "\n").encode()

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        n = len(b)
        skip = self.read_bytes % len(self.line)
        data = (self.line * (n // len(self.line) + 2))[skip : skip + n]
        b[:n] = data
        self.read_bytes += n
        return n


def test_jsonl_is_streamed_not_read_whole():
    stream = CountingStream()
    items = read_stream(stream, source="endless.jsonl", kind="jsonl", id="endless")
    first = [next(items) for _ in range(50)]
    assert all(isinstance(a, Article) for a in first)
    assert stream.read_bytes <= 8192 + 2 * CHUNK
    assert first[49].id == "endless-50"


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.text(alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=12),
        min_size=1,
        max_size=8,
    ),
    codec=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
    cuts=st.lists(st.integers(min_value=1, max_value=7), max_size=40),
)
def test_split_lines_equals_splitting_the_text_on_newline_only(lines, codec, cuts):
    text = "\n".join(lines)
    data = text.encode(codec)
    chunks, pos = [], 0
    for c in cuts:
        chunks.append(data[pos : pos + c])
        pos += c
    chunks.append(data[pos:])
    enc = Encoding(codec, {"utf-8": 1, "utf-16-le": 2, "utf-16-be": 2}.get(codec, 4))
    got = [b.decode(codec) for b in split_lines(chunks, enc)]
    expected = text.split("\n")
    if expected and expected[-1] == "":
        expected.pop()
    assert got == expected


@pytest.mark.parametrize(
    "arg,ids",
    [
        ("{root}", ["a/story", "b/story", "b/sub/batch-1", "b/sub/batch-2", "top"]),
        ("{root}/*/story.txt", ["a/story", "b/story"]),
        ("{root}/**/*.jsonl", ["b/sub/batch-1", "b/sub/batch-2"]),
        ("{root}/a/story.txt", ["story"]),
        ("{root}/b", ["story", "sub/batch-1", "sub/batch-2"]),
    ],
)
def test_ids_are_paths_relative_to_the_argument(tmp_path, arg, ids):
    root = tmp_path / "corpus"
    for rel in ("a/story.txt", "b/story.txt", "top.txt", ".hidden/x.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{rel} said hi.", encoding="utf-8")
    (root / "b/sub").mkdir()
    (root / "b/sub/batch.jsonl").write_text('{"text": "One said."}\n{"text": "Two said."}\n', encoding="utf-8")
    got = list(read_articles([arg.format(root=root)]))
    assert [a.id for a in got] == ids


def test_a_folder_without_articles_and_a_glob_without_match_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(read_articles([str(tmp_path / "empty"), str(tmp_path / "*.none")]))
    assert [type(i) for i in items] == [InputError, InputError]
    assert "holds no" in str(items[0]) and "no file matches" in str(items[1])
