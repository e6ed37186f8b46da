"""Every deadline phrase of the seed plans, and many more, read as typed deadlines."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.deadlines import Deadline, Every, Kind, parse_deadline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
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


def _seed_deadlines() -> list[str]:
    """The "Thời gian hoàn thành / thực hiện" cell of every numbered task row in the seeds."""
    found = []
    for path, header in (
        (SEEDS / "000_24dbe15774bf40a7.txt", "Thời gian hoàn thành"),
        (SEEDS / "003_d36fc3a79691ffbb.txt", "Thời gian thực hiện"),
    ):
        column = None
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in line.split("\t")]
            if header in cells:
                column = cells.index(header)
            elif (
                column is not None
                and len(cells) > column
                and re.fullmatch(r"\d+", cells[0])
                and cells[column]
            ):
                found.append(cells[column])
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_every_deadline_phrase_in_the_seed_plans_is_covered() -> None:
    phrases = set(_seed_deadlines())
    assert len(phrases) >= 20
    table = {case[0]: case for case in CASES}
    missing = sorted(phrases - set(table))
    assert missing == [], "add these seed phrases to CASES"
    for phrase in phrases:
        parse_deadline(phrase, 2023)  # never raises


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
