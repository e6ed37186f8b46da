"""The staff's path from an edit to the published site: CI, annotations, change summaries,
scaffolding, and the Vietnamese guide whose examples are themselves checked."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.changes import compare, markdown
from generator.errors import Problem, Severity
from generator.load import parse
from generator.load_csv import read_results_csv
from generator.project import Project, load_project
from generator.schema import (
    Apology,
    Contact,
    Kpi,
    MonthlyResults,
    Procedure,
    Synonyms,
    Task,
    WardProcedures,
)
from generator.site.build import build_site
from generator.validate import validate

from .conftest import FIXTURE_WARD, REPO

ERRORS = REPO / "tests" / "cases" / "errors"
GUIDE = REPO / "docs" / "huong-dan"
CONGKHAI = [sys.executable, "-m", "generator"]


def _project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURE_WARD, tmp_path, dirs_exist_ok=True)
    return Project(tmp_path)


def _run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CONGKHAI, "-C", str(project.root), *args], capture_output=True, text=True, check=False
    )


# --- CI ----------------------------------------------------------------------------------


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    # The province example is meant to be copied into a province's repository as is.
    workflows.append(REPO / "examples" / "province" / "ci.yml")
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), *map(str, workflows)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_checks_tests_builds_previews_and_publishes() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    triggers = workflow[True]  # PyYAML reads the key "on" as True (YAML 1.1)
    assert set(triggers) >= {"push", "pull_request", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps]
    assert ".venv/bin/congkhai check --strict --github" in runs
    assert ".ci/run" in runs
    assert ".venv/bin/congkhai build --strict" in runs
    assert "congkhai changes --base" in runs and "GITHUB_STEP_SUMMARY" in runs
    assert any(use.startswith("actions/upload-artifact") for use in uses)
    assert any(use.startswith("actions/upload-pages-artifact") for use in uses)
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert "make audit" in workflow["jobs"]["audit"]["steps"][-1]["run"]
    assert (REPO / ".ci" / "run").read_text().strip().endswith("make test")


def test_pre_commit_hook_checks_changed_content() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "congkhai check --strict"
    pattern = re.compile(hook["files"])
    assert pattern.search("content/procedures/dang-ky-khai-sinh.yml")
    assert pattern.search("site_config.yml")
    assert not pattern.search("generator/cli.py")


def test_check_annotates_the_file_and_line_for_github(tmp_path: Path) -> None:
    project = _project(tmp_path)
    birth = project.root / "content" / "procedures" / "dang-ky-khai-sinh.yml"
    birth.write_text(
        birth.read_text(encoding="utf-8").replace("    fee: 0\n", "    fee: 50.000\n", 1),
        encoding="utf-8",
    )
    result = _run(project, "check", "--github")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(birth.read_text().splitlines(), 1) if "50.000" in text)
    assert result.stdout.splitlines() == [
        f"::error file=content/procedures/dang-ky-khai-sinh.yml,line={line},col=10,"
        "title=channels[1].fee::cần số tiền viết liền không có dấu chấm, dấu phẩy (viết 50000), "
        'nhận được "50.000"'
    ]


def test_annotation_escapes_newlines_and_separators() -> None:
    problem = Problem("a,b.yml", 3, 4, "x:y", "50%\nhai dòng", Severity.WARNING)
    assert (
        problem.as_github() == "::warning file=a%2Cb.yml,line=3,col=4,title=x%3Ay::50%25%0Ahai dòng"
    )


# --- Change summary ----------------------------------------------------------------------


def test_change_summary_of_a_fixture_pair(tmp_path: Path) -> None:
    before = load_project(_project(tmp_path / "truoc")).content
    after_project = _project(tmp_path / "sau")
    procedures = after_project.content_dir / "procedures"
    (procedures / "cap-giay-xac-nhan-tinh-trang-hon-nhan.yml").write_text(
        (procedures / "cap-giay-xac-nhan-tinh-trang-hon-nhan.yml")
        .read_text(encoding="utf-8")
        .replace("    fee: 7500", "    fee: 5000"),
        encoding="utf-8",
    )
    (procedures / "dang-ky-khai-sinh.yml").write_text(
        (procedures / "dang-ky-khai-sinh.yml")
        .read_text(encoding="utf-8")
        .replace("status: còn hiệu lực", "status: bãi bỏ"),
        encoding="utf-8",
    )
    shutil.copy(ERRORS / "procedure__valid.yml", procedures / "moi.yml")
    (procedures / "moi.yml").write_text(
        (procedures / "moi.yml").read_text(encoding="utf-8").replace('"1.001193"', '"1.001999"'),
        encoding="utf-8",
    )
    (procedures / "bai-bo-mau.yml").unlink()
    plan = after_project.content_dir / "plan" / "2026.yml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace("status: chưa bắt đầu", "status: đang thực hiện")
        .replace("actual: 46.8", "actual: 49.5"),
        encoding="utf-8",
    )
    after = load_project(after_project).content
    assert before is not None and after is not None
    assert markdown(compare(before, after)).splitlines() == [
        "### Thay đổi nội dung công khai",
        "",
        "**Thủ tục mới** (1)",
        "",
        "- 1.001999 Thủ tục đăng ký khai sinh",
        "",
        "**Thủ tục được thay thế hoặc bãi bỏ** (1)",
        "",
        "- 1.001193 Thủ tục đăng ký khai sinh: bãi bỏ",
        "",
        "**Thủ tục sửa đổi** (1)",
        "",
        "- 1.004873 Thủ tục cấp Giấy xác nhận tình trạng hôn nhân: Cách thức thực hiện (thời hạn,"
        " phí, lệ phí)",
        "",
        "**Tệp thủ tục bị xóa (đường dẫn cũ sẽ hỏng; nên đổi tình trạng thay vì xóa)** (1)",
        "",
        "- 2.000001 Thủ tục mẫu đã bãi bỏ",
        "",
        "**Nhiệm vụ đổi tình trạng** (1)",
        "",
        "- Tổng kết năm 2026 và xây dựng kế hoạch năm 2027: chưa bắt đầu → đang thực hiện",
        "",
        "**Kết quả chỉ tiêu** (1)",
        "",
        "- Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ: 46,8 → 49,5",
    ]
    assert markdown(compare(before, before)) == "### Nội dung công khai không thay đổi\n"


# --- Scaffolding -------------------------------------------------------------------------


def test_new_procedure_is_a_draft_that_passes_check_and_is_not_published(tmp_path: Path) -> None:
    project = _project(tmp_path)
    created = _run(
        project, "new", "procedure", "1.009999", "--name", "Thủ tục thử", "--field", "Hộ tịch"
    )
    assert created.returncode == 0, created.stderr
    check = _run(project, "check", "--strict")
    assert check.returncode == 0, check.stderr
    assert check.stderr.splitlines()[0] == (
        "content/procedures/thu-tuc-1-009999.yml:5:8: draft: ghi chú: bản nháp, chưa công bố; "
        'khi nội dung đã đầy đủ, xóa dòng "draft: có"'
    )
    content = load_project(project).content
    assert content is not None and content.procedure("1.009999") is None
    again = _run(project, "new", "procedure", "1.009999")
    assert again.returncode == 2 and "đã có" in again.stderr


def test_new_task_lands_at_the_end_of_its_section_or_changes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    plan = project.content_dir / "plan" / "2026.yml"
    before = plan.read_text(encoding="utf-8")
    refused = _run(
        project,
        "new",
        "task",
        "--section",
        "1",
        "--content",
        "Việc thử",
        "--lead",
        "khong-co",
        "--deadline",
        "Quý IV/2026",
    )
    assert refused.returncode == 1
    assert "chưa khai báo trong units" in refused.stderr
    assert plan.read_text(encoding="utf-8") == before
    added = _run(
        project,
        "new",
        "task",
        "--section",
        "1",
        "--content",
        "Việc thử: niêm yết",
        "--lead",
        "van-phong",
        "--deadline",
        "Quý IV/2026",
        "--cooperating",
        "tthcc",
    )
    assert added.returncode == 0, added.stderr
    content = load_project(project).content
    assert content is not None
    section_tasks = content.plan.sections[0].tasks
    assert section_tasks[-1].content == "Việc thử: niêm yết"
    assert section_tasks[-1].cooperating == ["tthcc"]
    assert section_tasks[-1].status == "chưa bắt đầu"
    assert "# yaml-language-server" in plan.read_text(encoding="utf-8")


# --- The staff guide ---------------------------------------------------------------------


def _examples(kind: str) -> list[tuple[str, str, str]]:
    """(page, directive argument, code block) for each ``<!-- kind: … -->`` in the guide."""
    found = []
    pattern = re.compile(rf"<!-- {kind}: (.+?) -->\n```(?:yaml|text)\n(.*?)```", re.S)
    for page in sorted(GUIDE.glob("*.md")):
        for argument, block in pattern.findall(page.read_text(encoding="utf-8")):
            found.append((page.name, argument.strip(), block))
    return found


MODELS: dict[str, Any] = {
    "procedure": Procedure,
    "task": Task,
    "kpi": Kpi,
    "contact": Contact,
    "results": MonthlyResults,
    "apology": Apology,
    "ward_procedures": WardProcedures,
    "synonyms": Synonyms,
}
# Where the guide shows each kind of error case: the file a staff member would have open.
SHOWN_AS = {
    "procedure": "content/procedures/dang-ky-khai-sinh.yml",
    "apology": "content/apologies/2026-10-2345.yml",
    "results": "content/results/2026-10.yml",
    "plan": "content/plan/2026.yml",
}


def test_the_guide_has_tested_examples_for_the_everyday_jobs() -> None:
    arguments = [argument for _, argument, _ in _examples("ví-dụ")]
    assert {"procedure", "task", "kpi"} <= set(arguments)
    assert sum(argument.startswith("sửa ") for argument in arguments) >= 3
    assert len(_examples("lỗi")) >= 5


@pytest.mark.parametrize("example", _examples("ví-dụ"), ids=lambda e: f"{e[0]}:{e[1]}")
def test_guide_example_is_valid_content(example: tuple[str, str, str], tmp_path: Path) -> None:
    _, argument, block = example
    if argument == "results-csv":
        path = tmp_path / "2026-11.csv"
        path.write_text(block, encoding="utf-8")
        document = read_results_csv(path, "2026-11.csv")
        value, problems = validate(document, MonthlyResults)
        assert document.problems == problems == [] and value is not None
        return
    if argument in MODELS:
        value, problems = validate(parse(block, "vi-du.yml"), MODELS[argument])
        assert problems == [] and value is not None
        return
    assert argument.startswith("sửa ")
    project = _project(tmp_path)
    target = project.root / argument.removeprefix("sửa ")
    data = yaml.load(target.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data.update(yaml.load(block, Loader=yaml.BaseLoader))
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_project(project)
    assert result.errors == [], result.errors
    assert result.content is not None
    build_site(project, result.content, tmp_path / "site")


@pytest.mark.parametrize("example", _examples("lỗi"), ids=lambda e: e[1])
def test_guide_error_messages_are_what_check_prints(example: tuple[str, str, str]) -> None:
    _, case, block = example
    expected = (ERRORS / f"{case}.expected").read_text(encoding="utf-8")
    shown = expected.replace(f"{case}.yml", SHOWN_AS[case.split("__")[0]])
    assert block == shown


def test_the_guide_is_published_with_the_site(built_site: Path) -> None:
    for page in ("index", "thu-tuc", "ke-hoach", "ket-qua", "tinh", "doc-loi", "dang-trang"):
        assert (built_site / "huong-dan" / f"{page}.html").is_file(), page
