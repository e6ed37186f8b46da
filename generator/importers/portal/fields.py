"""Steps with their notes, the result and its codes, subjects and one-per-line fields."""

from __future__ import annotations

import re

from ..cells import clean, clean_field, one_line
from .issues import Issues, bracket_depths

_STEP_START = re.compile(r"^(?:[-–•]\s+|Bước\s+\d+|\d{1,2}[.)]\s)")
_NOTES_START = re.compile(r"^\*?\s*(?:Lưu ý|Ghi chú)\s*:?\s*$", re.IGNORECASE)


def parse_steps(text: str) -> tuple[list[str], list[str]]:
    """Steps (a "- " line starts one; "(i)", "+" lines belong to it) and "Lưu ý" notes."""
    lines = [line for line in clean(text).split("\n") if line]
    steps: list[str] = []
    notes: list[str] = []
    target = steps
    marked = any(_STEP_START.match(line) for line in lines)
    for line in lines:
        if _NOTES_START.match(line):
            target = notes
            continue
        if not marked or _STEP_START.match(line) or not target:
            target.append(re.sub(r"^[-–•]\s+", "", line))
        elif _broken_line(target[-1], line):
            # A copy cut the line in the middle of a sentence: join it back with a space.
            target[-1] += " " + line
        else:
            target[-1] += "\n" + line
    return steps, notes


def _broken_line(previous: str, line: str) -> bool:
    return previous[-1:] not in ".;:!?)" and line[:1].islower()


_NOISE = re.compile(
    r"Chọn cơ quan thực hiện|Hệ thống chỉ hiển thị|--\s*Chọn|Tỉnh/\s*Thành phố|Nộp hồ sơ\s*$"
)
# "KQ.G15.000031": letters, then dot-separated parts ending in a digit (so the "T" of the
# "Từ khóa" glued after it is not taken).
_RESULT_CODE = re.compile(r"Mã:\s*([A-Z][A-Z0-9]*(?:\.[A-Z0-9]*\d)+|[\w.-]+?(?=Từ khóa))")


def parse_result(text: str, issues: Issues) -> tuple[str, list[str]]:
    """The result's name(s) and result codes, without the page's interface text."""
    body = one_line(clean(text))
    if noise := _NOISE.search(body):
        body = body[: noise.start()].strip()  # the portal's interface, never a fact
    names: list[str] = []
    codes: list[str] = []
    position = 0
    for match in _RESULT_CODE.finditer(body):
        if name := _result_name(body[position : match.start()]):
            names.append(name)
        codes.append(match.group(1))
        position = match.end()
    if not codes:
        return clean_field(body), []
    if tail := _result_name(body[position:]):
        issues.cannot("ket_qua_xu_ly", f'bỏ qua "{tail[:80]}"')
    return "; ".join(names), codes


def _result_name(text: str) -> str:
    """A result's name, without the "Từ khóa … Mô tả …" columns of the result before it."""
    for column in ("Mô tả", "Từ khóa"):
        if column in text:
            text = text.rsplit(column, 1)[1]
            break
    text = text.removeprefix("Không có thông tin")
    return clean_field(text).strip(" ;,.")


def split_subjects(text: str) -> list[str]:
    """ "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài" → two subjects.

    Never inside brackets: "Tổ chức (không bao gồm doanh nghiệp, HTX)" is one subject.
    """
    text = clean_field(text)
    depths = bracket_depths(text)
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"[;\n]|,\s+(?=[A-ZĐÀ-Ỹ])", text):
        if depths[match.start()] == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [one_line(p).strip(" .,") for p in parts if p.strip(" .,")]


def split_lines(text: str) -> list[str]:
    """One item per line, list marks removed, lines broken mid-sentence joined back."""
    items: list[str] = []
    for line in clean_field(text).split("\n"):
        line = re.sub(r"^[-–•+]\s+", "", line).strip()
        if not line:
            continue
        if items and _broken_line(items[-1], line):
            items[-1] += " " + line
        else:
            items.append(line)
    return items
