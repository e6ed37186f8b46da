"""The catalogue and what the ward must post: lists, status, forms, open data, last update."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import get_args

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.lists import STATUTORY_LISTS
from generator.project import Project, load_project
from generator.schema import OTHER_BODY_NAMES, OperatingBody
from generator.site.build import build_site

from .conftest import FIXTURE_WARD, read_page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copytree(FIXTURE_WARD, root, dirs_exist_ok=True)
    result = load_project(Project(root))
    assert result.content is not None, result.problems
    return build_site(Project(root), result.content, root / "site").site_dir


def _codes(soup: BeautifulSoup) -> list[str]:
    return [td.get_text(strip=True) for td in soup.select("table.ck-catalogue td.ck-code")]


def test_abolished_procedure_keeps_its_page_but_leaves_the_catalogue(site: Path) -> None:
    page = read_page(site, "thu-tuc/2.000001/index.html")
    banner = page.select_one(".ck-banner--retired")
    assert banner is not None
    assert "Thủ tục này đã bị bãi bỏ từ ngày 01/01/2026." in banner.get_text(" ", strip=True)
    assert "2.000001" not in _codes(read_page(site, "thu-tuc/index.html"))
    assert "2.000001" in _codes(read_page(site, "thu-tuc/danh-sach/het-hieu-luc/index.html"))


def test_replaced_procedure_links_to_its_replacement(site: Path) -> None:
    banner = read_page(site, "thu-tuc/2.000986/index.html").select_one(".ck-banner--retired")
    assert banner is not None and banner.a is not None
    assert banner.a["href"] == "../2.001023/index.html"
    assert (site / "thu-tuc" / "2.001023" / "index.html").is_file()
    assert "2.000986" not in _codes(read_page(site, "thu-tuc/index.html"))


def test_every_statutory_list_has_its_own_page(site: Path) -> None:
    expected = {
        "tiep-nhan-tai-mot-cua": ["1.004873", "2.001023", "1.001193"],
        "khong-tiep-nhan-tai-mot-cua": [],
        "buu-chinh-cong-ich": ["1.004873", "1.001193"],
        "lien-thong": ["2.001023"],
        "truc-tuyen-toan-trinh": ["1.004873", "2.001023", "1.001193"],
        "truc-tuyen-mot-phan": [],
        "het-hieu-luc": ["2.000001", "2.000986"],
    }
    for procedure_list in STATUTORY_LISTS:
        page = read_page(site, f"thu-tuc/danh-sach/{procedure_list.slug}/index.html")
        assert page.h1 is not None and page.h1.get_text() == procedure_list.title
        if procedure_list.slug in expected:
            assert sorted(_codes(page)) == sorted(expected[procedure_list.slug]), (
                procedure_list.slug
            )
    catalogue = read_page(site, "thu-tuc/index.html")
    links = [a["href"] for a in catalogue.select(".ck-lists a[href^='danh-sach/']")]
    assert len(links) == len(STATUTORY_LISTS)


def test_catalogue_rows_carry_their_filter_tags(site: Path) -> None:
    rows = read_page(site, "thu-tuc/index.html").select("table.ck-catalogue tbody tr")
    tags = {row.select_one("td.ck-code").get_text(): row["data-channels"].split() for row in rows}
    assert tags["1.001193"] == ["truc-tuyen-toan-trinh", "buu-chinh"]


def test_online_discount_is_visible(site: Path) -> None:
    page = read_page(site, "thu-tuc/1.004873/index.html")
    assert "Tiết kiệm 7.500 đồng so với cách nộp khác" in page.get_text(" ")
    summary = page.select_one(".ck-summary").get_text(" ", strip=True)
    assert "Trực tiếp: 15.000 đồng; Trực tuyến: 7.500 đồng" in summary


def test_form_file_is_published_and_linked(site: Path) -> None:
    links = read_page(site, "thu-tuc/1.001193/index.html").select(".ck-form a")
    # The PDF (to print as is) first, the Word file beside it.
    assert [a["href"] for a in links] == [
        "../../bieu-mau/to-khai-dang-ky-khai-sinh.pdf",
        "../../bieu-mau/to-khai-dang-ky-khai-sinh.docx",
    ]
    assert "để in" in links[0].get_text()
    for name in ("to-khai-dang-ky-khai-sinh.docx", "to-khai-dang-ky-khai-sinh.pdf"):
        assert (site / "bieu-mau" / name).read_bytes() == (
            FIXTURE_WARD / "content" / "forms" / name
        ).read_bytes()


def test_change_history_is_listed(site: Path) -> None:
    history = read_page(site, "thu-tuc/1.001193/index.html").select("ol.ck-history li")
    assert [item.time["datetime"] for item in history] == ["2025-07-01", "2025-08-15"]


def test_open_data_json_matches_its_schema_and_the_csv_opens_in_excel(site: Path) -> None:
    data = json.loads((site / "thu-tuc" / "catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "thu-tuc" / "catalogue.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["procedures"]) == 5
    birth = next(p for p in data["procedures"] if p["code"] == "1.001193")
    assert birth["online"] == "toàn trình"
    assert birth["url"] == "https://hoaan.angiang.gov.vn/cong-khai/thu-tuc/1.001193/index.html"
    raw = (site / "thu-tuc" / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã số", "Tên thủ tục", "Lĩnh vực"]
    assert len(rows) == 6
    birth_row = next(row for row in rows[1:] if row[0] == "1.001193")
    assert birth_row[:3] == ["1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"]


def test_last_updated_comes_from_git_history_when_available(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_WARD, tmp_path, dirs_exist_ok=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-03-04T10:00:00",
        "GIT_COMMITTER_DATE": "2026-03-04T10:00:00",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "noi dung"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    birth = tmp_path / "content" / "procedures" / "dang-ky-khai-sinh.yml"
    birth.write_text(birth.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    content = load_project(Project(tmp_path)).content
    assert content is not None
    assert str(content.updated("1.004873")) == "2026-03-04"  # committed: the commit's date
    assert str(content.updated("1.001193")) == "2025-08-15"  # edited since: its own field


def test_the_catalogue_lead_can_name_every_other_body() -> None:
    # A body added to the schema but not to OTHER_BODY_NAMES would be counted yet never named.
    assert {"ủy ban nhân dân", *OTHER_BODY_NAMES} == set(get_args(OperatingBody))
