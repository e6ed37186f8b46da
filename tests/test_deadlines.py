"""Every deadline phrase of the seed plans, and many more, read as typed deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.deadlines import Deadline, Every, Kind, parse_deadline

D, Q, M, Y = Kind.DATE, Kind.QUARTERS, Kind.MONTH, Kind.YEAR
R, E, W, U = Kind.RECURRING, Kind.EVENT, Kind.WITHIN, Kind.UNKNOWN

# (phrase, plan year, kind, due, quarters, every, day, days)
CASES: list[
    tuple[str, int, Kind, date | None, tuple[int, ...], Every | None, int | None, int | None]
] = [
    # Found in the seed plans (000 and 003 in ../shared/seeds).
    ("02 lần/năm", 2023, R, None, (), Every.HALF_YEARLY, None, None),
    ("Báo cáo hàng quý KSTTHC", 2023, R, None, (), Every.QUARTERLY, None, None),
    ("Chậm nhất ngày 17 của tháng cuối quý", 2023, R, None, (), Every.QUARTERLY, 17, None),
    ("Hàng tháng", 2023, R, None, (), Every.MONTHLY, None, None),
    ("Khi cấp trên tổ chức các lớp tập huấn, bồi dưỡng.", 2024, E, None, (), None, None, None),
    ("Khi nhận được văn bản chuyển phản ánh, kiến nghị", 2024, E, None, (), None, None, None),
    ("Ngay sau khi", 2023, E, None, (), None, None, None),
    ("Năm 2023", 2023, Y, date(2023, 12, 31), (), None, None, None),
    ("Quý I/2023", 2023, Q, date(2023, 3, 31), (1,), None, None, None),
    ("Quý I/II năm 2023", 2023, Q, date(2023, 6, 30), (1, 2), None, None, None),
    ("Quý II, III/2023", 2023, Q, date(2023, 9, 30), (2, 3), None, None, None),
    ("Quý II/2023", 2023, Q, date(2023, 6, 30), (2,), None, None, None),
    (
        "Sau khi Văn phòng Chính phủ có Thông tư sửa đổi Thông tư số 01/2018/TT-VPCP",
        2023,
        E,
        None,
        (),
        None,
        None,
        None,
    ),
    ("Sau khi văn bản được ban hành", 2023, E, None, (), None, None, None),
    (
        "Tham dự tập huấn nghiệp vụ, hội nghị, hội thảo, tọa đàm về hoạt động kiểm soát TTTC",
        2023,
        U,
        None,
        (),
        None,
        None,
        None,
    ),
    ("Theo dõi: thường xuyên;", 2024, R, None, (), Every.CONTINUOUS, None, None),
    ("Theo yêu cầu", 2023, E, None, (), None, None, None),
    ("Tháng 02/2023", 2023, M, date(2023, 2, 28), (), None, None, None),
    ("Tháng 12/2022", 2023, M, date(2022, 12, 31), (), None, None, None),
    ("Thường xuyên", 2023, R, None, (), Every.CONTINUOUS, None, None),
    (
        "Thường xuyên khi có thay đổi hoặc phân công lại công tác tại xã",
        2024,
        R,
        None,
        (),
        Every.CONTINUOUS,
        None,
        None,
    ),
    ("Trong năm", 2024, Y, date(2024, 12, 31), (), None, None, None),
    ("Trong tháng 01/2024", 2024, M, date(2024, 1, 31), (), None, None, None),
    ("Trong thời gian 10 ngày kể từ ngày tiếp nhận", 2023, W, None, (), None, None, 10),
    ("Trước ngày 05/09/2023", 2023, D, date(2023, 9, 5), (), None, None, None),
    ("Trước ngày 15/9/2023", 2023, D, date(2023, 9, 15), (), None, None, None),
    ("Định kỳ 06 tháng/ 01 lần", 2023, R, None, (), Every.HALF_YEARLY, None, None),
    (
        "Định kỳ hàng quý, 01 năm theo quy định hoặc đột xuất khi có yêu cầu",
        2024,
        R,
        None,
        (),
        Every.QUARTERLY,
        None,
        None,
    ),
    # The OCR'd seed (002) writes without diacritics.
    ("Thuong xuyen", 2024, R, None, (), Every.CONTINUOUS, None, None),
    ("Hang thang", 2024, R, None, (), Every.MONTHLY, None, None),
    ("Hang quy", 2024, R, None, (), Every.QUARTERLY, None, None),
    ("Quy Il/2024", 2024, Q, date(2024, 6, 30), (2,), None, None, None),
    # Further phrases as wards write them.
    (
        "Quý I, Quý II, Quý III và năm 2023",
        2023,
        Q,
        date(2023, 12, 31),
        (1, 2, 3),
        None,
        None,
        None,
    ),
    ("Quý IV/2026", 2026, Q, date(2026, 12, 31), (4,), None, None, None),
    ("Trong Quý III", 2026, Q, date(2026, 9, 30), (3,), None, None, None),
    ("Quý 2/2026", 2026, Q, date(2026, 6, 30), (2,), None, None, None),
    ("quý i, ii/2026", 2026, Q, date(2026, 6, 30), (1, 2), None, None, None),
    ("QUÝ III/2026", 2026, Q, date(2026, 9, 30), (3,), None, None, None),
    ("Tháng 6", 2026, M, date(2026, 6, 30), (), None, None, None),
    ("tháng 02/2024", 2024, M, date(2024, 2, 29), (), None, None, None),
    ("Trước ngày 31/12/2026", 2026, D, date(2026, 12, 31), (), None, None, None),
    ("Chậm nhất ngày 20/12/2026", 2026, D, date(2026, 12, 20), (), None, None, None),
    ("15/9/2026", 2026, D, date(2026, 9, 15), (), None, None, None),
    ("Trước ngày 30.6.2026", 2026, D, date(2026, 6, 30), (), None, None, None),
    ("Trước ngày 31/02/2026", 2026, U, None, (), None, None, None),
    ("Năm 2026", 2026, Y, date(2026, 12, 31), (), None, None, None),
    ("Cả năm 2026", 2026, Y, date(2026, 12, 31), (), None, None, None),
    ("Hằng tháng", 2026, R, None, (), Every.MONTHLY, None, None),
    ("Hàng quý", 2026, R, None, (), Every.QUARTERLY, None, None),
    ("Định kỳ hàng năm", 2026, R, None, (), Every.YEARLY, None, None),
    ("01 lần/năm", 2026, R, None, (), Every.YEARLY, None, None),
    ("Định kỳ 6 tháng một lần", 2026, R, None, (), Every.HALF_YEARLY, None, None),
    ("Thường xuyên, liên tục", 2026, R, None, (), Every.CONTINUOUS, None, None),
    ("THƯỜNG XUYÊN", 2026, R, None, (), Every.CONTINUOUS, None, None),
    ("Chậm nhất ngày 15 của tháng cuối quý", 2026, R, None, (), Every.QUARTERLY, 15, None),
    (
        "Trong thời hạn 10 ngày làm việc kể từ ngày nhận được phản ánh",
        2026,
        W,
        None,
        (),
        None,
        None,
        10,
    ),
    ("Chậm nhất sau 10 ngày kể từ ngày có quyết định công bố", 2026, W, None, (), None, None, 10),
    ("Theo kế hoạch của cấp trên", 2026, E, None, (), None, None, None),
    ("Theo kế hoạch", 2026, E, None, (), None, None, None),
    ("Khi có yêu cầu", 2026, E, None, (), None, None, None),
    ("Đột xuất", 2026, E, None, (), None, None, None),
    (
        "Ngay sau khi có quyết định công bố của Chủ tịch UBND tỉnh",
        2026,
        E,
        None,
        (),
        None,
        None,
        None,
    ),
    ("Khi có văn bản hướng dẫn của cấp trên", 2026, E, None, (), None, None, None),
    ("Sau khi có văn bản hướng dẫn của cấp trên", 2026, E, None, (), None, None, None),
    ("", 2026, U, None, (), None, None, None),
    ("Chưa xác định", 2026, U, None, (), None, None, None),
    ("Tháng 13/2026", 2026, U, None, (), None, None, None),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0] or "<empty>")
def test_deadline_phrase(case: tuple) -> None:  # type: ignore[type-arg]
    text, year, kind, due, quarters, every, day, days = case
    assert parse_deadline(text, year) == Deadline(
        kind,
        text,
        due=due,
        quarters=quarters,
        every=every,
        day=day,
        days=days,
        working_days="làm việc" in text,
    )


def test_there_are_at_least_25_phrases_beyond_the_seeds() -> None:
    assert len(CASES) - 32 >= 25


SEED_PHRASES = Path(__file__).parent / "cases" / "deadlines" / "seed-phrases.tsv"


def _seed_rows() -> list[list[str]]:
    """The seed plans' time-column phrases with what they mean (a copy, see the file's head)."""
    lines = SEED_PHRASES.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows[0][0] == "phrase"
    return rows[1:]


@pytest.mark.parametrize("row", _seed_rows(), ids=lambda row: f"{row[8]}:{row[0]}")
def test_every_time_phrase_of_the_seed_plans(row: list[str]) -> None:
    text, year, kind, due, quarters, every, day, days, _ = row
    due_date = None
    if due:
        d, m, y = (int(part) for part in due.split("/"))
        due_date = date(y, m, d)
    assert parse_deadline(text, int(year)) == Deadline(
        Kind(kind),
        text,
        due=due_date,
        quarters=tuple(int(q) for q in quarters.split(",")) if quarters else (),
        every=Every(every) if every else None,
        day=int(day) if day else None,
        days=int(days) if days else None,
        working_days="làm việc" in text,
    )


def test_the_seed_phrase_table_covers_the_three_plans() -> None:
    rows = _seed_rows()
    assert {row[8] for row in rows} == {"000", "002", "003"}
    assert len(rows) >= 60
    # Only the row whose deadline cell holds an output (columns shifted in 000) stays unknown.
    assert [row[0] for row in rows if row[2] == Kind.UNKNOWN.value] == [
        "Tham dự tập huấn nghiệp vụ, hội nghị, hội thảo, tọa đàm về hoạt động kiểm soát TTTC"
    ]


def test_a_cited_document_date_is_not_the_deadline() -> None:
    cited = "Hàng quý (Theo Kế hoạch số 94/KH-UBND ngày 18/11/2020 của UBND tỉnh)"
    assert parse_deadline(cited, 2024).next_due(date(2024, 5, 2)) == date(2024, 6, 30)
    no_brackets = "Tháng 3/2024 theo Kế hoạch số 12/KH-UBND ngày 05/01/2023"
    assert parse_deadline(no_brackets, 2024).due == date(2024, 3, 31)
    only_cited = parse_deadline("Theo Kế hoạch số 94/KH-UBND ngày 18/11/2020", 2024)
    assert (only_cited.kind, only_cited.due) == (Kind.EVENT, None)


def test_a_fixed_day_every_month_or_quarter() -> None:
    monthly = parse_deadline("Ngày 20 hàng tháng", 2026)
    assert monthly.next_due(date(2026, 3, 20)) == date(2026, 3, 20)
    assert monthly.next_due(date(2026, 3, 21)) == date(2026, 4, 20)
    assert monthly.next_due(date(2026, 12, 21)) == date(2027, 1, 20)
    assert parse_deadline("Trước ngày 31 hằng tháng", 2026).next_due(date(2026, 2, 3)) == date(
        2026, 2, 28
    )
    quarterly = parse_deadline("Ngày 10 hàng quý", 2026)
    assert (quarterly.every, quarterly.day) == (Every.QUARTERLY, 10)
    assert quarterly.next_due(date(2026, 4, 1)) == date(2026, 6, 10)


def test_next_due_of_recurring_and_quarter_deadlines() -> None:
    report = parse_deadline("Chậm nhất ngày 17 của tháng cuối quý", 2026)
    assert report.next_due(date(2026, 11, 25)) == date(2026, 12, 17)
    assert report.next_due(date(2026, 12, 17)) == date(2026, 12, 17)
    assert report.next_due(date(2026, 12, 18)) == date(2027, 3, 17)
    monthly = parse_deadline("Hàng tháng", 2026)
    assert monthly.next_due(date(2026, 2, 3)) == date(2026, 2, 28)
    half = parse_deadline("02 lần/năm", 2026)
    assert half.next_due(date(2026, 6, 30)) == date(2026, 6, 30)
    assert half.next_due(date(2026, 7, 1)) == date(2026, 12, 31)
    quarters = parse_deadline("Quý I, Quý II, Quý III và năm 2026", 2026)
    assert quarters.next_due(date(2026, 4, 1)) == date(2026, 6, 30)
    assert quarters.next_due(date(2026, 10, 1)) == date(2026, 12, 31)
    assert parse_deadline("Thường xuyên", 2026).next_due(date(2026, 5, 5)) is None
