"""Where the yearly plan stands on a given day: task states, summaries, KPIs, quarterly reports.

"Today" is always passed in (the build date), so the same content and the same build date give
the same pages; CI rebuilds nightly so "quá hạn" and "sắp đến hạn" stay true.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .deadlines import Deadline, Kind, parse_deadline
from .schema import Kpi, Plan, Section, Task, plan_year, section_tasks

DUE_SOON = timedelta(days=14)
"""How far ahead a deadline counts as "sắp đến hạn"."""

_ONE_OFF = (Kind.DATE, Kind.MONTH, Kind.QUARTERS, Kind.YEAR)


class State(enum.Enum):
    """A task's state on the build date; "quá hạn" is computed, never written by staff."""

    DONE = "hoàn thành"
    IN_PROGRESS = "đang thực hiện"
    NOT_STARTED = "chưa bắt đầu"
    OVERDUE = "quá hạn"


@dataclass(frozen=True)
class TrackedTask:
    """A task, numbered as in the plan, with its parsed deadline and state on the build date."""

    number: int
    """Its position in the whole plan, from 1."""
    task: Task
    section: int
    deadline: Deadline
    state: State
    next_due: date | None
    due_soon: bool
    completed_on: date | None
    label: str = ""
    """Its number as the plan writes it ("1", "1.1", "a)"); the position when the plan numbers
    no task; empty for an unnumbered task of a numbered plan."""
    anchor: str = ""
    """Its id on the plan page: the numbers of its section, group and itself ("II.1", "1.II.3"),
    so a citation of the signed plan finds it; "nhiem-vu-<position>" when it has no number."""

    @property
    def citation(self) -> str:
        """How a report out of context names it: "II.1", or its position."""
        return self.anchor if self.task.number else self.label or str(self.number)


def anchor_part(number: str | None) -> str:
    """A number as part of an anchor: "1." → "1", "a)" → "a", " II " → "II"."""
    return re.sub(r"[^\w.]", "", number or "").strip(".")


def completion_date(task: Task) -> date | None:
    """When a done task was completed: its ``completed`` field, else its last progress note."""
    if task.status != "hoàn thành":
        return None
    return task.completed or max((note.date for note in task.progress), default=None)


def task_state(task: Task, deadline: Deadline, today: date) -> tuple[State, date | None, bool]:
    """The task's state, its next due date and whether that is within ``DUE_SOON``."""
    next_due = deadline.next_due(today)
    if task.status == "hoàn thành":
        return State.DONE, next_due, False
    if deadline.kind in _ONE_OFF and deadline.due is not None and deadline.due < today:
        return State.OVERDUE, deadline.due, False
    soon = next_due is not None and today <= next_due <= today + DUE_SOON
    return State(task.status), next_due, soon


def _placed_tasks(section: Section) -> list[tuple[str | None, Task]]:
    """A section's tasks in source order, each with the number of its group (if any)."""
    placed: list[tuple[str | None, Task]] = [(None, task) for task in section.tasks]
    for sub in section.subsections:
        placed += [(sub.number, task) for task in sub.tasks]
    return placed


def track(plan: Plan, today: date) -> list[TrackedTask]:
    """Every task of ``plan`` with its state on ``today``."""
    tracked = []
    number = 0
    numbered = any(task.number for section in plan.sections for task in section_tasks(section))
    anchors: set[str] = set()
    for section_index, section in enumerate(plan.sections):
        for group, task in _placed_tasks(section):
            number += 1
            deadline = parse_deadline(task.deadline, plan_year(plan))
            state, next_due, soon = task_state(task, deadline, today)
            own = anchor_part(task.number)
            if group and own.startswith(anchor_part(group) + "."):
                group = None  # "1.1" under group "1" is cited "III.1.1", not "III.1.1.1"
            parts = [anchor_part(p) for p in (section.number, group, task.number)]
            anchor = ".".join(p for p in parts if p) if task.number else f"nhiem-vu-{number}"
            unique, suffix = anchor, 2
            while unique in anchors:
                unique, suffix = f"{anchor}-{suffix}", suffix + 1
            anchors.add(unique)
            label = task.number or ("" if numbered else str(number))
            tracked.append(
                TrackedTask(
                    number,
                    task,
                    section_index,
                    deadline,
                    state,
                    next_due,
                    soon,
                    completion_date(task),
                    label,
                    unique,
                )
            )
    return tracked


@dataclass(frozen=True)
class Tally:
    """Counts of tasks per state, for one row of a summary table."""

    label: str
    counts: dict[State, int]
    due_soon: int

    @property
    def total(self) -> int:
        """All tasks counted in this row."""
        return sum(self.counts.values())


def tally(label: str, tasks: Iterable[TrackedTask]) -> Tally:
    """Count ``tasks`` per state."""
    items = list(tasks)
    counts = Counter(t.state for t in items)
    return Tally(
        label, {state: counts.get(state, 0) for state in State}, sum(t.due_soon for t in items)
    )


def summaries(plan: Plan, tracked: list[TrackedTask]) -> tuple[Tally, list[Tally], list[Tally]]:
    """The whole plan, each section, and each lead unit (a task with two leads counts for both)."""
    overall = tally("Toàn kế hoạch", tracked)
    sections = [
        tally(section.title, (t for t in tracked if t.section == index))
        for index, section in enumerate(plan.sections)
    ]
    units = [
        tally(name, (t for t in tracked if unit_id in t.task.lead))
        for unit_id, name in plan.units.items()
    ]
    return overall, sections, [unit for unit in units if unit.total]


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's value at some date and whether it meets its target."""

    kpi: Kpi
    value: float | None
    as_of: date | None

    @property
    def met(self) -> bool | None:
        """Whether the target is met; None without a value."""
        return None if self.value is None else self.kpi.meets(self.value)

    @property
    def scale(self) -> float:
        """The top of the bar: 100 for percentages, else the larger of target and value."""
        if self.kpi.unit.strip() == "%":
            return 100.0
        return max(self.kpi.target, self.value or 0.0) * 1.1 or 1.0


def kpi_status(kpi: Kpi, on: date | None = None) -> KpiStatus:
    """The KPI's latest value, or its latest value measured on or before ``on``."""
    measurements = [(m.date, m.value) for m in kpi.history]
    if kpi.actual is not None:
        measurements.append((kpi.as_of or date.min, kpi.actual))
    eligible = sorted(m for m in measurements if on is None or m[0] <= on)
    if not eligible:
        return KpiStatus(kpi, None, None)
    when, value = eligible[-1]
    return KpiStatus(kpi, value, None if when == date.min else when)


@dataclass(frozen=True)
class Quarter:
    """One quarter of the plan's year."""

    year: int
    number: int

    @property
    def start(self) -> date:
        """First day of the quarter."""
        return date(self.year, self.number * 3 - 2, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        following = date(self.year + self.number // 4, self.number % 4 * 3 + 1, 1)
        return following - timedelta(days=1)

    @property
    def roman(self) -> str:
        """ "I" to "IV", as plans write quarters."""
        return ("I", "II", "III", "IV")[self.number - 1]


def started_quarters(plan: Plan, today: date) -> list[Quarter]:
    """The plan-year quarters that have begun by ``today`` (each gets a report page)."""
    quarters = [Quarter(plan_year(plan), number) for number in range(1, 5)]
    return [quarter for quarter in quarters if quarter.start <= today]
