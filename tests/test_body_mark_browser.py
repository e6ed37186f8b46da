"""A procedure another body carries out is marked in the catalogue and on the kiosk (issue 23)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.options import BuildOptions
from generator.project import load_project
from generator.site.build import build_site

from .conftest import copy_project
from .test_kiosk_offline_a11y import _serious

pytestmark = pytest.mark.browser

CODE = "1.004873"
PLACE = "Công an phường, số 2 đường Trần Phú"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The public site and the kiosk of a ward where the police carry one procedure out."""
    root = tmp_path_factory.mktemp("body")
    project = copy_project(root)
    path = root / "content" / "procedures" / "cap-giay-xac-nhan-tinh-trang-hon-nhan.yml"
    text = path.read_text(encoding="utf-8")
    assert f'code: "{CODE}"' in text or f"code: {CODE}" in text
    text = text.replace(
        "\ndossier:\n", f"\noperating_body: công an\nsubmit_at: {PLACE}\ndossier:\n", 1
    )
    path.write_text(text, encoding="utf-8")
    result = load_project(project)
    assert result.content is not None, result.problems
    public = build_site(project, result.content, root / "site").site_dir
    kiosk = build_site(project, result.content, root / "kiosk", BuildOptions(kiosk=True)).site_dir
    return {"public": public, "kiosk": kiosk}


@pytest.mark.parametrize("profile", ["public", "kiosk"])
def test_the_catalogue_and_the_page_mark_the_body_and_its_place(
    browser: Any, sites: dict[str, Path], profile: str
) -> None:
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    page.goto((sites[profile] / "thu-tuc" / "index.html").as_uri())
    expect(page.locator(".ck-lead")).to_contain_text(
        "; trong đó 1 thủ tục do Công an thực hiện, có ghi rõ nơi nộp."
    )
    row = page.locator("tr", has=page.locator(f'td.ck-code:text-is("{CODE}")'))
    mark = row.locator(".ck-body-mark")
    expect(mark).to_have_text("Do Công an thực hiện")
    expect(mark).to_be_visible()
    expect(row.locator(".ck-body-place")).to_have_text(f"Nộp tại: {PLACE}")
    # A procedure of the ward's People's Committee carries no mark.
    expect(page.locator("tr", has=page.locator('td.ck-code:text-is("1.001193")'))).to_have_count(1)
    expect(
        page.locator("tr", has=page.locator('td.ck-code:text-is("1.001193")')).locator(
            ".ck-body-mark"
        )
    ).to_have_count(0)
    row.get_by_role("link").click()
    banner = page.get_by_role("complementary", name="Cơ quan thực hiện")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Do Công an thực hiện")
    expect(banner).to_contain_text(f"Hồ sơ nộp tại {PLACE}")
    page.close()


def test_the_mark_keeps_the_catalogue_accessible(browser: Any, sites: dict[str, Path]) -> None:
    # axe is injected through DevTools; the page's own CSP still applies to everything else.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto((sites["kiosk"] / "thu-tuc" / "index.html").as_uri())
    expect(page.locator(".ck-body-mark")).to_have_count(1)
    assert _serious(page) == []
    context.close()
