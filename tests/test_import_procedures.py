"""Import of the national portal's Excel list of procedures (``danh-sach-tthc-*.xlsx``).

The fixture workbook is made here with openpyxl, shaped like the portal's export: a merged title
block, then ``Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực``, cells with line
breaks, trailing spaces and empty values.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.importers.portal_list import import_procedure_list
from generator.importers.report import ImportFailed
from generator.importers.writer import BLANK_MARK
from generator.load import read_document
from generator.project import Project, load_project

TITLE = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
    "------------------------------\n\nDANH SÁCH THỦ TỤC HÀNH CHÍNH\n\n\n"
)
HEADER = ["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]

ROWS: list[list[object]] = [
    [
        "3.000323",
        "Đăng ký giám sát việc giám hộ ",
        "Bộ Tư pháp",
        "Ủy ban nhân dân cấp xã",
        "Hộ tịch",
    ],
    [
        "2.002363",
        "Ghi vào Sổ đăng ký nuôi con nuôi việc nuôi con nuôi đã được giải quyết tại cơ quan có "
        "thẩm quyền của nước ngoài",
        "Bộ Tư pháp",
        "Ủy ban nhân dân cấp xã\nỦy ban nhân dân cấp xã",
        "Nuôi con nuôi",
    ],
    [
        "2.000424",
        "Thực hiện hỗ trợ khi hòa giải viên gặp tai nạn",
        "Bộ Tư pháp",
        "UBND cấp xã",
        "Phổ biến giáo dục pháp luật",
    ],
    ["1.004837", "Thủ tục đăng ký giám hộ", "Bộ Tư pháp", "Chủ tịch UBND cấp xã\n", "Hộ tịch"],
    ["2.001035", "Chứng thực giao dịch", "Bộ Tư pháp", "uy ban nhan dan cap xa", "Chứng thực"],
    [
        "1.000094",
        "Đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới",
        "Bộ Tư pháp",
        "ỦY BAN NHÂN DÂN CẤP XÃ",
        "Hộ tịch",
    ],
    [
        1.00119,
        "Thủ tục có mã bị Excel đổi thành số",
        "Bộ Tư pháp",
        "Ủy ban Nhân dân\xa0xã,\xa0phường,\xa0thị trấn.",
        "",
    ],
    [
        "1.002099",
        "Đăng ký hoạt động của chi nhánh tổ chức hành nghề luật sư",
        "Bộ Tư pháp",
        "Sở Tư Pháp",
        "Luật sư",
    ],
    [
        "1.014966",
        "Cấp lại chứng chỉ hành nghề Quản tài viên",
        "Bộ Tư pháp",
        "Chủ tịch ủy ban nhân dân cấp tỉnh\nSở Tư Pháp",
        "Quản tài viên",
    ],
    [
        "2.002165",
        "Giải quyết yêu cầu bồi thường tại cơ quan quản lý người thi hành công vụ",
        "Bộ Tư pháp",
        "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại ở cấp xã",
        "Bồi thường nhà nước",
    ],
    [
        "2.000555",
        "Cấp lại Giấy đăng ký hoạt động của Văn phòng giám định tư pháp",
        "Bộ Tư pháp",
        "",
        "Giám định tư pháp",
    ],
    HEADER,
    ["1.0049", "Mã sai dạng", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"],
    [None, "Dòng không có mã", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"],
    [
        "3.000323",
        "Đăng ký giám sát việc giám hộ",
        "Bộ Tư pháp",
        "Ủy ban nhân dân cấp xã",
        "Hộ tịch",
    ],
    [None, None, None, None, None],
]
COMMUNE = ["3.000323", "2.002363", "2.000424", "1.004837", "2.001035", "1.000094", "1.001190"]


def write_portal_list(path: Path, rows: list[list[object]] = ROWS) -> Path:
    """A workbook shaped like the portal's export (title block, header, data rows)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách TTHC"
    sheet.append([TITLE])
    sheet.merge_cells("A1:E1")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def bare_project(root: Path) -> Project:
    """A ward with a site_config.yml and a plan, and no procedure yet."""
    repo = Path(__file__).resolve().parent.parent
    (root / "content").mkdir(parents=True)
    (root / "site_config.yml").write_bytes((repo / "site_config.yml").read_bytes())
    (root / "content" / "plan").mkdir()
    plan = repo / "content" / "plan" / "2026.yml"
    (root / "content" / "plan" / "2026.yml").write_bytes(plan.read_bytes())
    return Project(root)


def drafts(project: Project) -> dict[str, dict[str, object]]:
    """The data of every draft procedure, by code."""
    found = {}
    for path in sorted((project.content_dir / "drafts" / "procedures").glob("*.yml")):
        data = read_document(path, path.name).data
        found[data["code"]] = data | {"_file": path}
    return found


def test_commune_rows_become_drafts_and_nothing_is_published(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    source = write_portal_list(tmp_path / "danh-sach-tthc-BoTuPhap.xlsx")
    report = import_procedure_list(project, source)
    found = drafts(project)
    assert sorted(found) == sorted(COMMUNE)
    assert not (project.content_dir / "procedures").exists()
    assert report.counts["bản nháp"] == 7
    assert report.counts["dòng"] == 14  # neither the empty row nor the repeated header
    # Every kind of skipped row, with its reason and row numbers.
    skipped = dict(report.skipped)
    assert skipped["không thực hiện ở cấp xã"] == ["10", "11"]
    assert skipped[
        "có nhắc cấp xã nhưng không phải Ủy ban nhân dân cấp xã (xem lại; nhập với --all)"
    ] == ["12 (2.002165)"]
    assert skipped["không ghi cơ quan thực hiện (nhập với --all nếu cần)"] == ["13"]
    assert skipped["dòng tiêu đề lặp lại"] == ["14"]
    assert skipped["mã số không đúng dạng 1.001193"] == ["15"]
    assert skipped["không có mã số"] == ["16"]
    assert skipped["mã trùng với một dòng trước"] == ["17 (3.000323)"]
    # The drafts are not content: the ward still checks.
    assert load_project(project).content is not None


def test_a_draft_holds_what_the_list_says_and_marks_the_rest(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    import_procedure_list(project, write_portal_list(tmp_path / "ds.xlsx"))
    found = drafts(project)
    guardianship = found["3.000323"]
    assert guardianship["name"] == "Đăng ký giám sát việc giám hộ"  # trailing space gone
    assert guardianship["field"] == "Hộ tịch"
    assert guardianship["level"] is None  # the list has no level column: never invented
    assert guardianship["agencies"]["implementing"] == "Ủy ban nhân dân cấp xã"
    assert guardianship["agencies"]["competent"] is None
    for blank_field in ("decision", "subjects", "steps", "channels", "dossier", "legal_basis"):
        assert guardianship[blank_field] is None
    # A line break listing the same body twice is one body.
    assert found["2.002363"]["agencies"]["implementing"] == "Ủy ban nhân dân cấp xã"
    # Excel turned 1.001190 into the number 1.00119: the code keeps its six decimals.
    number = found["1.001190"]
    assert number["agencies"]["implementing"] == "Ủy ban Nhân dân xã, phường, thị trấn"
    assert number["field"] is None  # empty in the list: left for a human
    text = Path(str(guardianship["_file"])).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../schema/procedure.schema.json"
    assert (
        "# BẢN NHÁP — chưa đăng lên trang (congkhai chỉ đọc thư mục content/procedures/)." in text
    )
    assert "# Nguồn: ds.xlsx, dòng 3 (cơ quan ban hành: Bộ Tư pháp)." in text
    assert f"decision:  # {BLANK_MARK}: quyết định công bố thủ tục" in text
    assert "#   - agencies.competent: cơ quan có thẩm quyền quyết định" in text
    assert 'code: "3.000323"' in text
    assert (
        "# Điền đủ rồi thì chuyển tệp này sang content/procedures/ và chạy: congkhai check" in text
    )


def test_moving_an_unfilled_draft_into_procedures_fails_the_check(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    import_procedure_list(project, write_portal_list(tmp_path / "ds.xlsx"))
    draft = drafts(project)["3.000323"]["_file"]
    assert isinstance(draft, Path)
    (project.content_dir / "procedures").mkdir()
    draft.rename(project.content_dir / "procedures" / draft.name)
    result = load_project(project)
    assert result.content is None
    messages = {p.field: p.message for p in result.errors}
    assert messages["decision"] == "không được để trống"
    assert messages["agencies.competent"] == "không được để trống"


def test_all_imports_every_row_without_claiming_the_commune_level(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    report = import_procedure_list(project, write_portal_list(tmp_path / "ds.xlsx"), all_rows=True)
    found = drafts(project)
    assert len(found) == 11
    assert found["1.002099"]["level"] is None  # Sở Tư pháp: the level is for a human to say
    assert found["3.000323"]["level"] is None
    assert "không thực hiện ở cấp xã" not in report.skipped


def test_importing_again_changes_nothing(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    source = write_portal_list(tmp_path / "ds.xlsx")
    import_procedure_list(project, source)
    before = {p: p.read_bytes() for p in (project.content_dir / "drafts").rglob("*.yml")}
    report = import_procedure_list(project, source)
    assert report.counts == {"dòng": 14, "không đổi": 7}
    assert before == {p: p.read_bytes() for p in (project.content_dir / "drafts").rglob("*.yml")}


def test_a_published_procedure_is_never_changed_without_force(
    project: Project, tmp_path: Path
) -> None:
    """The sample ward publishes 1.001193; the list calls it something else."""
    published = project.content_dir / "procedures" / "dang-ky-khai-sinh.yml"
    original = published.read_bytes()
    rows = [
        [
            "1.001193",
            "Thủ tục đăng ký khai sinh (tên mới)",
            "Bộ Tư pháp",
            "Ủy ban nhân dân cấp xã",
            "Hộ tịch",
        ]
    ]
    source = write_portal_list(tmp_path / "ds.xlsx", rows)
    report = import_procedure_list(project, source)
    assert not report.ok
    assert report.refused == [
        '1.001193 (content/procedures/dang-ky-khai-sinh.yml): name: "Thủ tục đăng ký khai sinh" '
        '→ "Thủ tục đăng ký khai sinh (tên mới)"'
    ]
    assert published.read_bytes() == original
    # With --force the name changes, everything the staff wrote stays, and a backup is kept.
    report = import_procedure_list(project, source, force=True)
    assert report.ok
    assert report.changes == [
        '1.001193 content/procedures/dang-ky-khai-sinh.yml: sửa name: "Thủ tục đăng ký khai '
        'sinh" → "Thủ tục đăng ký khai sinh (tên mới)"'
    ]
    data = read_document(published, "x").data
    assert data["name"] == "Thủ tục đăng ký khai sinh (tên mới)"
    assert data["decision"]["number"] == "1542/QĐ-UBND"
    assert data["agencies"]["implementing"].startswith("Công chức tư pháp")
    backups = list((project.root / ".congkhai" / "sao-luu").rglob("dang-ky-khai-sinh.yml"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert load_project(project).content is not None


def test_progress_every_100_rows(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    rows: list[list[object]] = [
        [f"1.{n:06d}", f"Thủ tục số {n}", "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"]
        for n in range(1, 251)
    ]
    said: list[str] = []
    report = import_procedure_list(
        project, write_portal_list(tmp_path / "l.xlsx", rows), say=said.append
    )
    assert said == ["Đã đọc 100 dòng…", "Đã đọc 200 dòng…"]
    assert len(report.skipped["không thực hiện ở cấp xã"]) == 250


def test_a_file_without_the_header_row_is_refused_in_vietnamese(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Mã", "Tên thủ tục", "Ghi chú"])
    workbook.save(tmp_path / "khac.xlsx")
    with pytest.raises(ImportFailed) as error:
        import_procedure_list(bare_project(tmp_path / "w"), tmp_path / "khac.xlsx")
    assert str(error.value) == (
        "không tìm thấy dòng tiêu đề của danh sách trong 30 dòng đầu tệp khac.xlsx; cần các cột "
        "Mã số, Tên, Cơ quan thực hiện, Lĩnh vực (như tệp tải từ Cổng Dịch vụ công quốc gia)"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "hong.xlsx",
            b"day khong phai bang tinh",
            "không mở được tệp hong.xlsx như một bảng tính Excel (.xlsx); hãy mở bằng Excel và "
            "lưu lại dạng .xlsx",
        ),
        (
            "cu.xls",
            b"\xd0\xcf\x11\xe0",
            "tệp cu.xls là bảng tính Excel 97–2003 (.xls), chưa đọc được; hãy mở bằng Excel và "
            "lưu lại dạng .xlsx (Lưu thành → Sổ làm việc Excel)",
        ),
        (
            "ds.pdf",
            b"%PDF",
            'không đọc được loại tệp ".pdf"; hãy lưu bảng dạng .xlsx, .csv hoặc .tsv (chép bảng '
            "từ Word sang Excel rồi lưu)",
        ),
    ],
)
def test_files_that_are_not_spreadsheets(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportFailed) as error:
        import_procedure_list(bare_project(tmp_path / "w"), tmp_path / name)
    assert str(error.value) == message
