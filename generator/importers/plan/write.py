"""The plan import: read, build, merge with the file there, check, write (published or draft)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...errors import Problem, Severity
from ...load import parse
from ...model import cross_file_problems
from ...project import Project
from ...schema import Plan
from ...validate import validate
from ..report import ImportFailed, Progress, Report, no_progress
from ..store import (
    Existing,
    Saver,
    checklist,
    drafts_dir,
    published_dir,
    read_existing,
    schema_ref,
    yaml_files,
)
from ..writer import BLANK_MARK, dump
from .build import PlanOptions, build_plan, date_year, guess_year, plan_file_year
from .merge import as_mapping, merge_plan
from .parse import ParsedTable, read_plan_table
from .units import Units


def _check_plan(text: str, display: str) -> list[Problem]:
    document = parse(text, display)
    model, problems = validate(document, Plan)
    problems = document.problems + problems
    if model is not None:
        problems += cross_file_problems([], [(document, model)])
    return [p for p in problems if p.severity is Severity.ERROR]


def _existing_plans(project: Project) -> list[Existing]:
    found = []
    for folder, draft in (
        (published_dir(project, "plan"), False),
        (drafts_dir(project, "plan"), True),
    ):
        for path in yaml_files(folder):
            if existing := read_existing(project, path, draft=draft):
                found.append(existing)
    return found


def import_plan(
    project: Project,
    path: Path,
    options: PlanOptions,
    *,
    force: bool = False,
    say: Progress = no_progress,
) -> Report:
    """Import a plan appendix table into ``content/plan/<year>.yml`` (or a draft)."""
    report = Report(f"Nhập bảng phụ lục kế hoạch từ {path.name}.")
    parsed = read_plan_table(path, report, say)
    year = options.year or date_year(options.date) or guess_year(parsed)
    if year is None and "deadline" not in parsed.columns:
        seen = parsed.first_header.names() if parsed.first_header else ""
        line = parsed.first_header.line if parsed.first_header else 0
        raise ImportFailed(
            "không xác định được năm của kế hoạch vì không nhận ra cột thời gian hoàn thành "
            f"trong tiêu đề bảng (dòng {line}, nhận ra: {seen}); hãy sửa tên cột, ví dụ "
            '"Thời gian hoàn thành", hoặc ghi --year, ví dụ --year 2026'
        )
    if year is None:
        raise ImportFailed(
            "không xác định được năm của kế hoạch (các thời hạn trong bảng không ghi năm); "
            "hãy ghi --year, ví dụ --year 2026"
        )
    plans = _existing_plans(project)
    target = next((p for p in plans if plan_file_year(p.data) == year), None)
    units = Units()
    if target is not None:
        for unit_id, name in as_mapping(target.data.get("units")).items():
            units.declare(str(unit_id), str(name))
    for other in plans:
        if other is not target:
            for unit_id, name in as_mapping(other.data.get("units")).items():
                units.suggest(str(unit_id), str(name))
    incoming = build_plan(parsed, options, year, units, report)
    _describe(parsed, units, report, year)
    data: dict[str, Any] = incoming
    if target is not None:
        data, diff, kept = merge_plan(target.data, incoming, force=force)
        where = project.display(target.path)
        report.notes += [f"{where}: {line}" for line in kept]
        if diff.changed and not force:
            report.refused.append(f"{where}: " + "; ".join(diff.changed))
            return report
        if diff.empty:
            report.written.append(f"{where}: không có gì mới, giữ nguyên")
            return report
        report.changes += [f"{where}: thêm {line}" for line in diff.added]
        report.changes += [f"{where}: sửa {line}" for line in diff.changed]
    trial = dump(Plan, data, schema_ref="x")
    problems = _check_plan(trial.text, "x")
    complete = not trial.blanks and not problems
    replacing = target.path if target else None
    if target is not None and not complete and not target.draft:
        # A published plan is only ever replaced by a plan that passes check.
        destination, publish, replacing = drafts_dir(project, "plan") / f"{year}.yml", False, None
        report.notes.append(
            f"{project.display(target.path)} giữ nguyên vì bản gộp chưa đủ để đăng; bản gộp ghi "
            f"ở {project.display(destination)}"
        )
    elif target is not None and (not complete or not target.draft):
        destination, publish = target.path, not target.draft
    else:
        folder = published_dir(project, "plan") if complete else drafts_dir(project, "plan")
        destination, publish = folder / f"{year}.yml", complete
    todo = checklist(Plan, trial.blanks, problems)
    header = _plan_header(path.name, publish, todo)
    written = dump(Plan, data, schema_ref=schema_ref(project, destination, "plan"), header=header)
    saver = Saver(project, report)
    saver.write(destination, written.text, replacing=replacing)
    state = "đã đăng" if publish else "bản nháp"
    report.written.append(f"kế hoạch năm {year} → {project.display(destination)} [{state}]")
    report.count(state)
    if todo:
        report.human += todo
    if not publish:
        report.next_steps.append(
            f"Tiếp theo: mở {project.display(destination)}, điền các dòng {BLANK_MARK}, rồi "
            f"chuyển sang content/plan/ và chạy congkhai check."
        )
    return report


def _plan_header(source: str, publish: bool, todo: list[str]) -> list[str]:
    if publish:
        return [f"Nhập tự động từ bảng phụ lục {source}. Hãy đối chiếu với kế hoạch gốc."]
    return [
        "BẢN NHÁP — chưa đăng lên trang (congkhai chỉ đọc thư mục content/plan/).",
        f"Nguồn: bảng phụ lục {source}.",
        f"Cán bộ cần điền (các dòng có chú thích {BLANK_MARK}) hoặc kiểm tra:",
        *(f"  - {line}" for line in todo),
        "Điền đủ rồi thì chuyển tệp này sang content/plan/ và chạy: congkhai check",
    ]


def _describe(parsed: ParsedTable, units: Units, report: Report, year: int) -> None:
    groups = sum(len(s.groups) for s in parsed.sections)
    report.title = (
        f"Nhập bảng phụ lục kế hoạch năm {year}: {len(parsed.sections)} phần, {groups} nhóm, "
        f"{len(parsed.tasks)} nhiệm vụ, {len(units.used)} đơn vị."
    )
    report.counts.update(
        {
            "phần": len(parsed.sections),
            "nhóm": groups,
            "nhiệm vụ": len(parsed.tasks),
            "đơn vị": len(units.used),
            "tiêu đề lặp lại": parsed.repeated_headers,
            "dòng nối tiếp": parsed.continuations,
        }
    )
    if parsed.repeated_headers:
        report.notes.append(
            f"bỏ {parsed.repeated_headers} dòng tiêu đề lặp lại (bảng sang trang) và ghép "
            f"{parsed.continuations} dòng nối tiếp vào nhiệm vụ ở trên"
        )
    for task in parsed.tasks:
        for words in task.repeated_words:
            report.notes.append(
                f'dòng {task.line}: chữ "{words}" lặp lại ở dòng nối tiếp sang trang, '
                "chỉ giữ một lần"
            )
    for line in parsed.unnumbered:
        report.notes.append(f"dòng {line}: nhiệm vụ không có số thứ tự ngay dưới tên nhóm")
    report.notes += [
        f"đơn vị viết khác nhau chỉ ở chữ hoa hoặc khoảng trắng, dùng chung một mã: {line}"
        for line in units.merged_spellings()
    ]
    report.notes += [f"đơn vị: {line}" for line in units.look_alike()]
    report.notes += [
        f'đơn vị "{name}" ({unit_id}): tên lạ, có thể ô bị dán lẫn chữ khác'
        for unit_id, name in units.names.items()
        if unit_id in units.used and (":" in name or len(name) > 80)
    ]
