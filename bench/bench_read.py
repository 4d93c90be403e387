"""Reader benchmark: read every article of the inputs (no analysis) and report the time and peak memory.

    .venv/bin/python bench/bench_read.py ../shared/data/news/reuters21578.jsonl
    PYTHONPATH=../main/src .venv/bin/python bench/bench_read.py FILE      # another checkout's readers

Prints one JSON line: articles, errors, characters, seconds, peak RSS (MiB) and which readers ran.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    import whosaid.readers
    from whosaid.errors import InputError
    from whosaid.readers import read_articles

    t0 = time.perf_counter()
    n = errors = chars = 0
    for item in read_articles(argv):
        if isinstance(item, InputError):
            errors += 1
        else:
            n += 1
            chars += len(item.text)
    print(
        json.dumps(
            {
                "articles": n,
                "errors": errors,
                "chars": chars,
                "seconds": round(time.perf_counter() - t0, 2),
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                "readers": whosaid.readers.__file__,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
