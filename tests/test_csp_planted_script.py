"""A script planted in a hand-written Markdown page never runs: ``check`` refuses it, and should
it slip through, the Content-Security-Policy (hashes of the theme's own scripts) blocks it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import project as project_module
from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import FIXTURE_WARD, serve_folder

PLANTED = """# Mẹo cho cán bộ

Trang hướng dẫn có một đoạn mã cài cắm.

<script>window.__planted = 1; document.title = "BỊ CHIẾM";</script>

<img src="khong-co.png" onerror="window.__planted = 2">

<script>__md_scope=new URL("../",location),window.__planted=3</script>
"""


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The fixture ward with a planted page, built as if ``check`` had missed it; and its URL."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(FIXTURE_WARD, root, dirs_exist_ok=True)
    (root / "docs").mkdir()
    (root / "docs" / "meo.md").write_text(PLANTED, encoding="utf-8")
    problems = [str(p) for p in load_project(Project(root)).problems if "docs/" in p.file]
    assert problems == [
        'docs/meo.md:5:1: thẻ HTML "<script>" không được dùng trong trang Markdown (nó có thể '
        "chạy mã lạ trên máy người dân); hãy xóa thẻ này và chỉ viết Markdown",
        'docs/meo.md:7:25: thuộc tính HTML "onerror" không được dùng (nó chạy mã khi người dân '
        "mở trang); hãy xóa thuộc tính này",
        'docs/meo.md:9:1: thẻ HTML "<script>" không được dùng trong trang Markdown (nó có thể '
        "chạy mã lạ trên máy người dân); hãy xóa thẻ này và chỉ viết Markdown",
    ]
    with pytest.MonkeyPatch.context() as patch:
        # The second line of defence on its own: pretend the check let the page through.
        patch.setattr(project_module, "markdown_problems", lambda *_: [])
        result = load_project(Project(root))
    assert result.content is not None, "\n".join(map(str, result.problems))
    site = build_site(Project(root), result.content, root / "site").site_dir
    server = serve_folder(site)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_a_script_planted_in_markdown_does_not_run(
    browser: Any, planted_site: tuple[Path, str], over: str, output_dir: Path
) -> None:
    site, url = planted_site
    base = url if over == "http" else site.as_uri() + "/"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(base + "meo.html")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.evaluate("() => window.__planted") is None
    assert page.title() != "BỊ CHIẾM"
    # The theme's own inline scripts still run (Material's first one defines __md_get).
    assert page.evaluate("() => typeof window.__md_get") == "function"
    assert len(blocked) >= 2, blocked  # the two scripts and the onerror handler were refused
    page.screenshot(path=str(output_dir / f"csp-planted-{over}.png"))
    page.close()
