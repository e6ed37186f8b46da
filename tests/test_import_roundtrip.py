"""Round trip: import → check → build → the built pages show the imported facts."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.importers.plan import PlanOptions, import_plan
from generator.importers.portal import import_records
from generator.importers.portal_list import import_procedure_list
from generator.project import Project, load_project
from generator.site.build import build_site

from .test_import_procedures import write_portal_list

CASES = Path(__file__).parent / "cases" / "import"


def page_text(site: Path, path: str) -> str:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def test_imported_procedure_and_plan_are_published(project: Project, tmp_path: Path) -> None:
    # A list row first (a draft), then the detail record completes it (--force: the record
    # names the implementing officer where the list only said "Ủy ban nhân dân cấp xã").
    rows = [
        [
            "3.000323",
            "Đăng ký giám sát việc giám hộ",
            "Bộ Tư pháp",
            "Ủy ban nhân dân cấp xã",
            "Hộ tịch",
        ]
    ]
    import_procedure_list(project, write_portal_list(tmp_path / "ds.xlsx", rows))
    assert load_project(project).content is not None  # a draft is not published…
    import_records(project, [CASES / "records" / "giam-sat-giam-ho.json"], force=True)
    import_plan(
        project,
        CASES / "plans" / "phu-luc-2027.tsv",
        PlanOptions(
            number="20/KH-UBND",
            date="15/01/2027",
            title="Kế hoạch kiểm soát thủ tục hành chính năm 2027",
            issuer="Ủy ban nhân dân phường Hòa An",
        ),
    )
    result = load_project(project, strict=True)
    assert result.content is not None, "\n".join(map(str, result.problems))
    site = build_site(project, result.content, tmp_path / "site").site_dir

    text = page_text(site, "thu-tuc/3.000323/index.html")
    for fact in (
        "Đăng ký giám sát việc giám hộ",
        "Hộ tịch",
        "1542/QĐ-UBND",
        "03 Ngày làm việc",
        "5.000 đồng",
        "Miễn lệ phí cho người thuộc hộ nghèo, người khuyết tật",
        "Tờ khai đăng ký giám sát việc giám hộ theo mẫu",
        "Trích lục đăng ký giám sát việc giám hộ",
        "91/2015/QH13",
        "Bộ luật Dân sự",
        "Công chức tư pháp - hộ tịch",
    ):
        assert fact in text, fact
    assert "KQ.G15.000099" not in text  # the portal's result code stays a comment
    catalogue = page_text(site, "thu-tuc/index.html")
    assert "Đăng ký giám sát việc giám hộ" in catalogue

    plan = page_text(site, "ke-hoach/2027/index.html")
    for fact in (
        "20/KH-UBND",
        "Công tác chỉ đạo, điều hành",
        "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, chứng thực",
        "Văn phòng HĐND và UBND phường",
        "Trung tâm Phục vụ hành chính công phường",
        "Tùy tình hình thực tế",
        "Đánh giá chất lượng giải quyết thủ tục hành chính",
    ):
        assert fact in plan, fact
