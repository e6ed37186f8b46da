"""Golden tests: the article of key pages (procedure, list, plan, results), byte for byte.

The fixture ward is ``tests/cases/golden/project``. After an intended change to a template,
regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden_pages.py`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.options import BuildOptions
from generator.project import Project, load_project
from generator.site.build import build_site

GOLDEN = Path(__file__).parent / "cases" / "golden"
PAGES = {
    "thu-tuc/1.001193/index.html": "procedure-1.001193.html",
    "thu-tuc/danh-sach/truc-tuyen-toan-trinh/index.html": "list-truc-tuyen-toan-trinh.html",
    "ke-hoach/2026/index.html": "plan-2026.html",
    "ke-hoach/2026/quy-3/index.html": "plan-2026-quarter-3.html",
    "ket-qua/index.html": "results.html",
    "xin-loi/index.html": "apologies.html",
}


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A copy outside git, so "last updated" comes from the files, and a fixed build date.
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(GOLDEN / "project", root, dirs_exist_ok=True)
    today = date(2026, 11, 26)  # the golden pages' own date, whatever the session pins
    result = load_project(Project(root), today=today)
    assert result.content is not None, result.problems
    return build_site(
        Project(root), result.content, root / "site", BuildOptions(today=today)
    ).site_dir


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_matches_golden(golden_site: Path, page: str) -> None:
    soup = BeautifulSoup((golden_site / page).read_text(encoding="utf-8"), "html.parser")
    article = str(soup.select_one("article.md-content__inner")) + "\n"
    expected = GOLDEN / "expected" / PAGES[page]
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(article, encoding="utf-8")
    assert article == expected.read_text(encoding="utf-8")
