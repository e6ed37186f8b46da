"""Service results in the built sample site: figures, downloads, apologies, and in Chromium."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator import service_results
from generator.format import percent
from generator.load_csv import read_results_csv
from generator.model import Content
from generator.schema import MonthlyResults
from generator.validate import validate

from .conftest import read_page


def test_summary_shows_this_month_quarter_and_year(built_site: Path, content: Content) -> None:
    soup = read_page(built_site, "ket-qua/index.html")
    rows = soup.select("table.ck-results-summary tbody tr")
    expected = service_results.periods(list(content.results))
    assert len(rows) == len(expected) == 3
    for row, period in zip(rows, expected, strict=True):
        cells = {td["data-label"]: td.get_text(" ", strip=True) for td in row.select("td")}
        assert row.th is not None and row.th.get_text(" ", strip=True).startswith(period.label)
        assert cells["Đúng hạn, trước hạn"] == percent(period.totals.on_time_rate)
        assert cells["Trực tuyến"] == percent(period.totals.online_share)
        assert cells["Trễ hạn"] == f"{period.totals.resolved_late} hồ sơ"


def test_chart_has_two_bars_per_month_with_readable_titles(
    built_site: Path, content: Content
) -> None:
    chart = read_page(built_site, "ket-qua/index.html").select_one("svg.ck-chart")
    assert chart is not None
    months = service_results.series(list(content.results))
    assert len(chart.select("rect.ck-chart__bar")) == 2 * sum(1 for *_, t in months if t)
    assert chart["role"] == "img"
    assert "tháng 1: đúng hạn" in chart["aria-label"]


def test_kpis_with_a_measure_are_compared(built_site: Path, content: Content) -> None:
    items = read_page(built_site, "ket-qua/index.html").select("ul.ck-kpi-checks li")
    measured = [k for k in content.plan.kpis if k.measure]
    assert len(items) == len(measured) == 4
    online = next(i for i in items if "trực tuyến" in i.get_text())
    # The sample ward is below its 50 % online target: the page must say so, not hide it.
    assert "Chưa đạt" in online.get_text()


def test_downloads_hold_the_same_figures_and_read_back_as_staff_import(
    built_site: Path, content: Content, tmp_path: Path
) -> None:
    raw = (built_site / "ket-qua" / "ket-qua.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) - 1 == sum(len(m.results.fields) for m in content.results)
    # The export of one month is a valid import file: same columns, same figures.
    october = [rows[0][2:]] + [row[2:] for row in rows[1:] if row[:2] == ["2026", "10"]]
    path = tmp_path / "2026-10.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(october)
    document = read_results_csv(path, "2026-10.csv")
    model, problems = validate(document, MonthlyResults)
    assert document.problems == problems == []
    assert model == content.results[-1].results
    data = json.loads((built_site / "ket-qua" / "ket-qua.json").read_text(encoding="utf-8"))
    assert [(m["year"], m["month"]) for m in data["results"]] == [
        (m.year, m.month) for m in content.results
    ]


def test_apologies_are_newest_first_and_masked(built_site: Path, content: Content) -> None:
    soup = read_page(built_site, "xin-loi/index.html")
    dossiers = [td.get_text(strip=True) for td in soup.select("td.ck-code")]
    assert len(dossiers) == len(content.apologies) == 5
    assert all("***" in dossier for dossier in dossiers)
    newest = max(content.apologies, key=lambda a: a.apologized)
    assert dossiers[0] == newest.dossier
    assert "sau ngày hẹn lại" in soup.get_text()
    rows = list(
        csv.reader(
            io.StringIO((built_site / "xin-loi" / "xin-loi.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert sorted(row[0] for row in rows[1:]) == sorted(dossiers)


@pytest.mark.browser
def test_results_page_in_chromium_over_http_and_from_disk(
    browser: Any, site_url: str, built_site: Path, output_dir: Path
) -> None:
    for url, width in (
        (site_url + "ket-qua/index.html", 1280),
        ((built_site / "ket-qua" / "index.html").as_uri(), 390),
    ):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả giải quyết hồ sơ")
        chart = page.get_by_role("img", name="tháng 1: đúng hạn", exact=False)
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
        bar = page.locator("rect.ck-chart__bar--dung-han").first.bounding_box()
        assert bar is not None and bar["height"] > 50, "the on-time bar must be drawn"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(output_dir / f"results-{width}.png"), full_page=True)
        page.get_by_role("link", name="Xin lỗi công khai vì giải quyết hồ sơ trễ hạn").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Xin lỗi công khai vì giải quyết hồ sơ trễ hạn"
        )
        expect(page.get_by_role("cell", name="H19.***.3188")).to_be_visible()
        page.close()
