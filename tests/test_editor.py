"""The staff editor (Decap CMS at quan-tri/): its generated configuration, the files it saves,
and its forms in headless Chromium against a local repository (decap-server)."""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import expect
from pydantic import BaseModel

from generator.editor import (
    CONTENT_TYPES,
    EDITOR_DIR,
    EDITOR_PATH,
    _strip,
    editor_config,
    editor_files,
    vendored_intact,
)
from generator.options import BuildOptions
from generator.privacy import PERSONAL_DATA_RULES
from generator.project import Project, load_project
from generator.schema import CONTENT_MODELS, EditorOptions
from generator.site.build import build_site

from .conftest import REPO, Golden, copy_project, free_port, serve_folder, wait_for_port

GOLDEN = REPO / "tests" / "cases" / "editor"
ROUNDTRIP = REPO / "tests" / "editor" / "roundtrip.js"
DECAP_SERVER = EDITOR_DIR / "node_modules" / "decap-server" / "dist" / "index.js"
NODE = shutil.which("node")
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field path of a model, nested models and lists of models included."""
    paths = set()
    for name, info in model.model_fields.items():
        path = prefix + name
        paths.add(path)
        annotation, _meta, _optional = _strip(info.annotation)
        if hasattr(annotation, "__args__") and annotation.__args__:
            annotation = _strip(annotation.__args__[0])[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            paths |= _model_paths(annotation, path + ".")
    return paths


def _config_paths(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        path = prefix + field["name"]
        paths.add(path)
        if "fields" in field and field["name"] != "units":
            paths |= _config_paths(field["fields"], path + ".")
    return paths


def _fields(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return collection["fields"] if "fields" in collection else collection["files"][0]["fields"]


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_every_schema_field_has_an_editor_field(kind: Any) -> None:
    collection = next(c for c in editor_config()["collections"] if c["name"] == kind.name)
    missing = _model_paths(kind.model) - _config_paths(_fields(collection))
    assert not missing, f"schema fields with no editor field: {sorted(missing)}"


def test_every_content_type_staff_edit_has_a_collection() -> None:
    edited = {kind.schema for kind in CONTENT_TYPES}
    # A province's list of the procedures each ward takes is kept by the province's office.
    assert edited == set(CONTENT_MODELS) - {"ward_procedures"}


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_generated_configuration_matches_golden(kind: Any, golden: Golden) -> None:
    """Regenerate with ``pytest tests/test_editor.py --update-goldens`` and review the diff."""
    collection = next(c for c in editor_config()["collections"] if c["name"] == kind.name)
    text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    golden(text, GOLDEN / f"{kind.name}.json")


def test_configuration_carries_labels_patterns_and_choices() -> None:
    config = editor_config()
    procedures = _fields(config["collections"][0])
    channels = next(f for f in procedures if f["name"] == "channels")
    mode, _limit, fee = channels["fields"][:3]
    assert mode["options"] == ["trực tiếp", "trực tuyến", "bưu chính"]
    assert fee["label"] == "Phí, lệ phí (đồng, viết liền)" and fee["required"] is True
    assert re.fullmatch(fee["pattern"][0], "50000") and not re.fullmatch(
        fee["pattern"][0], "50.000"
    )
    code = procedures[0]
    assert code["label"] == "Mã thủ tục" and re.fullmatch(code["pattern"][0], "1.001193")
    assert config["locale"] == "vi" and config["publish_mode"] == "editorial_workflow"


def test_backends_for_github_gitea_and_forgejo() -> None:
    gitea = EditorOptions(
        backend="gitea", repo="ubnd/cong-khai", base_url="https://git.tinh.vn", app_id="abc"
    )
    config = editor_config(gitea)
    assert config["backend"] == {
        "name": "gitea",
        "branch": "main",
        "repo": "ubnd/cong-khai",
        "base_url": "https://git.tinh.vn",
        "api_root": "https://git.tinh.vn/api/v1",
        "app_id": "abc",
    }
    assert "publish_mode" not in config  # Gitea's backend has no editorial workflow
    forgejo = editor_config(EditorOptions(backend="forgejo", repo="a/b", base_url="https://f.vn"))
    assert forgejo["publish_mode"] == "editorial_workflow"
    page = editor_files("Phường Hòa An", gitea)[f"{EDITOR_PATH}/index.html"]
    assert isinstance(page, str)
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert "connect-src 'self' blob: https://git.tinh.vn http://localhost:*" in policy.group(1)
    assert "api.github.com" not in policy.group(1) and "<script>" not in page


def test_vendored_editor_is_the_pinned_package_with_its_licence() -> None:
    assert all(vendored_intact().values()), vendored_intact()
    for licence in ("decap-cms.LICENSE", "js-yaml.LICENSE"):
        assert "MIT" in (EDITOR_DIR / "vendor" / licence).read_text(encoding="utf-8")


def test_public_site_has_the_editor_kiosk_and_bundle_do_not(
    built_site: Path, tmp_path: Path
) -> None:
    page = (built_site / EDITOR_PATH / "index.html").read_text(encoding="utf-8")
    assert "unsafe-eval" in page and 'lang="vi"' in page
    config = json.loads((built_site / EDITOR_PATH / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]] == [k.name for k in CONTENT_TYPES]
    project = copy_project(tmp_path)
    content = load_project(project).content
    assert content is not None
    kiosk = build_site(project, content, tmp_path / "kiosk", BuildOptions(kiosk=True)).site_dir
    bundle = build_site(
        project, content, tmp_path / "bundle", BuildOptions(bundle_revision="abc1234")
    ).site_dir
    for site in (kiosk, bundle):
        assert not (site / EDITOR_PATH).exists()
        assert not any("decap" in path.name for path in site.rglob("*.js"))


def test_only_the_editor_page_allows_eval(built_site: Path) -> None:
    """Decap needs 'unsafe-eval' (docs/dev/editor-choice.md): on quan-tri/ and nowhere else."""
    pages = sorted(built_site.rglob("*.html"))
    policies = {}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
        policies[path.relative_to(built_site).as_posix()] = found.group(1) if found else None
    editor = policies.pop(f"{EDITOR_PATH}/index.html")
    assert editor is not None and "script-src 'self' 'unsafe-eval'" in editor
    assert len(policies) > 50 and "404.html" in policies
    assert [path for path, policy in policies.items() if policy is None] == []
    assert [path for path, policy in policies.items() if "eval" in str(policy)] == []
    # Nor does any other page load the editor's scripts.
    others = [p for p in pages if EDITOR_PATH not in p.relative_to(built_site).parts[:1]]
    assert not any("decap-cms" in p.read_text(encoding="utf-8") for p in others)


# --- The files the editor saves (its JavaScript, run by node) -------------------------------


def _node() -> str:
    if NODE is None:
        pytest.fail("node is missing: run `make test`, which installs Debian's nodejs")
    return NODE


def _copy(directory: Path) -> Project:
    directory.mkdir(parents=True)
    return copy_project(directory)


def _write_editor(directory: Path, config: dict[str, Any] | None = None) -> Path:
    """The editor's files as the build publishes them, into ``directory``/quan-tri."""
    for path, source in editor_files("Phường Hòa An", EditorOptions()).items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copy(source, target)
        else:
            target.write_text(source, encoding="utf-8")
    if config is not None:
        (directory / EDITOR_PATH / "config.yml").write_text(json.dumps(config), encoding="utf-8")
    return directory / EDITOR_PATH


def _roundtrip(editor: Path, project: Project) -> None:
    """Open and save every content file as the editor would."""
    groups = {
        "congkhai-procedure": project.root.glob("content/procedures/*.yml"),
        "congkhai-contact": project.root.glob("content/contacts/*.yml"),
        "congkhai-apology": project.root.glob("content/apologies/*.yml"),
        "congkhai-results": project.root.glob("content/results/*.yml"),
        "congkhai-plan": project.root.glob("content/plan/*.yml"),
        "congkhai-feedback": [project.root / "content" / "feedback.yml"],
        "congkhai-site_config": [project.root / "site_config.yml"],
    }
    for format_name, paths in groups.items():
        files = [str(path) for path in paths]
        subprocess.run([_node(), str(ROUNDTRIP), str(editor), format_name, *files], check=True)


def _published(project: Project) -> dict[str, Any]:
    result = load_project(project, strict=True)
    assert not result.errors, "\n".join(map(str, result.errors))
    assert result.content is not None
    content = result.content
    return {
        "procedures": sorted(p.model_dump_json() for p in content.procedures),
        "contacts": sorted(c.model_dump_json() for c in content.contacts),
        "config": content.config.model_dump_json(),
        "plans": [plan.model_dump_json() for plan in (content.plan, *content.plans)],
        "results": [repr(month) for month in content.results],
        "apologies": sorted(a.model_dump_json() for a in content.apologies),
        "feedback": content.feedback.model_dump_json() if content.feedback else None,
    }


def test_saved_files_pass_check_strict_and_keep_every_value(tmp_path: Path) -> None:
    original = _copy(tmp_path / "before")
    saved = _copy(tmp_path / "after")
    _roundtrip(_write_editor(tmp_path / "site"), saved)
    assert _published(saved) == _published(original)
    procedure = (saved.root / "content/procedures/dang-ky-khai-sinh.yml").read_text("utf-8")
    assert procedure.startswith(
        "# yaml-language-server: $schema=../../schema/procedure.schema.json\ncode: "
    )
    # Codes and leading-zero numbers stay quoted text; money stays a plain number.
    assert 'code: "1.001193"' in procedure and "fee: 0\n" in procedure
    keys = [line.split(":")[0] for line in procedure.splitlines() if re.match(r"^\w+:", line)]
    order = [name for name in CONTENT_MODELS["procedure"].model_fields if name in keys]
    assert keys == order  # the schema's order, the order of `congkhai new`
    config = (saved.root / "site_config.yml").read_text("utf-8")
    assert config.startswith("# yaml-language-server: $schema=schema/site_config.schema.json\n")
    apology = next((saved.root / "content/apologies").glob("*.yml")).read_text("utf-8")
    assert apology.splitlines()[1].startswith("# Không ghi họ tên")


def test_personal_data_patterns_mean_the_same_in_javascript() -> None:
    samples = [
        "Chờ xác minh",
        "Gọi 0912345678 để hẹn",
        "Gọi 0912 345 678",
        "CCCD 012345678901",
        "CMND 123456789",
        "Hồ sơ H19.***.2345",
        "Điện thoại cơ quan 0296 3861 234",
    ]
    script = (
        "const rules = JSON.parse(process.argv[1]); const samples = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(samples.map(s => rules.findIndex(r => new RegExp(r).test(s)))))"
    )
    rules = [rule.pattern for rule, _kind, _message in PERSONAL_DATA_RULES]
    out = subprocess.run(
        [_node(), "-e", script, json.dumps(rules), json.dumps(samples)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    python = [next((i for i, r in enumerate(rules) if re.search(r, s)), -1) for s in samples]
    assert json.loads(out) == python
    assert python[:5] == [-1, 1, 1, 0, 0]


# --- The forms in headless Chromium, against a local repository ------------------------------


@contextlib.contextmanager
def _serve_editor(tmp_path: Path, mode: str) -> Iterator[tuple[str, Project]]:
    """The editor served over http against a copy of the sample ward on disk: decap-server
    in ``fs`` mode (saves write the files) or ``git`` mode (the editorial workflow, on branches)."""
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server is missing: run `make test`, which installs editor/ tools")
    project = _copy(tmp_path / "ward")
    port = free_port()
    local = f"http://127.0.0.1:{port}/api/v1"
    config = editor_config(local_url=local, workflow=mode == "git")
    editor = _write_editor(tmp_path / "site", config)
    # The files as the editor writes them, so a diff shows only what the form changed.
    _roundtrip(editor, project)
    if mode == "git":
        git = ["git", "-C", str(project.root)]
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
        # decap-server commits too: an identity in the repository, not the machine's.
        subprocess.run([*git, "config", "user.name", "Cán bộ"], check=True)
        subprocess.run([*git, "config", "user.email", "can-bo@example.invalid"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "ward"], check=True)
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(project.root), "MODE": mode, "PORT": str(port)}
    log = (tmp_path / "decap-server.log").open("wb")
    server = subprocess.Popen(
        [_node(), str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    web = serve_folder(tmp_path / "site")
    try:
        wait_for_port(port, server, "decap-server")
        yield f"http://127.0.0.1:{web.server_address[1]}/{EDITOR_PATH}/index.html", project
    finally:
        web.shutdown()
        server.terminate()
        server.wait(timeout=10)
        log.close()
        print((tmp_path / "decap-server.log").read_text(errors="replace")[-3000:])


@pytest.fixture
def local_editor(tmp_path: Path) -> Iterator[tuple[str, Project]]:
    """The editor in local mode: publishing writes the files on disk."""
    with _serve_editor(tmp_path, "fs") as served:
        yield served


@pytest.fixture
def workflow_editor(tmp_path: Path) -> Iterator[tuple[str, Project]]:
    """The editor with its draft → review → ready workflow, on a git copy of the sample ward."""
    with _serve_editor(tmp_path, "git") as served:
        yield served


def _open(browser: Any, url: str, hash_: str, width: int = 1080, height: int = 1920) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Thủ tục hành chính")
    page.goto(url + hash_)
    return page


def _expand(page: Any, summary: str) -> None:
    """Open a collapsed list item: its top bar's first button, just above its summary."""
    item = page.get_by_text(summary, exact=True).first
    item.locator("xpath=preceding-sibling::div[1]/button[1]").click()


def _choose(page: Any, control_id_prefix: str, option: str, index: int = 0) -> None:
    """Pick an option in one of Decap's select boxes."""
    page.locator(f'[id^="{control_id_prefix}"] >> visible=true').nth(index).click()
    page.get_by_role("option", name=option, exact=True).click()


def _persisted(response: Any) -> bool:
    return "/api/v1" in response.url and '"persistEntry"' in (response.request.post_data or "")


def _publish(page: Any) -> None:
    """Publish and wait for decap-server's answer: it answers once the files are written."""
    page.get_by_role("button", name="Công bố").first.click()
    with page.expect_response(_persisted) as answer:
        page.get_by_text("Công bố ngay", exact=True).click()
    assert answer.value.ok, answer.value.text()


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.browser
def test_editor_changes_a_fee_and_a_task_status_and_saves_just_that(
    browser: Any, local_editor: tuple[str, Project], output_dir: Path
) -> None:
    url, project = local_editor
    procedure_file = project.root / "content/procedures/dang-ky-ket-hon.yml"
    plan_file = project.root / "content/plan/2026.yml"
    procedure_before = procedure_file.read_text("utf-8")
    plan_before = plan_file.read_text("utf-8")
    page = _open(browser, url, "#/collections/procedures/entries/dang-ky-ket-hon")
    page.wait_for_selector("text=Cách thức thực hiện (thời hạn, phí, lệ phí)")
    _expand(page, "trực tiếp")
    fee = page.locator('input[id^="fee-field"]').first
    fee.fill("15000")
    page.screenshot(path=str(output_dir / "editor-procedure-form.png"))
    _publish(page)
    changed = _changed_lines(procedure_before, procedure_file.read_text("utf-8"))
    assert len(changed) == 2 and changed[1] == "+    fee: 15000", changed
    assert changed[0].startswith("-    fee: ")

    page.close()
    page = _open(browser, url, "#/collections/plans/entries/2026")
    page.wait_for_selector("text=Các phần của kế hoạch")
    section = project_first_open_task(plan_before)
    _expand(page, section["section"])
    if section["subsection"]:
        _expand(page, section["subsection"])
    _expand(page, section["task"])
    page.screenshot(path=str(output_dir / "editor-plan-task-form.png"))
    _choose(page, "status-field", "hoàn thành")
    _publish(page)
    changed = _changed_lines(plan_before, plan_file.read_text("utf-8"))
    assert [line[0] + line[1:].strip() for line in changed] == [
        f"-status: {section['status']}",
        "+status: hoàn thành",
    ], changed
    assert load_project(project, strict=True).errors == []
    assert page.errors == []
    page.close()


def project_first_open_task(plan_text: str) -> dict[str, str]:
    """The first task not yet done in the plan, with the titles that lead to it."""
    import yaml

    plan = yaml.load(plan_text, Loader=yaml.BaseLoader)
    for section in plan["sections"]:
        for subsection in [None, *section.get("subsections", [])]:
            tasks = section.get("tasks", []) if subsection is None else subsection["tasks"]
            for task in tasks:
                if task.get("status", "chưa bắt đầu") != "hoàn thành" and "status" in task:
                    return {
                        "section": section["title"],
                        "subsection": subsection["title"] if subsection else "",
                        "task": " ".join(task["content"].split()),
                        "status": task["status"],
                    }
    raise AssertionError("the sample plan has no open task")


@pytest.mark.browser
def test_apology_form_refuses_a_phone_number_in_the_reason(
    browser: Any, local_editor: tuple[str, Project], output_dir: Path
) -> None:
    url, project = local_editor
    before = {p: p.read_text("utf-8") for p in (project.root / "content/apologies").glob("*")}
    page = _open(browser, url, "#/collections/apologies/new")
    page.wait_for_selector("text=Lý do trễ hạn")
    page.locator('[id^="dossier-field"]').fill("H19.***.9999")
    page.locator('[id^="procedure-field"]').fill("1.001193")
    for name, value in [
        ("received", "02/11/2026"),
        ("due", "05/11/2026"),
        ("new_due", "09/11/2026"),
        ("apologized", "05/11/2026"),
    ]:
        page.locator(f'[id^="{name}-field"]').fill(value)
    page.locator('[id^="reason-field"]').fill("Chờ bổ sung, gọi chị Lan 0912 345 678")
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay", exact=True).click()
    message = PERSONAL_DATA_RULES[1][2]
    page.get_by_text(message).first.wait_for()
    page.screenshot(path=str(output_dir / "editor-apology-refused.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_text(message).first.scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "editor-apology-refused-390.png"))
    after = {p: p.read_text("utf-8") for p in (project.root / "content/apologies").glob("*")}
    assert after == before
    page.close()


@pytest.mark.browser
def test_new_month_of_results_is_named_by_its_month_and_passes_check(
    browser: Any, local_editor: tuple[str, Project]
) -> None:
    url, project = local_editor
    page = _open(browser, url, "#/collections/results/new")
    page.locator('[id^="_thang-field"]').fill("2026-11")
    page.get_by_role("button", name="Thêm mỗi lĩnh vực một mục").click()
    page.locator('[id^="field-field"] >> visible=true').first.fill("Hộ tịch")
    page.locator('[id^="received_in_person-field"] >> visible=true').first.fill("12")
    page.locator('[id^="resolved_on_time-field"] >> visible=true').first.fill("11")
    _publish(page)
    saved = project.root / "content/results/2026-11.yml"
    assert saved.read_text("utf-8") == (
        "# yaml-language-server: $schema=../../schema/results.schema.json\n"
        "fields:\n"
        "  - field: Hộ tịch\n"
        "    received_in_person: 12\n"
        "    resolved_on_time: 11\n"
    )
    assert load_project(project, strict=True).errors == []
    assert page.errors == []
    page.close()


def _serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})")
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['nodes'][0]['html'][:160]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
def test_list_buttons_have_vietnamese_names(
    browser: Any, local_editor: tuple[str, Project]
) -> None:
    url, _project = local_editor
    page = _open(browser, url, "#/collections/procedures")
    page.get_by_text("1.000894 – Thủ tục đăng ký kết hôn").wait_for()
    assert _serious(page) == []
    page.goto(url + "#/collections/procedures/entries/dang-ky-ket-hon")
    page.wait_for_selector("text=Cách thức thực hiện (thời hạn, phí, lệ phí)")
    remove = page.get_by_role("button", name="Xóa mục 2 – Trình tự thực hiện", exact=True)
    expect(remove).to_have_count(1)
    drag = page.get_by_role("button", name="Kéo để đổi thứ tự mục 1 – Đối tượng thực hiện")
    expect(drag).to_have_attribute("aria-roledescription", "nút kéo thả")
    # A channel is closed at first; opening it renames its button and says it is open.
    toggle = page.get_by_role("button", name="Mở mục 1 – Cách thức thực hiện", exact=False)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    opened = page.get_by_role("button", name="Thu gọn mục 1 – Cách thức thực hiện", exact=False)
    expect(opened).to_have_attribute("aria-expanded", "true")
    # Nested lists name their items by their own list (a channel's fee cases, …).
    assert _serious(page) == []
    unnamed = page.evaluate(
        """Array.from(document.querySelectorAll('button, [role=button]'))
            .filter(b => b.offsetParent !== null && !b.textContent.trim()
                    && !b.getAttribute('aria-label')).length"""
    )
    assert unnamed == 0
    # Dragging a step below the next one reorders them, and dnd-kit's announcements to screen
    # readers are in Vietnamese.
    steps = page.locator('div[id^="steps-field"]').first
    order = steps.locator("textarea").evaluate_all("areas => areas.map(a => a.value)")
    handle = page.get_by_role("button", name="Kéo để đổi thứ tự mục 1 – Trình tự thực hiện")
    target = page.get_by_role("button", name="Xóa mục 2 – Trình tự thực hiện")
    handle.scroll_into_view_if_needed()
    start, end = handle.bounding_box(), target.bounding_box()
    assert start is not None and end is not None
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] + 20, steps=5)
    page.mouse.move(start["x"] + 5, end["y"] + end["height"] + 40, steps=20)
    page.mouse.up()
    expect(steps.locator("textarea").first).to_have_value(order[1])
    said = page.locator('[id^="DndLiveRegion-"]').filter(has_text="Đã thả mục")
    expect(said).to_have_count(1)
    assert not page.locator('[id^="DndLiveRegion-"]').filter(has_text="item").count()
    # Removing an item through its named button works (and the names follow the new order).
    before = page.get_by_role("button", name=re.compile(r"^Xóa mục \d+ – Trình tự")).count()
    remove.click()
    expect(page.get_by_role("button", name=re.compile(r"^Xóa mục \d+ – Trình tự"))).to_have_count(
        before - 1
    )
    assert page.errors == []
    page.close()


PHONE = {"width": 390, "height": 844}


def _fits(page: Any) -> list[str]:
    """What makes the page scroll sideways, or lies outside the screen's width."""
    return page.evaluate(
        """(() => {
        const out = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth) out.push('document ' + doc.scrollWidth);
        // The form scrolls in its own pane: nothing there may scroll or be cut sideways.
        for (const el of document.querySelectorAll('[class*="-ControlPaneContainer"]')) {
          if (getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth)
            out.push('form ' + el.scrollWidth);
        }
        for (const el of document.querySelectorAll('button, [role=button], input, textarea, a')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && (r.left < 0 || r.right > doc.clientWidth))
            out.push((el.getAttribute('aria-label') || el.textContent || el.id).slice(0, 40)
                     + ' ' + Math.round(r.left) + '–' + Math.round(r.right));
        }
        return out;
      })()"""
    )


@pytest.mark.browser
def test_editor_works_on_a_phone_screen(
    browser: Any, local_editor: tuple[str, Project], output_dir: Path
) -> None:
    url, project = local_editor
    page = _open(browser, url, "#/collections/procedures", **PHONE)
    page.get_by_text("1.000894 – Thủ tục đăng ký kết hôn").wait_for()
    assert _fits(page) == []
    page.screenshot(path=str(output_dir / "editor-390-list.png"))

    # Change a fee and publish, all at 390 px: the publish button is on the screen.
    procedure_file = project.root / "content/procedures/dang-ky-ket-hon.yml"
    before = procedure_file.read_text("utf-8")
    page.goto(url + "#/collections/procedures/entries/dang-ky-ket-hon")
    page.wait_for_selector("text=Cách thức thực hiện (thời hạn, phí, lệ phí)")
    assert _fits(page) == []
    page.screenshot(path=str(output_dir / "editor-390-procedure.png"))
    _expand(page, "trực tiếp")
    page.locator('input[id^="fee-field"]').first.fill("15000")
    assert _fits(page) == []
    publish = page.get_by_role("button", name="Công bố").first
    box = publish.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    _publish(page)
    changed = _changed_lines(before, procedure_file.read_text("utf-8"))
    assert changed[1:] == ["+    fee: 15000"], changed

    # The deepest form: plan → section → (subsection →) task.
    plan_before = (project.root / "content/plan/2026.yml").read_text("utf-8")
    task = project_first_open_task(plan_before)
    page.close()
    page = _open(browser, url, "#/collections/plans/entries/2026", **PHONE)
    page.wait_for_selector("text=Các phần của kế hoạch")
    _expand(page, task["section"])
    if task["subsection"]:
        _expand(page, task["subsection"])
    _expand(page, task["task"])
    page.locator('[id^="status-field"] >> visible=true').first.scroll_into_view_if_needed()
    assert _fits(page) == []
    page.screenshot(path=str(output_dir / "editor-390-plan-task.png"))
    assert page.errors == []
    page.close()


# Words of Decap's English interface; none may show in the Vietnamese editor.
ENGLISH = re.compile(
    r"\b(Save|Saving|Saved|Delete|Deleted|New|Publish|Published|Publishing|Search|Loading|Add|"
    r"Remove|Cancel|Close|Edit|Entries|Collections?|Media|Preview|Status|Draft|Sort|Log ?in|"
    r"Log ?out|Quick add|View|Toggle|Unsaved|Changes|Ready|Review|Upload|Choose|Insert|Back|"
    r"Workflow|Contents|Settings|Files?|Untitled|Error|Required|Optional|Expand|Collapse|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ago|by)\b"
)


def _english(page: Any) -> list[str]:
    texts = page.evaluate(
        """(() => {
        const out = [document.body.innerText];
        for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
          out.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '',
                   el.getAttribute('placeholder') || '');
        return out;
      })()"""
    )
    return sorted({match for text in texts for match in ENGLISH.findall(text)})


@pytest.mark.browser
def test_editor_shows_no_english(browser: Any, local_editor: tuple[str, Project]) -> None:
    url, _project = local_editor
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").wait_for()
    seen = {"sign in": _english(page)}
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(url + "#/collections/procedures")
    page.get_by_text("1.000894 – Thủ tục đăng ký kết hôn").wait_for()
    seen["list"] = _english(page)
    page.get_by_role("button", name="Tạo nhanh").click()
    seen["quick add"] = _english(page)
    page.keyboard.press("Escape")
    page.get_by_text("Sắp xếp theo").click()
    seen["sort"] = _english(page)
    page.keyboard.press("Escape")
    for name, hash_, ready in [
        ("procedure", "#/collections/procedures/entries/dang-ky-ket-hon", "Trình tự thực hiện"),
        ("new apology", "#/collections/apologies/new", "Lý do trễ hạn"),
        ("plan", "#/collections/plans/entries/2026", "Các phần của kế hoạch"),
        ("site", "#/collections/site_config/entries/site_config", "Thông tin về phường"),
    ]:
        page.goto(url + hash_)
        page.get_by_text(ready).first.wait_for()
        seen[name] = _english(page)
    page.goto(url + "#/collections/procedures/entries/dang-ky-ket-hon")
    page.get_by_text("Đã công bố").first.click()
    seen["status menu"] = _english(page)
    # The media library (a dialog): Vietnamese, named, its × says "Đóng" (not "Xóa").
    page.goto(url + "#/collections/procedures")
    page.get_by_role("button", name="Tập tin").click()
    library = page.get_by_role("dialog", name="Tập tin")
    expect(library.get_by_role("button", name="Đóng")).to_be_visible()
    seen["media"] = _english(page)
    # axe measures colours: wait until the dialog has faded in.
    page.wait_for_function(
        """(() => { for (let e = document.querySelector('[role=dialog]'); e; e = e.parentElement)
                      if (getComputedStyle(e).opacity !== '1') return false;
                    return true; })()"""
    )
    assert _serious(page) == []
    assert {name: words for name, words in seen.items() if words} == {}
    # Every phrase of Decap's English locale has a Vietnamese one (ours fill Decap's gaps).
    missing = page.evaluate(
        """(() => {
        const flat = (o, p, out) => { for (const k in o) { const v = o[k];
          if (v && typeof v === 'object') flat(v, p + k + '.', out); else out[p + k] = v; }
          return out; };
        const en = flat(CMS.getLocale('en'), '', {}), vi = flat(CMS.getLocale('vi'), '', {});
        return Object.keys(en).filter(k => !(k in vi)
          || (vi[k] === en[k] && /[A-Za-z]{2}/.test(en[k].replace(/%\\{\\w+\\}/g, ''))
              && en[k] !== 'Markdown'));
      })()"""
    )
    assert missing == []
    page.close()


@pytest.mark.browser
def test_editorial_workflow_is_in_vietnamese_and_keeps_drafts_off_the_site(
    browser: Any, workflow_editor: tuple[str, Project], output_dir: Path
) -> None:
    """Save → draft on its own branch → in review, as the staff guide tells it (git mode)."""
    url, project = workflow_editor
    procedure_file = project.root / "content/procedures/dang-ky-ket-hon.yml"
    before = procedure_file.read_text("utf-8")
    page = _open(browser, url, "#/collections/procedures/entries/dang-ky-ket-hon")
    page.wait_for_selector("text=Cách thức thực hiện (thời hạn, phí, lệ phí)")
    _expand(page, "trực tiếp")
    page.locator('input[id^="fee-field"]').first.fill("15000")
    with page.expect_response(_persisted) as answer:
        page.get_by_role("button", name="Lưu", exact=True).click()
    assert answer.value.ok, answer.value.text()
    seen = {"draft": _english(page)}
    page.get_by_text("Trạng thái: Bản nháp").click()
    seen["status menu"] = _english(page)
    page.get_by_text("Đang xét duyệt", exact=True).click()
    expect(page.get_by_text("Trạng thái: Đang xét duyệt")).to_be_visible()
    page.goto(url + "#/workflow")
    card = page.get_by_text("1.000894 – Thủ tục đăng ký kết hôn")
    card.wait_for()
    seen["workflow"] = _english(page)
    page.screenshot(path=str(output_dir / "editor-workflow.png"))
    assert {name: words for name, words in seen.items() if words} == {}
    # The draft lives on its own branch; the published branch (and the site) is unchanged.
    assert procedure_file.read_text("utf-8") == before
    draft = subprocess.run(
        ["git", "-C", str(project.root), "show", "cms/procedures/dang-ky-ket-hon:"
         "content/procedures/dang-ky-ket-hon.yml"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert _changed_lines(before, draft)[1:] == ["+    fee: 15000"]
    assert page.errors == []
    page.close()
