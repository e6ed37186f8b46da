"""Golden tests: whole pages of the fixture ward, byte for byte.

Whole pages, not only the article: the head (description, canonical address, Open Graph,
JSON-LD), the ``<title>``, the Content-Security-Policy meta tag, the navigation and the footer
are what a template or theme change breaks without anyone reading the article. Nothing is
normalised: the build date is pinned, the ward is copied outside git (no "last updated" from
the clock or a commit), and asset names are content hashes, so two builds are byte-identical
(the first test proves it).

The fixture ward is ``tests/cases/golden/project``. After an intended change to a template,
regenerate with ``pytest tests/test_golden_pages.py --update-goldens`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.options import BuildOptions
from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import FIXTURE_WARD, REPO, Golden

PAGES = Path(__file__).parent / "cases" / "golden" / "pages"
TODAY = date(2026, 11, 26)
"""The golden pages' own build date, whatever the session pins."""

PUBLIC = {
    "index.html": "home.html",
    "thu-tuc/index.html": "catalogue.html",
    "thu-tuc/1.001193/index.html": "procedure-1.001193.html",
    "thu-tuc/danh-sach/truc-tuyen-toan-trinh/index.html": "list-truc-tuyen-toan-trinh.html",
    "ke-hoach/2026/index.html": "plan-2026.html",
    "ke-hoach/2026/quy-3/index.html": "plan-2026-quarter-3.html",
    "ket-qua/index.html": "results.html",
    "xin-loi/index.html": "apologies.html",
    "phan-anh-kien-nghi/index.html": "feedback-contacts.html",
    "tim-kiem/index.html": "search.html",
    "404.html": "404.html",
    "nhung/thu-tuc/1.001193/index.html": "embed-procedure-1.001193.html",
}
KIOSK = {
    "index.html": "kiosk-home.html",
    "thu-tuc/1.001193/index.html": "kiosk-procedure-1.001193.html",
    "bang-tin/index.html": "kiosk-board.html",
}


def _build(root: Path | str, kiosk: bool) -> Path:
    root = Path(root)
    # A copy outside git, so "last updated" comes from the files, and a fixed build date.
    shutil.copytree(FIXTURE_WARD, root, dirs_exist_ok=True)
    result = load_project(Project(root), today=TODAY)
    assert result.content is not None, result.problems
    options = BuildOptions(today=TODAY, kiosk=kiosk)
    return build_site(Project(root), result.content, root / "site", options).site_dir


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("golden"), kiosk=False)


@pytest.fixture(scope="module")
def golden_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("golden-kiosk"), kiosk=True)


def test_a_build_in_another_process_and_folder_is_byte_identical(
    golden_site: Path, tmp_path: Path
) -> None:
    # What makes whole-page goldens fair: nothing in a page depends on where it is built, on
    # the process (another hash seed orders sets differently) or on the time of day.
    build = f"from tests.test_golden_pages import _build; _build({str(tmp_path)!r}, False)"
    subprocess.run(
        [sys.executable, "-c", build],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    again = tmp_path / "site"
    pages = sorted(p.relative_to(golden_site) for p in golden_site.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert len(pages) > 50
    for page in pages:
        assert (golden_site / page).read_bytes() == (again / page).read_bytes(), page


@pytest.mark.parametrize("page", sorted(PUBLIC))
def test_page_matches_golden(golden_site: Path, golden: Golden, page: str) -> None:
    golden((golden_site / page).read_bytes().decode("utf-8"), PAGES / PUBLIC[page])


@pytest.mark.parametrize("page", sorted(KIOSK))
def test_kiosk_page_matches_golden(golden_kiosk: Path, golden: Golden, page: str) -> None:
    golden((golden_kiosk / page).read_bytes().decode("utf-8"), PAGES / KIOSK[page])


def test_goldens_hold_what_the_issue_names() -> None:
    # Guards the goldens themselves: a regenerated file that lost its head would still "match".
    procedure = (PAGES / PUBLIC["thu-tuc/1.001193/index.html"]).read_text("utf-8")
    for part in (
        '<meta http-equiv="Content-Security-Policy"',
        '<meta name="description"',
        '<link rel="canonical" href="https://hoaan.angiang.gov.vn/cong-khai/thu-tuc/1.001193/">',
        '<meta property="og:title"',
        '<script type="application/ld+json">',
        "<title>",
        '<nav class="md-tabs"',
        '<footer class="md-footer">',
    ):
        assert part in procedure, part
    expected = {*PUBLIC.values(), *KIOSK.values()}
    assert {p.name for p in PAGES.iterdir()} == expected, "stale golden files"
