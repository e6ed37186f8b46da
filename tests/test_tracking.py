"""Plan tracking on a fixed build date: overdue, due soon, summaries, KPIs, quarters."""

from __future__ import annotations

from datetime import date

import pytest

from generator.deadlines import parse_deadline
from generator.schema import Kpi, Plan, Task
from generator.tracking import (
    State,
    kpi_status,
    started_quarters,
    summaries,
    task_state,
    track,
)


def _task(deadline: str, status: str = "đang thực hiện", **extra: object) -> Task:
    return Task.model_validate(
        {"content": "Việc", "lead": "van-phong", "deadline": deadline, "status": status, **extra}
    )


@pytest.mark.parametrize(
    ("deadline", "today", "state", "soon"),
    [
        # The last day of a quarter is still on time; the next day it is overdue.
        ("Quý I/2026", date(2026, 3, 31), State.IN_PROGRESS, True),
        ("Quý I/2026", date(2026, 4, 1), State.OVERDUE, False),
        ("Quý II, III/2026", date(2026, 7, 1), State.IN_PROGRESS, False),
        ("Quý II, III/2026", date(2026, 10, 1), State.OVERDUE, False),
        # A month ends on its last day, leap years included.
        ("Tháng 02/2024", date(2024, 2, 29), State.IN_PROGRESS, True),
        ("Tháng 02/2024", date(2024, 3, 1), State.OVERDUE, False),
        ("Tháng 02/2026", date(2026, 2, 28), State.IN_PROGRESS, True),
        ("Tháng 02/2026", date(2026, 3, 1), State.OVERDUE, False),
        ("Trước ngày 15/9/2026", date(2026, 9, 1), State.IN_PROGRESS, True),
        ("Trước ngày 15/9/2026", date(2026, 8, 31), State.IN_PROGRESS, False),
        ("Trước ngày 15/9/2026", date(2026, 9, 16), State.OVERDUE, False),
        ("Năm 2026", date(2026, 12, 31), State.IN_PROGRESS, True),
        ("Năm 2026", date(2027, 1, 1), State.OVERDUE, False),
        # Recurring and event deadlines are never overdue; a quarterly report comes due.
        ("Thường xuyên", date(2027, 6, 1), State.IN_PROGRESS, False),
        ("Chậm nhất ngày 17 của tháng cuối quý", date(2026, 12, 3), State.IN_PROGRESS, True),
        ("Chậm nhất ngày 17 của tháng cuối quý", date(2026, 11, 25), State.IN_PROGRESS, False),
        ("Hàng tháng", date(2026, 11, 25), State.IN_PROGRESS, True),
        ("Theo yêu cầu", date(2027, 1, 1), State.IN_PROGRESS, False),
        ("Ngày nào đó", date(2027, 1, 1), State.IN_PROGRESS, False),
    ],
)
def test_state_on_the_build_date(deadline: str, today: date, state: State, soon: bool) -> None:
    task = _task(deadline)
    got_state, _, got_soon = task_state(task, parse_deadline(deadline, 2026), today)
    assert (got_state, got_soon) == (state, soon)


def test_done_is_never_overdue_and_not_started_stays_not_started() -> None:
    done = _task("Quý I/2026", "hoàn thành")
    assert task_state(done, parse_deadline("Quý I/2026", 2026), date(2026, 9, 1))[0] is State.DONE
    waiting = _task("Năm 2026", "chưa bắt đầu")
    state = task_state(waiting, parse_deadline("Năm 2026", 2026), date(2026, 9, 1))[0]
    assert state is State.NOT_STARTED


def _plan() -> Plan:
    return Plan.model_validate(
        {
            "number": "1/KH-UBND",
            "date": "2026-01-10",
            "title": "KH",
            "issuer": "UBND",
            "units": {"van-phong": "Văn phòng", "tthcc": "Trung tâm"},
            "sections": [
                {
                    "title": "Một",
                    "tasks": [
                        {
                            "content": "a",
                            "lead": "van-phong",
                            "deadline": "Quý I/2026",
                            "status": "hoàn thành",
                            "progress": [{"date": "2026-03-20", "note": "xong"}],
                        },
                        {
                            "content": "b",
                            "lead": ["van-phong", "tthcc"],
                            "deadline": "Tháng 02/2026",
                        },
                    ],
                },
                {
                    "title": "Hai",
                    "subsections": [
                        {
                            "title": "I",
                            "tasks": [
                                {
                                    "content": "c",
                                    "lead": "tthcc",
                                    "deadline": "Thường xuyên",
                                    "status": "đang thực hiện",
                                },
                            ],
                        }
                    ],
                },
            ],
            "kpis": [
                {
                    "name": "Trực tuyến",
                    "unit": "%",
                    "target": 50,
                    "actual": 46.8,
                    "as_of": "2026-10-31",
                    "lead": "tthcc",
                    "history": [
                        {"date": "2026-03-31", "value": 30},
                        {"date": "2026-06-30", "value": 52},
                    ],
                }
            ],
        }
    )


def test_summaries_per_section_and_per_lead_unit() -> None:
    plan = _plan()
    tracked = track(plan, date(2026, 4, 1))
    assert [t.number for t in tracked] == [1, 2, 3]
    assert tracked[0].completed_on == date(2026, 3, 20)
    overall, sections, units = summaries(plan, tracked)
    assert overall.counts == {
        State.DONE: 1,
        State.IN_PROGRESS: 1,
        State.NOT_STARTED: 0,
        State.OVERDUE: 1,
    }
    assert [(s.label, s.total) for s in sections] == [("Một", 2), ("Hai", 1)]
    assert [(u.label, u.total, u.counts[State.OVERDUE]) for u in units] == [
        ("Văn phòng", 2, 1),
        ("Trung tâm", 2, 1),
    ]


def test_kpi_values_at_a_date_and_targets() -> None:
    kpi = _plan().kpis[0]
    assert (kpi_status(kpi).value, kpi_status(kpi).met) == (46.8, False)
    assert kpi_status(kpi, date(2026, 3, 31)).value == 30
    assert kpi_status(kpi, date(2026, 9, 30)).met is True  # 52 on 30/06 meets "tối thiểu 50"
    assert kpi_status(kpi, date(2026, 1, 1)).met is None
    capped = Kpi.model_validate(
        {
            "name": "Trễ hạn",
            "unit": "%",
            "target": 2,
            "comparison": "tối đa",
            "actual": 1.5,
            "lead": "x",
        }
    )
    assert kpi_status(capped).met is True


def test_quarter_pages_exist_once_the_quarter_has_begun() -> None:
    plan = _plan()
    assert [q.number for q in started_quarters(plan, date(2026, 3, 31))] == [1]
    assert [q.number for q in started_quarters(plan, date(2026, 4, 1))] == [1, 2]
    assert len(started_quarters(plan, date(2027, 5, 1))) == 4
