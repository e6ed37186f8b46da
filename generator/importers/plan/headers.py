"""What the rows of a plan appendix are: header rows (exact, OCR-garbled, or of another table)
and the plan's own numbering (I, II…; 1, 2…; 1.1; a), b)), with OCR's I/l/1/L confusions.

Header cells are matched on folded text ("Cơ quan chủ trì" = "co quan chu tri"), first by the
patterns wards write, then, for OCR, by similarity of the letters alone ("chiitri" ≈ "chủ trì",
"phéihop" ≈ "phối hợp", ratio ≥ 0.75). A second table with other headers is told apart: the
KPI table ("Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2024") becomes KPIs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ...text import fold
from ..cells import clean, one_line, strip_markdown
from ..tables import Row

TASK_ROLES = ("content", "lead", "cooperating", "deadline", "output", "notes")
KPI_ROLES = ("name", "unit", "target", "lead", "cooperating", "evaluator", "notes")
ROLE_NAMES = {
    "number": "STT",
    "content": "Nội dung",
    "lead": "Cơ quan / Đơn vị chủ trì",
    "cooperating": "Phối hợp",
    "deadline": "Thời gian hoàn thành",
    "output": "Kết quả",
    "notes": "Ghi chú",
    "name": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "target": "Chỉ tiêu năm",
    "evaluator": "Cơ quan đánh giá",
}
# Checked in this order, so "Thời gian thực hiện" is a deadline, not a unit "thực hiện".
_TASK_PATTERNS = (
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian")),
    ("cooperating", re.compile(r"phoi hop")),
    (
        "lead",
        re.compile(
            r"chu tri|phu trach|(?:don vi|co quan|bo phan|can bo|nguoi|trach nhiem) thuc hien"
        ),
    ),
    ("output", re.compile(r"ket qua|san pham")),
    ("notes", re.compile(r"ghi chu")),
    ("content", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong")),
)
# The letters of each header as wards write it, for OCR'd headers the patterns miss.
_TASK_LETTERS = {
    "content": ("noidung", "noidungcongviec", "noidungthuchien", "nhiemvu", "congviec"),
    "lead": ("coquanchutri", "donvichutri", "bophanchutri", "chutri", "donvithuchien"),
    "cooperating": ("coquanphoihop", "donviphoihop", "bophanphoihop", "phoihop"),
    "deadline": ("thoigianhoanthanh", "thoigianthuchien", "thoigian", "thoihan", "hoanthanh"),
    "output": ("ketquathuchien", "dukienketqua", "ketquadukien", "ketqua", "sanpham"),
    "notes": ("ghichu",),
}
_KPI_PATTERNS = (
    ("evaluator", re.compile(r"danh gia")),
    ("target", re.compile(r"chi tieu (?:nam|giao|ke hoach|\d)|muc tieu|ke hoach nam")),
    ("unit", re.compile(r"(?:don vi(?: tinh)?|dvt|don vi do)")),
    ("name", re.compile(r"(?:ten |noi dung )?chi tieu(?: \w+)?")),
    ("cooperating", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|thuc hien")),
    ("notes", re.compile(r"ghi chu")),
)
_KPI_FULL = {"unit", "name"}
"""KPI roles whose pattern must match the whole cell ("Đơn vị" alone, not "Đơn vị chủ trì")."""
_NUMBER_HEADER = re.compile(r"s?tt\d?|so (?:tt|thu tu)|thu tu")
FUZZY = 0.75
HEADER_LENGTH = 60
"""A header cell is short; a longer cell is a task's text, whatever words it uses."""


def _cell_text(value: object) -> str:
    return fold(one_line(clean(value))).strip(" :.*")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text)


def _task_role(text: str) -> str | None:
    role = next((name for name, pattern in _TASK_PATTERNS if pattern.search(text)), None)
    if role:
        return role
    letters = _letters(text)
    if len(letters) < 5:
        return None
    best, score = None, FUZZY
    for name, spellings in _TASK_LETTERS.items():
        for spelling in spellings:
            ratio = difflib.SequenceMatcher(None, letters, spelling).ratio()
            if ratio >= score:
                best, score = name, ratio
    return best


def _kpi_role(text: str) -> str | None:
    for name, pattern in _KPI_PATTERNS:
        if (pattern.fullmatch(text) if name in _KPI_FULL else pattern.search(text)) is not None:
            return name
    return None


@dataclass(frozen=True)
class Header:
    """A header row: which table it starts and the column of each role."""

    kind: str
    """"task" (the plan's tasks), "kpi" (targets) or "other" (looks like a header: a garbled
    repeat of the current one, or the header of a table that is neither)."""
    roles: dict[str, int]
    line: int
    letters: dict[int, str] = field(default_factory=dict)
    """The letters of each filled cell, by column, to compare a garbled repeat with."""
    text: str = ""
    """The row as written (for the report)."""

    def names(self) -> str:
        """The recognised columns, as staff would call them."""
        return ", ".join(ROLE_NAMES.get(role.rstrip("2"), role) for role in self.roles)


def read_header(row: Row) -> Header | None:
    """The header this row is, if it is one."""
    cells = [(index, _cell_text(value)) for index, value in enumerate(row.values)]
    cells = [(index, text) for index, text in cells if text]
    if len(cells) < 2:
        return None
    # A task row is never a header, however its text reads ("Phối hợp rà soát nội dung…").
    if any(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", text) for _, text in cells):
        return None
    numbers = [index for index, text in cells if _NUMBER_HEADER.fullmatch(text)]
    kpi: dict[str, int] = {}
    task: dict[str, int] = {}
    for index, text in cells:
        if index in numbers or len(text) > HEADER_LENGTH:
            continue
        if (role := _kpi_role(text)) and role not in kpi:
            kpi[role] = index
        if (role := _task_role(text)) and role not in task:
            task[role] = index
    number_roles = {("number" if n == 0 else "number2"): i for n, i in enumerate(numbers[:2])}
    letters = {index: _letters(text) for index, text in cells}
    written = " | ".join(one_line(clean(row.values[index])) for index, _ in cells)
    if {"name", "target"} <= kpi.keys():
        return Header("kpi", number_roles | kpi, row.number, letters, written)
    task_columns = {"lead", "deadline", "cooperating", "output"} & task.keys()
    if "content" in task and len(task_columns) >= 2:
        return Header("task", number_roles | task, row.number, letters, written)
    # Most cells read as headers (OCR'd), or an "STT" column heads short labels: a header, of
    # a garbled repeat or of another table (``same_table`` tells which).
    recognised = len(numbers) + len(task)
    short = all(len(text) <= HEADER_LENGTH for _, text in cells)
    if (recognised >= 3 and recognised * 5 >= len(cells) * 3) or (
        numbers and len(cells) >= 3 and short
    ):
        return Header("other", number_roles | task, row.number, letters, written)
    return None


def same_table(header: Header, current: Header) -> bool:
    """Whether ``header`` repeats ``current`` (a page break), even when OCR garbled some of its
    cells: every column it names is where ``current`` has it, and its cells look alike."""
    if current.kind not in ("task", "kpi") or header.kind not in (current.kind, "other"):
        return False
    if header.kind == current.kind:
        return all(current.roles.get(role) == index for role, index in header.roles.items())
    if current.kind == "task" and not all(
        current.roles.get(role) == index for role, index in header.roles.items()
    ):
        return False
    # A garbled repeat still looks like the header it repeats, column by column ("chiitri" ≈
    # "Cơ quan chủ trì"); another table's labels ("Kinh phí", "Nguồn") do not.
    alike = sum(
        difflib.SequenceMatcher(None, letters, current.letters.get(index, "")).ratio() >= 0.5
        for index, letters in header.letters.items()
    )
    return alike * 2 > len(header.letters)


# --- numbering -----------------------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
ROMAN = r"[IVXLl1]{1,6}"
ROMAN_TITLE = re.compile(rf"({ROMAN})\s*[.):]?\s+(\S.*)")
TASK_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)]?")


def roman_value(text: str) -> int | None:
    """The value of a well-formed Roman numeral up to 39 ("IV" → 4), else None."""
    if not re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})", text) or not text:
        return None
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


@dataclass(frozen=True)
class Numbering:
    """What a number cell holds: a group's Roman numeral, a task number, or neither."""

    kind: str
    """"group", "task", "unclear" (OCR'd "l" that fits neither) or "" (not a number)."""
    number: str
    """As written (trailing "." dropped), or corrected from OCR."""
    written: str
    """The cell as written, to report an OCR correction."""


def read_number(text: str, expected_group: int, expected_task: str | None) -> Numbering:
    """Read a number cell; OCR's "L", "l", "1" for "I" are read by what the table expects next.

    ``expected_group`` is the value of the next group numeral; ``expected_task`` the next task
    number in the current group ("1" at its start), so "L" right under group VI is task "1",
    while "I1." after group I is group "II".
    """
    cell = strip_markdown(text).strip()
    bare = cell.rstrip(".):").strip()
    if not bare:
        return Numbering("", "", cell)
    if bare == "I" and expected_group != 1 and expected_task == "1":
        return Numbering("task", "1", cell)  # OCR read the first task's "1" as "I"
    if re.fullmatch(r"[IVX]{1,6}", bare) and roman_value(bare):
        return Numbering("group", bare, cell)
    if TASK_NUMBER.fullmatch(cell) and bare != "l":
        return Numbering("task", cell[:-1].strip() if cell.endswith(".") else cell, cell)
    if re.fullmatch(r"[IVXLl1]{1,6}", bare):
        guess = bare.replace("L", "I").replace("l", "I").replace("1", "I")
        value = roman_value(guess)
        arabic = bare.replace("L", "1").replace("l", "1").replace("I", "1")
        if value == expected_group:
            return Numbering("group", guess, cell)
        if arabic == expected_task:
            return Numbering("task", arabic, cell)
        if value is not None and not re.search(r"[IVX]", bare):
            return Numbering("unclear", bare, cell)
        if value is not None:
            return Numbering("group", guess, cell)
    return Numbering("", "", cell)
