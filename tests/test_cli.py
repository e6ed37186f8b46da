"""The congkhai command as staff and CI use it: exit codes, messages, atomic builds."""

from __future__ import annotations

import ast
import errno
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mkdocs import utils as mkdocs_utils

from generator.project import Project, load_project
from generator.site.build import BuildFailed, build_site

from .conftest import PINNED_EPOCH, REPO, edit_file, poll_until, tree_digest

CONGKHAI = [sys.executable, "-m", "generator"]


def run(
    project: Project | Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    root = project.root if isinstance(project, Project) else project
    env = {**{k: v for k, v in os.environ.items() if k != "CONGKHAI_DEBUG"}, **(env or {})}
    return subprocess.run(
        [*CONGKHAI, "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )


def test_help_explains_every_command_in_one_line() -> None:
    result = subprocess.run([*CONGKHAI, "--help"], capture_output=True, text=True, check=True)
    for command, words in [
        ("check", "Kiểm tra toàn bộ nội dung"),
        ("build", "xây dựng trang web"),
        ("serve", "Xem trước"),
        ("schema", "JSON Schema"),
    ]:
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(command))
        assert words in line


def test_check_passes_on_the_sample(project: Project) -> None:
    result = run(project, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert "Nội dung hợp lệ." in result.stdout


def line_of(project: Project, relative: str, text: str) -> int:
    lines = (project.root / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_check_reports_every_problem_of_every_file_in_one_run(project: Project) -> None:
    birth = "content/procedures/dang-ky-khai-sinh.yml"
    office = "content/contacts/ubnd-phuong.yml"
    edit_file(project.root / birth, "    fee: 0\n", "    fee: năm nghìn\n")
    edit_file(project.root / birth, "field: Hộ tịch", "feild: Hộ tịch")
    edit_file(project.root / office, 'phone: "0296 3861 205"', "phone: gọi ngay")
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{office}:{line_of(project, office, 'phone: gọi ngay')}:8: phone: cần một số điện "
        'thoại (chữ số, có thể có dấu cách hoặc dấu chấm), nhận được "gọi ngay"',
        f"{birth}:2:1: field: thiếu trường bắt buộc (Lĩnh vực)",
        f"{birth}:{line_of(project, birth, 'feild:')}:1: feild: cảnh báo: trường không được "
        'hỗ trợ — có phải "field"?',
        f"{birth}:{line_of(project, birth, 'năm nghìn')}:10: channels[1].fee: cần một số tiền "
        '(số nguyên, đồng), nhận được "năm nghìn"',
        "Dừng lại: 3 lỗi trong 2 tệp và 1 cảnh báo.",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_keys_are_warnings_unless_strict(project: Project) -> None:
    edit_file(project.root / "content/contacts/ubnd-phuong.yml", "order: 1", "order: 1\nphon: x")
    relaxed = run(project, "check")
    assert relaxed.returncode == 0
    assert 'phon: cảnh báo: trường không được hỗ trợ — có phải "phone"?' in relaxed.stderr
    strict = run(project, "check", "--strict")
    assert strict.returncode == 1
    assert 'phon: trường không được hỗ trợ — có phải "phone"?' in strict.stderr


def test_usage_errors_exit_2(project: Project) -> None:
    assert run(project, "check", "--no-such-option").returncode == 2
    assert run(project, "frobnicate").returncode == 2


def test_missing_config_is_a_content_error_not_a_traceback(tmp_path: Path) -> None:
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert "site_config.yml:1:1: không tìm thấy tệp site_config.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_writes_the_site_and_says_where_to_open_it(project: Project) -> None:
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project.root / "site" / "index.html").is_file()
    assert f"Mở trang chủ: {(project.root / 'site' / 'index.html').as_uri()}" in result.stdout


def test_failed_build_leaves_the_previous_site_byte_identical(project: Project) -> None:
    assert run(project, "build").returncode == 0
    before = tree_digest(project.root / "site")
    edit_file(project.root / "content/plan/2026.yml", "date: 20/01/2026", "date: 31/02/2026")
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Dừng lại: 1 lỗi trong 1 tệp. Trang web cũ được giữ nguyên."
    )
    assert tree_digest(project.root / "site") == before
    assert not list(project.root.glob(".site-*"))


def test_template_failure_leaves_the_previous_site_and_gives_no_traceback(project: Project) -> None:
    assert run(project, "build").returncode == 0
    before = tree_digest(project.root / "site")
    theme = project.root / "theme"
    theme.mkdir()
    (theme / "procedure.html").write_text(
        '{% extends "main.html" %}{% block content %}{{ procedure.no_such.field }}{% endblock %}'
    )
    result = run(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Trang web cũ được giữ nguyên." in result.stderr
    assert "Không xây dựng được trang web: lỗi trong mẫu giao diện" in result.stderr
    assert tree_digest(project.root / "site") == before


def test_a_project_may_override_one_template_of_the_theme(project: Project) -> None:
    partials = project.root / "theme" / "partials"
    partials.mkdir(parents=True)
    (partials / "ck-footer.html").write_text("<footer>Chân trang riêng của phường</footer>")
    assert run(project, "build").returncode == 0
    home = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Chân trang riêng của phường" in home
    assert "ck-cards" in home


def _build_in_process(project: Project) -> None:
    result = load_project(project)
    assert result.content is not None
    build_site(project, result.content, project.root / "site")


def test_disk_full_during_a_build_leaves_the_previous_site(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build_in_process(project)
    before = tree_digest(project.root / "site")
    written = 0
    original = mkdocs_utils.write_file

    def fill_the_disk(content: bytes, output_path: str) -> None:
        nonlocal written
        written += 1
        if written > 10:
            raise OSError(errno.ENOSPC, "No space left on device", output_path)
        original(content, output_path)

    monkeypatch.setattr(mkdocs_utils, "write_file", fill_the_disk)
    with pytest.raises(BuildFailed, match="ổ đĩa đã đầy"):
        _build_in_process(project)
    assert tree_digest(project.root / "site") == before
    assert not list(project.root.glob(".site-*"))


def test_an_interrupted_build_leaves_the_previous_site(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build_in_process(project)
    before = tree_digest(project.root / "site")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs_utils, "write_file", interrupt)
    with pytest.raises(KeyboardInterrupt):
        _build_in_process(project)
    assert tree_digest(project.root / "site") == before
    assert not list(project.root.glob(".site-*"))


def test_two_builds_with_the_same_date_are_byte_identical(project: Project) -> None:
    env = {"SOURCE_DATE_EPOCH": PINNED_EPOCH}
    started = time.monotonic()
    first = run(project, "build", "--site-dir", "site-a", env=env)
    # The second build must read another second from the clock (gzip headers, zip entries
    # would show it): usually the first build took that long already.
    poll_until(lambda: time.monotonic() - started > 1.1, "a second to pass", interval=0.01)
    second = run(project, "build", "--site-dir", "site-b", env=env)
    assert first.returncode == 0 and second.returncode == 0
    a, b = tree_digest(project.root / "site-a"), tree_digest(project.root / "site-b")
    assert a == b and len(a) > 50


def test_a_broken_link_fails_a_strict_build(project: Project) -> None:
    theme = project.root / "theme" / "partials"
    theme.mkdir(parents=True)
    (theme / "ck-updated.html").write_text('<a href="khong-co-trang.html">?</a>')
    relaxed = run(project, "build")
    assert relaxed.returncode == 0
    assert (
        "cảnh báo: index.html: liên kết hỏng tới khong-co-trang.html (không có tệp)"
        in relaxed.stderr
    )
    before = tree_digest(project.root / "site")
    strict = run(project, "build", "--strict")
    assert strict.returncode == 1
    assert "liên kết hỏng" in strict.stderr and "Trang web cũ được giữ nguyên." in strict.stderr
    assert tree_digest(project.root / "site") == before


def test_a_killed_build_leaves_nothing_once_the_next_build_runs(project: Project) -> None:
    root = project.root
    env = {k: v for k, v in os.environ.items() if k != "CONGKHAI_DEBUG"}
    killed = subprocess.Popen([*CONGKHAI, "-C", str(root), "build"], cwd=root, env=env)

    def staging() -> list[Path]:
        assert killed.poll() is None, "the build ended before it could be killed"
        return list(root.glob(".site-new-*"))

    poll_until(staging, "the build's staging folder", timeout=60, interval=0.01)
    killed.kill()
    killed.wait()
    assert list(root.glob(".site-new-*")), "kill -9 leaves the staging folder"
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert not list(root.glob(".site-*"))
    assert (root / "site" / "index.html").is_file()


def test_only_the_staging_folders_of_ended_builds_are_removed(project: Project) -> None:
    root = project.root
    running = root / f".site-new-{os.getpid()}-0000abcd"  # this process: still building
    gone = root / ".site-new-999999999-0000abcd"  # no such process
    old_style = root / ".site-old-k3j4l5"  # made by an older congkhai (mkdtemp)
    for folder in (running, gone, old_style):
        (folder / "thu-tuc").mkdir(parents=True)
        (folder / "thu-tuc" / "index.html").write_text("cũ")
    assert run(project, "build").returncode == 0
    assert running.is_dir()
    assert not gone.exists() and not old_style.exists()


def _as_if_not_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse to delete from a folder without its write bit, as the kernel does for a normal
    user (the tests may run as root, for whom it does not)."""
    for name in ("unlink", "rmdir"):
        real = getattr(os, name)

        def guarded(path: str, *, dir_fd: int | None = None, real: Any = real) -> None:
            parent = os.stat(dir_fd) if dir_fd is not None else os.stat(Path(path).parent)
            if not parent.st_mode & 0o200:
                raise PermissionError(errno.EACCES, "Permission denied", path)
            real(path, dir_fd=dir_fd)

        monkeypatch.setattr(os, name, guarded)


def test_a_read_only_site_is_replaced_without_leftovers(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build_in_process(project)
    site = project.root / "site"
    for folder in [site, *(path for path in site.rglob("*") if path.is_dir())]:
        folder.chmod(0o555)
    _as_if_not_root(monkeypatch)
    _build_in_process(project)
    assert not list(project.root.glob(".site-*"))
    assert oct(site.stat().st_mode & 0o777) != oct(0o555)


def test_the_site_has_the_mode_of_a_normal_folder(project: Project) -> None:
    previous = os.umask(0o022)
    try:
        _build_in_process(project)
    finally:
        os.umask(previous)
    site = project.root / "site"
    assert oct(site.stat().st_mode & 0o777) == oct(0o755)
    assert oct((site / "index.html").stat().st_mode & 0o777) == oct(0o644)


def test_usage_messages_are_vietnamese_and_exit_2(project: Project, tmp_path: Path) -> None:
    unknown = run(project, "build", "--jobz", "2")
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "Cách dùng: congkhai build [TÙY CHỌN]\n"
        "Xem hướng dẫn: 'congkhai build --help'.\n\n"
        "Lỗi cách dùng: Không có tùy chọn '--jobz'. Có phải '--jobs'?\n"
    )
    missing = subprocess.run(
        [*CONGKHAI, "-C", str(tmp_path / "khong-co"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.endswith(
        f"Lỗi cách dùng: -C {tmp_path / 'khong-co'}: không có thư mục này\n"
    )
    assert run(project, "build", "--jobs", "0").returncode == 2


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, (*path, name))
    return found


def test_no_english_in_any_help_or_usage_message() -> None:
    from generator.cli import cli

    english = re.compile(
        r"\b(Usage|Options|Commands|Error|Show|Try|required|default|TEXT|INTEGER|PATH|FILE|"
        r"DIRECTORY|OPTIONS|COMMAND|ARGS|RANGE)\b"
    )
    runner = CliRunner()
    for path in _commands(cli):
        shown = runner.invoke(cli, [*path, "--help"], prog_name="congkhai")
        assert shown.exit_code == 0, shown.output
        assert not english.search(shown.output), (path, english.findall(shown.output))


def test_every_text_of_click_has_a_vietnamese_translation() -> None:
    import click

    from generator import click_vi

    texts = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        if source.name.startswith("_win"):
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in ("_", "ngettext"):  # type: ignore[attr-defined]
                texts |= {
                    arg.value
                    for arg in node.args  # type: ignore[attr-defined]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    known = click_vi.TEXTS.keys() | click_vi.PLURALS.keys() | click_vi.PLURAL_FORMS.keys()
    assert len(texts) > 60
    assert sorted(texts - known - {"d"}) == []


def test_a_build_writes_nothing_into_the_project_but_the_site(project: Project) -> None:
    top = set(project.root.iterdir())
    content = tree_digest(project.root / "content")
    assert run(project, "check").returncode == 0
    assert run(project, "build", "--kiosk").returncode == 0
    assert set(project.root.iterdir()) - top == {project.root / "site-kiosk"}
    assert tree_digest(project.root / "content") == content


def test_an_internal_failure_is_logged_under_the_project(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import cli as cli_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in congkhai")

    monkeypatch.setattr(cli_module, "load_project", broken)
    monkeypatch.delenv("CONGKHAI_DEBUG", raising=False)
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(sys, "argv", ["congkhai", "-C", str(project.root), "check"])
    with pytest.raises(SystemExit) as stopped:
        cli_module.main()
    assert stopped.value.code == 3
    log = project.root / ".congkhai" / "loi-noi-bo.log"
    assert "RuntimeError: a bug in congkhai" in log.read_text(encoding="utf-8")
    assert not (elsewhere / ".congkhai").exists()


MKDOCS_DOOR = "site/"
"""The subpackage whose modules may import MkDocs or Material (everything else is theme-free)."""


def test_only_the_site_modules_import_mkdocs() -> None:
    package = REPO / "generator"
    importing = set()
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importing.add(source.relative_to(package).as_posix())
    assert sorted(m for m in importing if not m.startswith(MKDOCS_DOOR)) == []
    assert {"site/plugin.py", "site/build.py"} <= importing  # the scan does find imports


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["changes", "--help"],
        ["new", "procedure", "--help"],
        ["import", "plan", "--help"],
    ],
)
def test_commands_that_do_not_build_never_load_mkdocs(project: Project, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "-C", str(project.root), *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = re.findall(r"\|\s+([\w.]+)\s*$", result.stderr, re.M)
    assert len(loaded) > 50
    assert [m for m in loaded if m.split(".")[0] in ("mkdocs", "material")] == []
