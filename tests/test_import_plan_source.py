"""The plan importer keeps the source's words, numbers and structure (issue 20).

Fixtures in ``tests/cases/import/plans/``: ``so-hieu-2027.tsv`` (a commune's appendix numbered
I, II; 1, 2; 1.1; a), b), with the deadline phrases the issue names) goes through import → check
→ build and every cell and number is compared with the page; ``ocr-2024.tsv`` has what OCR does
to a table (a header nobody can read, a garbled repeated header, "I1."/"II1"/"L"/"VI11"
numbering, a KPI table between two task tables, the signature after the table).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.importers.plan import PlanOptions, import_plan, read_plan_table
from generator.importers.plan.headers import read_header
from generator.importers.report import ImportFailed, Report
from generator.importers.tables import Row
from generator.load import read_document
from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import serve_folder
from .test_import_procedures import bare_project

PLANS = Path(__file__).parent / "cases" / "import" / "plans"
HEADING = PlanOptions(
    number="5/KH-UBND",
    date="10/01/2027",
    title="Kế hoạch kiểm soát thủ tục hành chính năm 2027",
    issuer="Ủy ban nhân dân xã Tân Hòa",
)


def _data(path: Path) -> dict[str, object]:
    data = read_document(path, path.name).data
    assert isinstance(data, dict)
    return data


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))


def _text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def _own_text(cell: Tag) -> str:
    """A cell's text without its notes (Ghi chú, Hạn chót…)."""
    copy = BeautifulSoup(str(cell), "html.parser")
    for note in copy.select(".ck-note, ul"):
        note.decompose()
    return " ".join(copy.get_text(" ").split())


# --- round trip -------------------------------------------------------------------------------


def test_every_cell_and_number_reaches_the_page_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1810512000")  # 15/05/2027
    project = bare_project(tmp_path / "ward")
    source = PLANS / "so-hieu-2027.tsv"
    report = import_plan(project, source, HEADING)
    assert report.written == ["kế hoạch năm 2027 → content/plan/2027.yml [đã đăng]"]
    result = load_project(project, strict=True)
    assert result.content is not None, "\n".join(map(str, result.problems))
    site = build_site(project, result.content, tmp_path / "site").site_dir
    page = BeautifulSoup(
        (site / "ke-hoach/2027/index.html").read_text(encoding="utf-8"), "html.parser"
    )

    section = group = ""
    compared = 0
    for row in _rows(source):
        if len(row) < 7 or row[0] == "STT":
            continue
        number, content, lead, cooperating, deadline, output, notes = row
        if number in ("I", "II", "III"):
            section, group = number, ""
            heading = page.find(id=section)
            assert heading is not None and heading.parent is not None
            assert _text(heading.parent) == f"{number}. {content}"
            continue
        if not lead:  # a numbered title: the group of the tasks numbered under it
            group = number
            assert _text(page.find(id=f"{section}.{number}")) == f"{number}. {content}"
            continue
        own = number.rstrip(")")
        anchor = f"{section}.{own}" if own.startswith(group + ".") or not group else ""
        task = page.find("tr", id=anchor or f"{section}.{group}.{own}")
        assert isinstance(task, Tag), f"no row #{anchor} for {number}"
        cells = task.find_all("td")
        assert _text(cells[0]) == number
        assert _own_text(cells[1]) == content
        if notes:
            assert _text(cells[1].select_one(".ck-note")) == f"Ghi chú: {notes}"
        units = cells[2].find_all("div")
        assert _text(units[0]) == f"Chủ trì: {lead}"
        if cooperating:
            assert _text(units[1]) == f"Phối hợp: {cooperating}"
        assert _own_text(cells[3]) == deadline
        assert _text(cells[4]) == output
        compared += 1
    assert compared == 7

    # A signed plan's citation finds its task: #II.1.2, #III.b, #I.2.
    for anchor, content in (
        ("II.1.2", "Đề xuất phương án đơn giản hóa"),
        ("III.b", "Tuyên truyền về dịch vụ công trực tuyến trên loa truyền thanh"),
        ("I.2", "Báo cáo kết quả kiểm soát thủ tục hành chính"),
    ):
        row = page.find("tr", id=anchor)
        assert isinstance(row, Tag)
        assert content in _text(row)
    # The cited plan's date is not the deadline: the quarterly report is not overdue.
    quarterly = page.find("tr", id="I.2")
    assert isinstance(quarterly, Tag) and "Quá hạn" not in _text(quarterly)

    # The quarterly report names tasks by their citation and links to them.
    quarter = BeautifulSoup(
        (site / "ke-hoach/2027/quy-1/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = {_text(a): a["href"] for a in quarter.select("td[data-label=STT] a")}
    assert links["II.1.2"] == "../index.html#II.1.2"  # "Quý I/2027"
    # "Ngày 20 hàng tháng" keeps its day: due on 20/05/2027, five days after the build.
    monthly = page.find("tr", id="III.a")
    assert isinstance(monthly, Tag)
    assert "Kỳ tới: 20/05/2027" in _text(monthly) and "Sắp đến hạn" in _text(monthly)


# --- words as written -------------------------------------------------------------------------


def test_unit_names_come_from_the_table_never_from_other_plans(project: Project) -> None:
    # The sample ward's plans name "Công chức Tư pháp – Hộ tịch phường", "Văn phòng HĐND và
    # UBND phường (…)", "Đài Truyền thanh phường": this commune's table writes its own.
    import_plan(project, PLANS / "so-hieu-2027.tsv", HEADING)
    units = _data(project.content_dir / "plan" / "2027.yml")["units"]
    assert isinstance(units, dict)
    assert units["tu-phap"] == "Công chức Tư pháp – Hộ tịch xã"  # the ward's id, the table's name
    assert sorted(units.values()) == [
        "Bộ phận Một cửa",
        "Công chức Tư pháp – Hộ tịch xã",
        "Văn phòng",
        "Văn phòng UBND xã",
        "Văn phòng; Bộ phận Một cửa",
        "Đài truyền thanh xã",
    ]


def test_case_and_spacing_variants_share_a_unit_and_are_listed(tmp_path: Path) -> None:
    source = tmp_path / "bien-the.tsv"
    source.write_text(
        "STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn\n"
        "1\tNiêm yết thủ tục\tđài truyền thanh xã\tVăn phòng\tQuý I/2027\n"
        "2\tĐăng tin\tĐài  Truyền thanh xã\tVăn phòng UBND xã\tQuý II/2027\n",
        encoding="utf-8",
    )
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    data = _data(project.content_dir / "drafts" / "plan" / "2027.yml")
    assert data["units"] == {
        "dai-truyen-thanh": "đài truyền thanh xã",
        "van-phong": "Văn phòng",
        "van-phong-2": "Văn phòng UBND xã",
    }
    assert (
        "đơn vị viết khác nhau chỉ ở chữ hoa hoặc khoảng trắng, dùng chung một mã: "
        'dai-truyen-thanh: hiển thị "đài truyền thanh xã"; bảng còn viết "Đài Truyền thanh xã"'
    ) in report.notes
    assert (
        'đơn vị: "Văn phòng" (van-phong) và "Văn phòng UBND xã" (van-phong-2): bảng viết khác '
        "nhau nên giữ là hai đơn vị — một đơn vị hay hai?"
    ) in report.notes


# --- messy tables -----------------------------------------------------------------------------


def test_ocr_table_every_row_is_a_task_section_kpi_or_a_reported_skip(tmp_path: Path) -> None:
    source = PLANS / "ocr-2024.tsv"
    parsed = read_plan_table(source, Report("x"))
    filled = [n for n, row in enumerate(_rows(source), start=1) if any(c.strip() for c in row)]
    assert sorted(parsed.rows) == filled
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    data = _data(project.content_dir / "drafts" / "plan" / "2024.yml")
    sections = data["sections"]
    assert isinstance(sections, list)
    # The OCR's "I1.", "II1", "VI11." are the groups II, III, VIII; "L" is task 1 of IV.
    assert [s["number"] for s in sections] == ["I", "II", "III", "IV", "VIII"]
    numbers = [
        [t["number"] for t in s.get("tasks", [])]
        + [t["number"] for g in s.get("subsections", []) for t in g["tasks"]]
        for s in sections
    ]
    # Tasks 1–2 sat under a header nobody could read: read by the next header, not lost.
    assert numbers == [["1", "2", "3"], ["1", "2"], ["1.1", "1.2"], ["1", "2"], ["1"]]
    assert sections[2]["subsections"][0]["title"] == "Thuc hien co che mot cua"
    # The garbled header at the page break is a header, and the row after it continues task 1.
    assert sections[1]["tasks"][0]["content"] == (
        "Cap nhat, cong khai cac Quyet dinh cong bo TTHC tren Cong thong tin dien tu"
    )
    # The KPI table becomes KPIs, not tasks; its group row and a target in words are reported.
    assert data["kpis"] == [
        {
            "name": "Ty le ho so truc tuyen tren tong so ho so",
            "unit": "%",
            "target": "50",
            "comparison": "tối thiểu",
            "lead": "1-cua",
            "note": "Phối hợp: Cac nganh va 5 Khom; Chủ trì đánh giá: Phu trach KSTTHC",
        },
        {
            "name": "Ty le so hoa ho so, ket qua giai quyet TTHC",
            "unit": "%",
            "target": "80",
            "comparison": "tối thiểu",
            "lead": "1-cua",
            "note": "Phối hợp: Cac nganh va 5 Khom; Chủ trì đánh giá: Phu trach KSTTHC",
        },
        {
            "name": "Ty le xu ly van ban, ho so cong viec tren moi truong mang",
            "unit": "%",
            "target": "80",
            "lead": "1-cua",
        },
    ]
    lines = report.lines()
    for expected in (
        "  - lời văn trước bảng (không phải nhiệm vụ): 3 (dòng 1–3)",
        "  - dòng trước tiêu đề bảng, không có số thứ tự: 1 (dòng 5)",
        "  - tên phần trước bảng chỉ tiêu — xem mục Chỉ tiêu: 1 (dòng 24 (V. Giao chi tieu ve "
        "cai cach TTHC gan voi c))",
        "  - nhóm chỉ tiêu (dòng tên nhóm, không phải chỉ tiêu): 1 (dòng 26)",
        "  - chỉ tiêu không có mục tiêu là một con số (giữ ở bảng gốc, không nhập): 1 (dòng 31)",
        "  - không phải nhiệm vụ (dòng chữ ngoài bảng): 2 (dòng 37–38)",
        "  - dòng 6–8: nằm trước dòng tiêu đề nhận ra được (dòng 9); đọc theo tiêu đề đó — hãy "
        "đối chiếu các cột",
        '  - dòng 11: số thứ tự "I1." đọc là nhóm "II" (chữ nhận dạng sai) — hãy đối chiếu với '
        "bản gốc",
        '  - dòng 21: số thứ tự "L" đọc là nhiệm vụ "1" (chữ nhận dạng sai) — hãy đối chiếu với '
        "bản gốc",
        '  - dòng 33: số thứ tự "VI11" đọc là nhóm "VIII" (chữ nhận dạng sai) — hãy đối chiếu '
        "với bản gốc",
    ):
        assert expected in lines
    assert report.counts["tiêu đề lặp lại"] == 1
    # Every deadline of the OCR'd table is read (cited dates, "Chậm nhất trong Quý II…").
    assert not any("không đọc được thành mốc thời gian" in note for note in report.notes)


def test_a_second_task_table_with_its_columns_moved_is_read_by_its_own_header(
    tmp_path: Path,
) -> None:
    source = tmp_path / "hai-bang.tsv"
    source.write_text(
        "STT\tNội dung\tChủ trì\tThời hạn\tKết quả\n"
        "1\tNiêm yết thủ tục\tVăn phòng\tQuý I/2027\tBảng niêm yết\n"
        "\n"
        "STT\tNội dung công việc\tThời gian thực hiện\tĐơn vị chủ trì\tDự kiến kết quả\n"
        "2\tĐăng tin\tQuý II/2027\tĐài truyền thanh\tTin bài\n",
        encoding="utf-8",
    )
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    tasks = _data(project.content_dir / "drafts" / "plan" / "2027.yml")["sections"][0]["tasks"]  # type: ignore[index]
    assert [(t["deadline"], t["lead"]) for t in tasks] == [
        ("Quý I/2027", "van-phong"),
        ("Quý II/2027", "dai-truyen-thanh"),
    ]
    assert any("dòng 4: bắt đầu bảng nhiệm vụ có tiêu đề khác" in n for n in report.notes)


def test_a_missing_year_names_the_unrecognised_time_column(tmp_path: Path) -> None:
    source = tmp_path / "khong-cot-thoi-gian.tsv"
    source.write_text(
        "STT\tNội dung\tChủ trì\tPhối hợp\tMốc\n1\tBáo cáo\tVăn phòng\tMột cửa\tQuý I/2027\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as error:
        import_plan(bare_project(tmp_path / "ward"), source, PlanOptions())
    assert str(error.value) == (
        "không xác định được năm của kế hoạch vì không nhận ra cột thời gian hoàn thành trong "
        "tiêu đề bảng (dòng 1, nhận ra: STT, Nội dung, Cơ quan / Đơn vị chủ trì, Phối hợp); hãy "
        'sửa tên cột, ví dụ "Thời gian hoàn thành", hoặc ghi --year, ví dụ --year 2026'
    )


# --- citations in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The round-trip plan built once, and served over http."""
    root = tmp_path_factory.mktemp("cited")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1810512000")  # 15/05/2027
        project = bare_project(root / "ward")
        import_plan(project, PLANS / "so-hieu-2027.tsv", HEADING)
        result = load_project(project)
        assert result.content is not None
        site = build_site(project, result.content, root / "site").site_dir
    server = serve_folder(site)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("width", [390, 1080])
def test_a_citation_opens_on_its_task_below_the_header(
    browser: Any, cited_site: tuple[Path, str], output_dir: Path, scheme: str, width: int
) -> None:
    site, url = cited_site
    base = url if scheme == "http" else site.as_uri() + "/"
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 500 else 1920})
    try:
        # From the quarterly report, the citation link opens the plan on that task.
        page.goto(base + "ke-hoach/2027/quy-1/index.html")
        page.get_by_role("link", name="II.1.2", exact=True).first.click()
        page.wait_for_url("**/ke-hoach/2027/**#II.1.2")
        target = page.locator(":target")
        assert target.get_attribute("id") == "II.1.2"
        page.wait_for_function(
            "() => { const r = document.getElementById('II.1.2').getBoundingClientRect();"
            " const h = document.querySelector('.md-header').getBoundingClientRect();"
            " return r.top >= h.bottom - 1 && r.top < innerHeight; }"
        )
        assert "Đề xuất phương án đơn giản hóa" in target.inner_text()
        page.screenshot(path=str(output_dir / f"trich-dan-{scheme}-{width}.png"))
    finally:
        page.close()


def test_a_signature_under_a_spreadsheet_table_is_reported_not_a_task(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["STT", "Nội dung", "Chủ trì", "Thời hạn", "Kết quả"])
    sheet.append([1, "Niêm yết thủ tục", "Văn phòng", "Quý I/2027", "Bảng niêm yết"])
    sheet.append([1.1, "Niêm yết thủ tục mới", "Văn phòng", "Quý II/2027", "Bảng niêm yết"])
    sheet.append(["CHỦ TỊCH", None, None, None, None])
    workbook.save(tmp_path / "phu-luc.xlsx")
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, tmp_path / "phu-luc.xlsx", PlanOptions())
    assert dict(report.skipped) == {"không phải nhiệm vụ (dòng chữ ngoài bảng)": ["4"]}
    tasks = _data(project.content_dir / "drafts" / "plan" / "2027.yml")["sections"][0]["tasks"]  # type: ignore[index]
    assert [t["number"] for t in tasks] == ["1", "1.1"]


def test_reimporting_a_kpi_table_keeps_the_recorded_values(tmp_path: Path) -> None:
    source = PLANS / "ocr-2024.tsv"
    project = bare_project(tmp_path / "ward")
    options = PlanOptions(number="89/KH-UBND", date="05/03/2024", title="Kế hoạch", issuer="UBND")
    import_plan(project, source, options)
    target = project.content_dir / "plan" / "2024.yml"
    text = target.read_text(encoding="utf-8")
    text = text.replace(
        "    target: 50\n", "    target: 50\n    actual: 62\n    as_of: 30/06/2024\n"
    )
    target.write_text(text, encoding="utf-8")
    report = import_plan(project, source, options)
    assert report.written == ["content/plan/2024.yml: không có gì mới, giữ nguyên"]
    kpis = _data(target)["kpis"]
    assert isinstance(kpis, list) and kpis[0]["actual"] == "62"


def test_a_task_whose_cells_use_header_words_stays_a_task(tmp_path: Path) -> None:
    source = tmp_path / "chu-tieu-de.tsv"
    source.write_text(
        "STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn\tKết quả\n"
        "1\tRà soát nội dung công việc\tBộ phận chủ trì\tĐơn vị phối hợp\tThời gian 2027"
        "\tKết quả rà soát\n",
        encoding="utf-8",
    )
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    assert report.counts["nhiệm vụ"] == 1 and report.counts["tiêu đề lặp lại"] == 0


@pytest.mark.parametrize(
    ("cells", "kind", "roles"),
    [
        (
            [
                "Stt",
                "Noi dung",
                "Co quan chiitri",
                "Co quan phéihop",
                "Theot gian hoanthanh",
                "Két qua thurc hién",
                "Ghi chd",
            ],
            "task",
            ["number", "content", "lead", "cooperating", "deadline", "output", "notes"],
        ),
        (
            [
                "STT",
                "Chi tiéu",
                "Don vi",
                "Chi tiéu nam 2024",
                "Co quan chu tri thwe hién",
                "Co quan phoi hop",
                "Co quan chu tri danh gia",
            ],
            "kpi",
            ["number", "name", "unit", "target", "lead", "cooperating", "evaluator"],
        ),
        (
            ["Stt", "Noi dung", "chiitri", "phéihop", "hoanthanh", "thuchign", "CMicht"],
            "task",
            ["number", "content", "lead", "cooperating", "deadline"],
        ),
    ],
)
def test_ocr_garbled_headers_are_recognised(cells: list[str], kind: str, roles: list[str]) -> None:
    header = read_header(Row(1, tuple(cells), (False,) * len(cells)))
    assert header is not None
    assert (header.kind, list(header.roles)) == (kind, roles)
    assert list(header.roles.values()) == list(range(len(roles)))


def test_another_table_is_reported_row_by_row_not_imported(tmp_path: Path) -> None:
    source = tmp_path / "kinh-phi.tsv"
    source.write_text(
        "STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn\n"
        "1\tNiêm yết thủ tục\tVăn phòng\tMột cửa\tQuý I/2027\n"
        "\n"
        "STT\tKhoản chi\tKinh phí\tNguồn\n"
        "1\tIn ấn tài liệu\t5.000.000\tNgân sách xã\n"
        "2\tTập huấn\t10.000.000\tNgân sách xã\n"
        "\n"
        "II. Truyền thông\n"
        "STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn\n"
        "1\tĐăng tin\tĐài truyền thanh\t\tQuý II/2027\n",
        encoding="utf-8",
    )
    project = bare_project(tmp_path / "ward")
    report = import_plan(project, source, PlanOptions())
    assert report.counts["nhiệm vụ"] == 2
    assert dict(report.skipped) == {"thuộc bảng khác (tiêu đề ở dòng 4), không nhập": ["5–6"]}
    assert (
        'dòng 4: bắt đầu một bảng khác ("STT | Khoản chi | Kinh phí | Nguồn"), không phải bảng '
        "nhiệm vụ hay chỉ tiêu; các dòng của nó không được nhập (xem mục Bỏ qua)"
    ) in report.notes


def test_new_task_takes_the_plans_number(project: Project) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(
        cli,
        [
            *("-C", str(project.root), "new", "task", "--section", "2"),
            *("--content", "Niêm yết bổ sung", "--lead", "van-phong"),
            *("--deadline", "Quý IV/2026", "--number", "1.2"),
        ],
    )
    assert result.exit_code == 0, result.output
    loaded = load_project(project)
    assert loaded.content is not None
    tasks = [t for s in loaded.content.plan.sections for t in s.tasks]
    tasks += [t for s in loaded.content.plan.sections for g in s.subsections for t in g.tasks]
    assert [t.number for t in tasks if t.content == "Niêm yết bổ sung"] == ["1.2"]
