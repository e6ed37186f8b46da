"""Import a plan's appendix table (CSV, TSV or XLSX copied from Word) into ``content/plan/``.

What the table looks like in the wards' plans (see README.md for the seed plans):

- a header row whose wording varies ("Nội dung" / "Nội dung công việc", "Cơ quan chủ trì" /
  "Đơn vị chủ trì", "Thời gian hoàn thành" / "Thời gian thực hiện", "Kết quả thực hiện" /
  "Dự kiến kết quả"…), in any column order: columns are found by meaning on folded text;
- part headings between the tables ("1. Thực hiện các nhiệm vụ…", a line without tabs, maybe
  with Markdown "###" or "**" left by a converter) → sections;
- group rows with a Roman numeral ("I", "<b>II</b>", "II Đổi mới…", "IV. …") or bold text and
  nothing else → subsections (sections when the table has no part headings);
- numbered task rows; a row without a number continues the task above (the table broke across
  pages, and Word repeated the header row, which is skipped);
- OCR'd tables: garbled headers, "I1." for "II", a KPI table between the task tables
  (``plan_headers.py`` tells these apart).

What the plan says is kept as written: each cell's text, each number ("1", "1.1", "a)"), each
unit's name; every non-blank row becomes a section, group, task or KPI, or a report line.

Units are turned into ids (``units.py``). The plan's own heading (number, date, title, issuer)
is not in the appendix: it comes from options, or from the plan file already there; without
it the plan is written as a draft in ``content/drafts/plan/``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import date_parts
from ..deadlines import Kind, parse_deadline
from ..errors import Problem, Severity
from ..load import parse
from ..model import cross_file_problems
from ..project import Project
from ..schema import Plan
from ..text import fold
from ..validate import validate
from .cells import clean, one_line, strip_markdown
from .plan_headers import (
    KPI_ROLES,
    ROLE_NAMES,
    ROMAN_TITLE,
    TASK_NUMBER,
    TASK_ROLES,
    Header,
    Numbering,
    read_header,
    read_number,
    roman_value,
    same_table,
)
from .report import PROGRESS_EVERY, ImportFailed, Progress, Report, no_progress
from .store import (
    Diff,
    Existing,
    Saver,
    checklist,
    drafts_dir,
    merge,
    published_dir,
    read_existing,
    schema_ref,
    yaml_files,
)
from .tables import Row, read_table
from .units import Units, other_separators
from .writer import BLANK_MARK, blank, dump, plain

_PART = re.compile(r"(?:phan\s+)?(\d{1,2})\s*[.)]\s*(\S.*)", re.IGNORECASE)
_LIST_MARK = re.compile(r"[-+•*]\s")


@dataclass
class TaskRow:
    """One task of the table, its cells joined across page breaks."""

    line: int
    number: str
    cells: dict[str, str]
    continued: int = 0
    repeated_words: list[str] = field(default_factory=list)
    """Words a page break wrote twice ("Thường xuyên" + "xuyên"), dropped when joining."""

    def extend(self, cells: dict[str, str]) -> None:
        """Add a continuation row's cells (a list item starts a new line, text a space)."""
        for role, text in cells.items():
            if not text:
                continue
            before = self.cells.get(role, "")
            if not before:
                self.cells[role] = text
            elif _LIST_MARK.match(text):
                self.cells[role] = f"{before}\n{text}"
            else:
                joined, dropped = _join_words(before, text)
                self.cells[role] = joined
                if dropped:
                    self.repeated_words.append(dropped)
        self.continued += 1


def _bare(word: str) -> str:
    return fold(word).strip(".,;:()")


def _join_words(before: str, text: str) -> tuple[str, str]:
    """Join two halves of a cell; a converter sometimes repeats the last words of the first
    half at the start of the second ("đơn vị" + "vị, bộ phận"): those are written once."""
    head, tail = before.split(" "), text.split(" ")
    for size in (3, 2, 1):
        if len(head) >= size and [_bare(w) for w in head[-size:]] == [
            _bare(w) for w in tail[:size]
        ]:
            dropped = tail[:size]
            punctuation = dropped[-1][len(dropped[-1].rstrip(".,;:")) :]
            rest = " ".join(tail[size:])
            joined = before.rstrip(".,;:") + punctuation + (" " + rest if rest else "")
            return joined, " ".join(dropped)
    return f"{before} {text}", ""


@dataclass
class Heading:
    """A part heading (section) or group row (subsection)."""

    kind: str
    number: str | None
    title: str
    line: int
    tasks: list[TaskRow] = field(default_factory=list)
    groups: list[Heading] = field(default_factory=list)


@dataclass
class ParsedTable:
    """The appendix as sections of groups of tasks, and what reading it found."""

    sections: list[Heading]
    tasks: list[TaskRow]
    header_rows: int
    repeated_headers: int
    continuations: int
    unnumbered: list[int]
    columns: dict[str, int]
    kpis: list[TaskRow] = field(default_factory=list)
    """Rows of a KPI table (name, unit, target, units), their cells joined across page breaks."""
    rows: dict[int, str] = field(default_factory=dict)
    """What every non-blank source row became (task, group, KPI, header, skipped…)."""
    first_header: Header | None = None
    """The first header recognised (its columns name the error when no year is found)."""


def _title(text: str, number: str | None) -> str:
    title = one_line(strip_markdown(text)).strip()
    if number and (dup := re.match(rf"{re.escape(number)}\s*[.):]\s*", title)):
        title = title[dup.end() :]  # "IV. Tổ chức…" in a row numbered IV
    return title


def _ranges(numbers: list[int], blank: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Row numbers as short ranges, over blank rows: [1, 3, 4, 7] → ["1–4", "7"] if 2 is blank."""
    out: list[str] = []
    last = 0
    for number in sorted(numbers):
        if out and all(n in blank for n in range(last + 1, number)):
            out[-1] = f"{out[-1].split('–')[0]}–{number}"
        else:
            out.append(str(number))
        last = number
    return out


@dataclass
class _Reader:
    """The state of reading one appendix, row by row (see ``read_plan_table``)."""

    report: Report
    header: Header | None = None
    first_header: Header | None = None
    events: list[Heading | TaskRow] = field(default_factory=list)
    kpis: list[TaskRow] = field(default_factory=list)
    last: Heading | TaskRow | None = None
    rows: dict[int, str] = field(default_factory=dict)
    header_rows: int = 0
    repeated: int = 0
    continuations: int = 0
    unnumbered: list[int] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)
    group_value: int = 0
    """The value of the last group numeral in the current section (0 at its start)."""
    task_number: str = ""
    """The last task number in the current group ("" at its start)."""

    def skip(self, reason: str, line: int) -> None:
        """A row that becomes nothing, with why (listed in the report)."""
        self.skipped.setdefault(reason, []).append(line)
        self.rows[line] = "bỏ qua"

    def add(self, event: Heading | TaskRow, what: str) -> None:
        """A heading or task, in source order."""
        self.events.append(event)
        self.last = event
        self.rows[event.line] = what
        if isinstance(event, Heading):
            if event.kind == "part":
                self.group_value = 0
            elif event.number:
                self.group_value = roman_value(event.number) or self.group_value
            self.task_number = ""
        elif event.number:
            self.task_number = event.number

    @property
    def expected_task(self) -> str:
        """The number the next task of the current group should have."""
        last = self.task_number.rstrip(".)")
        if not last:
            return "1"
        head, _, tail = last.rpartition(".")
        if tail.isdigit():
            return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
        return ""

    def numbering(self, text: str, line: int) -> Numbering:
        """A number cell read in context; OCR corrections and unclear numbers are reported."""
        found = read_number(text, self.group_value + 1, self.expected_task)
        bare = found.written.rstrip(".):").strip()
        if found.kind in ("group", "task") and found.number.rstrip(".)") != bare:
            what = "nhóm" if found.kind == "group" else "nhiệm vụ"
            self.report.notes.append(
                f'dòng {line}: số thứ tự "{found.written}" đọc là {what} "{found.number}" '
                "(chữ nhận dạng sai) — hãy đối chiếu với bản gốc"
            )
        elif found.kind == "unclear":
            self.report.notes.append(
                f'dòng {line}: số thứ tự "{found.written}" không rõ là nhóm hay nhiệm vụ (chữ '
                "nhận dạng sai?); giữ như bảng ghi — hãy sửa theo bản gốc"
            )
        return found

    def header_row(self, header: Header, row: Row) -> bool:
        """Handle a header row; False when it does not count as one (read it as a row)."""
        current = self.header
        if current is None:
            if header.kind == "other":
                return False
            self.header = self.first_header = header
        elif same_table(header, current):
            self.repeated += 1
        elif header.kind == "other":
            # Another table (budget, signatures…): its rows are neither tasks nor KPIs.
            self.header = header
            self.report.notes.append(
                f'dòng {row.number}: bắt đầu một bảng khác ("{header.text[:80]}"), không phải '
                "bảng nhiệm vụ hay chỉ tiêu; các dòng của nó không được nhập (xem mục Bỏ qua)"
            )
        else:
            self.header = header
            what = "bảng chỉ tiêu" if header.kind == "kpi" else "bảng nhiệm vụ"
            self.report.notes.append(
                f"dòng {row.number}: bắt đầu {what} có tiêu đề khác ({header.names()}); các "
                "dòng sau đọc theo tiêu đề này"
            )
        self.header_rows += 1
        self.rows[row.number] = "tiêu đề bảng"
        return True

    def row(self, row: Row, texts: list[str]) -> None:
        """One row under a header."""
        header = self.header
        assert header is not None
        filled = [i for i, t in enumerate(texts) if t]
        if filled == [0]:
            heading = _single_cell_heading(row, texts[0], header.roles)
            if header.kind == "kpi" and heading is not None and heading.kind == "part":
                self.skip("nhóm chỉ tiêu (dòng tên nhóm, không phải chỉ tiêu)", row.number)
                return
            if heading is not None:
                if heading.kind == "group" and heading.number:
                    found = self.numbering(heading.number, row.number)
                    heading.number = found.number if found.kind == "group" else heading.number
                self.add(heading, "phần" if heading.kind == "part" else "nhóm")
                return
            # A line of text (a signature under the table), also in a spreadsheet's wide row.
            stray = header.roles.get("number") == 0 and not read_number(texts[0], 0, "").kind
            if len(row.values) == 1 or stray:
                self.skip("không phải nhiệm vụ (dòng chữ ngoài bảng)", row.number)
                return
        if header.kind == "kpi":
            self.kpi_row(row, texts)
            return
        if header.kind == "other":
            self.skip(f"thuộc bảng khác (tiêu đề ở dòng {header.line}), không nhập", row.number)
            return
        event = self.table_row(row, texts)
        if isinstance(event, Heading):
            self.add(event, "nhóm")
        elif isinstance(event, TaskRow) and event.number:
            self.add(event, "nhiệm vụ")
        elif (
            isinstance(event, TaskRow)
            and isinstance(self.last, TaskRow)
            and "number" in header.roles
        ):
            self.last.extend(event.cells)
            self.continuations += 1
            self.rows[row.number] = "nối tiếp"
        elif isinstance(event, TaskRow):
            # Without an STT column every row is a task; with one, a row without a number
            # right under a heading is a task the plan did not number.
            self.add(event, "nhiệm vụ")
            if "number" in header.roles:
                self.unnumbered.append(row.number)
        else:
            self.skip("chỉ có số thứ tự, không có nội dung", row.number)

    def table_row(self, row: Row, texts: list[str]) -> Heading | TaskRow | None:
        """A group row or a task row of a task table."""
        roles = self.header.roles if self.header else {}
        number_col = roles.get("number")
        number = strip_markdown(_at(texts, number_col))
        second = strip_markdown(_at(texts, roles.get("number2")))
        others = [
            (i, t) for i, t in enumerate(texts) if t and i not in (number_col, roles.get("number2"))
        ]
        cells = {role: _at(texts, roles.get(role)) for role in TASK_ROLES if role in roles}
        if match := ROMAN_TITLE.fullmatch(number):
            found = self.numbering(match.group(1), row.number)
            if found.kind == "group":
                return Heading(
                    "group", found.number, _title(match.group(2), match.group(1)), row.number
                )
            if found.kind == "task":  # OCR put "L Tiếp nhận…" (task 1) in the number column
                cells["content"] = f"{match.group(2)} {cells.get('content', '')}".strip()
                return TaskRow(row.number, found.number, cells)
        found = self.numbering(number, row.number) if number else Numbering("", "", "")
        if found.kind == "group":
            title = second if second and not TASK_NUMBER.fullmatch(second) else ""
            title = title or (others[0][1] if others else "")
            return Heading("group", found.number, _title(title, number.rstrip(".")), row.number)
        if not any(cells.values()):
            return None
        if not number and not second:
            bold = all(row.is_bold(i) for i, _ in others)
            has_task_cells = any(cells.get(r) for r in ("lead", "deadline", "cooperating"))
            if bold and not has_task_cells and len(others) == 1:
                return Heading("group", None, _title(others[0][1], None), row.number)
            return TaskRow(row.number, "", cells)
        inner = self.numbering(second, row.number) if second else Numbering("", "", "")
        # Two number columns (Stt running through the part, Stt2 within the group): a citation
        # "II.1" counts within the group, so the second one is kept.
        if inner.kind == "task":
            return TaskRow(row.number, inner.number, cells)
        if found.kind in ("task", "unclear"):
            return TaskRow(row.number, found.number, cells)
        # Text in the number column ("Theo dõi"): keep it with the content so nothing is lost.
        cells["content"] = f"{number} {cells.get('content', '')}".strip()
        return TaskRow(row.number, "?", cells)

    def kpi_row(self, row: Row, texts: list[str]) -> None:
        """A row of a KPI table: a KPI, its continuation, or a group title (reported)."""
        roles = self.header.roles if self.header else {}
        number = strip_markdown(_at(texts, roles.get("number"))).rstrip(".")
        cells = {role: _at(texts, roles.get(role)) for role in KPI_ROLES if role in roles}
        if not any(cells.values()):
            self.skip("chỉ có số thứ tự, không có nội dung", row.number)
            return
        if not number and self.kpis and "number" in roles:
            self.kpis[-1].extend(cells)
            self.continuations += 1
            self.rows[row.number] = "nối tiếp"
            return
        # A row with only a name is a group title ("1. Chỉ tiêu giao tại Nghị quyết…") or a
        # KPI whose cells continue on the next row: ``_kpi`` tells them apart once joined.
        self.kpis.append(TaskRow(row.number, number, cells))
        self.rows[row.number] = "chỉ tiêu"

    def before_table(self, waiting: list[tuple[Row, list[str]]]) -> None:
        """Rows before the first header: the plan's text, a part heading, or table rows whose
        own header was not recognised (OCR) — those are read by the first header found."""
        assert self.header is not None
        start = next(
            (
                index
                for index, (row, texts) in enumerate(waiting)
                if len([t for t in texts if t]) >= 2
                and read_number(_at(texts, self.header.roles.get("number")), 1, "1").kind
                in ("group", "task")
            ),
            len(waiting),
        )
        pending: Heading | None = None
        for row, texts in waiting[:start]:
            if pending is not None:
                self.skip("lời văn trước bảng (không phải nhiệm vụ)", pending.line)
            filled = [i for i, t in enumerate(texts) if t]
            heading = _single_cell_heading(row, texts[0], {}) if filled == [0] else None
            if heading is not None and heading.kind == "part":
                pending = heading  # only the part heading right before the table counts
                continue
            pending = None
            reason = (
                "lời văn trước bảng (không phải nhiệm vụ)"
                if len(filled) < 2
                else "dòng trước tiêu đề bảng, không có số thứ tự"
            )
            self.skip(reason, row.number)
        if pending is not None:
            self.add(pending, "phần")
        replayed = [row.number for row, _ in waiting[start:]]
        if replayed:
            self.report.notes.append(
                f"dòng {', '.join(_ranges(replayed))}: nằm trước dòng tiêu đề nhận ra được "
                f"(dòng {self.header.line}); đọc theo tiêu đề đó — hãy đối chiếu các cột"
            )
        for row, texts in waiting[start:]:
            self.row(row, texts)


def read_plan_table(path: Path, report: Report, say: Progress = no_progress) -> ParsedTable:
    """Read the appendix table: headings, tasks, KPIs and continuations, in order; every
    non-blank row becomes one of them or a reported skip."""
    table = read_table(path)
    report.notes += table.notes
    reader = _Reader(report)
    waiting: list[tuple[Row, list[str]]] = []
    blank: set[int] = set()
    for count, row in enumerate(table.rows, start=1):
        if count % PROGRESS_EVERY == 0:
            say(f"Đã đọc {count} dòng…")
        texts = [clean(v) for v in row.values]
        if not any(texts):
            blank.add(row.number)
            continue
        header = read_header(row)
        if header is not None:
            had_header = reader.header is not None
            if reader.header_row(header, row):
                if not had_header:
                    reader.before_table(waiting)
                continue
        if reader.header is None:
            waiting.append((row, texts))
            continue
        reader.row(row, texts)
    for reason, lines in reader.skipped.items():
        for where in _ranges(lines, blank):
            start, _, end = where.partition("–")
            count = sum(1 for n in lines if int(start) <= n <= int(end or start))
            report.skip(reason, where, count)
    if reader.header is None:
        wanted = ", ".join(ROLE_NAMES[r] for r in ("content", "lead", "deadline"))
        raise ImportFailed(
            f"không tìm thấy dòng tiêu đề của bảng trong tệp {path.name}; cần các cột như "
            f"{wanted} (tên cột có thể khác, miễn cùng nghĩa)"
        )
    events = _subgroups(reader.events, reader.rows)
    sections = _structure(events)
    for section in [s for s in sections if not s.tasks and not s.groups]:
        sections.remove(section)
        label = f"{section.number}. " if section.number else ""
        what = "trước bảng chỉ tiêu — xem mục Chỉ tiêu" if reader.kpis else "không có nhiệm vụ"
        reader.rows[section.line] = "bỏ qua"
        report.skip(f"tên phần {what}", f"{section.line} ({label}{section.title[:40]})")
    tasks = [e for e in events if isinstance(e, TaskRow)]
    if not tasks:
        raise ImportFailed(f"không tìm thấy nhiệm vụ nào trong bảng của tệp {path.name}")
    first = reader.first_header
    return ParsedTable(
        sections,
        tasks,
        reader.header_rows,
        reader.repeated,
        reader.continuations,
        reader.unnumbered,
        dict(first.roles) if first else {},
        reader.kpis,
        reader.rows,
        first,
    )


def _single_cell_heading(row: Row, text: str, roles: dict[str, int]) -> Heading | None:
    line = strip_markdown(text)
    if match := _PART.fullmatch(line):
        return Heading("part", match.group(1), _title(match.group(2), None), row.number)
    if match := ROMAN_TITLE.fullmatch(line):
        return Heading("group", match.group(1), _title(match.group(2), None), row.number)
    if roles and row.is_bold(0) and not TASK_NUMBER.fullmatch(line):
        return Heading("group", None, _title(line, None), row.number)
    return None


def _at(texts: list[str], index: int | None) -> str:
    return texts[index] if index is not None and index < len(texts) else ""


def _subgroups(events: list[Heading | TaskRow], rows: dict[int, str]) -> list[Heading | TaskRow]:
    """A numbered row with nothing but its title, followed by tasks numbered under it ("1 Thực
    hiện cơ chế một cửa" then "1.1", "1.2"), is a group of those tasks, not a task."""
    out: list[Heading | TaskRow] = []
    for index, event in enumerate(events):
        following = events[index + 1] if index + 1 < len(events) else None
        if (
            isinstance(event, TaskRow)
            and event.number.isdigit()
            and event.cells.get("content")
            and not any(text for role, text in event.cells.items() if role != "content")
            and isinstance(following, TaskRow)
            and following.number.startswith(event.number + ".")
        ):
            out.append(Heading("sub", event.number, event.cells["content"], event.line))
            rows[event.line] = "nhóm"
        else:
            out.append(event)
    return out


def _structure(events: list[Heading | TaskRow]) -> list[Heading]:
    """Sections (parts, or groups when the table has no parts) holding groups and tasks."""
    has_parts = any(isinstance(e, Heading) and e.kind == "part" for e in events)
    sections: list[Heading] = []
    group: Heading | None = None
    for event in events:
        if isinstance(event, Heading) and event.kind == "sub" and has_parts:
            # A third level (part › group › numbered title) has no place: a task, as written.
            event = TaskRow(event.line, event.number or "", {"content": event.title})
        if isinstance(event, Heading) and (
            event.kind == "part" or (event.kind == "group" and not has_parts)
        ):
            sections.append(event)
            group = None
        elif isinstance(event, Heading):
            if not sections:
                sections.append(Heading("part", None, "", event.line))
            sections[-1].groups.append(event)
            group = event
        else:
            if not sections:
                sections.append(Heading("part", None, "", event.line))
            (group or sections[-1]).tasks.append(event)
    return sections


# --- plan data --------------------------------------------------------------------------


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


# --- merging into a plan file that is already there -------------------------------------

_TASK_SOURCE = ("number", "content", "lead", "cooperating", "deadline", "output", "notes")
_TRACKING = ("status", "completed", "progress")


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _normalise_task(task: dict[str, Any]) -> dict[str, Any]:
    task = dict(task)
    for key in ("lead", "cooperating"):
        if key in task:
            task[key] = _as_list(task[key])
    return task


def _similar(a: object, b: object) -> bool:
    left, right = fold(str(plain(a) or "")), fold(str(plain(b) or ""))
    return left == right or difflib.SequenceMatcher(None, left, right).ratio() >= 0.6


def _label(section: dict[str, Any], sub: dict[str, Any] | None = None) -> str:
    def name(part: dict[str, Any]) -> str:
        """A section's number, or its title when it has none."""
        number = plain(part.get("number"))
        return str(number) if number else f'"{str(plain(part.get("title")) or "")[:30]}"'

    return f"phần {name(section)}" + (f" › {name(sub)}" if sub else "")


def _find(items: list[Any], wanted: dict[str, Any], used: set[int]) -> int | None:
    number = fold(str(plain(wanted.get("number")) or ""))
    title = fold(str(plain(wanted.get("title")) or ""))
    for index, item in enumerate(items):
        if index in used or not isinstance(item, dict):
            continue
        other = fold(str(item.get("number") or ""))
        if (number and number == other) or (not number and title == fold(str(item.get("title")))):
            return index
    return None


def merge_plan(
    existing: dict[str, Any], incoming: dict[str, Any], *, force: bool
) -> tuple[dict[str, Any], Diff, list[str]]:
    """Merge the imported plan into the existing one, task by task (number within its group).

    Tracking that staff added (status, completion date, progress notes) is never touched;
    sections and groups the file has but the table does not are kept, in their place.
    """
    heading = {k: v for k, v in incoming.items() if k not in ("units", "sections")}
    # KPIs item by item (matched on their name), so the actual values staff recorded stay.
    result, diff = merge(existing, heading, force=force, nested=(), keyed={"kpis": "name"})
    kept: list[str] = []
    units = _mapping(existing.get("units"))
    for unit_id, name in incoming["units"].items():
        if unit_id not in units:
            units[unit_id] = name
            diff.added.append(f"units.{unit_id}")
    result["units"] = units

    def merge_section(old: dict[str, Any], section: dict[str, Any]) -> dict[str, Any]:
        """One section: its title, its own tasks, its groups."""
        where = _label(old)
        merged, sub_diff = merge(old, {"title": section["title"]}, force=force, where=where)
        _absorb(diff, sub_diff)
        tasks = _merge_tasks(old.get("tasks"), section.get("tasks"), where, force, diff, kept)
        if tasks:
            merged["tasks"] = tasks

        def merge_group(before: dict[str, Any], group: dict[str, Any]) -> dict[str, Any]:
            """One group: its title and tasks."""
            label = _label(old, before)
            merged_group, group_diff = merge(
                before, {"title": group["title"]}, force=force, where=label
            )
            _absorb(diff, group_diff)
            merged_group["tasks"] = _merge_tasks(
                before.get("tasks"), group.get("tasks"), label, force, diff, kept
            )
            return merged_group

        groups = _merge_in_order(
            [g for g in _items(old.get("subsections")) if isinstance(g, dict)],
            _items(section.get("subsections")),
            merge_group,
            lambda group: diff.added.append(_label(old, group)),
            lambda group: kept.append(
                f"{_label(old, group)} chỉ có trong tệp hiện tại — giữ nguyên"
            ),
        )
        if groups:
            merged["subsections"] = groups
        return merged

    result["sections"] = _merge_in_order(
        [s for s in _items(existing.get("sections")) if isinstance(s, dict)],
        _items(incoming["sections"]),
        merge_section,
        lambda section: diff.added.append(_label(section)),
        lambda section: kept.append(f"{_label(section)} chỉ có trong tệp hiện tại — giữ nguyên"),
    )
    return result, diff, kept


def _merge_in_order(
    old_items: list[dict[str, Any]],
    new_items: list[Any],
    merge_one: Callable[[dict[str, Any], dict[str, Any]], Any],
    on_new: Callable[[dict[str, Any]], None],
    on_kept: Callable[[dict[str, Any]], None],
) -> list[Any]:
    """Sections (or groups) matched by number, else title; the file's order is kept and a new
    one goes right after the one the table has before it (at the end if there is none)."""
    slots: list[list[Any]] = [[item] for item in old_items]
    tail: list[Any] = []
    used: set[int] = set()
    last: int | None = None
    for new in new_items:
        if not isinstance(new, dict):
            continue
        index = _find(old_items, new, used)
        if index is None:
            on_new(new)
            (slots[last] if last is not None else tail).append(new)
            continue
        used.add(index)
        last = index
        slots[index][0] = merge_one(old_items[index], new)
    for index, old in enumerate(old_items):
        if index not in used:
            on_kept(old)
    return [item for slot in slots for item in slot] + tail


def _mapping(value: object) -> dict[str, Any]:
    """A staff file's mapping, or nothing when it is something else (``check`` reports it)."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _items(value: object) -> list[Any]:
    """A staff file's list, or nothing when it is something else (``check`` reports it)."""
    return list(value) if isinstance(value, list) else []


def _absorb(diff: Diff, other: Diff) -> None:
    diff.added += other.added
    diff.changed += other.changed


def _merge_tasks(
    old_tasks: Any, new_tasks: Any, where: str, force: bool, diff: Diff, kept: list[str]
) -> list[Any]:
    old_list = [_normalise_task(t) for t in _items(old_tasks) if isinstance(t, dict)]
    new_list = list(new_tasks) if isinstance(new_tasks, list) else []
    out: list[Any] = []
    for index, new in enumerate(new_list):
        label = f"{where}, nhiệm vụ {index + 1}"
        if index >= len(old_list):
            out.append(new)
            diff.added.append(label)
            continue
        old = old_list[index]
        if _similar(old.get("content"), new.get("content")):
            source = {k: v for k, v in new.items() if k in _TASK_SOURCE}
            merged, task_diff = merge(old, source, force=force, where=label, nested=())
            _absorb(diff, task_diff)
            out.append(merged)
            continue
        tracked = any(old.get(k) for k in _TRACKING)
        diff.changed.append(
            f'{label}: nội dung khác hẳn ("{str(old.get("content"))[:40]}…" → '
            f'"{str(plain(new.get("content")))[:40]}…")'
            + ("; tiến độ đã ghi của nhiệm vụ cũ không chuyển sang" if tracked else "")
        )
        out.append(new if force else old)
    for index in range(len(new_list), len(old_list)):
        out.append(old_list[index])
        kept.append(
            f"{where}, nhiệm vụ {index + 1} chỉ có trong tệp hiện tại — giữ nguyên "
            "(xóa nếu kế hoạch mới đã bỏ)"
        )
    return out


# --- the import -------------------------------------------------------------------------


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
        for unit_id, name in _mapping(target.data.get("units")).items():
            units.declare(str(unit_id), str(name))
    for other in plans:
        if other is not target:
            for unit_id, name in _mapping(other.data.get("units")).items():
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
