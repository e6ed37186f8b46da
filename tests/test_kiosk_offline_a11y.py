"""Kiosk profile, offline bundle and accessibility, in headless Chromium."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

from generator.bundle import make_bundle
from generator.options import BuildOptions
from generator.project import load_project
from generator.site.build import build_site

from .conftest import REPO, copy_project, recorded_requests, serve_folder

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
PAGES = {
    "home": "index.html",
    "catalogue": "thu-tuc/index.html",
    "procedure": "thu-tuc/1.001193/index.html",
    "feedback": "phan-anh-kien-nghi/index.html",
    "plan": "ke-hoach/2026/index.html",
    "results": "ket-qua/index.html",
    "apologies": "xin-loi/index.html",
    "board": "bang-tin/index.html",
}


def _kiosk(root: Path, idle_seconds: int | None) -> Path:
    project = copy_project(root)
    content = load_project(project).content
    assert content is not None
    options = BuildOptions(kiosk=True, idle_seconds=idle_seconds)
    return build_site(project, content, root / "site-kiosk", options).site_dir


@pytest.fixture(scope="module")
def kiosk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kiosk profile as configured (idle reset after minutes)."""
    return _kiosk(tmp_path_factory.mktemp("kiosk"), None)


@pytest.fixture(scope="module")
def impatient_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kiosk profile with an idle reset after 2 seconds."""
    return _kiosk(tmp_path_factory.mktemp("kiosk-idle"), 2)


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundle")
    project = copy_project(root)
    content = load_project(project).content
    assert content is not None
    archive, _ = make_bundle(project, content, root / "ban-ngoai-tuyen.zip", BuildOptions())
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(root / "giai-nen")
    return root / "giai-nen" / "ban-ngoai-tuyen"


def _serious(page: Page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _recording(browser: Any, **kwargs: Any) -> tuple[Any, Page, list[str]]:
    context = browser.new_context(**kwargs)
    page = context.new_page()
    requests = recorded_requests(page)
    return context, page, requests


# --- Accessibility -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("profile", ["public", "kiosk"])
def test_wcag_aa_has_no_serious_violation(
    browser: Any, built_site: Path, kiosk_site: Path, name: str, profile: str
) -> None:
    site = built_site if profile == "public" else kiosk_site
    # axe is injected through DevTools; the page's own CSP still applies to everything else.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto((site / PAGES[name]).as_uri())
    assert _serious(page) == []
    context.close()


def test_every_page_says_it_is_vietnamese_and_headings_are_in_order(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="vi"' in html, path
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (path, levels)


@pytest.mark.browser
def test_skip_link_and_visible_focus(browser: Any, built_site: Path) -> None:
    page = browser.new_page()
    page.goto((built_site / PAGES["procedure"]).as_uri())
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Bỏ qua, đến nội dung chính")
    expect(skip).to_be_visible()
    skip.press("Enter")
    assert page.url.endswith("#noi-dung")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.close()


# --- Kiosk -------------------------------------------------------------------------------


@pytest.mark.browser
def test_kiosk_returns_home_after_idle_time_but_not_while_typing(
    browser: Any, impatient_kiosk: Path, output_dir: Path
) -> None:
    kiosk_site = impatient_kiosk
    context, page, requests = _recording(browser, viewport={"width": 1080, "height": 1920})
    page.clock.install()  # the page's timers run on Playwright's clock: no real waiting
    page.goto((kiosk_site / "index.html").as_uri())
    search = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    for letter in "dang ky khai sinh":  # an on-screen keyboard: one key now and then
        search.press(letter if letter != " " else "Space")
        page.clock.run_for(150)
    # 17 keys, 2.55 s in all, longer than the 2 s idle time: typing keeps the query.
    expect(search).to_have_value("dang ky khai sinh")
    expect(page.locator("[data-ck-results] li").first).to_contain_text("Thủ tục đăng ký khai sinh")
    page.clock.run_for(2100)
    expect(search).to_have_value("")
    expect(page.locator("[data-ck-results] li")).to_have_count(0)
    page.goto((kiosk_site / PAGES["procedure"]).as_uri())
    page.screenshot(path=str(output_dir / "kiosk-procedure-1080x1920.png"))
    page.clock.run_for(2100)
    page.wait_for_url((kiosk_site / "index.html").as_uri(), timeout=5000)
    assert all(url.startswith("file://") for url in requests)
    context.close()


@pytest.mark.browser
def test_kiosk_pages_never_leave_the_site(browser: Any, kiosk_site: Path, output_dir: Path) -> None:
    for path in kiosk_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<a\s[^>]*href="(https?:|mailto:|tel:)', html), path
    assert not (kiosk_site / "huong-dan").exists(), "the staff guide is not for the kiosk"
    context, page, requests = _recording(browser, viewport={"width": 1920, "height": 1080})
    page.goto((kiosk_site / PAGES["procedure"]).as_uri())
    offsite = page.locator(".ck-offsite").first
    expect(offsite).to_contain_text("https://dichvucong.gov.vn/")
    qr = offsite.locator("img.ck-offsite__qr")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 50")
    qr.screenshot(path=str(output_dir / "kiosk-qr.png"))
    read = subprocess.run(
        ["zbarimg", "-q", str(output_dir / "kiosk-qr.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert read.stdout.strip() == "QR-Code:https://dichvucong.gov.vn/"
    page.screenshot(path=str(output_dir / "kiosk-procedure-1920x1080.png"))
    page.goto((kiosk_site / PAGES["catalogue"]).as_uri())
    for control in (
        page.get_by_role("searchbox"),
        page.get_by_label("Cách nộp"),
        page.locator("table.ck-catalogue a").first,
        page.locator(".ck-fields a").first,
    ):
        box = control.bounding_box()
        assert box is not None and box["height"] >= 48, control
    assert all(url.startswith("file://") for url in requests)
    context.close()


KIOSK_SCREENS = [(1080, 1920), (1920, 1080)]
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input, select, summary, [role=button]'))
  .filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    const skip = e.classList.contains('md-skip') && document.activeElement !== e;
    return !skip && r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
      && (r.width < 48 || r.height < 48);
  })
  .map(e => `${e.tagName} "${(e.textContent || e.getAttribute('aria-label') || '').trim()
    .slice(0, 30)}" ${Math.round(e.getBoundingClientRect().width)}x${
    Math.round(e.getBoundingClientRect().height)}`)"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), KIOSK_SCREENS)
def test_kiosk_uses_the_screen_and_every_control_is_a_finger_wide(
    browser: Any, kiosk_site: Path, output_dir: Path, width: int, height: int
) -> None:
    context, page, requests = _recording(browser, viewport={"width": width, "height": height})
    for name, path in sorted(PAGES.items()):
        if name == "board":
            continue  # the wall TV: no touch, no buttons (see the board's own test)
        page.goto((kiosk_site / path).as_uri())
        article = page.locator("article.md-content__inner").bounding_box()
        assert article is not None
        share = article["width"] / width
        assert share >= (0.9 if width < height else 0.75), (name, share)
        assert page.evaluate(SMALL_TARGETS) == [], name
        home = page.locator("[data-ck-home]")
        back = page.get_by_role("button", name="Quay lại")
        for button in (home, back):
            expect(button).to_be_in_viewport()
            box = button.bounding_box()
            assert box is not None and box["height"] >= 64 and box["width"] >= 200
        if name in ("home", "procedure"):
            page.screenshot(path=str(output_dir / f"kiosk-{name}-{width}x{height}.png"))
    assert all(url.startswith("file://") for url in requests)
    context.close()


@pytest.mark.browser
def test_kiosk_home_and_back_buttons_take_the_citizen_back(browser: Any, kiosk_site: Path) -> None:
    context, page, _ = _recording(browser, viewport={"width": 1080, "height": 1920})
    page.goto((kiosk_site / PAGES["catalogue"]).as_uri())
    page.locator("table.ck-catalogue a").first.click()
    expect(page.locator(".ck-eyebrow").first).to_contain_text("Mã thủ tục")
    assert "/thu-tuc/" in page.url and page.url.endswith("/index.html")
    page.get_by_role("button", name="Quay lại").click()
    expect(page).to_have_url((kiosk_site / PAGES["catalogue"]).as_uri())
    page.locator("[data-ck-home]").click()
    expect(page).to_have_url((kiosk_site / "index.html").as_uri())
    expect(page.get_by_role("button", name="Quay lại")).to_have_attribute("aria-disabled", "true")
    context.close()


@pytest.mark.browser
def test_forms_on_the_kiosk_are_a_qr_code_not_a_download(
    browser: Any, kiosk_site: Path, output_dir: Path
) -> None:
    for path in kiosk_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<a\s[^>]*href="[^"]*\.(docx?|pdf|xlsx?|csv|json|zip)"', html), path
    context, page, requests = _recording(browser, viewport={"width": 1080, "height": 1920})
    page.goto((kiosk_site / PAGES["procedure"]).as_uri())
    # The first form link is the PDF, to print.
    form = page.locator(".ck-offsite", has_text="bieu-mau/").first
    url = "https://hoaan.angiang.gov.vn/cong-khai/bieu-mau/to-khai-dang-ky-khai-sinh.pdf"
    expect(form).to_contain_text(url)
    expect(form).to_contain_text("Quét mã bằng điện thoại để tải về")
    form.locator("img.ck-offsite__qr").screenshot(path=str(output_dir / "kiosk-form-qr.png"))
    read = subprocess.run(
        ["zbarimg", "-q", str(output_dir / "kiosk-form-qr.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert read.stdout.strip() == f"QR-Code:{url}"
    assert all(url.startswith("file://") for url in requests)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("over_http", [False, True])
def test_the_key_pad_types_a_search_and_opens_a_result(
    browser: Any, kiosk_site: Path, output_dir: Path, over_http: bool, tmp_path: Path
) -> None:
    context, page, requests = _recording(browser, viewport={"width": 1080, "height": 1920})
    if over_http:
        server = serve_folder(kiosk_site)
        home = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    else:
        home = (kiosk_site / "index.html").as_uri()
    page.goto(home)
    pad = page.get_by_role("group", name="Bàn phím trên màn hình")
    expect(pad).to_have_count(0)
    page.get_by_role("searchbox", name="Tìm thủ tục hành chính").click()
    expect(pad).to_be_visible()
    expect(pad).to_contain_text("không dấu")
    for key in "KHAI":
        pad.get_by_role("button", name=key, exact=True).click()
    pad.get_by_role("button", name="Dấu cách").click()
    for key in "SINX":
        pad.get_by_role("button", name=key, exact=True).click()
    pad.get_by_role("button", name="Xóa lùi một chữ").click()
    pad.get_by_role("button", name="H", exact=True).click()
    search = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    expect(search).to_have_value("khai sinh")
    expect(search).to_be_focused()
    result = page.locator("[data-ck-results] a").first
    expect(result).to_contain_text("khai sinh")
    page.screenshot(
        path=str(output_dir / f"kiosk-keypad-1080x1920{'-http' if over_http else ''}.png")
    )
    for button in pad.get_by_role("button").all():
        box = button.bounding_box()
        assert box is not None and box["width"] >= 48 and box["height"] >= 48
    result.click()
    expect(page.locator("h1")).to_contain_text("khai sinh")
    origin = home.rsplit("/", 1)[0]
    assert all(url.startswith(origin) for url in requests)
    if over_http:
        server.shutdown()
    context.close()


@pytest.mark.browser
def test_the_key_pad_is_only_on_the_kiosk(browser: Any, built_site: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("searchbox", name="Tìm thủ tục hành chính").click()
    expect(page.locator("[data-ck-keypad]")).to_have_count(0)
    expect(page.get_by_role("button", name="Quay lại")).to_have_count(0)
    page.close()


BOARD_TEXT = """() => Array.from(document.querySelectorAll(
    '.ck-board__screen--shown *, .ck-board__head *'))
  .filter(e => Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => e.getBoundingClientRect().height > 0)
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_the_board_pages_by_itself_in_a_loop(
    browser: Any, kiosk_site: Path, output_dir: Path, width: int, height: int
) -> None:
    context, page, requests = _recording(browser, viewport={"width": width, "height": height})
    page.clock.install()
    page.goto((kiosk_site / "bang-tin" / "index.html").as_uri())
    board = page.locator("[data-ck-board]")
    expect(board).to_have_attribute("data-ck-screen", "1")
    count = int(board.get_attribute("data-ck-screens") or 0)
    assert count >= 3
    seconds = 15  # kiosk.board_seconds of the sample ward (the default)
    seen = []
    for number in range(1, count + 1):
        expect(board).to_have_attribute("data-ck-screen", str(number))
        pager = page.locator("[data-ck-board-pager]")
        expect(pager).to_have_text(f"{number}/{count}")
        shown = page.locator(".ck-board__screen--shown")
        expect(shown).to_have_count(1)
        heading = shown.locator("h2").inner_text()
        seen.append(heading)
        # The whole screen fits: on a TV nobody can scroll.
        box = shown.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (heading, box)
        if shown.locator("table").count() and width > height:
            expect(shown.locator("thead th").first).to_have_text("Mã số")
            expect(shown.locator("thead th").first).to_be_visible()
        elif shown.locator("table").count():  # portrait: each value says its column
            label = (
                shown.locator("td").nth(2).evaluate("e => getComputedStyle(e, '::before').content")
            )
            assert label == '"Thời hạn: "'
        if shown.locator("table").count():
            expect(shown.locator("tbody tr").first).to_be_visible()
        sizes = page.evaluate(BOARD_TEXT)
        assert sizes and min(sizes) >= 40, (heading, min(sizes))
        for number_box in shown.locator(".ck-nowrap").all():
            assert number_box.evaluate("e => e.getClientRects().length") == 1
        if number in (1, count):
            page.screenshot(path=str(output_dir / f"board-{width}x{height}-{number}.png"))
        page.clock.run_for(seconds * 1000)
    expect(board).to_have_attribute("data-ck-screen", "1")  # and round again
    assert "Phản ánh, kiến nghị về quy định hành chính" in seen
    last = seen[-1]
    assert last.startswith("Kết quả giải quyết hồ sơ tháng")
    page.clock.run_for((count - 1) * seconds * 1000)
    results = page.locator(".ck-board__screen--shown .ck-board__figures")
    for label in ("Giải quyết đúng hạn", "Nộp trực tuyến", "Hồ sơ tiếp nhận", "Phiếu xin lỗi"):
        expect(results).to_contain_text(label)
    expect(results.locator("dd").first).to_contain_text("%")
    assert all(url.startswith("file://") for url in requests)
    context.close()


# --- Offline bundle ----------------------------------------------------------------------


@pytest.mark.browser
def test_bundle_works_unzipped_from_disk(browser: Any, bundle_dir: Path, output_dir: Path) -> None:
    context, page, requests = _recording(browser, viewport={"width": 1280, "height": 900})
    page.goto((bundle_dir / "index.html").as_uri())
    expect(page.locator(".ck-bundle-info")).to_contain_text("Bản ngoại tuyến, tạo ngày")
    expect(page.locator(".ck-bundle-info code")).not_to_be_empty()
    search = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    search.press_sequentially("chung thuc ban sao")
    result = page.locator("[data-ck-results] a").first
    expect(result).to_contain_text("Chứng thực bản sao từ bản chính")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chứng thực bản sao")
    assert page.url.endswith("/thu-tuc/2.000815/index.html")
    page.get_by_role("link", name="Thủ tục hành chính", exact=True).first.click()
    # The filters show from the first paint; their script runs at the end of the page.
    page.wait_for_load_state("load")
    page.get_by_role("form", name="Lọc thủ tục").get_by_label("Cách nộp").select_option(
        label="Qua dịch vụ bưu chính"
    )
    visible = page.locator("table.ck-catalogue tbody tr:visible")
    assert 0 < visible.count() < 30
    page.emulate_media(media="print")
    expect(page.locator(".ck-print-header")).to_be_visible()
    page.screenshot(path=str(output_dir / "bundle-catalogue-print.png"))
    assert [url for url in requests if not url.startswith("file://")] == []
    context.close()


@pytest.mark.browser
def test_the_bundles_404_page_works_opened_from_disk(browser: Any, bundle_dir: Path) -> None:
    context, page, requests = _recording(browser, viewport={"width": 390, "height": 844})
    page.goto((bundle_dir / "404.html").as_uri())
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    page.get_by_role("link", name="Danh mục thủ tục hành chính").click()
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính")
    assert page.url == (bundle_dir / "thu-tuc" / "index.html").as_uri()
    assert [url for url in requests if not url.startswith("file://")] == []
    context.close()


def test_the_folders_of_the_bundle_and_the_kiosk_have_normal_modes(
    kiosk_site: Path, bundle_dir: Path
) -> None:
    # Built under the tests' umask; what matters is that it is not mkdtemp's private 0700.
    umask = os.umask(0)
    os.umask(umask)
    assert kiosk_site.stat().st_mode & 0o777 == 0o777 & ~umask
    assert {info.external_attr >> 16 for info in _zip_infos(bundle_dir)} == {0o644}


def _zip_infos(bundle_dir: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(bundle_dir.parent.parent / "ban-ngoai-tuyen.zip") as zipped:
        return zipped.infolist()


def test_bundle_is_reproducible(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    content = load_project(project).content
    assert content is not None
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = make_bundle(project, content, tmp_path / "a" / "ban.zip", BuildOptions())
    second, _ = make_bundle(project, content, tmp_path / "b" / "ban.zip", BuildOptions())
    assert first.read_bytes() != b"" and first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.rglob("*.part"))


def test_repo_has_no_bundle_committed() -> None:
    assert not list(REPO.glob("*.zip.part"))
