"""Where imported content goes, and how it meets files staff already edited.

Rules (README.md in this folder explains why):

- A procedure goes to ``content/procedures/`` only when the file passes ``congkhai check`` and
  no value had to be left blank; otherwise to ``content/drafts/procedures/`` (not published),
  with a leading comment listing what a human must fill.
- An existing file (found by procedure code, wherever it is) is merged: values the file lacks
  are added; a value the import would change is a conflict. Without ``--force`` a file with a
  conflict is not written at all and the conflicts are listed; with ``--force`` the imported
  values win, fields the source does not have keep the staff's values, and the old file is
  copied to ``.congkhai/sao-luu/`` first. A file the import would not change is not rewritten.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import Problem, Severity, os_reason, parse_field_path
from ..labels import field_label
from ..load import parse, read_document
from ..model import procedure_problems
from ..project import Project
from ..schema import Procedure
from ..validate import validate
from .cells import slug
from .report import ImportFailed, Report
from .writer import BLANK_MARK, Note, dump, plain

DRAFTS = "drafts"
BACKUPS = Path(".congkhai") / "sao-luu"


def published_dir(project: Project, kind: str) -> Path:
    """``content/procedures`` or ``content/plan``: what congkhai reads and publishes.

    In a province, procedures go to the shared catalogue and plans to the ward's folder.
    """
    return (project.catalogue_dir if kind == "procedures" else project.content_dir) / kind


def drafts_dir(project: Project, kind: str) -> Path:
    """``content/drafts/<kind>``: imported files a human must complete; never published."""
    return (project.catalogue_dir if kind == "procedures" else project.content_dir) / DRAFTS / kind


def schema_ref(project: Project, path: Path, schema: str) -> str:
    """The ``$schema`` path of a content file, relative to where the file is."""
    target = project.root / "schema" / f"{schema}.schema.json"
    return Path(os.path.relpath(target, path.parent)).as_posix()


# --- reading what is there --------------------------------------------------------------


@dataclass
class Existing:
    """A content file already in the project, as plain text data."""

    path: Path
    data: dict[str, Any]
    draft: bool


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of one folder, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def read_existing(project: Project, path: Path, *, draft: bool) -> Existing | None:
    """A file's data, or None when it cannot be read as a mapping (reported by ``check``)."""
    document = read_document(path, project.display(path))
    if not isinstance(document.data, dict):
        return None
    return Existing(path, plain(document.data), draft)


def procedures_by_code(project: Project) -> dict[str, Existing]:
    """Every procedure file, published or draft, by its code (a published file wins)."""
    found: dict[str, Existing] = {}
    for folder, draft in (
        (drafts_dir(project, "procedures"), True),
        (published_dir(project, "procedures"), False),
    ):
        for path in yaml_files(folder):
            existing = read_existing(project, path, draft=draft)
            code = existing.data.get("code") if existing else None
            if existing and isinstance(code, str):
                found[code.strip()] = existing
    return found


# --- merging ------------------------------------------------------------------------------


@dataclass
class Diff:
    """What merging an import into an existing file does to it."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the file would stay as it is."""
        return not self.added and not self.changed


def is_empty(value: object) -> bool:
    """No value: None, empty text, empty list or mapping."""
    value = plain(value)
    return value is None or (isinstance(value, str | list | dict) and not value)


def same(old: object, new: object) -> bool:
    """Equal once written: numbers and their text, spacing, None and empty."""
    old, new = plain(old), plain(new)
    if is_empty(old) and is_empty(new):
        return True
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        keys = {k for k, v in {**old, **new}.items() if not is_empty(v)}
        return all(same(old.get(k), new.get(k)) for k in keys)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, list | Mapping) or isinstance(new, list | Mapping):
        return False
    return " ".join(_scalar_text(old).split()) == " ".join(_scalar_text(new).split())


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)


def covers(old: object, new: object) -> bool:
    """Whether ``old`` already says everything ``new`` says (an empty new value says nothing)."""
    old, new = plain(old), plain(new)
    if is_empty(new):
        return True
    if is_empty(old):
        return False
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return all(covers(old.get(k), v) for k, v in new.items())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(covers(a, b) for a, b in zip(old, new, strict=True))
    return same(old, new)


KEYED = {"channels": "mode", "legal_basis": "number"}
"""Lists merged item by item, matched on this field; other lists are one value."""


def merge(
    existing: Mapping[str, Any],
    incoming: Mapping[str, Any],
    *,
    force: bool,
    where: str = "",
    nested: Sequence[str] = ("decision", "agencies"),
    keyed: Mapping[str, str] = KEYED,
) -> tuple[dict[str, Any], Diff]:
    """Merge ``incoming`` (may hold notes) into ``existing`` (plain data); report each change.

    A mapping named in ``nested`` is merged field by field, a list named in ``keyed`` item by
    item (items only in the file stay); any other value is one unit.
    """
    result: dict[str, Any] = dict(existing)
    diff = Diff()
    for key, raw in incoming.items():
        path = f"{where}.{key}" if where else key
        new, old = plain(raw), existing.get(key)
        inner = raw.value if isinstance(raw, Note) else raw
        if is_empty(new):
            if is_empty(old):
                result[key] = raw  # keep the draft's placeholder note
            continue
        if is_empty(old):
            result[key] = raw
            diff.added.append(path)
        elif covers(old, new):
            # Nothing new: keep the staff's own text (and the import's comment).
            result[key] = Note(old, raw.comment, raw.above) if isinstance(raw, Note) else old
        elif key in nested and isinstance(old, Mapping) and isinstance(inner, Mapping):
            merged, sub = merge(old, inner, force=force, where=path, nested=(), keyed={})
            result[key] = merged
            diff.added += sub.added
            diff.changed += sub.changed
        elif key in keyed and isinstance(old, list) and isinstance(inner, list):
            items = _merge_items(old, inner, keyed[key], path, force, diff)
            result[key] = Note(items, raw.comment, raw.above) if isinstance(raw, Note) else items
        else:
            diff.changed.append(describe_change(path, old, new))
            if force:
                result[key] = raw
    return result, diff


def _merge_items(
    old: list[Any], new: list[Any], key: str, path: str, force: bool, diff: Diff
) -> list[Any]:
    """Merge two lists of mappings matched on ``key`` ("mode", "number")."""
    out: list[Any] = list(old)
    where = {
        " ".join(str(item.get(key)).casefold().split()): index
        for index, item in enumerate(old)
        if isinstance(item, Mapping)
    }
    for raw in new:
        item = raw.value if isinstance(raw, Note) else raw
        if not isinstance(item, Mapping):
            continue
        name = str(plain(item.get(key)))
        label = f"{path}[{name}]"
        index = where.get(" ".join(name.casefold().split()))
        if index is None:
            out.append(raw)
            diff.added.append(label)
            continue
        merged, sub = merge(out[index], item, force=force, where=label, nested=(), keyed={})
        out[index] = merged
        diff.added += sub.added
        diff.changed += sub.changed
    return out


def describe_change(path: str, old: object, new: object) -> str:
    """One line saying how a value changes, short enough to read in a terminal."""
    if isinstance(old, list) and isinstance(new, list):
        key = _identity_key(old + new)
        if key:
            before = {_short(str(item.get(key))): item for item in old if isinstance(item, dict)}
            after = {_short(str(item.get(key))): item for item in new if isinstance(item, dict)}
            parts = []
            if added := [k for k in after if k not in before]:
                parts.append("thêm " + "; ".join(added))
            if removed := [k for k in before if k not in after]:
                parts.append("bỏ " + "; ".join(removed))
            if edited := [k for k in after if k in before and not same(before[k], after[k])]:
                parts.append("sửa " + "; ".join(edited))
            if parts:
                return f"{path}: " + ", ".join(parts)
        return f"{path}: {len(old)} mục → {len(new)} mục, nội dung khác"
    return f'{path}: "{_short(_scalar_text(old))}" → "{_short(_scalar_text(new))}"'


def _identity_key(items: list[Any]) -> str | None:
    for key in ("mode", "number", "name", "content"):
        if items and all(isinstance(item, dict) and item.get(key) for item in items):
            return key
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- checking and writing -----------------------------------------------------------------

Checker = Callable[[str, str], list[Problem]]


def check_procedure(project: Project) -> Checker:
    """What ``congkhai check`` would say about one procedure file's text (errors only)."""

    def check(text: str, display: str) -> list[Problem]:
        """The errors of one file's text."""
        document = parse(text, display)
        model, problems = validate(document, Procedure)
        problems = document.problems + problems
        if model is not None:
            problems += procedure_problems(document, model, project.catalogue_dir / "forms")
        return [p for p in problems if p.severity is Severity.ERROR]

    return check


def checklist(
    model: type[BaseModel], blanks: Sequence[tuple[str, str]], problems: Sequence[Problem]
) -> list[str]:
    """The fields a human must fill or fix, one line each, placeholders first."""
    lines: list[str] = []
    seen: set[str] = set()
    for path, hint in blanks:
        seen.add(path)
        lines.append(f"{path}: {hint}")
    for problem in problems:
        if problem.field in seen:
            continue
        seen.add(problem.field)
        label = field_label(model, parse_field_path(problem.field))
        extra = f" ({label})" if label and label not in problem.message else ""
        lines.append(f"{problem.field or 'tệp'}: {problem.message}{extra}")
    return lines


class Saver:
    """Writes files for one import run: atomic, with a backup of every file it replaces."""

    def __init__(self, project: Project, report: Report) -> None:
        self.project = project
        self.report = report
        self.stamp = datetime.now().strftime("%Y%m%d-%H%M%S")

    def backup(self, path: Path) -> Path:
        """Copy ``path`` under ``.congkhai/sao-luu/<time>/`` before it is replaced."""
        relative = path.resolve().relative_to(self.project.root.resolve())
        target = self.project.root / BACKUPS / self.stamp / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        return target

    def write(self, path: Path, text: str, *, replacing: Path | None = None) -> None:
        """Write ``text`` to ``path`` (replacing ``replacing``, which may be another file)."""
        try:
            for old in {p for p in (replacing, path) if p is not None and p.exists()}:
                saved = self.backup(old)
                self.report.notes.append(
                    f"bản cũ của {self.project.display(old)} lưu tại {self.project.display(saved)}"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.tam")
            temporary.write_text(text, encoding="utf-8", newline="\n")
            os.replace(temporary, path)
            if replacing is not None and replacing != path and replacing.exists():
                replacing.unlink()
        except OSError as error:
            raise ImportFailed(
                f"không ghi được tệp {self.project.display(path)} ({os_reason(error)})"
            ) from None


def free_path(folder: Path, stem: str, code: str, taken: set[Path]) -> Path:
    """``folder/stem.yml``, or with the code appended when that name is already used."""
    path = folder / f"{stem}.yml"
    if path in taken or path.exists():
        path = folder / f"{stem}-{code.replace('.', '-')}.yml"
    return path


def procedure_stem(name: str, code: str) -> str:
    """A file name from the procedure's name ("Thủ tục đăng ký khai sinh" → dang-ky-khai-sinh)."""
    stem = slug(name.removeprefix("Thủ tục ").removeprefix("thủ tục "))
    return stem or code.replace(".", "-")


@dataclass
class Placed:
    """Where one procedure ended up."""

    path: Path | None
    published: bool
    blanks: list[str]


def place_procedure(
    project: Project,
    saver: Saver,
    incoming: Mapping[str, Any],
    *,
    source: str,
    existing: Existing | None,
    force: bool,
    taken: set[Path],
    review: Sequence[str] = (),
) -> Placed:
    """Merge, decide published or draft, write, and tell the report; ``Placed`` says where."""
    report = saver.report
    code = str(plain(incoming.get("code")))
    name = str(plain(incoming.get("name")) or "")
    data: Mapping[str, Any] = incoming
    if existing is not None:
        data, diff = merge(existing.data, incoming, force=force)
        where = project.display(existing.path)
        if diff.changed and not force:
            report.refused.append(f"{code} ({where}): " + "; ".join(diff.changed))
            return Placed(None, not existing.draft, [])
        if diff.empty:
            report.written.append(f"{code} {where}: không có gì mới, giữ nguyên")
            report.count("không đổi")
            return Placed(existing.path, not existing.draft, [])
        report.changes += [f"{code} {where}: thêm {path}" for path in diff.added]
        report.changes += [f"{code} {where}: sửa {change}" for change in diff.changed]
    check = check_procedure(project)
    trial = dump(Procedure, data, schema_ref="x")
    problems = check(trial.text, "x")
    complete = not trial.blanks and not problems
    replacing = existing.path if existing else None
    if existing is not None and not existing.draft and complete:
        target, publish = existing.path, True
    elif existing is not None and not existing.draft:
        # A published file is only ever replaced by content that passes check: the merge goes
        # to a draft beside it, and the page stays as it is.
        target = free_path(drafts_dir(project, "procedures"), existing.path.stem, code, taken)
        publish, replacing = False, None
        report.notes.append(
            f"{code}: {project.display(existing.path)} giữ nguyên vì bản gộp chưa đủ để đăng; "
            f"bản gộp ghi ở {project.display(target)}"
        )
    elif complete:
        stem = existing.path.stem if existing else procedure_stem(name, code)
        target = free_path(published_dir(project, "procedures"), stem, code, taken)
        publish = True
    elif existing is not None:
        target, publish = existing.path, False
    else:
        stem = procedure_stem(name, code)
        target = free_path(drafts_dir(project, "procedures"), stem, code, taken)
        publish = False
    taken.add(target)
    todo = checklist(Procedure, trial.blanks, problems)
    header = _procedure_header(source, publish, todo, review)
    written = dump(
        Procedure, data, schema_ref=schema_ref(project, target, "procedure"), header=header
    )
    saver.write(target, written.text, replacing=replacing)
    state = "đã đăng" if publish else "bản nháp"
    moved = " (chuyển từ bản nháp)" if existing and existing.draft and publish else ""
    report.written.append(f"{code} {name} → {project.display(target)} [{state}]{moved}")
    report.count(state)
    return Placed(target, publish, todo)


def _procedure_header(
    source: str, published: bool, todo: Sequence[str], review: Sequence[str]
) -> list[str]:
    review_lines = ["Cần xem lại:", *(f"  - {line}" for line in review)] if review else []
    if published:
        return [f"Nhập tự động từ {source}. Hãy đối chiếu với văn bản gốc.", *review_lines]
    return [
        "BẢN NHÁP — chưa đăng lên trang (congkhai chỉ đọc thư mục content/procedures/).",
        f"Nguồn: {source}.",
        f"Cán bộ cần điền (các dòng có chú thích {BLANK_MARK}) hoặc kiểm tra:",
        *(f"  - {line}" for line in todo),
        *review_lines,
        "Điền đủ rồi thì chuyển tệp này sang content/procedures/ và chạy: congkhai check",
    ]
