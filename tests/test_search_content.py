"""What staff write for search: keywords, the ward's synonyms file, quick-answer buttons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.project import Project, load_project
from generator.search import search_entries, search_index_script

from .conftest import edit_file


def test_keywords_and_ward_synonyms_reach_the_index(project: Project) -> None:
    content = load_project(project).content
    assert content is not None
    entries = search_entries(content)
    rows = {row[1]: row for row in entries["rows"]}  # type: ignore[attr-defined]
    assert "giấy xác nhận độc thân" in rows["1.004873"][7]
    assert len(rows["1.001193"]) == 7  # no keywords: the column is left out
    synonyms = entries["synonyms"]
    assert [["khai sanh", "giấy khai sanh", "làm khai sanh"], "đăng ký khai sinh"] in synonyms  # type: ignore[operator]
    # The built-in lexicon comes first, the ward's own entries after it.
    assert synonyms[-1][1] == "đăng ký kết hôn"  # type: ignore[index]
    script = search_index_script(content)
    assert script.startswith("window.congkhaiIndex=")
    assert json.loads(script.removeprefix("window.congkhaiIndex=").rstrip(";\n")) == entries


def test_a_bad_synonyms_file_is_reported_like_all_content(project: Project) -> None:
    (project.content_dir / "synonyms.yml").write_text(
        "synonyms:\n  - everyday: sổ đỏ\n    means: giấy chứng nhận\n", encoding="utf-8"
    )
    result = load_project(project)
    assert result.content is None
    assert [str(p) for p in result.errors] == [
        "content/synonyms.yml:2:15: synonyms[1].everyday: cần một danh sách (mỗi mục một dòng, "
        'bắt đầu bằng "- "), nhận được "sổ đỏ"'
    ]


def test_a_quick_answer_must_name_a_procedure_of_the_catalogue(project: Project) -> None:
    edit_file(project.config_file, '- code: "1.000656"', '- code: "1.000657"')
    lines = project.config_file.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "1.000657" in text)
    expected = [
        f"site_config.yml:{line}:13: search.quick_answers[5].code: ghi chú: không có thủ tục "
        'nào mang mã "1.000657", nút này không hiện — có phải "1.000656"?'
    ]
    for strict in (False, True):
        result = load_project(project, strict=strict)
        assert result.content is not None
        assert [str(p) for p in result.problems] == expected


@pytest.mark.browser
@pytest.mark.parametrize("page_path", ["index.html"])
def test_quick_answers_are_large_buttons_under_the_search_box(
    built_site: Path, browser: Any, site_url: str, output_dir: Path, page_path: str
) -> None:
    soup = BeautifulSoup((built_site / page_path).read_text(encoding="utf-8"), "html.parser")
    buttons = soup.select(".ck-quick a.ck-quick__button")
    assert [b.get_text(strip=True) for b in buttons][:2] == ["Đăng ký khai sinh", "Đăng ký kết hôn"]
    assert buttons[0]["href"] == "thu-tuc/1.001193/index.html"
    # Right after the search box, before the section cards.
    search = soup.select_one("[data-ck-search]")
    quick = soup.select_one(".ck-quick")
    cards = soup.select_one(".ck-cards")
    assert search is not None and quick is not None and cards is not None
    order = [element.sourceline for element in (search, quick, cards)]
    assert order == sorted(order)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + page_path)
    first = page.locator(".ck-quick__button").first
    box = first.bounding_box()
    assert box is not None and box["height"] >= 48
    page.screenshot(path=str(output_dir / "search-quick-answers-390.png"), full_page=True)
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục đăng ký khai sinh"
    page.close()


def test_a_synonym_that_leads_nowhere_is_a_warning(project: Project) -> None:
    (project.content_dir / "synonyms.yml").write_text(
        "synonyms:\n  - everyday: [bằng lái]\n    means: giấy phép lái xe\n", encoding="utf-8"
    )
    result = load_project(project)
    assert result.content is not None
    assert [str(p) for p in result.problems] == [
        'content/synonyms.yml:3:12: synonyms[1].means: cảnh báo: không thủ tục nào có từ "phép", '
        '"xe"; hãy viết đúng các từ trong tên thủ tục'
    ]
