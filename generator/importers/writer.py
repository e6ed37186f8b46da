"""Write content YAML the way the sample files are written, whatever the data came from.

PyYAML's emitter cannot write comments, sorts or keeps keys at random, and quotes by its own
YAML 1.1 rules. Staff read these files, and drafts need comments ("CẦN ĐIỀN: …") next to the
values a human must fill, so this module emits YAML itself:

- first line ``# yaml-language-server: $schema=…`` (relative to the file), then header comments;
- keys in the schema's field order (unknown keys of a staff file kept, after the known ones);
- codes, phones and anything YAML 1.2 editors would read as a number in double quotes, as
  ``code: "1.001193"``; fees, years and targets as plain numbers; dates as 01/07/2025;
- text longer than a line as a folded block (``>-``), wrapped at 100 columns; a line break
  inside the text is written as an empty line, which is how a folded block keeps it;
- ``None`` inside a ``Note`` as an empty key with its comment, the placeholder of a draft.

``tests/test_import_writer.py`` reads every kind of value back through congkhai's own loader.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..dates import is_taught
from ..errors import format_field_path
from ..labels import inner_model, strip_optional
from ..text import nfc

WIDTH = 100
BLANK_MARK = "CẦN ĐIỀN"


@dataclass(frozen=True)
class Note:
    """A value written with a comment after it (or above it when the line is full)."""

    value: object
    comment: str | None = None
    above: tuple[str, ...] = ()
    """Comment lines written above the key (text the importer could not place, for example)."""


def blank(hint: str, seen: str | None = None) -> Note:
    """A required value the source did not give: an empty key and a "CẦN ĐIỀN" comment."""
    text = f"{BLANK_MARK}: {hint}"
    if seen:
        text += f' (nguồn ghi "{seen}")'
    return Note(None, text)


def plain(value: object) -> Any:
    """The data without notes: what the file means once loaded (blanks become None)."""
    if isinstance(value, Note):
        return plain(value.value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass
class Written:
    """A file's text and the placeholders it holds (field path, hint)."""

    text: str
    blanks: list[tuple[str, str]] = field(default_factory=list)


def schema_comment(schema_ref: str) -> str:
    """The first line of every content file: where VS Code finds the JSON Schema."""
    return f"# yaml-language-server: $schema={schema_ref}"


def dump(
    model: type[BaseModel] | None,
    data: Mapping[str, object],
    *,
    schema_ref: str,
    header: Sequence[str] = (),
) -> Written:
    """The YAML text of ``data`` (a content file of type ``model``)."""
    emitter = _Emitter()
    emitter.lines.append(schema_comment(schema_ref))
    if header:
        emitter.lines.append("#")
        for line in header:
            emitter.comment(line, 0)
    emitter.mapping(model, data, 0, ())
    return Written(nfc("\n".join(emitter.lines) + "\n"), emitter.blanks)


# --- scalars --------------------------------------------------------------------------

_NUMBERISH = re.compile(r"[-+.]?\d[\d .,:()/+-]*")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_RESERVED = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written without quotes and read back as the same text."""
    return not (
        not text
        or text != text.strip()
        or text[0] in _INDICATORS
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or "\n" in text
        or "\t" in text
        or _CONTROL.search(text)
        or text.casefold() in _RESERVED
        or _NUMBERISH.fullmatch(text)
    )


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\t", "\\t")
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def _foldable(text: str) -> bool:
    """Whether a folded block gives back exactly ``text`` (no edge or double spaces, no tabs)."""
    if text != text.strip("\n ") or "\t" in text or _CONTROL.search(text):
        return False
    return all(line == line.strip() and "  " not in line for line in text.split("\n"))


def _fold_lines(text: str, width: int) -> list[str]:
    """The content lines of a folded block for ``text`` (empty lines keep line breaks)."""
    out: list[str] = []
    for part in re.split(r"(\n+)", text):
        if part.startswith("\n"):
            out += [""] * len(part)
            continue
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


# --- the emitter ------------------------------------------------------------------------


class _Emitter:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blanks: list[tuple[str, str]] = []

    def comment(self, text: str, indent: int) -> None:
        """Write ``text`` as comment lines wrapped to the width."""
        pad = " " * indent
        lead = text[: len(text) - len(text.lstrip())]
        body = " ".join(text.split())
        if not body:
            self.lines.append(f"{pad}#")
            return
        # Wrapped lines of a list item ("  - …") continue under the item's text.
        hang = lead + ("  " if body.startswith("- ") else "")
        width = max(40, WIDTH - indent - 2 - len(hang))
        for number, line in enumerate(_fold_lines(body, width)):
            self.lines.append(f"{pad}# {lead if number == 0 else hang}{line}".rstrip())

    def mapping(
        self,
        model: type[BaseModel] | None,
        data: Mapping[str, object],
        indent: int,
        path: tuple[str | int, ...],
    ) -> None:
        """Write a mapping's entries in the model's field order."""
        known = list(model.model_fields) if model else []
        keys = [k for k in known if k in data] + [k for k in data if k not in known]
        for key in keys:
            self.entry(model, key, data[key], indent, (*path, key))

    def entry(
        self,
        model: type[BaseModel] | None,
        key: str,
        value: object,
        indent: int,
        path: tuple[str | int, ...],
    ) -> None:
        """Write one ``key: value`` (a placeholder, a block, a list or a scalar)."""
        info = model.model_fields.get(key) if model else None
        annotation = info.annotation if info else None
        comment: str | None = None
        if isinstance(value, Note):
            for line in value.above:
                self.comment(line, indent)
            comment = value.comment
            value = value.value
        pad = " " * indent
        name = key if _SLUG.fullmatch(key.replace("_", "-")) or _plain_ok(key) else _quoted(key)
        head = f"{pad}{name}:"
        if value is None or (isinstance(value, list | tuple | dict) and not value):
            if comment is None:
                return  # an optional field the source does not have: not written at all
            if comment.startswith(BLANK_MARK):
                self.blanks.append((format_field_path(path), comment.split(": ", 1)[-1]))
            if len(head) + 4 + len(comment) > WIDTH:
                self.comment(comment, indent)
                comment = comment.split(":", 1)[0]
            self.lines.append(f"{head}  # {comment}")
            return
        if isinstance(value, Mapping):
            if comment:
                self.comment(comment, indent)
            self.lines.append(head)
            self.mapping(inner_model(annotation), value, indent + 2, path)
            return
        if isinstance(value, list | tuple):
            if comment:
                self.comment(comment, indent)
            if key in _UNIT_LISTS and all(isinstance(v, str) and _SLUG.fullmatch(v) for v in value):
                inline = value[0] if len(value) == 1 else "[" + ", ".join(value) + "]"
                if len(head) + 1 + len(inline) <= WIDTH:
                    self.lines.append(f"{head} {inline}")
                    return
            self.lines.append(head)
            self.sequence(annotation, list(value), indent + 2, path)
            return
        self.scalar(head, value, annotation, indent, comment)

    def sequence(
        self, annotation: Any, items: list[object], indent: int, path: tuple[str | int, ...]
    ) -> None:
        """Write list items, a mapping item starting on its "- " line."""
        item_model = inner_model(annotation)
        pad = " " * indent
        for index, item in enumerate(items):
            comment: str | None = None
            if isinstance(item, Note):
                for line in item.above:
                    self.comment(line, indent)
                comment, item = item.comment, item.value
            if isinstance(item, Mapping):
                start = len(self.lines)
                self.mapping(item_model, item, indent + 2, (*path, index))
                for at in range(start, len(self.lines)):
                    if not self.lines[at].lstrip().startswith("#"):
                        self.lines[at] = f"{pad}- {self.lines[at].lstrip()}"
                        break
                if comment:
                    self.lines.insert(start, f"{pad}# {comment}")
            elif item is None:
                self.lines.append(f"{pad}-" + (f"  # {comment}" if comment else ""))
            else:
                self.scalar(f"{pad}-", item, _item_annotation(annotation), indent, comment)

    def scalar(
        self, head: str, value: object, annotation: Any, indent: int, comment: str | None
    ) -> None:
        """Write a scalar inline, quoted, or as a folded block when it is long."""
        kind = _scalar_kind(annotation)
        text = _render_simple(value, kind)
        if text is None:
            source = str(value)
            if _foldable(source) and (
                "\n" in source or len(head) + 1 + len(_quoted(source)) > WIDTH
            ):
                if comment:
                    self.comment(comment, indent)
                self.lines.append(f"{head} >-")
                inner = " " * (indent + 2)
                for line in _fold_lines(source, max(40, WIDTH - indent - 2)):
                    self.lines.append(f"{inner}{line}" if line else "")
                return
            text = source if _plain_ok(source) else _quoted(source)
        line = f"{head} {text}"
        if comment and len(line) + 4 + len(comment) <= WIDTH:
            line += f"  # {comment}"
        elif comment:
            self.comment(comment, indent)
        self.lines.append(line)


_UNIT_LISTS = {"lead", "cooperating"}


def _render_simple(value: object, kind: str) -> str | None:
    """A number, yes/no, date or short safe text written as is; None when it is free text."""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?", text.strip()):
        return text.strip()
    if kind == "date" and is_taught(text):
        return text.strip()
    if kind == "bool" and text.strip().casefold() in {"có", "không", "true", "false"}:
        return text.strip()
    return None


def _item_annotation(annotation: Any) -> Any:
    inner = strip_optional(annotation)
    args = typing.get_args(inner)
    return args[-1] if args else None


def _scalar_kind(annotation: Any) -> str:
    inner = strip_optional(annotation)
    if inner is bool:
        return "bool"
    if inner in (int, float):
        return "number"
    if inner is date:
        return "date"
    return "text"
