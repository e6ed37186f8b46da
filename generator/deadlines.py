"""Read the free-text deadlines of real ward plans ("Quý II, III/2026", "Hàng tháng") as data.

Every phrase gives a ``Deadline``; a phrase nobody foresaw is ``Kind.UNKNOWN`` with its text
kept, never an exception. Matching is done on folded text (no diacritics, lower case), so
"Thuong xuyen" from an OCR'd plan reads like "Thường xuyên".
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date

from .text import fold


class Kind(enum.Enum):
    """What sort of deadline a phrase states."""

    DATE = "ngày"
    MONTH = "tháng"
    QUARTERS = "quý"
    YEAR = "năm"
    RECURRING = "định kỳ"
    EVENT = "theo sự kiện"
    WITHIN = "trong thời hạn"
    UNKNOWN = "không rõ"


class Every(enum.Enum):
    """How often a recurring task falls due."""

    CONTINUOUS = "thường xuyên"
    MONTHLY = "hàng tháng"
    QUARTERLY = "hàng quý"
    HALF_YEARLY = "06 tháng một lần"
    YEARLY = "hàng năm"


@dataclass(frozen=True)
class Deadline:
    """A plan deadline: the text as written and what it means."""

    kind: Kind
    text: str
    due: date | None = None
    """The last day a one-off task may be done (date, month, quarters, year kinds)."""
    quarters: tuple[int, ...] = ()
    every: Every | None = None
    day: int | None = None
    """For a recurring deadline on a fixed day (day 17 of the quarter's last month)."""
    days: int | None = None
    """For "within N days of an event"."""
    working_days: bool = False

    def next_due(self, today: date) -> date | None:
        """The next day this deadline falls on, from ``today`` on (None if it has no date)."""
        if self.kind is Kind.RECURRING:
            return _next_occurrence(self.every, self.day, today)
        if self.kind is Kind.QUARTERS:
            ends = [_quarter_end(self.due.year, q) for q in self.quarters] if self.due else []
            upcoming = [end for end in [*ends, self.due] if end and end >= today]
            return min(upcoming) if upcoming else self.due
        return self.due


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER_WORD = r"(?:quy\s*)?([ivl]{1,3}|[1-4])"


def _roman(token: str) -> int | None:
    token = token.replace("l", "i")  # OCR reads "II" as "Il"
    return _ROMAN.get(token) or (int(token) if token.isdigit() and 1 <= int(token) <= 4 else None)


def _quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str, default: int) -> int:
    found = re.search(r"(20\d\d)\b", text)
    return int(found.group(1)) if found else default


def _next_occurrence(every: Every | None, day: int | None, today: date) -> date | None:
    if every is Every.MONTHLY:
        return _month_end(today.year, today.month)
    if every is Every.QUARTERLY:
        quarter = (today.month - 1) // 3 + 1
        for year, q in ((today.year, quarter), *(_following_quarters(today.year, quarter))):
            last_month = q * 3
            due = date(year, last_month, day) if day else _quarter_end(year, q)
            if due >= today:
                return due
    if every is Every.HALF_YEARLY:
        half = date(today.year, 6, 30)
        return half if today <= half else date(today.year, 12, 31)
    if every is Every.YEARLY:
        return date(today.year, 12, 31)
    return None


def _following_quarters(year: int, quarter: int) -> list[tuple[int, int]]:
    return [((year + (quarter + step - 1) // 4), (quarter + step - 1) % 4 + 1) for step in (1, 2)]


_EVENT_WORDS = (
    "theo yeu cau",
    "khi co yeu cau",
    "dot xuat",
    "theo ke hoach",
    "sau khi",
    "ngay sau khi",
    "khi cap tren",
    "khi nhan duoc",
    "khi co van ban",
    "khi co thay doi",
    "khi phat sinh",
)


def parse_deadline(text: str, plan_year: int) -> Deadline:
    """Read one deadline phrase; ``plan_year`` fills in a year the phrase leaves out."""
    folded = " ".join(fold(text).replace("–", "-").split())
    year = _year(folded, plan_year)

    # "Trong thời gian 10 ngày (làm việc) kể từ ngày tiếp nhận": relative to an event.
    if within := re.search(
        r"(?:trong|chậm nhất sau|cham nhat sau)\D{0,20}?(\d+) ngay( lam viec)?"
        r".{0,20}ke tu",
        folded,
    ):
        return Deadline(
            Kind.WITHIN, text, days=int(within.group(1)), working_days=bool(within.group(2))
        )

    # "Chậm nhất ngày 17 của tháng cuối quý": every quarter, on a fixed day.
    if day_in_quarter := re.search(r"ngay (\d{1,2}) (?:cua )?thang cuoi (?:moi )?quy", folded):
        return Deadline(
            Kind.RECURRING, text, every=Every.QUARTERLY, day=int(day_in_quarter.group(1))
        )

    # A full date: "Trước ngày 15/9/2026", "Chậm nhất 20/12/2026", "31/12/2026".
    if full := re.search(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(20\d\d)", folded):
        day, month, full_year = (int(part) for part in full.groups())
        try:
            return Deadline(Kind.DATE, text, due=date(full_year, month, day))
        except ValueError:
            return Deadline(Kind.UNKNOWN, text)

    # Quarters: "Quý I/2026", "Quý II, III/2026", "Quý I/II năm 2026", "Quý I, Quý II, Quý III
    # và năm 2026" (the year too: due at its end).
    if folded.startswith(("quy ", "trong quy ", "truoc quy ")) or re.match(r"quy [ivl1-4]", folded):
        part = re.split(r"(?:/|nam\s*)20\d\d", folded)[0]
        tokens = re.findall(r"\b([ivl]{1,3}|[1-4])\b", part.replace("quy", " "))
        quarters = tuple(sorted({q for t in tokens if (q := _roman(t))}))
        if quarters:
            whole_year = bool(re.search(r"\bva nam\b", folded))
            due = date(year, 12, 31) if whole_year else _quarter_end(year, max(quarters))
            return Deadline(Kind.QUARTERS, text, due=due, quarters=quarters)

    # Recurring periods.
    if re.search(r"\bhang thang\b|\bmoi thang\b|\b01 lan/thang\b", folded):
        return Deadline(Kind.RECURRING, text, every=Every.MONTHLY)
    if re.search(r"\bhang quy\b|\bmoi quy\b|\bdinh ky quy\b", folded):
        return Deadline(Kind.RECURRING, text, every=Every.QUARTERLY)
    if re.search(
        r"0?6 thang\s*/\s*0?1 lan|0?2 lan\s*/\s*nam|6 thang mot lan|hai lan mot nam", folded
    ):
        return Deadline(Kind.RECURRING, text, every=Every.HALF_YEARLY)
    if re.search(r"\bhang nam\b|0?1 lan\s*/\s*nam|\bmoi nam\b", folded):
        return Deadline(Kind.RECURRING, text, every=Every.YEARLY)
    if re.search(r"thuong\s*xuyen|lien tuc", folded):
        return Deadline(Kind.RECURRING, text, every=Every.CONTINUOUS)

    # A month: "Tháng 02/2026", "Trong tháng 01/2026", "tháng 6".
    if month_match := re.search(r"\bthang (\d{1,2})\b", folded):
        number = int(month_match.group(1))
        if 1 <= number <= 12:
            return Deadline(Kind.MONTH, text, due=_month_end(year, number))

    # The year: "Năm 2026", "Trong năm", "Cả năm 2026".
    if re.fullmatch(r"(?:trong |ca |truoc het )?nam(?: 20\d\d)?\.?", folded):
        return Deadline(Kind.YEAR, text, due=date(year, 12, 31))

    if any(folded.startswith(word) or f" {word}" in folded for word in _EVENT_WORDS):
        return Deadline(Kind.EVENT, text)
    return Deadline(Kind.UNKNOWN, text)
