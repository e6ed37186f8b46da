"""Read a plan appendix table row by row into parts, groups, tasks and KPIs (``ParsedTable``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...text import fold
from ..cells import clean, one_line, strip_markdown
from ..report import PROGRESS_EVERY, ImportFailed, Progress, Report, no_progress
from ..tables import Row, read_table
from .headers import (
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
