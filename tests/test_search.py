"""Search the way citizens type: table-driven, run in headless Chromium over http and file://."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.project import Project, load_project
from generator.search import CONTACT, PROCEDURE, TASK, search_entries

from .conftest import REPO, recorded_requests

NFD = unicodedata.normalize("NFD", "đăng ký khai sinh")

# query -> (kind of the first result, its code for procedures or the start of its title)
QUERIES: list[tuple[str, tuple[int, str]]] = [
    ("dang ky khai sinh", (PROCEDURE, "1.001193")),
    ("ĐĂNG KÝ KHAI SINH", (PROCEDURE, "1.001193")),
    ("đăng ký khai sinh", (PROCEDURE, "1.001193")),
    (NFD, (PROCEDURE, "1.001193")),
    ("Dang Ky Khai Sinh", (PROCEDURE, "1.001193")),
    ("khai sinh dang ky", (PROCEDURE, "1.001193")),
    ("dang ky khai sinhh", (PROCEDURE, "1.001193")),
    ("khai sinh", (PROCEDURE, "1.001193")),
    ("1.001193", (PROCEDURE, "1.001193")),
    ("1001193", (PROCEDURE, "1.001193")),
    ("2.000815", (PROCEDURE, "2.000815")),
    ("ket hon", (PROCEDURE, "1.000894")),
    ("dang ky ket hon", (PROCEDURE, "1.000894")),
    ("kết hôn", (PROCEDURE, "1.000894")),
    ("ket hoon", (PROCEDURE, "1.000894")),
    ("khai tu", (PROCEDURE, "1.000656")),
    ("đang ky khai tu", (PROCEDURE, "1.000656")),
    ("dang ky lai khai sinh", (PROCEDURE, "1.004884")),
    ("lai ket hon", (PROCEDURE, "1.004746")),
    ("chung thuc ban sao", (PROCEDURE, "2.000815")),
    ("chứng thực chữ ký giấy tờ", (PROCEDURE, "2.000884")),
    ("di chuc", (PROCEDURE, "2.001019")),
    ("tu choi nhan di san", (PROCEDURE, "2.001016")),
    ("phan chia di san", (PROCEDURE, "2.001406")),
    ("sua loi sai sot", (PROCEDURE, "2.000927")),
    ("tinh trang hon nhan", (PROCEDURE, "1.004873")),
    ("xac nhan tinh trang hon nhan", (PROCEDURE, "1.004873")),
    ("giam ho", (PROCEDURE, "1.004837")),
    ("cham dut giam ho", (PROCEDURE, "1.004845")),
    ("nhan cha me con", (PROCEDURE, "1.001022")),
    ("khai sinh ket hop nhan cha me con", (PROCEDURE, "1.000689")),
    ("cai chinh ho tich", (PROCEDURE, "1.004859")),
    ("cong nhan hoa giai vien", (PROCEDURE, "1.002211")),
    ("to truong to hoa giai", (PROCEDURE, "2.000950")),
    ("thu lao hoa giai", (PROCEDURE, "2.002080")),
    ("lien thong khai sinh bao hiem", (PROCEDURE, "2.001023")),
    ("niem yet thu tuc", (TASK, "Niêm yết")),
    ("trung tam phuc vu hanh chinh cong", (CONTACT, "Trung tâm Phục vụ hành chính công")),
]


def test_there_are_at_least_30_queries() -> None:
    assert len(QUERIES) >= 30


def test_index_is_small_and_ranks_procedures_first() -> None:
    content = load_project(Project(REPO)).content
    assert content is not None
    entries = search_entries(content)
    kinds = [row[0] for row in entries["rows"]]  # type: ignore[index]
    assert kinds == sorted(kinds)
    assert kinds.count(PROCEDURE) == len(content.current_procedures)
    assert len(json.dumps(entries, ensure_ascii=False).encode()) < 64_000


def _ready(page: Page) -> None:
    page.wait_for_function(
        "window.congkhaiSearch !== undefined && window.congkhaiIndex !== undefined"
    )


def _first(page: Page, query: str) -> Any:
    return page.evaluate(
        "q => { const r = congkhaiSearch.search(congkhaiSearch.prepare(congkhaiIndex), q, 1)[0];"
        " return r ? [r.kind, r.code, r.title] : null; }",
        query,
    )


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_queries_find_the_expected_first_result(
    browser: Any, site_url: str, built_site: Path, over: str
) -> None:
    page = browser.new_page()
    page.goto(
        site_url + "tim-kiem/index.html"
        if over == "http"
        else (built_site / "tim-kiem" / "index.html").as_uri()
    )
    _ready(page)
    failures = []
    for query, (kind, expected) in QUERIES:
        got = _first(page, query)
        ok = (
            got is not None
            and got[0] == kind
            and (got[1] == expected if kind == PROCEDURE else got[2].startswith(expected))
        )
        if not ok:
            failures.append((query, expected, got))
    assert failures == []
    page.close()


@pytest.mark.browser
def test_exact_diacritics_rank_above_folded_matches(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "tim-kiem/index.html")
    _ready(page)
    index = {
        "fields": ["X"],
        "rows": [
            [0, "1.000001", "Thay đổi họ, chữ đệm", 0, "", "", ""],
            [0, "1.000002", "Đăng ký hộ kinh doanh", 0, "", "", ""],
        ],
    }
    codes = page.evaluate(
        "([index, q]) => congkhaiSearch.search(congkhaiSearch.prepare(index), q).map(r => r.code)",
        [index, "hộ"],
    )
    assert codes == ["1.000002", "1.000001"]
    codes = page.evaluate(
        "([index, q]) => congkhaiSearch.search(congkhaiSearch.prepare(index), q).map(r => r.code)",
        [index, "họ"],
    )
    assert codes == ["1.000001", "1.000002"]
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_citizen_types_without_diacritics_and_opens_the_procedure(
    browser: Any, site_url: str, built_site: Path, output_dir: Path, over: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = recorded_requests(page)
    start = site_url + "index.html" if over == "http" else (built_site / "index.html").as_uri()
    page.goto(start)
    box = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    expect(box).to_be_visible()
    box.press_sequentially("dang ky khai sinh", delay=20)
    status = page.get_by_role("status").filter(has_text="kết quả")
    expect(status).to_contain_text("Tìm thấy")
    results = page.locator("[data-ck-results] li")
    expect(results.first.get_by_role("link")).to_have_text("Thủ tục đăng ký khai sinh")
    expect(results.first).to_contain_text("Mã 1.001193 · Hộ tịch · Ngay trong ngày làm việc")
    page.screenshot(path=str(output_dir / f"search-{over}.png"))
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    origin = site_url if over == "http" else "file://"
    assert [url for url in requests if not url.startswith(origin)] == []
    page.close()


@pytest.mark.browser
def test_the_home_page_fetches_the_index_only_when_the_citizen_starts_to_search(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page()
    requests = recorded_requests(page)
    page.goto(site_url + "index.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "chi-muc.js" in url]
    box = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
    with page.expect_request(lambda request: "chi-muc.js" in request.url):
        box.focus()
    box.press_sequentially("ket hon", delay=20)
    expect(page.locator("[data-ck-results] li").first).to_contain_text("kết hôn")
    page.close()
