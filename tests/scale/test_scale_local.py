"""The local process pool with a light fake pipeline: order, failures, dead workers, orphaned workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from scale_fakes import FakePipeline, broken_factory, fake_factory

from whosaid.errors import ModelError
from whosaid.model import Analysis, Article
from whosaid.options import Options
from whosaid.scale.local import Failure, analyze_parallel, analyze_stream, peek_size

OPTS = Options(mode="rules", n_process=2, batch_size=4)


def arts(n: int, *, special: dict[int, str] | None = None) -> list[Article]:
    special = special or {}
    return [Article(id=f"a{i:03d}", text=special.get(i, f"word{i} and more text")) for i in range(n)]


def test_parallel_keeps_input_order_and_uses_both_workers():
    items = arts(41)
    out = list(analyze_parallel(items, OPTS, chunk_size=3, factory=fake_factory))
    assert [a.article.id for a in out] == [a.id for a in items]
    assert all(a.attributions[0].content.text == f"word{i}" for i, a in enumerate(out))
    assert len({a.warnings[0] for a in out}) == 2  # two worker processes did the work


def test_parallel_handles_empty_input():
    assert list(analyze_parallel([], OPTS, factory=fake_factory)) == []


def test_failed_article_is_reported_in_place_and_the_rest_survive():
    items = arts(10, special={4: "CRASH here"})
    out = list(analyze_parallel(items, OPTS, chunk_size=3, keep_failures=True, factory=fake_factory))
    assert [type(x).__name__ for x in out] == ["Analysis"] * 4 + ["Failure"] + ["Analysis"] * 5
    assert isinstance(out[4], Failure) and "cannot parse a004" in out[4].message
    with pytest.raises(ModelError, match="a004"):
        list(analyze_parallel(items, OPTS, chunk_size=3, factory=fake_factory))


def test_dead_worker_raises_instead_of_hanging():
    started = time.monotonic()
    with pytest.raises(ModelError, match="worker process died"):
        list(analyze_parallel(arts(8, special={5: "DIE now"}), OPTS, chunk_size=2, factory=fake_factory))
    assert time.monotonic() - started < 30


def test_pipeline_that_cannot_be_built_raises():
    with pytest.raises(ModelError, match="model files missing"):
        list(analyze_parallel(arts(3), OPTS, factory=broken_factory))


def test_peek_size_and_small_inputs_stay_in_process():
    items = arts(5)
    head, rest, large = peek_size(items, min_chars=40)
    assert large and len(head) == 3 and [a.id for a in head + list(rest)] == [a.id for a in items]
    head, rest, large = peek_size(items, min_chars=10_000)
    assert not large and len(head) == 5 and list(rest) == []
    fake = FakePipeline(OPTS)
    out = list(analyze_stream(items, OPTS, pipeline=fake))  # type: ignore[arg-type]
    assert {a.warnings[0] for a in out} == {f"pid {os.getpid()}"}  # ran here, no worker started


def test_analyze_stream_goes_parallel_for_large_inputs(monkeypatch):
    import whosaid.scale.local as local

    seen = {}

    def spy(articles, options, **kw):
        seen["n"] = options.n_process
        yield from (Analysis(article=a) for a in articles)

    monkeypatch.setattr(local, "analyze_parallel", spy)
    out = list(analyze_stream(arts(6), OPTS, min_chars=20))
    assert seen == {"n": 2} and len(out) == 6


_ORPHAN_SCRIPT = textwrap.dedent("""
    import itertools, sys, time
    import multiprocessing as mp
    sys.path.insert(0, {here!r})
    from whosaid.model import Article
    from whosaid.options import Options
    from whosaid.scale.local import analyze_parallel
    from scale_fakes import fake_factory

    def endless():
        for i in itertools.count():
            time.sleep(0.01)
            yield Article(id=str(i), text="x y")

    if __name__ == "__main__":
        for n, _ in enumerate(analyze_parallel(endless(), Options(n_process=2), chunk_size=2, factory=fake_factory)):
            if n == 20:
                print(" ".join(str(p.pid) for p in mp.active_children()), flush=True)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone too; the process may be reaped between the two checks
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_workers_leave_when_the_main_process_is_killed(tmp_path):
    script = tmp_path / "orphans.py"
    script.write_text(_ORPHAN_SCRIPT.format(here=str(Path(__file__).parent)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        pids = [int(p) for p in line.split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids)
