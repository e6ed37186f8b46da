"""``congkhai new``: start a procedure file, or add a task to this year's plan, correctly shaped.

A new procedure is a draft (``draft: có``): it is checked but not published until a staff
member has filled it in and removed that line, so a placeholder never reaches citizens.
A new task is inserted as text into the plan file, so the file's comments and layout stay as
staff wrote them; the result is checked, and the file restored if it would not pass.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import Problem, Severity
from .load import MarkedDict, MarkedList, read_document
from .project import Project, load_project
from .schema import Plan
from .validate import validate

PROCEDURE_SKELETON = """\
# yaml-language-server: $schema=../../schema/procedure.schema.json
#
# Thủ tục mới (bản nháp). Điền từng trường theo Quyết định công bố của Chủ tịch UBND tỉnh,
# chạy "congkhai check", rồi XÓA dòng "draft: có" để công bố trên trang web.
draft: có
code: {code}                # mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính
name: {name}
field: {field}              # lĩnh vực, ví dụ Hộ tịch, Chứng thực
level: Cấp xã
summary: >-
  Một hai câu giới thiệu thủ tục bằng lời thường, cho người dân.
decision:                   # quyết định công bố thủ tục
  number: Số/QĐ-UBND
  date: 01/01/2026
  issuer: Chủ tịch Ủy ban nhân dân tỉnh
subjects:                   # đối tượng thực hiện
  - Công dân Việt Nam
steps:                      # trình tự thực hiện, mỗi bước một dòng "- "
  - Bước 1. Nộp hồ sơ tại Trung tâm Phục vụ hành chính công phường.
  - Bước 2. Cán bộ tiếp nhận kiểm tra hồ sơ, viết Phiếu hẹn.
  - Bước 3. Trả kết quả.
channels:                   # mỗi cách nộp một mục, có thời hạn và phí riêng (0 là miễn phí)
  - mode: trực tiếp
    time_limit: 03 ngày làm việc
    fee: 0
  - mode: trực tuyến
    level: toàn trình       # hoặc "một phần"
    time_limit: 03 ngày làm việc
    fee: 0
    url: https://dichvucong.gov.vn/
dossier:                    # thành phần hồ sơ
  - name: Tờ khai
    copies: 01 bản chính
legal_basis:                # căn cứ pháp lý
  - number: Số/năm/NĐ-CP
    title: Tên văn bản
result: Kết quả thực hiện thủ tục
agencies:
  competent: Ủy ban nhân dân phường
  implementing: Công chức phụ trách
"""


def procedure_file(project: Project, code: str, name: str | None, field: str | None) -> Path:
    """Write a draft procedure file for ``code``; refuse to overwrite an existing one."""
    target = project.catalogue_dir / "procedures" / f"thu-tuc-{code.replace('.', '-')}.yml"
    if target.exists():
        raise FileExistsError(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        PROCEDURE_SKELETON.format(
            code=json.dumps(code),
            name=_yaml_text(name or "Tên thủ tục (cần điền)"),
            field=_yaml_text(field or "Lĩnh vực (cần điền)"),
        ),
        encoding="utf-8",
    )
    return target


def _yaml_text(text: str) -> str:
    """A one-line YAML string, quoted (JSON strings are valid YAML and escape everything)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def add_task(
    plan_path: Path,
    display: str,
    section: int,
    task: dict[str, object],
) -> list[Problem]:
    """Append ``task`` to section number ``section`` (from 1) of the plan file.

    Returns the problems that prevented it (the file is then left as it was).
    """
    original = plan_path.read_text(encoding="utf-8")
    document = read_document(plan_path, display)
    plan, problems = validate(document, Plan)
    if plan is None:
        return problems or document.problems
    sections = document.data["sections"]
    if not 1 <= section <= len(sections):
        message = f"kế hoạch có {len(sections)} phần; hãy chọn một số từ 1 đến {len(sections)}"
        return [document.problem(("sections",), message)]
    lines = original.split("\n")
    section_data: MarkedDict = sections[section - 1]
    block = _task_block(task)
    if isinstance(section_data.get("tasks"), MarkedList) and section_data["tasks"]:
        tasks: MarkedList = section_data["tasks"]
        # An item's mark is where its content starts ("content:"), after the "- ".
        first = tasks.item_marks[0]
        item_indent = lines[first.line - 1].rfind("-", 0, first.column - 1)
        key_indent = section_data.key_marks["tasks"].column - 1
        at = _end_of_block(lines, tasks.item_marks[-1].line, key_indent)
    else:
        key_indent = section_data.key_marks["title"].column - 1
        item_indent = key_indent + 2
        at = section_data.value_marks["title"].line  # the line after the title
        block = [" " * key_indent + "tasks:", *block]
        if "tasks" in section_data:  # "tasks: []": replace that line
            del lines[section_data.key_marks["tasks"].line - 1]
            at = min(at, section_data.key_marks["tasks"].line - 1)
        block = [block[0], *(" " * item_indent + line for line in block[1:])]
        lines[at:at] = block
        return _write_checked(plan_path, display, original, "\n".join(lines))
    lines[at:at] = [" " * item_indent + line for line in block]
    return _write_checked(plan_path, display, original, "\n".join(lines))


def _task_block(task: dict[str, object]) -> list[str]:
    """The task as YAML lines, relative to the list's indentation ("- number: …")."""
    order = ["number", "content", "lead", "cooperating", "deadline", "output", "status"]
    lines: list[str] = []
    for key in order:
        if key not in task or task[key] in (None, "", []):
            continue
        value = task[key]
        written = (
            "[" + ", ".join(str(v) for v in value) + "]"
            if isinstance(value, list)
            else _yaml_text(str(value))
        )
        prefix = "- " if not lines else "  "
        lines.append(f"{prefix}{key}: {written}")
    return lines


def _end_of_block(lines: list[str], last_item_line: int, key_indent: int) -> int:
    """Index of the first line after the list that starts at ``last_item_line`` (1-based)."""
    index = last_item_line  # the line after the last item's first line
    end = index
    while index < len(lines):
        text = lines[index]
        stripped = text.strip()
        if stripped and not stripped.startswith("#"):
            indent = len(text) - len(text.lstrip(" "))
            if (indent <= key_indent and not stripped.startswith("- ")) or indent < key_indent:
                return end
            end = index + 1
        index += 1
    return end


def _write_checked(path: Path, display: str, original: str, updated: str) -> list[Problem]:
    path.write_text(updated, encoding="utf-8")
    document = read_document(path, display)
    _, problems = validate(document, Plan)
    errors = [p for p in document.problems + problems if p.severity is Severity.ERROR]
    if errors:
        path.write_text(original, encoding="utf-8")
    return errors


def add_checked_task(
    project: Project, plan_path: Path, section: int, task: dict[str, object]
) -> list[Problem]:
    """Add ``task`` to the plan, then check the whole project; restore the file on any error."""
    original = plan_path.read_bytes()
    problems = add_task(plan_path, project.display(plan_path), section, task)
    if not problems:
        problems = load_project(project).errors
    if problems:
        plan_path.write_bytes(original)
    return problems


def plan_units(plan_path: Path) -> list[str]:
    """The unit ids a plan declares (to offer them when adding a task)."""
    plan, _ = validate(read_document(plan_path, plan_path.name), Plan)
    return list(plan.units) if plan else []
