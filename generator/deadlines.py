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

from .dates import dmy, make_date
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


def _roman(token: str) -> int | None:
    if token.isdigit() and len(token) == 1:
        return int(token) if 1 <= int(token) <= 4 else None
    # OCR reads "II" as "Il" or "11", "IV" as "1V".
    return _ROMAN.get(token.replace("l", "i").replace("1", "i"))


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
        if day is None:
            return _month_end(today.year, today.month)
        last = _month_end(today.year, today.month).day
        this_month = date(today.year, today.month, min(day, last))
        if this_month >= today:
            return this_month
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return date(year, month, min(day, _month_end(year, month).day))
    if every is Every.QUARTERLY:
        quarter = (today.month - 1) // 3 + 1
        for year, q in ((today.year, quarter), *(_following_quarters(today.year, quarter))):
            last_month = q * 3
            end = _quarter_end(year, q)
            due = date(year, last_month, min(day, end.day)) if day else end
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
_EVENT = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_EVENT_WORDS) + r")(?![a-z0-9])")

_SPACED_DATE = dmy(gap=r"\s*")
"""A date in a phrase, where OCR and typing leave spaces: "18 / 11 / 2020"."""

# A document cited as the source of the task ("theo Kế hoạch số 94/KH-UBND ngày 18/11/2020"):
# its number and date are not the deadline.
_CITATION = re.compile(
    r"(?:(?:theo|tai|cua)\s+)?(?:ke hoach|quyet dinh|cong van|van ban|thong tu|nghi dinh|"
    r"nghi quyet|chi thi|cong dien|thong bao)\s+(?:so\s*)?[\w./-]*\d[\w./-]*"
    rf"(?:\s+ngay\s+{_SPACED_DATE})?"
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_QUARTER_START = re.compile(
    r"(?:(?:cham nhat|truoc|trong|den het|het|hoan thanh|vao|cuoi|dau)\s+)*quy\s*[ivl1-4]"
)


def _core(folded: str) -> str:
    """The phrase without cited documents and without remarks in brackets."""
    text = _CITATION.sub(" ", folded).strip()
    bare = _PARENTHESIS.sub(" ", text)
    if re.search(r"[a-z0-9]", bare):
        text = bare
    core = " ".join(text.replace("(", " ").replace(")", " ").split()).strip(" ,;.")
    if text != folded and not re.search(r"[a-z]", core):
        # Nothing but the citation ("Theo Kế hoạch số 94/KH-UBND ngày 18/11/2020"): keep its
        # words, not its date.
        core = re.sub(_SPACED_DATE, " ", folded)
    return " ".join(core.split())


def parse_deadline(text: str, plan_year: int) -> Deadline:
    """Read one deadline phrase; ``plan_year`` fills in a year the phrase leaves out."""
    folded = _core(" ".join(fold(text).replace("–", "-").split()))
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

    # "Ngày 20 hàng tháng", "trước ngày 23 hằng tháng", "Ngày 10 hàng quý": a fixed day.
    if day_every := re.search(r"ngay (\d{1,2}) (?:cua )?(?:hang|moi) (thang|quy)\b", folded):
        every = Every.MONTHLY if day_every.group(2) == "thang" else Every.QUARTERLY
        day = int(day_every.group(1))
        if 1 <= day <= 31:
            return Deadline(Kind.RECURRING, text, every=every, day=day)

    # A date in words: "Trước ngày 30 tháng 6 năm 2026".
    if words := re.search(r"ngay (\d{1,2}) thang (\d{1,2}) nam (20\d\d)", folded):
        day, month, full_year = (int(part) for part in words.groups())
        due = make_date(full_year, month, day)
        return Deadline(Kind.DATE, text, due=due) if due else Deadline(Kind.UNKNOWN, text)

    # A full date: "Trước ngày 15/9/2026", "Chậm nhất 20/12/2026", "31/12/2026".
    if full := re.search(dmy(year=r"20\d\d", gap=r"\s*"), folded):
        day, month, full_year = (int(part) for part in full.groups())
        due = make_date(full_year, month, day)
        return Deadline(Kind.DATE, text, due=due) if due else Deadline(Kind.UNKNOWN, text)

    # Quarters: "Quý I/2026", "Quý II, III/2026", "Quý I/II năm 2026", "Quý I, Quý II, Quý III
    # và năm 2026" (the year too: due at its end).
    # "Chậm nhất trong Quý II năm 2026" too; OCR writes "Quy 11" for "Quý II".
    if _QUARTER_START.match(folded):
        part = re.split(r"(?:/|nam\s*)20\d\d", folded)[0]
        tokens = re.findall(r"\b([ivl1]{1,4}|[2-4])\b", part.replace("quy", " "))
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

    if _EVENT.search(folded):
        return Deadline(Kind.EVENT, text)
    return Deadline(Kind.UNKNOWN, text)
