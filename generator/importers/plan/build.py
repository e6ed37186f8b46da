"""Turn a parsed appendix into plan data: heading from options, units, sections, tasks, KPIs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...dates import date_parts
from ...deadlines import Kind, parse_deadline
from ...text import fold
from ..cells import one_line
from ..report import Report
from ..writer import blank
from .parse import ParsedTable, TaskRow
from .units import Units, other_separators


@dataclass
class PlanOptions:
    """The plan's heading, which the appendix does not hold (from the command's options)."""

    year: int | None = None
    number: str | None = None
    date: str | None = None
    title: str | None = None
    issuer: str | None = None


def date_year(text: object) -> int | None:
    """The year of a date written 15/01/2026 or 2026-01-15."""
    parts = date_parts(str(text or ""))
    return parts[0] if parts else None


def plan_file_year(data: dict[str, Any]) -> int | None:
    """The year a plan file is for: its ``year`` field, else the year of its date."""
    year = str(data.get("year") or "").strip()
    return int(year) if year.isdigit() else date_year(data.get("date"))


def guess_year(parsed: ParsedTable) -> int | None:
    """The year most deadlines name ("Quý I/2026", "Trước ngày 15/9/2026")."""
    years = Counter(
        int(y)
        for task in parsed.tasks
        for y in re.findall(r"\b(20\d\d)\b", task.cells.get("deadline", ""))
    )
    return years.most_common(1)[0][0] if years else None


def build_plan(
    parsed: ParsedTable, options: PlanOptions, year: int, units: Units, report: Report
) -> dict[str, Any]:
    """The plan's data: heading from options (or placeholders), units, sections, tasks."""

    def task(row: TaskRow) -> dict[str, Any]:
        """One task's data; a cell the table left empty is a placeholder."""
        cells = row.cells
        data: dict[str, Any] = {}
        if row.number and row.number != "?":
            data["number"] = row.number
        data["content"] = cells.get("content") or blank("nội dung nhiệm vụ (ô trong bảng trống)")
        data["lead"] = units.ids(cells.get("lead", "")) or blank(
            "đơn vị chủ trì (ô trong bảng trống)"
        )
        if cooperating := units.ids(cells.get("cooperating", "")):
            data["cooperating"] = cooperating
        for role in ("lead", "cooperating"):
            if marks := other_separators(cells.get(role, "")):
                joined = ", ".join(f'"{mark}"' for mark in dict.fromkeys(marks))
                report.notes.append(
                    f'dòng {row.line}: ô đơn vị "{one_line(cells[role])[:80]}" có thể ghi nhiều '
                    f"đơn vị (nối bằng {joined}); giữ nguyên chữ như một đơn vị — tách thành "
                    "nhiều mã nếu cần thống kê theo từng đơn vị"
                )
        deadline = cells.get("deadline", "")
        data["deadline"] = deadline or blank("thời gian hoàn thành (ô trong bảng trống)")
        if deadline and parse_deadline(deadline, year).kind is Kind.UNKNOWN:
            report.notes.append(
                f'dòng {row.line}: thời hạn "{one_line(deadline)[:70]}" không đọc được thành '
                "mốc thời gian (giữ nguyên chữ; trang không tính quá hạn cho nhiệm vụ này)"
            )
        for role in ("output", "notes"):
            if cells.get(role):
                data[role] = cells[role]
        return data

    sections = []
    for section in parsed.sections:
        out: dict[str, Any] = {}
        if section.number:
            out["number"] = section.number
        out["title"] = section.title or blank("tên phần (bảng không ghi)")
        if section.tasks:
            out["tasks"] = [task(t) for t in section.tasks]
        subsections = []
        for group in section.groups:
            sub: dict[str, Any] = {}
            if group.number:
                sub["number"] = group.number
            sub["title"] = group.title or blank("tên nhóm nhiệm vụ (bảng không ghi)")
            sub["tasks"] = [task(t) for t in group.tasks] or blank(
                "nhiệm vụ của nhóm (bảng không có dòng nhiệm vụ nào dưới nhóm này)"
            )
            subsections.append(sub)
        if subsections:
            out["subsections"] = subsections
        sections.append(out)
    data: dict[str, Any] = {
        "number": options.number or blank("số kế hoạch, ví dụ 18/KH-UBND"),
        "date": options.date or blank("ngày ban hành kế hoạch"),
    }
    if options.date is None or date_year(options.date) != year:
        data["year"] = year
    data["title"] = options.title or blank("tên kế hoạch")
    data["issuer"] = options.issuer or blank("cơ quan ban hành, ví dụ Ủy ban nhân dân phường …")
    built = [(row, _kpi(row, units, report)) for row in parsed.kpis]
    kpis = [kpi for _, kpi in built if kpi]
    if numbered := [row.number for row, kpi in built if kpi and row.number]:
        report.notes.append(
            f"số thứ tự của {len(numbered)} chỉ tiêu ({', '.join(numbered[:6])}"
            f"{'…' if len(numbered) > 6 else ''}) không được nhập: chỉ tiêu chưa có trường số "
            "thứ tự; trang liệt kê chỉ tiêu theo thứ tự của bảng"
        )
    data["units"] = {unit_id: units.names[unit_id] for unit_id in units.names}
    data["sections"] = sections
    if kpis:
        data["kpis"] = kpis
    return data


_AT_LEAST = re.compile(r"toi thieu|it nhat|khong duoi|khong thap hon|tren|>=?|≥")
_AT_MOST = re.compile(r"toi da|khong qua|khong vuot|duoi|<=?|≤")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:[.,]\d+)?")


def _target(text: str) -> tuple[str, str] | None:
    """A KPI target cell as (number, comparison): "Tối thiểu 80" → ("80", "tối thiểu")."""
    amounts = _AMOUNT.findall(text)
    if len(amounts) != 1:
        return None
    amount = amounts[0]
    # "5.280" is five thousand two hundred and eighty; "2,5" is two and a half.
    amount = amount.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", amount) else amount
    amount = amount.replace(",", ".")
    folded = fold(text)
    if _AT_MOST.search(folded):
        return amount, "tối đa"
    if _AT_LEAST.search(folded):
        return amount, "tối thiểu"
    return amount, ""


def _kpi(row: TaskRow, units: Units, report: Report) -> dict[str, Any] | None:
    """One KPI row as plan data; a row whose target is not one number is reported instead."""
    cells = row.cells
    where = f"dòng {row.line}"
    name = cells.get("name", "")
    if name and not any(cells.get(role) for role in ("unit", "target", "lead")):
        report.skip("nhóm chỉ tiêu (dòng tên nhóm, không phải chỉ tiêu)", str(row.line))
        return None
    target = _target(cells.get("target", ""))
    if not name or target is None:
        report.skip(
            "chỉ tiêu không có mục tiêu là một con số (giữ ở bảng gốc, không nhập)", str(row.line)
        )
        return None
    amount, comparison = target
    unit = cells.get("unit") or ("%" if "%" in cells.get("target", "") else "")
    data: dict[str, Any] = {"name": name}
    data["unit"] = unit or blank("đơn vị tính (bảng không ghi)")
    data["target"] = amount
    if comparison:
        data["comparison"] = comparison
    leads = units.ids(cells.get("lead", ""))
    data["lead"] = leads[0] if leads else blank("đơn vị chủ trì (ô trong bảng trống)")
    if len(leads) > 1:
        report.notes.append(
            f"{where}: chỉ tiêu có {len(leads)} đơn vị chủ trì; trang ghi đơn vị đầu tiên "
            f'("{units.names[leads[0]]}"), các đơn vị khác được ghi vào ghi chú'
        )
    notes = [cells[role] for role in ("notes",) if cells.get(role)]
    extra = [units.names[unit_id] for unit_id in leads[1:]]
    if extra:
        notes.append("Cùng chủ trì: " + "; ".join(extra))
    for role, label in (("cooperating", "Phối hợp"), ("evaluator", "Chủ trì đánh giá")):
        if cells.get(role):
            notes.append(f"{label}: {cells[role]}")
    if notes:
        data["note"] = "; ".join(notes)
    return data
