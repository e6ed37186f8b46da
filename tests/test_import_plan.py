"""Import of a plan's appendix table (TSV, CSV or XLSX copied from Word).

``tests/cases/import/plans/phu-luc-2027.tsv`` has each mess of real appendices: a document's
text before the table, part headings between tables (with Markdown left by a converter), header
rows in bold and repeated at each page break, Roman group rows written four ways, a bold group
row without a number, continuation rows (one repeating the last word of its first half), a list
item continuing a cell, several units in one cell. The seed plans in ``../shared/seeds/`` are
imported too when the folder is there.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from generator.importers.plan import PlanOptions, import_plan
from generator.importers.report import ImportFailed
from generator.load import read_document
from generator.project import Project, load_project

from .test_import_procedures import bare_project

PLANS = Path(__file__).parent / "cases" / "import" / "plans"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
HEADING = PlanOptions(
    number="20/KH-UBND",
    date="15/01/2027",
    title="Kế hoạch kiểm soát thủ tục hành chính năm 2027",
    issuer="Ủy ban nhân dân phường Hòa An",
)


def plan_data(path: Path) -> dict[str, object]:
    data = read_document(path, path.name).data
    assert isinstance(data, dict)
    return data


def all_tasks(data: dict[str, object]) -> list[dict[str, object]]:
    tasks = []
    for section in data["sections"]:  # type: ignore[attr-defined]
        tasks += section.get("tasks") or []
        for group in section.get("subsections") or []:
            tasks += group["tasks"]
    return tasks


def test_appendix_with_page_breaks_becomes_the_plan(project: Project) -> None:
    report = import_plan(project, PLANS / "phu-luc-2027.tsv", HEADING)
    target = project.content_dir / "plan" / "2027.yml"
    assert report.written == ["kế hoạch năm 2027 → content/plan/2027.yml [đã đăng]"]
    assert report.counts["tiêu đề lặp lại"] == 3
    assert report.counts["dòng nối tiếp"] == 2
    data = plan_data(target)
    sections = data["sections"]
    assert isinstance(sections, list)
    # Part headings (not the numbered paragraph before the table) are the sections.
    assert [(s["number"], s["title"]) for s in sections] == [
        ("1", "Công tác chỉ đạo, điều hành"),
        ("2", "Thực hiện cơ chế một cửa, một cửa liên thông"),
        ("3", "Truyền thông về thủ tục hành chính"),
    ]
    # Roman rows in any column, "II. …" not repeated, a bold row without number.
    groups = [(g.get("number"), g["title"]) for s in sections for g in s.get("subsections", [])]
    assert groups == [
        ("I", "Ban hành văn bản chỉ đạo, điều hành"),
        ("II", "Rà soát thủ tục hành chính"),
        ("I", "Tiếp nhận, giải quyết hồ sơ"),
        (None, "Đánh giá chất lượng giải quyết thủ tục hành chính"),
    ]
    tasks = all_tasks(data)
    assert len(tasks) == 8
    # A task cut by a page break is whole again, without the word written twice.
    review = tasks[2]
    assert review["content"] == (
        "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, chứng thực"
    )
    assert review["cooperating"] == "van-phong-hdnd"
    assert review["notes"] == "Gửi Văn phòng UBND tỉnh tổng hợp"
    assert tasks[4]["notes"] == (
        "- Ghi nhận trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"
    )
    # Several units in one cell; ids reused from the ward's other plans when the name matches.
    assert tasks[0]["cooperating"] == ["tthcc", "bo-phan-chuyen-mon"]
    assert tasks[7]["lead"] == ["chu-tich", "van-phong-hdnd"]
    units = data["units"]
    assert units["tthcc"] == "Trung tâm Phục vụ hành chính công phường"  # from 2026.yml
    assert units["van-phong-hdnd"] == "Văn phòng HĐND và UBND phường"
    assert units["co-quan-don-vi-to-chuc"] == "Các cơ quan, đơn vị, tổ chức có liên quan"
    assert report.notes == [
        'dòng 35: thời hạn "Tùy tình hình thực tế" không đọc được thành mốc thời gian (giữ '
        "nguyên chữ; trang không tính quá hạn cho nhiệm vụ này)",
        "bỏ 3 dòng tiêu đề lặp lại (bảng sang trang) và ghép 2 dòng nối tiếp vào nhiệm vụ ở trên",
        'dòng 16: chữ "UBND" lặp lại ở dòng nối tiếp sang trang, chỉ giữ một lần',
        "đơn vị viết khác nhau chỉ ở chữ hoa hoặc khoảng trắng, dùng chung một mã: "
        'bo-phan-chuyen-mon: hiển thị "các bộ phận chuyên môn"; bảng còn viết "Các bộ phận '
        'chuyên môn"',
    ]
    result = load_project(project)
    assert result.content is not None, "\n".join(map(str, result.problems))
    assert 2027 in {p.year or p.date.year for p in result.content.plans}


def test_without_the_plan_heading_it_is_a_draft(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, PLANS / "phu-luc-2027.tsv", PlanOptions())
    draft = project.content_dir / "drafts" / "plan" / "2027.yml"
    assert report.written == ["kế hoạch năm 2027 → content/drafts/plan/2027.yml [bản nháp]"]
    assert report.human == [
        "number: số kế hoạch, ví dụ 18/KH-UBND",
        "date: ngày ban hành kế hoạch",
        "title: tên kế hoạch",
        "issuer: cơ quan ban hành, ví dụ Ủy ban nhân dân phường …",
    ]
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/plan.schema.json\n")
    assert "\nyear: 2027\n" in text  # the year read from the deadlines ("Quý I/2027")
    assert load_project(project).content is not None


def test_semicolon_csv_with_other_headers_and_an_empty_lead(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    report = import_plan(
        project,
        PLANS / "phu-luc-thieu-chu-tri.csv",
        PlanOptions(
            year=2028,
            number="3/KH-UBND",
            date="10/01/2028",
            title="Kế hoạch năm 2028",
            issuer="Ủy ban nhân dân xã",
        ),
    )
    draft = project.content_dir / "drafts" / "plan" / "2028.yml"
    assert report.human == ["sections[1].tasks[2].lead: đơn vị chủ trì (ô trong bảng trống)"]
    data = plan_data(draft)
    assert [s["number"] for s in data["sections"]] == ["I", "II"]  # no parts: groups are sections
    tasks = all_tasks(data)
    assert tasks[1]["content"] == "Báo cáo tình hình, kết quả kiểm soát thủ tục hành chính"
    assert tasks[1]["lead"] is None
    assert tasks[1]["deadline"] == "Chậm nhất ngày 17 của tháng cuối quý"
    assert data["units"] == {
        "van-phong": "Văn phòng UBND xã",
        "mot-cua": "Bộ phận một cửa",
        "bo-phan-chuyen-mon": "Các bộ phận chuyên môn",
    }


def write_plan_workbook(path: Path) -> Path:
    """An appendix pasted into Excel: bold group rows, no STT column, a date typed as a date."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["PHỤ LỤC KẾ HOẠCH NĂM 2027"])
    sheet.merge_cells("A1:E1")
    sheet.append(
        [
            "Nội dung thực hiện",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian hoàn thành",
            "Kết quả thực hiện",
        ]
    )
    sheet.append(["Công tác rà soát thủ tục hành chính"])
    sheet["A3"].font = Font(bold=True)
    sheet.append(
        [
            "Rà soát thủ tục hành chính lĩnh vực chứng thực",
            "Công chức Tư pháp – Hộ tịch",
            "Văn phòng UBND phường",
            datetime(2027, 9, 15),
            "Báo cáo rà soát",
        ]
    )
    sheet.append(
        [
            "Đề xuất đơn giản hóa thủ tục hành chính",
            "Công chức Tư pháp – Hộ tịch",
            None,
            "Quý III/2027",
            "Văn bản đề xuất",
        ]
    )
    sheet.append(["Truyền thông"])
    sheet["A6"].font = Font(bold=True)
    sheet.append(
        [
            "Đăng tin trên trang thông tin điện tử",
            "Văn phòng UBND phường",
            None,
            "Hàng tháng",
            "Tin, bài",
        ]
    )
    workbook.save(path)
    return path


def test_xlsx_with_bold_group_rows_and_no_number_column(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    source = write_plan_workbook(tmp_path / "phu-luc.xlsx")
    report = import_plan(project, source, HEADING)
    data = plan_data(project.content_dir / "plan" / "2027.yml")
    assert [s["title"] for s in data["sections"]] == [
        "Công tác rà soát thủ tục hành chính",
        "Truyền thông",
    ]
    tasks = all_tasks(data)
    assert [t["deadline"] for t in tasks] == ["15/09/2027", "Quý III/2027", "Hàng tháng"]
    assert report.counts["nhiệm vụ"] == 3
    assert load_project(project).content is not None


def test_utf16_text_saved_by_excel(tmp_path: Path) -> None:
    source = tmp_path / "phu-luc.txt"
    source.write_bytes((PLANS / "phu-luc-2027.tsv").read_text(encoding="utf-8").encode("utf-16"))
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, HEADING)
    assert report.counts["nhiệm vụ"] == 8


def test_staff_progress_survives_a_corrected_appendix(project: Project, tmp_path: Path) -> None:
    import_plan(project, PLANS / "phu-luc-2027.tsv", HEADING)
    target = project.content_dir / "plan" / "2027.yml"
    # Staff record that the first task is done.
    text = target.read_text(encoding="utf-8").replace(
        "            output: Kế hoạch được ban hành\n",
        "            output: Kế hoạch được ban hành\n            status: hoàn thành\n"
        "            progress:\n              - date: 20/01/2027\n"
        "                note: Đã ban hành Kế hoạch số 20/KH-UBND.\n",
        1,
    )
    target.write_text(text, encoding="utf-8")
    edited = target.read_bytes()
    # The ward corrects a deadline in the appendix and imports it again.
    corrected = tmp_path / "phu-luc-sua.tsv"
    corrected.write_text(
        (PLANS / "phu-luc-2027.tsv")
        .read_text(encoding="utf-8")
        .replace("Tháng 01/2027", "Tháng 02/2027"),
        encoding="utf-8",
    )
    report = import_plan(project, corrected, HEADING)
    assert report.refused == [
        'content/plan/2027.yml: phần 1 › I, nhiệm vụ 1.deadline: "Tháng 01/2027" → "Tháng 02/2027"'
    ]
    assert target.read_bytes() == edited
    report = import_plan(project, corrected, HEADING, force=True)
    assert report.changes == [
        'content/plan/2027.yml: sửa phần 1 › I, nhiệm vụ 1.deadline: "Tháng 01/2027" → '
        '"Tháng 02/2027"'
    ]
    first = all_tasks(plan_data(target))[0]
    assert first["deadline"] == "Tháng 02/2027"
    assert first["status"] == "hoàn thành"
    assert first["progress"][0]["note"] == "Đã ban hành Kế hoạch số 20/KH-UBND."
    assert any(p.read_bytes() == edited for p in (project.root / ".congkhai").rglob("2027.yml"))
    # The same appendix once more: nothing to do.
    report = import_plan(project, corrected, HEADING)
    assert report.written == ["content/plan/2027.yml: không có gì mới, giữ nguyên"]
    assert load_project(project).content is not None


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        (
            "bang.tsv",
            "Tên\tTuổi\nAn\t3\n",
            PlanOptions(),
            "không tìm thấy dòng tiêu đề của bảng trong tệp bang.tsv; cần các cột như Nội dung, "
            "Cơ quan / Đơn vị chủ trì, Thời gian hoàn thành (tên cột có thể khác, miễn cùng nghĩa)",
        ),
        (
            "trong.tsv",
            "STT\tNội dung\tChủ trì\tThời hạn\nI\tCông tác chỉ đạo\t\t\n",
            PlanOptions(),
            "không tìm thấy nhiệm vụ nào trong bảng của tệp trong.tsv",
        ),
        (
            "khong-nam.tsv",
            "STT\tNội dung\tChủ trì\tThời hạn\n1\tBáo cáo\tVăn phòng\tHàng quý\n",
            PlanOptions(),
            "không xác định được năm của kế hoạch (các thời hạn trong bảng không ghi năm); hãy "
            "ghi --year, ví dụ --year 2026",
        ),
        (
            "phu-luc.docx",
            "PK",
            PlanOptions(),
            'không đọc được loại tệp ".docx"; hãy lưu bảng dạng .xlsx, .csv hoặc .tsv (chép bảng '
            "từ Word sang Excel rồi lưu)",
        ),
    ],
)
def test_tables_that_cannot_be_imported(
    tmp_path: Path, name: str, content: str, options: PlanOptions, message: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed) as error:
        import_plan(bare_project(tmp_path / "ward"), tmp_path / name, options)
    assert str(error.value) == message


# --- the seed plans -----------------------------------------------------------------------


def seed_project(root: Path) -> Project:
    """A ward with no plan at all, so unit ids come from the seed's own names."""
    root.mkdir()
    (root / "site_config.yml").write_text("ward: {}\n", encoding="utf-8")
    return Project(root)


def test_seed_plan_000_vinh_nguon_2023(tmp_path: Path) -> None:
    source = tmp_path / "000.tsv"
    source.write_bytes((SEEDS / "000_24dbe15774bf40a7.txt").read_bytes())
    project = seed_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    assert report.counts == {
        "phần": 7,
        "nhóm": 14,
        "nhiệm vụ": 59,
        "đơn vị": 16,
        "tiêu đề lặp lại": 24,
        "dòng nối tiếp": 12,
        "bản nháp": 1,
    }
    data = plan_data(project.content_dir / "drafts" / "plan" / "2023.yml")
    assert [s["number"] for s in data["sections"]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert data["year"] == "2023"
    # What needs a human besides the plan's heading: three tasks of part 7 have no deadline.
    assert report.human[4:] == [
        f"sections[7].tasks[{n}].deadline: thời gian hoàn thành (ô trong bảng trống)"
        for n in (4, 5, 6)
    ]
    tasks = all_tasks(data)
    ninth = tasks[8]  # cut by a page break, the converter wrote three words twice
    assert ninth["deadline"] == "Thường xuyên"
    assert ninth["output"] == "Văn bản phối hợp hoặc góp ý"
    assert data["units"][ninth["cooperating"]] == (
        "Các cơ quan, đơn vị, bộ phận chuyên môn, các nhóm"
    )
    assert sum("lặp lại ở dòng nối tiếp" in note for note in report.notes) == 3
    # One deadline column holds an output ("Tham dự tập huấn…"): flagged, kept as written.
    assert sum("không đọc được thành mốc thời gian" in note for note in report.notes) == 1


def test_seed_plan_003_nhat_tan_2024(tmp_path: Path) -> None:
    source = tmp_path / "003.tsv"
    source.write_bytes((SEEDS / "003_d36fc3a79691ffbb.txt").read_bytes())
    project = seed_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    assert report.counts == {
        "phần": 8,
        "nhóm": 0,
        "nhiệm vụ": 18,
        "đơn vị": 14,
        "tiêu đề lặp lại": 5,
        "dòng nối tiếp": 4,
        "bản nháp": 1,
    }
    data = plan_data(project.content_dir / "drafts" / "plan" / "2024.yml")
    assert [s["number"] for s in data["sections"]] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
    ]
    assert data["sections"][3]["title"] == (
        "Tổ chức thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."
    )
    assert report.human[4:] == ["sections[7].tasks[1].lead: đơn vị chủ trì (ô trong bảng trống)"]
    assert "dòng 90: nhiệm vụ không có số thứ tự ngay dưới tên nhóm" in report.notes
    assert any("Theo dõi: Bộ phận Một cửa" in note for note in report.notes)
    # Spellings that differ in more than case stay apart, as the plan wrote them, and are asked.
    assert data["units"]["van-phong-3"] == "Văn phòng"
    assert data["units"]["van-phong"] == "Văn phòng UBND xã"
    assert any(
        '"Văn phòng UBND" (van-phong-2) và "Văn phòng" (van-phong-3)' in n for n in report.notes
    )
    assert any(
        '"Công chức Tài chính kế toán" (tai-chinh-ke-toan) và "Tài chính-Kế toán"' in n
        for n in report.notes
    )


# The real seed plans add to the fixtures of tests/cases/import/plans/ (which always run): a
# clone without ../shared/ runs the fixtures only, and no test is skipped.
if not SEEDS.is_dir():
    del test_seed_plan_000_vinh_nguon_2023, test_seed_plan_003_nhat_tan_2024


def test_a_published_plan_is_never_made_invalid(project: Project, tmp_path: Path) -> None:
    import_plan(project, PLANS / "phu-luc-2027.tsv", HEADING)
    target = project.content_dir / "plan" / "2027.yml"
    published = target.read_bytes()
    extra = tmp_path / "bo-sung.tsv"
    extra.write_text(
        "### 4. Nội dung bổ sung\n"
        "STT\tNội dung công việc\tBộ phận chủ trì\tThời gian thực hiện\tDự kiến kết quả\n"
        "1\tTổng kết công tác năm 2027\t\tTháng 12/2027\tBáo cáo tổng kết\n",
        encoding="utf-8",
    )
    report = import_plan(project, extra, PlanOptions(year=2027))
    assert target.read_bytes() == published
    assert report.written == ["kế hoạch năm 2027 → content/drafts/plan/2027.yml [bản nháp]"]
    assert report.notes[-1] == (
        "content/plan/2027.yml giữ nguyên vì bản gộp chưa đủ để đăng; bản gộp ghi ở "
        "content/drafts/plan/2027.yml"
    )
    assert report.human == ["sections[4].tasks[1].lead: đơn vị chủ trì (ô trong bảng trống)"]
    assert load_project(project).content is not None
