"""Time expressions: a HeidelTime-style rule grammar and TIMEX3 normalizer, usable without spaCy.

>>> import datetime as dt
>>> from whosaid.timex import normalize_expression
>>> normalize_expression("last week", dt.date(2024, 10, 26))
('DATE', '2024-W42')
"""

from .context import FUTURE, PAST, PRESENT, Context
from .extract import TenseFn, Timex, extract, normalize_expression
from .values import is_valid_value

__all__ = [
    "Timex",
    "TenseFn",
    "Context",
    "extract",
    "normalize_expression",
    "is_valid_value",
    "PAST",
    "PRESENT",
    "FUTURE",
]
