"""The views for the ward's portal, pasted into a test portal on another origin, in Chromium.

The snippets are read from the built staff page and pasted as written; the only change is the
site's public origin, replaced by the local server's (the test cannot reach the real one).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from generator.options import BuildOptions
from generator.project import load_project
from generator.site.build import build_site

from .conftest import copy_project, serve_folder

PUBLIC_ORIGIN = "https://hoaan.angiang.gov.vn"
GUIDE = "cong-khai/huong-dan/nhung-vao-cong/index.html"
PORTAL_CSS = """
body { font-family: Georgia, serif; color: rgb(20, 30, 40); background: rgb(250, 245, 230); }
h1 { font-size: 31px; color: rgb(120, 10, 10); }
p, li, div { line-height: 1.9; }
a { color: rgb(0, 90, 0); }
"""
PORTAL_JS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass(frozen=True)
class Portal:
    """The congkhai site on one origin and a ward portal on another."""

    site: Path
    site_origin: str
    portal_origin: str
    portal_root: Path
    snippets: dict[str, str]
    widget: str


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("embed")
    (root / "ward").mkdir()
    project = copy_project(root / "ward")
    result = load_project(project)
    assert result.content is not None
    hosted = root / "host"
    site = build_site(project, result.content, hosted / "cong-khai", BuildOptions()).site_dir
    site_server = serve_folder(hosted)
    portal_root = root / "portal"
    portal_root.mkdir()
    (portal_root / "portal.css").write_text(PORTAL_CSS, encoding="utf-8")
    (portal_root / "portal.js").write_text(PORTAL_JS, encoding="utf-8")
    portal_server = serve_folder(portal_root)
    guide = BeautifulSoup((hosted / GUIDE).read_text(encoding="utf-8"), "html.parser")
    snippets = {
        code["data-ck-snippet"]: code.get_text() for code in guide.select("code[data-ck-snippet]")
    }
    widget = guide.select_one("code[data-ck-snippet-widget]").get_text()
    yield Portal(
        site,
        f"http://127.0.0.1:{site_server.server_address[1]}",
        f"http://127.0.0.1:{portal_server.server_address[1]}",
        portal_root,
        snippets,
        widget,
    )
    site_server.shutdown()
    portal_server.shutdown()


def _portal_page(portal: Portal, name: str, pasted: str) -> str:
    """Write a portal page around a pasted snippet, with a strict policy of its own."""
    local = pasted.replace(PUBLIC_ORIGIN, portal.site_origin)
    policy = (
        f"default-src 'self'; frame-src {portal.site_origin}; "
        f"script-src 'self' {portal.site_origin}; style-src 'self'; "
        f"connect-src 'self' {portal.site_origin}; img-src 'self' {portal.site_origin} data:"
    )
    page = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Cổng thông tin điện tử phường (thử)</title>
<link rel="stylesheet" href="portal.css"><script src="portal.js"></script></head>
<body><h1>Cổng thông tin điện tử phường Hòa An</h1><p>Bài viết của Cổng.</p>
<div class="portal-block">{local}</div>
<p id="after">Nội dung tiếp theo của Cổng.</p></body></html>"""
    (portal.portal_root / f"{name}.html").write_text(page, encoding="utf-8")
    return f"{portal.portal_origin}/{name}.html"


def _visit(browser: Any, url: str, width: int) -> tuple[Any, Any, list[str], list[str]]:
    """Open the portal page at ``width``, recording every request and console message."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(url)
    return context, page, requests, console


def _portal_style(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const s = e => getComputedStyle(document.querySelector(e));
        return {body: s('body').fontFamily + s('body').color + s('body').backgroundColor,
                h1: s('h1').fontSize + s('h1').color, p: s('#after').lineHeight}; }"""
    )


def test_the_staff_page_offers_a_snippet_for_every_view(portal: Portal) -> None:
    assert set(portal.snippets) == {
        "nhung/thu-tuc/index.md",
        "nhung/tim-kiem/index.md",
        "nhung/thu-tuc/2.000942/index.md",
        "nhung/ke-hoach/2026/index.md",
        "nhung/ket-qua/index.md",
        "nhung/xin-loi/index.md",
    }
    for snippet in portal.snippets.values():
        assert snippet.startswith(f'<iframe src="{PUBLIC_ORIGIN}/cong-khai/nhung/')
        assert "nhung-tai.js" in snippet
    assert "assets/javascripts/nhung-tim-kiem.js" in portal.widget


def test_views_are_not_for_search_engines_and_point_at_the_full_page(portal: Portal) -> None:
    sitemap = (portal.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/nhung/" not in sitemap and "nhung-vao-cong" not in sitemap
    for view in (portal.site / "nhung").rglob("*.html"):
        soup = BeautifulSoup(view.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        full = view.relative_to(portal.site / "nhung").as_posix()
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{PUBLIC_ORIGIN}/cong-khai/{full}"
        assert (portal.site / full).is_file()
        assert soup.select_one(".md-header") is None and soup.select_one(".ck-footer") is None
        assert not soup.select("[onclick], [onload]")  # no inline handlers under the policy


@pytest.mark.browser
@pytest.mark.parametrize(
    "view",
    [
        "nhung/thu-tuc/index.md",
        "nhung/tim-kiem/index.md",
        "nhung/thu-tuc/2.000942/index.md",
        "nhung/ke-hoach/2026/index.md",
        "nhung/ket-qua/index.md",
        "nhung/xin-loi/index.md",
    ],
)
@pytest.mark.parametrize("width", [1200, 320])
def test_a_pasted_view_fits_the_portal_and_opens_full_pages_on_top(
    portal: Portal, browser: Any, output_dir: Path, view: str, width: int
) -> None:
    name = re.sub(r"[^a-z0-9]+", "-", view.removesuffix("/index.md")) + f"-{width}"
    url = _portal_page(portal, name, portal.snippets[view])
    context, page, requests, console = _visit(browser, url, width)
    style = _portal_style(page)
    frame_element = page.locator("iframe[data-congkhai]")
    expect(frame_element).to_have_attribute("data-congkhai-height", re.compile(r"^\d+$"))
    frame = page.frame_locator("iframe[data-congkhai]")
    expect(frame.locator("h1")).to_be_visible()
    expect(frame.locator(".md-header")).to_have_count(0)
    expect(frame.locator(".ck-footer")).to_have_count(0)
    inner = next(f for f in page.frames if f.url.startswith(portal.site_origin))
    # The iframe is as tall as its content: nothing to scroll inside it.
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe[data-congkhai]');"
        " return f.getBoundingClientRect().height > 150; }"
    )
    box = frame_element.bounding_box()
    assert box is not None
    scroll = inner.evaluate("document.documentElement.scrollHeight")
    assert scroll <= box["height"] + 1, (scroll, box["height"])
    assert inner.evaluate("document.documentElement.scrollWidth") <= box["width"] + 1
    page.screenshot(path=str(output_dir / f"portal-{name}.png"), full_page=True)
    assert _portal_style(page) == style
    # A link opens the full page in the portal's window.
    link = frame.locator("a[href]:visible").first
    link.click()
    page.wait_for_url(re.compile(re.escape(portal.site_origin) + r"/cong-khai/(?!nhung/)"))
    expect(page.locator(".md-header")).to_be_visible()
    origins = {portal.site_origin, portal.portal_origin}
    assert [r for r in requests if not any(r.startswith(o) for o in origins)] == []
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


@pytest.mark.browser
def test_the_new_tab_snippet_opens_links_in_a_new_tab(portal: Portal, browser: Any) -> None:
    guide = BeautifulSoup((portal.site.parent / GUIDE).read_text(encoding="utf-8"), "html.parser")
    pasted = guide.select_one('code[data-ck-snippet-new-tab="nhung/thu-tuc/index.md"]').get_text()
    url = _portal_page(portal, "tab-moi", pasted)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    frame = page.frame_locator("iframe[data-congkhai]")
    with context.expect_page() as opened:
        frame.locator("table.ck-catalogue a").first.click()
    new = opened.value
    new.wait_for_load_state()
    assert "/cong-khai/thu-tuc/" in new.url and "/nhung/" not in new.url
    assert page.url == url
    context.close()


@pytest.mark.browser
def test_without_the_loader_the_iframe_keeps_its_height(portal: Portal, browser: Any) -> None:
    pasted = portal.snippets["nhung/ket-qua/index.md"].split("\n")[0]  # the iframe only
    url = _portal_page(portal, "khong-script", pasted)
    page = browser.new_page()
    page.goto(url)
    frame = page.frame_locator("iframe[data-congkhai]")
    expect(frame.locator("h1")).to_have_text("Kết quả giải quyết hồ sơ")
    assert page.locator("iframe[data-congkhai]").evaluate("f => f.clientHeight") == 600
    assert page.locator("iframe[data-congkhai]").get_attribute("data-congkhai-height") is None
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1200, 320])
def test_the_search_widget_finds_a_procedure_in_the_portals_page(
    portal: Portal, browser: Any, output_dir: Path, width: int
) -> None:
    url = _portal_page(portal, f"o-tim-kiem-{width}", portal.widget)
    context, page, requests, console = _visit(browser, url, width)
    style = _portal_style(page)
    search = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    search.press_sequentially("khai sinh")
    first = page.locator("[data-congkhai-tim-kiem]").get_by_role("link").first
    expect(first).to_have_text("Thủ tục đăng ký khai sinh")
    expect(first).to_have_attribute(
        "href", f"{portal.site_origin}/cong-khai/thu-tuc/1.001193/index.html"
    )
    page.screenshot(path=str(output_dir / f"portal-widget-{width}.png"), full_page=True)
    assert _portal_style(page) == style
    # The widget's styles stay in its shadow root; the portal's stay out of it.
    assert page.evaluate("document.styleSheets.length") == 1
    assert first.evaluate("a => getComputedStyle(a).color") == "rgb(155, 28, 28)"
    assert page.evaluate("window.violations") == []
    assert [m for m in console if "Content Security Policy" in m] == []
    first.click()
    page.wait_for_url(f"{portal.site_origin}/cong-khai/thu-tuc/1.001193/index.html")
    origins = {portal.site_origin, portal.portal_origin}
    assert [r for r in requests if not any(r.startswith(o) for o in origins)] == []
    context.close()
