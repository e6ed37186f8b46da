"""Merge an imported plan into the plan file already there, task by task, keeping tracking."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from ...text import fold
from ..store import (
    Diff,
    merge,
)
from ..writer import plain

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
    units = as_mapping(existing.get("units"))
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


def as_mapping(value: object) -> dict[str, Any]:
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
