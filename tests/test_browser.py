"""What a citizen sees, in Debian's headless Chromium: over http, from disk, on a phone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import recorded_requests

pytestmark = pytest.mark.browser


def _open(browser: Any, *, width: int = 1280, height: int = 900) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    requests = recorded_requests(page)
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
    expect(page.get_by_role("heading", name="Giấy tờ cần mang")).to_be_visible()
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


def test_catalogue_filters_rows_without_a_server_round_trip(
    browser: Any, site_url: str, output_dir: Path
) -> None:
    page, _ = _open(browser)
    page.goto(site_url + "thu-tuc/index.html")
    form = page.get_by_role("form", name="Lọc thủ tục")
    expect(form).to_be_visible()
    form.get_by_label("Cách nộp").select_option(label="Chỉ nộp trực tiếp")
    rows = page.locator("table.ck-catalogue tbody tr:visible")
    count = rows.count()
    assert 0 < count < page.locator("table.ck-catalogue tbody tr").count()
    for index in range(count):
        assert "chi-truc-tiep" in (rows.nth(index).get_attribute("data-channels") or "")
    expect(page.locator("[data-ck-count]")).to_have_text(f"Đang hiển thị {count} trên 30 thủ tục")
    form.get_by_label("Lĩnh vực").select_option(label="Hộ tịch (15)")
    expect(page.locator("[data-ck-empty]")).to_be_visible()
    form.get_by_label("Cách nộp").select_option(value="")
    expect(page.locator("section[data-field]:visible h2")).to_have_count(1)
    expect(page.locator("section[data-field]:visible h2")).to_contain_text("Hộ tịch")
    page.screenshot(path=str(output_dir / "catalogue-filtered.png"), full_page=True)


def test_catalogue_lists_render_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "thu-tuc/index.html")
    expect(page.get_by_role("form", name="Lọc thủ tục")).to_be_hidden()
    expect(page.locator("table.ck-catalogue tbody tr")).to_have_count(30)
    page.get_by_role("link", name="Dịch vụ công trực tuyến toàn trình").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dịch vụ công trực tuyến toàn trình")
    context.close()


def test_procedure_prints_with_url_date_and_qr_code(
    browser: Any, site_url: str, output_dir: Path
) -> None:
    page, _ = _open(browser, width=794, height=1123)
    page.goto(site_url + "thu-tuc/1.001193/index.html")
    header = page.locator(".ck-print-header")
    expect(header).to_be_hidden()
    page.emulate_media(media="print")
    expect(header).to_be_visible()
    expect(header).to_contain_text(
        "Trang công khai: https://hoaan.angiang.gov.vn/cong-khai/thu-tuc/1.001193/"
    )
    expect(header).to_contain_text("Cập nhật lần cuối:")
    qr = header.locator("svg.ck-qr")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] > 80
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-tabs")).to_be_hidden()
    page.screenshot(path=str(output_dir / "procedure-print.png"))
    pdf = output_dir / "procedure-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    # The printed QR code really opens the page: render the PDF and read the code back.
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(pdf),
            str(output_dir / "procedure-print-pdf"),
        ],
        check=True,
    )
    read = subprocess.run(
        ["zbarimg", "-q", str(output_dir / "procedure-print-pdf-1.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert read.stdout.strip() == (
        "QR-Code:https://hoaan.angiang.gov.vn/cong-khai/thu-tuc/1.001193/"
    )


def test_plan_kpis_show_target_against_actual(
    browser: Any, site_url: str, output_dir: Path
) -> None:
    page, _ = _open(browser)
    page.goto(site_url + "ke-hoach/2026/index.html")
    section = page.locator("section[aria-labelledby='chi-tieu']")
    section.scroll_into_view_if_needed()
    rows = section.locator("table.ck-kpis tbody tr")
    assert rows.count() >= 6
    first = rows.first
    expect(first.get_by_role("img")).to_have_attribute(
        "aria-label", re.compile(r"^Thực hiện .+; Chỉ tiêu")
    )
    expect(first.locator(".ck-status")).to_have_text(re.compile("^(Đạt|Chưa đạt)$"))
    bar = first.locator("svg.ck-bar").bounding_box()
    assert bar is not None and bar["width"] > 100
    expect(page.locator("ul.ck-figures li").first).to_contain_text("nhiệm vụ")
    section.screenshot(path=str(output_dir / "plan-kpis.png"))


@pytest.mark.parametrize("over", ["http", "file"])
def test_pages_keep_their_content_security_policy(
    browser: Any, site_url: str, built_site: Path, over: str
) -> None:
    base = site_url if over == "http" else built_site.as_uri() + "/"
    page, requests = _open(browser)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in (
        "index.html",
        "thu-tuc/index.html",
        "thu-tuc/1.001193/index.html",
        "phan-anh-kien-nghi/index.html",
        "ke-hoach/2026/index.html",
        "tim-kiem/index.html",
        "huong-dan/index.html",
    ):
        page.goto(base + path)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy is not None and "default-src 'self'" in policy
        assert "http" not in policy and "unsafe-inline" not in policy
    page.goto(base + "thu-tuc/index.html")
    expect(page.get_by_role("form", name="Lọc thủ tục")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_be_visible()
    assert violations == []
    assert all(url.startswith(base.split("/")[0]) for url in requests)
