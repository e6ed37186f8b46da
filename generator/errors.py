"""Problems found in content, as one-line Vietnamese messages a ward officer can act on.

Every problem names the file, line and column, the field path (``channels[2].fee``, list
positions counted from 1 as staff count them), what was expected and what was written.
"""

from __future__ import annotations

import enum
import errno
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: errors stop the build, warnings do not (unless ``--strict``)."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"
    NOTE = "ghi chú"
    """Information only, even with ``--strict`` (e.g. a draft that is not published)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one content file."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        # One line per problem, nothing invisible: a key or a CSV header may hold anything.
        text = f"{self.file}:{self.line}:{self.column}:{field} {label}{self.message}"
        return visible(text).replace("\n", "⟨LF⟩")

    def as_github(self) -> str:
        """The problem as a GitHub Actions annotation, shown on the file and line of a change."""
        level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "notice")
        title = visible(self.field) or "nội dung"
        return (
            f"::{level} file={_property(self.file)},line={self.line},col={self.column},"
            f"title={_property(title)}::{_data(visible(self.message))}"
        )

    def as_error(self) -> Problem:
        """Return this problem promoted to an error (what ``--strict`` does to warnings)."""
        if self.severity is Severity.NOTE:
            return self
        return Problem(self.file, self.line, self.column, self.field, self.message)


def _data(text: str) -> str:
    # GitHub's workflow-command escaping: https://github.com/actions/toolkit (command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_field_path(loc: Sequence[str | int]) -> str:
    """Render a location such as ``("channels", 1, "fee")`` as ``channels[2].fee``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def parse_field_path(text: str) -> list[str | int]:
    """The location a path such as ``channels[2].fee`` names: ``["channels", 1, "fee"]``."""
    parts: list[str | int] = []
    for piece in text.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        if name:
            parts.append(name)
        parts += [int(i) - 1 for i in indexes if i.isdigit()]
    return parts


def describe_value(value: object) -> str:
    """Say what a staff member wrote, as they wrote it, for the "nhận được …" part."""
    if value is None:
        return "ô trống"
    if isinstance(value, dict):
        return "một nhóm trường (khóa: giá trị)"
    if isinstance(value, list):
        return "một danh sách"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return '"' + visible(text) + '"'


def visible(text: str) -> str:
    """``text`` with every invisible or control character named: "0296\u00a01" -> "0296⟨NBSP⟩1"."""
    return _INVISIBLE.sub(lambda m: f"⟨{_NAMES.get(m.group(), f'U+{ord(m.group()):04X}')}⟩", text)


# Characters a staff member cannot see in their editor (zero-width spaces, BOM, soft hyphen,
# non-breaking spaces), and control characters that would drive a terminal: each shown by
# name, so the message explains what looks like no error and cannot rewrite the screen.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\ufeff]"
)
_NAMES = {
    "\u00a0": "NBSP",
    "\u00ad": "SHY",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202f": "NNBSP",
    "\u2060": "WJ",
    "\ufeff": "BOM",
    "\u2028": "LSEP",
    "\u2029": "PSEP",
    "\x1b": "ESC",
    "\x0b": "VT",
    "\x0c": "FF",
    "\x0d": "CR",
}


def expected_got(expected: str, value: object) -> str:
    """Join what was expected and what was written into one message."""
    return f"{expected}, nhận được {describe_value(value)}"


def count_files(problems: Iterable[Problem]) -> int:
    """Count the distinct files the problems are in."""
    return len({p.file for p in problems})


def summary(problems: Sequence[Problem], *, building: bool) -> str:
    """The closing line after the problem list: how many errors, and what happens next."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    tail = f" và {warnings} cảnh báo" if warnings else ""
    if errors:
        text = f"Dừng lại: {len(errors)} lỗi trong {count_files(errors)} tệp{tail}."
        if building:
            text += " Trang web cũ được giữ nguyên."
        return text
    notes = len(problems) - len(errors) - warnings
    if warnings:
        return f"Nội dung hợp lệ, có {warnings} cảnh báo."
    if notes:
        return f"Nội dung hợp lệ, có {notes} ghi chú."
    return "Nội dung hợp lệ."


_OS_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "đây không phải thư mục",
    errno.EEXIST: "đã có tệp trùng tên",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}


def os_reason(error: OSError) -> str:
    """Why the system refused to read or write a file, in Vietnamese (never its English text)."""
    if error.errno is None:
        return "lỗi hệ thống"
    return _OS_REASONS.get(error.errno, f"lỗi hệ thống số {error.errno}")


class BuildFailed(Exception):
    """The site could not be built; the message is for staff, in Vietnamese."""


def quiet_mkdocs() -> None:
    """Keep MkDocs' progress lines out of staff output; its warnings still show.

    By the logger's name: configuring it does not load MkDocs.
    """
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
