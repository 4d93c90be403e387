"""Input-size estimate for the progress bar, and the bar's advance callback."""

from __future__ import annotations

from whosaid.scale.progress import estimate_total, progress_bar


def test_estimate_total_counts_jsonl_lines_and_files(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-01-01\n\nHello.", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>Hi</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    assert estimate_total([str(tmp_path)]) == 5  # 3 non-empty lines (a bad one is counted: it is an item too)
    assert estimate_total([str(tmp_path / "a.jsonl")]) == 3
    assert estimate_total([str(tmp_path / "*.txt")]) == 1
    assert estimate_total(["-"]) is None
    assert estimate_total([]) == 0


def test_disabled_progress_bar_accepts_advances():
    with progress_bar(10, enabled=False) as advance:
        advance(3)
    with progress_bar(None, enabled=True) as advance:  # unknown total still works
        advance(2)
