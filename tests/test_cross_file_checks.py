"""Problems that only show across files: duplicate codes, unknown replacements and units."""

from __future__ import annotations

import re
import shutil

from generator.project import Project, load_project

from .conftest import edit_file

BIRTH = "content/procedures/dang-ky-khai-sinh.yml"


def _messages(project: Project) -> list[str]:
    return [str(problem) for problem in load_project(project).problems]


def test_two_procedures_with_the_same_code(project: Project) -> None:
    shutil.copy(project.root / BIRTH, project.root / "content/procedures/zz-ban-sao.yml")
    assert _messages(project) == [
        'content/procedures/zz-ban-sao.yml:2:7: code: mã "1.001193" đã dùng cho thủ tục trong '
        "tệp content/procedures/dang-ky-khai-sinh.yml; mỗi thủ tục một mã"
    ]


def test_replaced_procedure_must_name_an_existing_replacement(project: Project) -> None:
    edit_file(project.root / BIRTH, "status: còn hiệu lực", "status: được thay thế")
    assert _messages(project) == [
        f'{BIRTH}:{_line(project, "status:")}:9: status: thủ tục "được thay thế" cần trường '
        "replaced_by (mã thủ tục thay thế)"
    ]
    edit_file(
        project.root / BIRTH,
        "status: được thay thế",
        'status: được thay thế\nreplaced_by: "1.001194"',
    )
    assert _messages(project) == [
        f"{BIRTH}:{_line(project, 'replaced_by:')}:14: replaced_by: không có thủ tục nào mang mã "
        '"1.001194" — có phải "1.001193"?'
    ]


def _line(project: Project, text: str) -> int:
    lines = (project.root / BIRTH).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


def test_plan_task_with_an_undeclared_unit(project: Project) -> None:
    plan = "content/plan/2026.yml"
    text = (project.root / plan).read_text(encoding="utf-8")
    first_lead = next(line for line in text.splitlines() if line.strip().startswith("lead:"))
    unit = first_lead.split(":", 1)[1].strip().strip("[]").split(",")[0].strip()
    edit_file(project.root / plan, first_lead, first_lead.replace(unit, unit + "x", 1))
    line = text.splitlines().index(first_lead) + 1
    problems = _messages(project)
    assert len(problems) == 1
    assert re.fullmatch(
        rf"{plan}:{line}:\d+: sections\[\d+\](\.subsections\[\d+\])?\.tasks\[\d+\]\.lead"
        rf'(\[1\])?: đơn vị "{unit}x" chưa khai báo trong units — có phải "{unit}"\?',
        problems[0],
    ), problems[0]


def test_missing_plan_file(project: Project) -> None:
    (project.root / "content/plan/2026.yml").unlink()
    lines = project.config_file.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("  plan:"))
    assert _messages(project) == [
        f"site_config.yml:{line}:9: site.plan: không tìm thấy tệp kế hoạch "
        '"content/plan/2026.yml" trong thư mục content/plan/'
    ]
