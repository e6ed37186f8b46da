"""Whole-site test: build the sample ward and check every page a citizen needs, with its facts."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.format import money
from generator.model import Content
from generator.pages import field_groups

from .conftest import read_page


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_sample_ward_is_realistic(content: Content) -> None:
    assert len(content.procedures) >= 25
    assert 2 <= len(content.contacts) <= 3
    assert len(content.plan.sections) >= 8
    assert len(content.tasks()) >= 30
    assert len(content.plan.kpis) >= 6


def test_home_page_shows_the_ward_and_its_office(built_site: Path, content: Content) -> None:
    soup = read_page(built_site, "index.html")
    text = _text(soup)
    ward = content.config.ward
    assert soup.html is not None and soup.html["lang"] == "vi"
    for fact in (
        ward.authority,
        ward.address,
        ward.service_centre.name,
        ward.service_centre.address,
    ):
        assert fact in text
    for slot in ward.service_centre.hours:
        assert slot.days in text and slot.hours in text
    links = {a["href"] for a in soup.select("nav.ck-cards a")}
    assert links == {
        "thu-tuc/index.html",
        "phan-anh-kien-nghi/index.html",
        "ket-qua/index.html",
        "ke-hoach/2026/index.html",
    }


def test_catalogue_lists_every_procedure_in_force_grouped_by_field(
    built_site: Path, content: Content
) -> None:
    soup = read_page(built_site, "thu-tuc/index.html")
    rows = soup.select("table.ck-catalogue tbody tr")
    assert len(rows) == len(content.current_procedures)
    codes = [row.select_one("td.ck-code").get_text(strip=True) for row in rows]
    assert sorted(codes) == sorted(p.code for p in content.current_procedures)
    headings = [h.get_text(" ", strip=True) for h in soup.select("section h2")]
    for _, field, procedures in field_groups(list(content.current_procedures)):
        assert f"{field} – {len(procedures)} thủ tục" in headings
    for row in rows:
        href = row.select_one("a")["href"]
        assert (built_site / "thu-tuc" / href).is_file()


def test_every_procedure_has_a_page_with_its_legal_minimum(
    built_site: Path, content: Content
) -> None:
    for procedure in content.procedures:
        soup = read_page(built_site, f"thu-tuc/{procedure.code}/index.html")
        text = _text(soup)
        assert soup.h1 is not None and soup.h1.get_text(strip=True) == procedure.name
        assert procedure.code in text and procedure.field in text
        assert procedure.result.split("\n")[0][:40] in text
        assert procedure.decision.number in text
        assert procedure.agencies.competent in text
        for subject in procedure.subjects:
            assert subject in text
        for channel in procedure.channels:
            assert channel.time_limit in text
            assert str(money(channel.fee, channel.fee_unit)) in str(soup)
        for item in procedure.dossier:
            assert item.name in text
        for law in procedure.legal_basis:
            assert law.number in text


def test_birth_registration_page_states_its_key_facts(built_site: Path) -> None:
    text = _text(read_page(built_site, "thu-tuc/1.001193/index.html"))
    assert "Thủ tục đăng ký khai sinh" in text
    assert "Mã thủ tục 1.001193" in text
    assert "Miễn phí" in text
    assert "Tờ khai đăng ký khai sinh" in text
    assert "60/2014/QH13 – Luật Hộ tịch (ngày 20/11/2014)" in text
    assert "Số 1542/QĐ-UBND ngày 01/07/2025 của Chủ tịch Ủy ban nhân dân tỉnh An Giang" in text


def test_replaced_procedure_keeps_its_page_with_a_banner(
    built_site: Path, content: Content
) -> None:
    retired = [p for p in content.procedures if p.status in ("được thay thế", "bãi bỏ")]
    assert retired, "the sample should show a retired procedure"
    catalogue = _text(read_page(built_site, "thu-tuc/index.html"))
    for procedure in retired:
        soup = read_page(built_site, f"thu-tuc/{procedure.code}/index.html")
        banner = soup.select_one(".ck-banner--retired")
        assert banner is not None
        if procedure.replaced_by:
            assert banner.a is not None
            assert banner.a["href"] == f"../{procedure.replaced_by}/index.html"
        assert procedure.code not in catalogue


def test_feedback_page_lists_every_contact_point(built_site: Path, content: Content) -> None:
    soup = read_page(built_site, "phan-anh-kien-nghi/index.html")
    text = _text(soup)
    for contact in content.contacts:
        assert contact.name in text and contact.address in text
        if contact.phone:
            digits = "".join(c for c in contact.phone if c.isdigit())
            assert soup.select_one(f'a[href="tel:{digits}"]') is not None
        if contact.email:
            assert soup.select_one(f'a[href="mailto:{contact.email}"]') is not None
        for officer in contact.officers:
            assert officer.name in text


def test_plan_page_lists_sections_tasks_and_kpis_in_order(
    built_site: Path, content: Content
) -> None:
    soup = read_page(built_site, "ke-hoach/2026/index.html")
    text = _text(soup)
    plan = content.plan
    assert plan.number in text and plan.issuer in text
    rows = soup.select("table.ck-tasks tbody tr")
    tasks = content.tasks()
    assert len(rows) == len(tasks)
    for number, (row, task) in enumerate(zip(rows, tasks, strict=True), start=1):
        assert row.select_one('td[data-label="STT"]').get_text(strip=True) == str(number)
        assert task.content in " ".join(row.get_text(" ").split())
        assert task.deadline in " ".join(row.get_text(" ").split())
        for unit in task.lead:
            assert plan.units[unit] in row.get_text(" ")
    for kpi in plan.kpis:
        assert kpi.name in text
    figures = [li.get_text(" ", strip=True) for li in soup.select("ul.ck-figures li")]
    assert figures[0] == f"{len(tasks)} nhiệm vụ"
    bars = soup.select("svg.ck-bar")
    assert len(bars) == len(plan.kpis)


def test_every_started_quarter_has_a_report_and_older_plans_stay(built_site: Path) -> None:
    for quarter in (1, 2, 3, 4):
        page = read_page(built_site, f"ke-hoach/2026/quy-{quarter}/index.html")
        assert page.h1 is not None and page.h1.get_text().endswith("/2026")
    index = _text(read_page(built_site, "ke-hoach/index.html"))
    assert "Năm 2026" in index and "Năm 2025" in index


def test_an_older_plan_shows_its_own_units(built_site: Path, content: Content) -> None:
    old = next(plan for plan in content.plans if plan is not content.plan)
    page = read_page(built_site, f"ke-hoach/{old.date.year}/index.html")
    leads = {
        td.get_text(" ", strip=True) for td in page.select('td[data-label="Đơn vị thực hiện"]')
    }
    first = (
        old.sections[0].tasks[0]
        if old.sections[0].tasks
        else old.sections[0].subsections[0].tasks[0]
    )
    assert any(f"Chủ trì: {old.units[first.lead[0]]}" in cell for cell in leads)
    assert page.select_one(".ck-banner--archive") is not None


def test_feedback_rules_and_the_contact_box_on_procedure_pages(
    built_site: Path, content: Content
) -> None:
    assert content.feedback is not None
    soup = read_page(built_site, "phan-anh-kien-nghi/index.html")
    text = _text(soup)
    for item in content.feedback.time_limits:
        assert item.step in text and item.limit in text
    for law in content.feedback.legal_basis:
        assert law.number in text
    assert soup.select_one(f'a[href="{content.feedback.portal_url}"]') is not None
    first = content.contacts[0]
    digits = "".join(c for c in first.phone or "" if c.isdigit())
    for procedure in content.procedures:
        box = read_page(built_site, f"thu-tuc/{procedure.code}/index.html").select_one(
            "aside.ck-feedback-box"
        )
        assert box is not None and first.name in box.get_text()
        assert box.select_one(f'a[href="tel:{digits}"]') is not None


def test_procedures_are_not_in_the_navigation(built_site: Path, content: Content) -> None:
    """Material repeats the navigation on every page: procedures must not be in it."""
    soup = read_page(built_site, "thu-tuc/1.001193/index.html")
    nav_links = soup.select("nav.md-nav a.md-nav__link, nav.md-tabs a")
    assert not any("thu-tuc/1." in a.get("href", "") for a in nav_links)
    largest = max(p.stat().st_size for p in built_site.rglob("*.html"))
    assert largest < 200_000


def test_no_page_loads_anything_from_another_origin(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") == ["canonical"]:
                continue
            assert not url.startswith(("http://", "https://", "//")), (page, url)


ENGLISH = [
    "Made with",
    "Material for MkDocs",
    "Not found",
    "Skip to content",
    "Back to top",
    "Type to start searching",
    "Initializing search",
    'aria-label="Tabs"',
    "Contributors",
]


def test_no_english_text_on_any_page(built_site: Path) -> None:
    found = {
        (page.relative_to(built_site).as_posix(), phrase)
        for page in built_site.rglob("*.html")
        for phrase in ENGLISH
        if phrase in page.read_text(encoding="utf-8")
    }
    assert found == set()


def test_the_404_page_links_from_the_site_root_at_any_depth(built_site: Path) -> None:
    soup = read_page(built_site, "404.html")
    assert soup.select_one("h1").get_text() == "Không tìm thấy trang"
    assert soup.select_one("title").get_text().startswith("Không tìm thấy trang - ")
    for tag in soup.select("a[href], link[href], script[src]"):
        url = tag.get("href") or tag.get("src")
        if url.startswith(("tel:", "mailto:", "#")):
            continue
        assert url.startswith("/cong-khai/"), url
