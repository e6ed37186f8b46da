"""Procedure pages, catalogue and print as a citizen and a ward officer use them (issue 17).

A phone at 320-390 px, the keyboard, a printed A4 posting read back from the PDF, link previews
and search engines, the apology list, and the W3C Nu checker on every page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import REPO, read_page

PROCEDURE = "thu-tuc/1.001193/index.html"
PUBLIC = "https://hoaan.angiang.gov.vn/cong-khai/"
VNU = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PX_PER_PT = 96 / 72


def _pages(site: Path) -> list[str]:
    # quan-tri/ is the staff editor (Decap CMS, a script application), not a page of the site.
    return sorted(
        str(path.relative_to(site))
        for path in site.rglob("index.html")
        if path.relative_to(site).parts[0] != "quan-tri"
    )


def _phone(browser: Any, width: int = 390, height: int = 844) -> Page:
    page: Page = browser.new_page(viewport={"width": width, "height": height})
    return page


# --- The procedure page on a phone ---------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_what_to_bring_comes_right_after_the_summary(
    browser: Any, site_url: str, built_site: Path, output_dir: Path, over: str
) -> None:
    page = _phone(browser)
    page.goto((site_url if over == "http" else built_site.as_uri() + "/") + PROCEDURE)
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0] == "Giấy tờ cần mang"
    assert headings[1:3] == ["Trình tự thực hiện", "Cách thức thực hiện"]
    # The checklist follows the summary box directly (a ward's local note may sit between).
    assert page.evaluate(
        "document.querySelector('.ck-summary').nextElementSibling.matches('.ck-bring')"
    )
    bring = page.locator("section.ck-bring")
    always = bring.locator(":scope > ul.ck-checklist > li")
    expect(always).to_have_count(3)
    expect(always.first.locator(".ck-doc__name")).to_have_text("Tờ khai đăng ký khai sinh")
    expect(always.first.locator(".ck-doc__copies")).to_have_text("01 bản chính")
    # The form: the PDF to print, the Word file beside it.
    expect(always.first.get_by_role("link", name="Tải bản PDF để in")).to_have_attribute(
        "href", re.compile(r"bieu-mau/to-khai-dang-ky-khai-sinh\.pdf$")
    )
    expect(always.first.get_by_role("link", name="bản Word (.docx)")).to_be_visible()
    # Items for special cases are folded, and say when they are needed.
    fold = bring.locator("details.ck-sometimes")
    expect(fold.locator("summary")).to_have_text("Chỉ nộp trong trường hợp riêng (3 giấy tờ)")
    expect(fold.locator(".ck-doc__when").first).to_be_hidden()
    fold.locator("summary").click()
    expect(fold.locator(".ck-doc__when").first).to_contain_text("Khi nào phải nộp:")
    # Fee cases in the summary and in the channel table; conditions always shown.
    summary = page.get_by_role("region", name="Tóm tắt")
    expect(summary.locator("ul.ck-fee-cases li")).to_have_text(
        "Cấp thêm bản sao Giấy khai sinh (nếu có yêu cầu): 8.000 đồng/bản"
    )
    expect(page.locator(".ck-fee-case").first).to_contain_text("8.000 đồng/bản")
    conditions = page.locator("#dieu-kien + p")
    expect(conditions).to_have_text("Không có.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if over == "http":
        page.screenshot(path=str(output_dir / "procedure-390x844.png"))
        bring.scroll_into_view_if_needed()
        page.screenshot(path=str(output_dir / "procedure-390x844-bring.png"))
    page.close()


# --- Widths, focus, layout shift -----------------------------------------------------------


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str, built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) > 50
    wide: list[tuple[int, str, int]] = []
    for width in (320, 360, 390):
        page = _phone(browser, width, 700)
        for path in pages:
            page.goto(site_url + path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append((width, path, scroll))
        page.close()
    assert wide == []


_FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  return {
    name: element.tagName + " " + (element.textContent || "").trim().slice(0, 40),
    visible: element.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    inside: box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
    drawer: !!element.closest(".md-sidebar--primary"),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "thu-tuc/index.html", PROCEDURE])
def test_keyboard_focus_never_lands_on_something_hidden(
    browser: Any, site_url: str, path: str
) -> None:
    page = _phone(browser)
    page.goto(site_url + path)
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            continue
        seen.append(state["name"])
        assert not state["drawer"], f"focus went into the closed drawer: {state}"
        # The skip link fades in when focused: wait for it rather than read it mid-fade.
        try:
            page.wait_for_function(
                f"() => {{ const s = ({_FOCUS_STATE})(); return s && s.visible && s.inside; }}",
                timeout=2000,
            )
        except PlaywrightTimeout:
            state = page.evaluate(_FOCUS_STATE)
            raise AssertionError(f"focus on something hidden: {state}") from None
    assert len(seen) >= 10
    # The menu button opens the drawer from the keyboard; then its links are reachable.
    button = page.get_by_role("button", name="Mở danh mục trang")
    button.focus()
    page.keyboard.press("Enter")
    drawer_link = page.locator(".md-sidebar--primary a.md-nav__link").first
    expect(drawer_link).to_be_visible()
    for _ in range(5):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state and state["drawer"] and "Trang chủ" in state["name"]:
            break
    assert state is not None and state["drawer"], state
    # The drawer slides in: wait for the focused link to arrive on screen.
    page.wait_for_function(
        f"() => {{ const s = ({_FOCUS_STATE})(); return s && s.drawer && s.visible && s.inside; }}",
        timeout=3000,
    )
    page.close()


_CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 0)));
})"""


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
@pytest.mark.parametrize("path", ["thu-tuc/index.html", "tim-kiem/index.html", "index.html"])
def test_catalogue_and_search_do_not_shift_while_loading(
    browser: Any, site_url: str, built_site: Path, over: str, path: str
) -> None:
    for width, height in ((390, 844), (1280, 900)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto((site_url if over == "http" else built_site.as_uri() + "/") + path)
        # The filters and the search box are there from the first paint.
        expect(page.locator("[data-ck-search], [data-ck-filter]").first).to_be_visible()
        assert page.evaluate(_CLS) == 0
        page.close()


# --- The catalogue on a phone --------------------------------------------------------------


@pytest.mark.browser
def test_catalogue_on_a_phone(browser: Any, site_url: str, output_dir: Path) -> None:
    page = _phone(browser)
    page.goto(site_url + "thu-tuc/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Names first, codes second.
    first_row = page.locator("table.ck-catalogue tbody tr").first
    expect(first_row.locator("td").first).to_have_attribute("data-label", "Tên thủ tục")
    expect(first_row.locator("td").nth(1)).to_have_attribute("data-label", "Mã số")
    jumps = page.locator("nav.ck-fields li")
    total = jumps.count()
    form = page.get_by_role("form", name="Lọc thủ tục")
    form.get_by_label("Danh sách").select_option(label="Thủ tục liên thông")
    expect(form.locator("[data-ck-explain]")).to_contain_text("Nộp một bộ hồ sơ ở một nơi")
    shown = page.locator("section[data-field]:visible")
    visible_jumps = page.locator("nav.ck-fields li:visible")
    expect(visible_jumps).to_have_count(shown.count())
    assert 0 < visible_jumps.count() < total
    for index in range(visible_jumps.count()):
        target = visible_jumps.nth(index).locator("a").get_attribute("href") or ""
        expect(page.locator(f"section[data-field='{target.lstrip('#')}']")).to_be_visible()
    page.screenshot(path=str(output_dir / "catalogue-390-filtered.png"))
    form.get_by_label("Danh sách").select_option(value="")
    expect(jumps.locator("visible=true")).to_have_count(total)
    # Each statutory list says in plain words what it means.
    lists = page.locator("section.ck-lists li")
    for name, words in (
        ("toàn trình", "Làm trọn trên mạng"),
        ("Thủ tục liên thông", "không phải tự đi từng nơi"),
        ("bưu chính công ích", "qua bưu điện"),
        ("ngành dọc", "quản lý theo ngành"),
    ):
        expect(lists.filter(has_text=name).first.locator(".ck-list-explain")).to_contain_text(words)
    page.close()


# --- Print: a paper posting (niêm yết) ----------------------------------------------------


def _print(page: Page, pdf: Path) -> list[str]:
    """Print to an A4 PDF as Chromium does; the text of each sheet."""
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", [PROCEDURE, "thu-tuc/1.004859/index.html", "thu-tuc/1.000894/index.html"]
)
def test_procedure_prints_as_a_posting(
    browser: Any, site_url: str, output_dir: Path, path: str
) -> None:
    page = browser.new_page()
    page.goto(site_url + path)
    page.emulate_media(media="print")
    # Every piece of text on paper is 11 pt or more.
    small = page.evaluate(
        """(least) => [...document.querySelectorAll('article *')].filter(e =>
             e.checkVisibility() && [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim())
             && parseFloat(getComputedStyle(e).fontSize) < least
           ).map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).fontSize)""",
        11 * PX_PER_PT - 0.05,
    )
    assert small == []
    code = path.split("/")[1]
    pdf = output_dir / f"print-{code}.pdf"
    sheets = _print(page, pdf)
    page.close()
    assert 1 <= len(sheets) <= 3, f"{len(sheets)} sheets"
    url = f"{PUBLIC}thu-tuc/{code}/"
    for number, text in enumerate(sheets, start=1):
        assert "ỦY BAN NHÂN DÂN PHƯỜNG HÒA AN" in text, number
        assert url in text, number
        assert f"Trang {number}/{len(sheets)}" in text, number
    assert "Cập nhật lần cuối:" in sheets[0] and "Ngày in:" in sheets[0]
    # No near-empty last sheet: at least a quarter of a full one.
    lines = [len([line for line in sheet.splitlines() if line.strip()]) for sheet in sheets]
    if len(sheets) > 1:
        assert lines[-1] >= max(lines) // 4, lines
    # The feedback box is on one sheet.
    holding = [i for i, text in enumerate(sheets) if "Phản ánh, kiến nghị về thủ tục này" in text]
    assert len(holding) == 1
    assert "Các nơi tiếp nhận khác" in sheets[holding[0]]
    # Links print their address.
    flat = re.sub(r"\s+", "", "".join(sheets))
    assert f"({PUBLIC}phan-anh-kien-nghi/)" in flat
    # Each sheet as an image, for a person to look at; the QR code on sheet 1 opens the page.
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(pdf), str(output_dir / f"print-{code}-sheet")],
        check=True,
    )
    first = sorted(output_dir.glob(f"print-{code}-sheet-*1.png"))[0]
    read = subprocess.run(["zbarimg", "-q", str(first)], capture_output=True, text=True)
    assert read.stdout.strip() == f"QR-Code:{url}"


@pytest.mark.browser
def test_form_links_print_their_public_address(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + PROCEDURE)
    page.emulate_media(media="print")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.ck-form a'), '::after').content"
    )
    assert (
        after == f'" ({PUBLIC}bieu-mau/to-khai-dang-ky-khai-sinh.pdf)"'
    )  # Chromium joins the parts
    # The folded special cases print too.
    expect(page.locator("details.ck-sometimes .ck-doc__when").first).to_be_visible()
    page.close()


# --- Sharing and search engines ------------------------------------------------------------


def _meta(soup: BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [str(tag.get("content")) for tag in soup.find_all("meta", attrs={attribute: name})]


def test_every_page_has_its_own_description_and_preview_tags(built_site: Path) -> None:
    descriptions: dict[str, str] = {}
    for path in _pages(built_site):
        if path.startswith(("huong-dan/", "nhung/")):
            continue  # the staff guide; the portal's views (noindex, their full page's canonical)
        soup = read_page(built_site, path)
        [description] = _meta(soup, "name", "description")
        assert 40 <= len(description) <= 160, (path, description)
        descriptions[path] = description
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None, path
        url = canonical["href"]
        assert not str(url).endswith("index.html"), path
        assert _meta(soup, "property", "og:url") == [url], path
        assert _meta(soup, "property", "og:description") == [description], path
        [title] = _meta(soup, "property", "og:title")
        assert title and _meta(soup, "name", "twitter:title") == [title], path
        assert _meta(soup, "property", "og:image") == [f"{PUBLIC}assets/images/chia-se.png"]
        assert _meta(soup, "name", "twitter:card") == ["summary_large_image"], path
    assert (built_site / "assets" / "images" / "chia-se.png").stat().st_size > 1000
    procedures = {p: d for p, d in descriptions.items() if re.match(r"thu-tuc/\d", p)}
    assert len(procedures) > 25
    assert len(set(procedures.values())) == len(procedures), "one description per procedure"
    assert len(set(descriptions.values())) >= len(descriptions) - 3
    assert descriptions[PROCEDURE].startswith("Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam")


def test_procedure_pages_describe_a_government_service(built_site: Path) -> None:
    soup = read_page(built_site, PROCEDURE)
    [block] = soup.find_all("script", type="application/ld+json")
    data = json.loads(block.get_text())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Thủ tục đăng ký khai sinh"
    assert data["identifier"] == "1.001193"
    assert data["url"] == f"{PUBLIC}thu-tuc/1.001193/"
    assert data["serviceOperator"]["name"] == "Ủy ban nhân dân phường Hòa An"
    assert data["areaServed"]["@type"] == "AdministrativeArea"
    prices = {(offer["name"], offer["price"]) for offer in data["offers"]}
    assert ("Nộp trực tiếp", 0) in prices
    assert ("Cấp thêm bản sao Giấy khai sinh (nếu có yêu cầu)", 8000) in prices
    assert {offer["priceCurrency"] for offer in data["offers"]} == {"VND"}
    assert not read_page(built_site, "thu-tuc/index.html").find(
        "script", type="application/ld+json"
    )


def test_robots_txt_points_at_the_sitemap(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLIC}sitemap.xml" in robots.splitlines()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLIC}thu-tuc/1.001193/</loc>" in sitemap
    assert "index.html</loc>" not in sitemap


# --- Apologies -----------------------------------------------------------------------------


@pytest.mark.browser
def test_apologies_are_linked_and_late_returns_are_not_green(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "index.html")
    page.get_by_role("main").get_by_role(
        "link", name="Xin lỗi công khai vì giải quyết hồ sơ trễ hạn"
    ).click()
    expect(page).to_have_url(site_url + "xin-loi/index.html")
    expect(page.locator(".md-tabs").get_by_role("link", name="Xin lỗi công khai")).to_be_visible()
    # H19.***.1187: new date 20/04/2026, returned 21/04/2026.
    row = page.locator("table.ck-apologies tr", has_text="H19.***.1187")
    status = row.locator(".ck-status")
    expect(status).to_have_text("Trả kết quả trễ hạn lần nữa")
    expect(status).to_have_class(re.compile("ck-status--qua-han"))
    assert status.evaluate("e => getComputedStyle(e).color") == "rgb(179, 38, 30)"
    expect(row.locator("td[data-label='Tình trạng'] .ck-note")).to_contain_text(
        "sau ngày hẹn lại 20/04/2026"
    )
    kept = page.locator("table.ck-apologies tr", has_text="H19.***.0412").locator(".ck-status")
    expect(kept).to_have_text("Đã trả kết quả")
    page.goto(site_url + "ket-qua/index.html")
    section = page.locator("section[aria-labelledby='xin-loi']")
    expect(section).to_contain_text("Vì sao hai con số khác nhau")
    expect(section).to_contain_text("trả trễ hạn lần nữa")
    page.close()


# --- Valid HTML ----------------------------------------------------------------------------


def test_every_page_is_valid_html(built_site: Path) -> None:
    if not VNU.is_file():
        pytest.fail("the W3C Nu checker is missing: run `make test`, which installs vnu-jar")
    pages = sorted(str(path) for path in built_site.rglob("*.html"))
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line.replace(str(built_site), "") for line in run.stderr.splitlines() if line]
    assert errors == []
    assert run.returncode == 0


def test_staff_text_cannot_leave_a_css_string_or_a_json_block() -> None:
    from generator.seo import css_string, json_script, shorten

    hostile = '"}</style><script>x</script>\\ Phường Hòa An'
    text = css_string(hostile)
    assert text.startswith('"') and text.endswith('"')
    inner = text[1:-1]
    assert '"' not in inner and "<" not in inner and "\\ " not in inner.replace("\\5c ", "")
    assert "Phường Hòa An" in inner
    block = json_script({"name": "</script><!--"})
    assert "<" not in block and json.loads(block) == {"name": "</script><!--"}
    assert shorten("một " * 100).endswith("…") and len(shorten("một " * 100)) <= 160


def test_links_in_the_article_get_their_public_address_for_paper(built_site: Path) -> None:
    from generator.markup import print_addresses

    html = (
        '<a href="../x.html">header</a><article class="md-content__inner">'
        '<a href="../../bieu-mau/a.pdf" download>PDF</a> <a href="#top">top</a>'
        ' <a href="tel:0296">0296</a> <a href="https://dichvucong.gov.vn/">DVC</a>'
        ' <a class="x" href="../../thu-tuc/1.001193/index.html">KS</a></article>'
    )
    out = print_addresses(html, f"{PUBLIC}thu-tuc/2.000001/")
    assert out.count("data-ck-print") == 2
    assert f'data-ck-print="{PUBLIC}bieu-mau/a.pdf"' in out
    assert f'data-ck-print="{PUBLIC}thu-tuc/1.001193/"' in out
    apologies = read_page(built_site, "xin-loi/index.html")
    link = apologies.select_one("table.ck-apologies td a")
    assert link is not None and str(link["data-ck-print"]).startswith(f"{PUBLIC}thu-tuc/")
