"""One reader of written dates: the forms it accepts, and the calendar check."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.dates import (
    TAUGHT_PATTERN,
    date_parts,
    dmy,
    find_dmy,
    is_taught,
    make_date,
    parse_dmy,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("15/01/2026", (2026, 1, 15)),
        ("5/1/2026", (2026, 1, 5)),
        ("15.01.2026", (2026, 1, 15)),
        ("15-01-2026", (2026, 1, 15)),
        ("15/01-2026", (2026, 1, 15)),
        ("2026-01-15", (2026, 1, 15)),
        ("2026-1-5", (2026, 1, 5)),
        ("  15/01/2026\n", (2026, 1, 15)),
        ("31/02/2026", (2026, 2, 31)),
        ("2026/01/15", None),
        ("15/01/26", None),
        ("015/01/2026", None),
        ("15 / 01 / 2026", None),
        ("ngày 15/01/2026", None),
        ("2026-01-15T00:00", None),
        ("", None),
    ],
)
def test_date_parts_accepts_exactly_the_written_forms(
    text: str, parts: tuple[int, int, int] | None
) -> None:
    assert date_parts(text) == parts


def test_parse_dmy_asks_the_calendar() -> None:
    assert parse_dmy("29/02/2028") == date(2028, 2, 29)
    assert parse_dmy("29/02/2026") is None
    assert parse_dmy("00/01/2026") is None
    assert parse_dmy("mười lăm") is None
    assert make_date(2026, 13, 1) is None


def test_taught_forms_are_slash_or_iso_only() -> None:
    assert is_taught(" 17/02/2026 ") and is_taught("2026-2-17")
    assert not is_taught("17.02.2026") and not is_taught("17-02-2026")
    assert re.fullmatch(TAUGHT_PATTERN, "2026-02-17")


def test_dmy_pattern_in_running_text() -> None:
    assert dmy() == r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    spaced = re.search(dmy(year=r"20\d\d", gap=r"\s*"), "trước ngày 15 / 9 / 2026")
    assert spaced and spaced.groups() == ("15", "9", "2026")
    assert not re.search(dmy(year=r"20\d\d"), "15/9/1999")
    assert find_dmy("Ngày ban hành: 5.3.2025 (Cổng)") == "05/03/2025"
    assert find_dmy("không ghi ngày") is None
