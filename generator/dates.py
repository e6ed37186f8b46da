"""Dates as staff write them: ``15/01/2026`` (or ``15.01.2026``, ``15-01-2026``) and ``2026-01-15``.

Every reader of a written date asks here: the schema, the plan importer, deadline phrases
and the portal record importer (``dmy`` for a date inside running text).
"""

from __future__ import annotations

import re
from datetime import date

TAUGHT = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}"
"""The two forms the staff guide teaches (the editor's and the JSON Schema's pattern)."""

TAUGHT_PATTERN = rf"^({TAUGHT})$"
"""``TAUGHT`` anchored, as JSON Schema and Decap want a pattern."""

_TAUGHT = re.compile(TAUGHT)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def dmy(year: str = r"\d{4}", gap: str = "") -> str:
    """A day/month/year pattern, groups day, month, year; ``gap`` may stand around a separator."""
    return rf"(\d{{1,2}}){gap}[/.-]{gap}(\d{{1,2}}){gap}[/.-]{gap}({year})"


_DMY = re.compile(dmy())


def is_taught(text: str) -> bool:
    """Whether ``text`` is a date in one of the two forms the guide teaches (not checked)."""
    return _TAUGHT.fullmatch(text.strip()) is not None


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a written date, or None; the calendar is not asked."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        return None
    return year, month, day


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None if the calendar has no such day (31/02)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dmy(text: str) -> date | None:
    """The date written ``15/01/2026`` or ``2026-01-15``, or None if it is not a real date."""
    parts = date_parts(text)
    return make_date(*parts) if parts else None


def written_dmy(day: str, month: str, year: str) -> str:
    """ "1", "7", "2025" → "01/07/2025": the one form importers write a date in."""
    return f"{int(day):02d}/{int(month):02d}/{year}"


WORDS_DMY = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
"""A date in words ("04 tháng 9 năm 2020"), groups day, month, year."""

_WORDS_DMY = re.compile(WORDS_DMY, re.IGNORECASE)


def find_dmy(text: str) -> str | None:
    """The first date inside running text, as ``dd/mm/yyyy`` (not checked), or None.

    "4/9/2020", "04 tháng 9 năm 2020" and "2020-09-04" are read; the first in the text wins.
    """
    found = [
        (match.start(), groups)
        for pattern, order in (
            (_DMY, (0, 1, 2)),
            (_WORDS_DMY, (0, 1, 2)),
            (_ISO, (2, 1, 0)),
        )
        if (match := pattern.search(text))
        for groups in [tuple(match.group(i + 1) for i in order)]
    ]
    if not found:
        return None
    day, month, year = min(found)[1]
    return written_dmy(day, month, year)
