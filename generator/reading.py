"""Which files of a project may be read: regular files inside it, of a kind congkhai reads.

Content comes from many hands, and a repository can hold a symbolic link to anywhere
(``/etc/passwd``, another ward's private folder). Such a file is refused by its name: it is
never opened, and its target never appears in a message (messages land in public CI logs).
Files congkhai does not read (an Excel sheet, a Word file, a backup copy) are named too, so
nothing is skipped without a word.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import Problem, Severity

OUTSIDE = (
    "tệp này là liên kết (symlink) trỏ ra ngoài thư mục trang web nên không được đọc; "
    "hãy chép tệp thật vào đây thay cho liên kết"
)
FOLDER_OUTSIDE = (
    "thư mục này là liên kết (symlink) trỏ ra ngoài thư mục trang web nên không được đọc; "
    "hãy chép các tệp thật vào đây thay cho liên kết"
)
BROKEN = "tệp này là liên kết (symlink) hỏng nên không được đọc; hãy thay bằng tệp thật"
NOT_A_FILE = (
    "đây không phải một tệp thông thường (ống dẫn, thiết bị…) nên không được đọc; "
    "hãy xóa khỏi thư mục"
)


def leads_outside(path: Path, root: Path) -> bool:
    """Whether ``path`` (through a link anywhere below ``root``) ends up outside ``root``."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def refusal(path: Path, root: Path) -> str | None:
    """Why ``path`` must not be read (a message), or None when it is a regular file inside."""
    try:
        if path.is_symlink() or any(p.is_symlink() for p in _parents_below(path, root)):
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return OUTSIDE
            if not target.exists():
                return BROKEN
        mode = path.stat().st_mode
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return BROKEN
    return None if stat.S_ISREG(mode) else NOT_A_FILE


def _parents_below(path: Path, root: Path) -> list[Path]:
    """The folders between ``root`` and ``path`` (a linked folder leads outside too)."""
    try:
        relative = path.parent.relative_to(root)
    except ValueError:
        return []
    found = []
    current = root
    for part in relative.parts:
        current = current / part
        found.append(current)
    return found


# Files staff keep next to their content by mistake, and what to do with each kind.
_SPREADSHEET = (".xlsx", ".xls", ".xlsm", ".ods")
_DOCUMENT = (".docx", ".doc", ".odt", ".pdf", ".rtf")
_YAML_ONLY = (
    "nội dung ở thư mục này viết bằng tệp .yml (xem docs/huong-dan; lệnh "
    '"congkhai new" tạo tệp mẫu)'
)


def _wrong_kind(suffix: str, results: bool) -> str | None:
    if suffix in _SPREADSHEET:
        if results:
            return (
                'tệp Excel không được đọc; hãy mở tệp, chọn "Lưu thành" (Save As) kiểu '
                '"CSV UTF-8" và đặt tên <năm>-<tháng>.csv, ví dụ 2026-10.csv'
            )
        return f"tệp Excel không được đọc; {_YAML_ONLY}"
    if suffix in _DOCUMENT:
        return (
            f"tệp Word, PDF không được đọc; {_YAML_ONLY}; mẫu đơn cho người dân tải về "
            "đặt trong thư mục content/forms/"
        )
    return None


def scan_folder(
    directory: Path,
    root: Path,
    suffixes: tuple[str, ...],
    display: Callable[[Path], str],
) -> tuple[list[Path], list[Problem]]:
    """The files of ``directory`` to read (extension in any case), and why the others are not.

    Hidden files (``.gitkeep``) are left alone without a word.
    """
    if not directory.is_dir():
        return [], []
    if leads_outside(directory, root):
        return [], [Problem(display(directory), 1, 1, "", FOLDER_OUTSIDE)]
    files: list[Path] = []
    problems: list[Problem] = []
    results = directory.name == "results"
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        path = Path(entry.path)
        shown = display(path)
        suffix = path.suffix.lower()
        if entry.name.startswith("."):
            if suffix in suffixes:
                problems.append(_warning(shown, _HIDDEN))
            continue
        if entry.is_dir(follow_symlinks=False):
            problems.append(_warning(shown, _SUBFOLDER))
            continue
        if suffix not in suffixes:
            if (message := _wrong_kind(suffix, results)) is not None:
                problems.append(Problem(shown, 1, 1, "", message))
            elif suffixes:
                kinds = ", ".join(suffixes)
                problems.append(_warning(shown, _NOT_READ.format(kinds=kinds)))
            continue
        if (why := refusal(path, root)) is not None:
            problems.append(Problem(shown, 1, 1, "", why))
            continue
        files.append(path)
    return files, problems


_HIDDEN = "tệp ẩn (tên bắt đầu bằng dấu chấm) không được đọc; nếu là nội dung, hãy đổi tên"
_SUBFOLDER = "thư mục con không được đọc; hãy đặt các tệp nội dung ngay trong thư mục phía trên"
_NOT_READ = (
    "tệp này không được đọc vì chỉ tệp {kinds} là nội dung; nếu là nội dung, hãy đổi phần mở "
    "rộng, nếu không, hãy chuyển ra khỏi thư mục"
)


def _warning(shown: str, message: str) -> Problem:
    return Problem(shown, 1, 1, "", message, Severity.WARNING)


def tree_problems(
    directory: Path, root: Path, display: Callable[[Path], str]
) -> tuple[list[Path], list[Problem]]:
    """Every file under ``directory`` that is safe to publish, and the links that are not."""
    if not directory.is_dir():
        return [], []
    if leads_outside(directory, root):
        return [], [Problem(display(directory), 1, 1, "", FOLDER_OUTSIDE)]
    files: list[Path] = []
    problems: list[Problem] = []
    for folder, names, file_names in os.walk(directory):
        base = Path(folder)
        for name in sorted(names):
            if (base / name).is_symlink() and leads_outside(base / name, root):
                problems.append(Problem(display(base / name), 1, 1, "", FOLDER_OUTSIDE))
        # os.walk does not enter linked folders unless asked: nothing under them is read.
        for name in sorted(file_names):
            path = base / name
            if (why := refusal(path, root)) is not None:
                problems.append(Problem(display(path), 1, 1, "", why))
            else:
                files.append(path)
    return files, problems


def loose_files(
    directory: Path, expected: set[str], display: Callable[[Path], str]
) -> list[Problem]:
    """Files and folders directly in content/ that nothing reads (a sheet saved there, say)."""
    if not directory.is_dir():
        return []
    problems: list[Problem] = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in expected:
            continue
        path = Path(entry.path)
        message = _wrong_kind(path.suffix.lower(), results=False)
        if message is not None:
            problems.append(Problem(display(path), 1, 1, "", message))
        else:
            where = ", ".join(sorted(expected))
            problems.append(_warning(display(path), _LOOSE.format(where=where)))
    return problems


_LOOSE = "tệp này không được đọc vì thư mục content/ chỉ chứa {where}; hãy chuyển vào đúng chỗ"
