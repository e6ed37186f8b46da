"""The ward's service results: dossier figures per month, quarter and year, and apologies.

Rates are None where nothing was counted (no dossier resolved, no rating given): a page shows
"chưa có số liệu" rather than 0 % or a division by zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from .schema import Apology, FieldResult, Kpi, MonthlyResults


@dataclass(frozen=True)
class Totals:
    """Dossier counts added up over some fields and months, with the rates people read."""

    received_in_person: int = 0
    received_online: int = 0
    received_postal: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    pending: int = 0
    returned: int = 0
    digitised: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0

    @property
    def received(self) -> int:
        """Dossiers received, all channels."""
        return self.received_in_person + self.received_online + self.received_postal

    @property
    def resolved(self) -> int:
        """Dossiers resolved (early, on time or late)."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def on_time_rate(self) -> float | None:
        """Percentage resolved early or on time."""
        return _percent(self.resolved_early + self.resolved_on_time, self.resolved)

    @property
    def online_share(self) -> float | None:
        """Percentage of dossiers received online."""
        return _percent(self.received_online, self.received)

    @property
    def digitisation_rate(self) -> float | None:
        """Percentage of dossiers received that were digitised (QĐ 766 index)."""
        return _percent(self.digitised, self.received)

    @property
    def ratings(self) -> int:
        """Satisfaction ratings given."""
        return self.very_satisfied + self.satisfied + self.not_satisfied

    @property
    def satisfaction_rate(self) -> float | None:
        """Percentage of ratings that were satisfied or very satisfied."""
        return _percent(self.very_satisfied + self.satisfied, self.ratings)

    def measure(self, name: str) -> float | None:
        """A rate by the name a plan KPI uses for it ("tỷ lệ đúng hạn", …)."""
        return {
            "tỷ lệ đúng hạn": self.on_time_rate,
            "tỷ lệ trực tuyến": self.online_share,
            "tỷ lệ số hóa": self.digitisation_rate,
            "tỷ lệ hài lòng": self.satisfaction_rate,
        }[name]


_COUNTS = [f.name for f in fields(Totals)]


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def add_up(rows: Iterable[FieldResult | Totals]) -> Totals:
    """The sum of field rows (or of other totals)."""
    items = list(rows)
    return Totals(**{name: sum(getattr(row, name) for row in items) for name in _COUNTS})


@dataclass(frozen=True)
class Month:
    """One month's figures, as staff exported them."""

    year: int
    month: int
    results: MonthlyResults

    @property
    def totals(self) -> Totals:
        """All fields added up."""
        return add_up(self.results.fields)


@dataclass(frozen=True)
class Period:
    """Figures over some months: totals, per field, and which months have no data."""

    label: str
    totals: Totals
    by_field: list[tuple[str, Totals]]
    missing: list[int]
    """Months of the period without a results file."""


def period(label: str, months: list[Month], year: int, wanted: Iterable[int]) -> Period:
    """Add up the months of ``year`` listed in ``wanted`` that have data."""
    wanted = list(wanted)
    chosen = [m for m in months if m.year == year and m.month in wanted]
    present = {m.month for m in chosen}
    rows = [row for m in chosen for row in m.results.fields]
    names = list(dict.fromkeys(row.field for row in rows))
    by_field = [(name, add_up(r for r in rows if r.field == name)) for name in names]
    return Period(label, add_up(rows), by_field, [n for n in wanted if n not in present])


def periods(months: list[Month]) -> list[Period]:
    """This month, this quarter and this year, as of the latest month with data."""
    if not months:
        return []
    latest = max(months, key=lambda m: (m.year, m.month))
    quarter = (latest.month - 1) // 3 + 1
    roman = ("I", "II", "III", "IV")[quarter - 1]
    return [
        period(f"Tháng {latest.month:02d}/{latest.year}", months, latest.year, [latest.month]),
        period(
            f"Quý {roman}/{latest.year}",
            months,
            latest.year,
            range(quarter * 3 - 2, latest.month + 1),
        ),
        period(
            f"Năm {latest.year} (đến tháng {latest.month:02d})",
            months,
            latest.year,
            range(1, latest.month + 1),
        ),
    ]


def series(months: list[Month]) -> list[tuple[int, int, Totals | None]]:
    """(year, month, totals or None) for each month of the latest year up to its last data."""
    if not months:
        return []
    latest = max(months, key=lambda m: (m.year, m.month))
    by_month = {m.month: m.totals for m in months if m.year == latest.year}
    return [(latest.year, n, by_month.get(n)) for n in range(1, latest.month + 1)]


@dataclass(frozen=True)
class KpiCheck:
    """A plan KPI against the figure the results give for it."""

    kpi: Kpi
    value: float | None

    @property
    def met(self) -> bool | None:
        """Whether the figure meets the target; None without a figure."""
        return None if self.value is None else self.kpi.meets(self.value)


def kpi_checks(kpis: Iterable[Kpi], year: Period | None) -> list[KpiCheck]:
    """The plan's KPIs that name a measure, against the year's figure."""
    return [
        KpiCheck(kpi, year.totals.measure(kpi.measure) if year else None)
        for kpi in kpis
        if kpi.measure
    ]


@dataclass(frozen=True)
class ApologyView:
    """An apology and what the build date says about it."""

    apology: Apology
    procedure_name: str | None
    kept: bool | None
    """Whether the new return date was met: None while it has not come yet."""
    overdue: bool
    """The new date has passed and the dossier is still not returned: flagged on the page."""


def apology_views(
    apologies: Iterable[Apology], names: dict[str, str], today: date
) -> list[ApologyView]:
    """Apologies newest first, each with whether its new date was kept."""
    views = []
    for apology in apologies:
        kept: bool | None
        if apology.status == "đã trả kết quả":
            kept = apology.returned is None or apology.returned <= apology.new_due
            overdue = False
        else:
            kept = False if apology.new_due < today else None
            overdue = apology.new_due < today
        views.append(ApologyView(apology, names.get(apology.procedure), kept, overdue))
    return sorted(
        views, key=lambda view: (view.apology.apologized, view.apology.dossier), reverse=True
    )
