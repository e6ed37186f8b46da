"""What a citizen sees, in Debian's headless Chromium: over http, from disk, on a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _open(browser: Any, *, width: int = 1280, height: int = 900) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return page, requests


def test_citizen_goes_from_home_to_a_procedure_over_http(
    browser: Any, site_url: str, output_dir: Path
) -> None:
    page, requests = _open(browser)
    page.goto(site_url + "index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban nhân dân phường Hòa An")
    expect(
        page.get_by_text("Trung tâm Phục vụ hành chính công phường Hòa An").first
    ).to_be_visible()
    expect(page.get_by_text("Thứ Hai đến Thứ Sáu:").first).to_be_visible()
    page.screenshot(path=str(output_dir / "home.png"), full_page=True)

    page.locator("nav.ck-cards").get_by_role("link", name=re.compile("^Thủ tục hành chính")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục hành chính")
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).click()

    expect(page).to_have_url(site_url + "thu-tuc/1.001193/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    summary = page.get_by_role("region", name="Tóm tắt")
    expect(summary).to_contain_text("Thời hạn giải quyết")
    expect(summary).to_contain_text("Miễn phí")
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    page.screenshot(path=str(output_dir / "procedure.png"), full_page=True)

    foreign = [url for url in requests if not url.startswith(site_url)]
    assert foreign == []


def test_procedure_page_reads_on_a_phone(browser: Any, site_url: str, output_dir: Path) -> None:
    page, _ = _open(browser, width=390, height=844)
    page.goto(site_url + "thu-tuc/1.001193/index.html")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
    page.screenshot(path=str(output_dir / "procedure-phone.png"), full_page=True)


def test_site_opens_from_disk_without_a_server(
    browser: Any, built_site: Path, output_dir: Path
) -> None:
    page, requests = _open(browser)
    page.goto((built_site / "index.html").as_uri())
    page.locator("nav.ck-cards").get_by_role(
        "link", name=re.compile("^Phản ánh, kiến nghị")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Phản ánh, kiến nghị về quy định hành chính"
    )
    assert page.url.endswith("/phan-anh-kien-nghi/index.html")
    page.screenshot(path=str(output_dir / "feedback-file.png"), full_page=True)
    assert all(url.startswith("file://") for url in requests), requests
