"""Using both cores changes nothing in what is built or reported."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator import project as project_module
from generator.kiosk import QR_FOLDER
from generator.options import BuildOptions
from generator.pages import procedure_uri
from generator.project import Project, load_project
from generator.site.build import build_site
from generator.site.plugin import CongkhaiPlugin

from .conftest import copy_project, tree_digest

GOLDEN = Path(__file__).parent / "cases" / "golden" / "project"


@pytest.mark.parametrize("kiosk", [False, True], ids=["public", "kiosk"])
def test_pages_rendered_in_a_forked_process_are_byte_for_byte_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kiosk: bool
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    project = copy_project(tmp_path)
    result = load_project(project)
    assert result.content is not None
    one = build_site(project, result.content, tmp_path / "one", BuildOptions(jobs=1, kiosk=kiosk))
    two = build_site(project, result.content, tmp_path / "two", BuildOptions(jobs=2, kiosk=kiosk))
    assert tree_digest(one.site_dir) == tree_digest(two.site_dir)
    assert one.broken_links == two.broken_links == []
    if kiosk:
        # Off-site links on pages the child rendered still get their QR code files.
        assert any(name.startswith(QR_FOLDER) for name in tree_digest(two.site_dir))


def test_a_broken_link_on_a_page_the_child_renders_is_found(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN, tmp_path, dirs_exist_ok=True)
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "procedure.html").write_text(
        '{% extends "main.html" %}{% block content %}<a href="khong-co.html">x</a>{% endblock %}'
    )
    project = Project(tmp_path)
    result = load_project(project)
    assert result.content is not None
    built = build_site(project, result.content, tmp_path / "site", BuildOptions(jobs=2))
    pages = sorted({link.page for link in built.broken_links})
    # Five procedure pages: the child renders three, the parent two; all five are checked.
    assert len(pages) == 5 and all(page.startswith("thu-tuc/") for page in pages)


def test_a_failure_in_the_child_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    from generator.site.build import BuildFailed

    shutil.copytree(GOLDEN, tmp_path, dirs_exist_ok=True)
    project = Project(tmp_path)
    result = load_project(project)
    assert result.content is not None
    site = build_site(project, result.content, tmp_path / "site", BuildOptions(jobs=2)).site_dir
    before = tree_digest(site)
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "procedure.html").write_text(
        '{% extends "main.html" %}{% block content %}{{ procedure.no_such_field.x }}{% endblock %}'
    )
    with pytest.raises(BuildFailed):
        build_site(project, result.content, site, BuildOptions(jobs=2))
    assert tree_digest(site) == before


def test_loading_in_two_processes_gives_the_same_content_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    bad = project.root / "content" / "procedures" / "dang-ky-khai-sinh.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("fee: 0", "fee: 0,5", 1))
    alone = load_project(project)
    monkeypatch.setattr(project_module, "PARALLEL_FILES", 2)
    monkeypatch.setattr(project_module, "can_fork", lambda: True)
    shared = load_project(project)
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert alone.errors, "the broken fee must be reported by both"
    (tmp_path / "good").mkdir()
    good = copy_project(tmp_path / "good")
    monkeypatch.setattr(project_module, "PARALLEL_FILES", 10_000)
    first = load_project(good).content
    monkeypatch.setattr(project_module, "PARALLEL_FILES", 2)
    second = load_project(good).content
    assert first is not None and second is not None
    assert first.procedures == second.procedures


def test_the_forked_child_renders_and_writes_its_share_of_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(GOLDEN, tmp_path, dirs_exist_ok=True)
    project = Project(tmp_path)
    result = load_project(project)
    assert result.content is not None
    # Every process appends "pid written page" for each page it renders (the child's memory
    # is its own, so it reports through a file).
    log = tmp_path / "rendered.log"
    original = CongkhaiPlugin.on_post_page

    def recorded(self: CongkhaiPlugin, output: str, *, page: Any, config: Any) -> str:
        html = original(self, output, page=page, config=config)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {int(bool(html.strip()))} {page.file.dest_uri}\n")
        return html

    monkeypatch.setattr(CongkhaiPlugin, "on_post_page", recorded)
    site = build_site(project, result.content, tmp_path / "site", BuildOptions(jobs=2)).site_dir
    rendered = [line.split(" ") for line in log.read_text(encoding="utf-8").splitlines()]
    written_by: dict[str, list[str]] = {}
    for pid, written, page_uri in rendered:
        if written == "1":
            written_by.setdefault(page_uri, []).append(pid)
    child = {uri for uri, pids in written_by.items() if pids != [str(os.getpid())]}
    # Each page is written by exactly one process, and the child wrote the statutory lists
    # and three of the five procedure pages; the parent rendered those to nothing.
    assert all(len(pids) == 1 for pids in written_by.values())
    assert sum(uri.startswith("thu-tuc/danh-sach/") for uri in child) == 9
    by_code = {procedure_uri(p.code).replace(".md", ".html"): p for p in result.content.procedures}
    from_child = sorted(uri for uri in child if uri in by_code)
    assert len(from_child) == 3
    parent_pid = str(os.getpid())
    skipped = {uri for pid, written, uri in rendered if pid == parent_pid and written == "0"}
    assert child <= skipped
    # What the child wrote is the whole page, with its own content.
    for uri in from_child:
        page = BeautifulSoup((site / uri).read_text(encoding="utf-8"), "html.parser")
        h1 = page.select_one("h1")
        assert h1 is not None and h1.get_text() == by_code[uri].name
        assert page.select_one("footer") is not None
