"""What a change does to the published content, for a pull request's summary.

Staff review a change on their git host; this says, in Vietnamese, which procedures were
added, changed, replaced or abolished, and which plan tasks changed status.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .format import decimal
from .git import export_revision
from .labels import short_label
from .model import IN_FORCE, Content
from .project import Project, load_project
from .schema import Procedure, section_tasks


@dataclass
class ContentChanges:
    """The differences between two versions of a ward's content."""

    added: list[Procedure] = field(default_factory=list)
    removed: list[Procedure] = field(default_factory=list)
    retired: list[Procedure] = field(default_factory=list)
    changed: list[tuple[Procedure, list[str]]] = field(default_factory=list)
    tasks: list[tuple[str, str, str]] = field(default_factory=list)
    """(task, old status, new status) for tasks whose status changed, or that are new."""
    kpis: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing published changed."""
        return not (
            self.added or self.removed or self.retired or self.changed or self.tasks or self.kpis
        )


def compare(old: Content, new: Content) -> ContentChanges:
    """Compare two versions of the content."""
    changes = ContentChanges()
    before = {p.code: p for p in old.procedures}
    after = {p.code: p for p in new.procedures}
    for code, procedure in after.items():
        previous = before.get(code)
        if previous is None:
            changes.added.append(procedure)
        elif previous.status in IN_FORCE and procedure.status not in IN_FORCE:
            changes.retired.append(procedure)
        elif previous != procedure:
            fields = [
                name
                for name in Procedure.model_fields
                if getattr(previous, name) != getattr(procedure, name)
            ]
            changes.changed.append((procedure, [short_label(Procedure, name) for name in fields]))
    changes.removed = [p for code, p in before.items() if code not in after]
    old_status = {
        task.content: task.status
        for section in old.plan.sections
        for task in section_tasks(section)
    }
    for section in new.plan.sections:
        for task in section_tasks(section):
            status = old_status.get(task.content, "nhiệm vụ mới")
            if status != task.status:
                changes.tasks.append((task.content, status, task.status))
    old_kpis = {kpi.name: kpi.actual for kpi in old.plan.kpis}
    for kpi in new.plan.kpis:
        if kpi.name in old_kpis and old_kpis[kpi.name] != kpi.actual:
            changes.kpis.append((kpi.name, _figure(old_kpis[kpi.name]), _figure(kpi.actual)))
    return changes


def changes_since(project: Project, base: str, new: Content) -> ContentChanges | None:
    """What changed since git revision ``base``; None if that version's content has errors.

    Raises ``LookupError`` when git cannot give that revision.
    """
    with tempfile.TemporaryDirectory(prefix="congkhai-base-") as scratch:
        if not export_revision(project.root, base, Path(scratch)):
            raise LookupError(base)
        old = load_project(Project(Path(scratch), project.ward))
    return compare(old.content, new) if old.content is not None else None


def _figure(value: float | None) -> str:
    return "chưa có" if value is None else decimal(value)


def markdown(changes: ContentChanges) -> str:
    """The change as a short Markdown report in Vietnamese (for GitHub's job summary)."""
    if changes.empty:
        return "### Nội dung công khai không thay đổi\n"
    lines = ["### Thay đổi nội dung công khai", ""]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"**{title}** ({len(items)})", "", *items, ""])

    section("Thủ tục mới", [f"- {p.code} {p.name}" for p in changes.added])
    section(
        "Thủ tục được thay thế hoặc bãi bỏ",
        [f"- {p.code} {p.name}: {p.status}" for p in changes.retired],
    )
    section(
        "Thủ tục sửa đổi",
        [f"- {p.code} {p.name}: {', '.join(fields)}" for p, fields in changes.changed],
    )
    section(
        "Tệp thủ tục bị xóa (đường dẫn cũ sẽ hỏng; nên đổi tình trạng thay vì xóa)",
        [f"- {p.code} {p.name}" for p in changes.removed],
    )
    section(
        "Nhiệm vụ đổi tình trạng",
        [f"- {content}: {old} → {new}" for content, old, new in changes.tasks],
    )
    section("Kết quả chỉ tiêu", [f"- {name}: {old} → {new}" for name, old, new in changes.kpis])
    return "\n".join(lines)
