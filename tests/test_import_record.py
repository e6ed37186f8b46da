"""Import of a procedure detail record as a crawler saves it from the national portal (JSON).

Fixtures in ``tests/cases/import/records/`` reproduce each mess of real records: tables flattened
into one string, "Không có thông tin" for empty, interface text in the result, no-break spaces,
a zero-width mark inside a word, numbers glued to titles.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.importers.portal import (
    Issues,
    import_records,
    parse_channels,
    parse_dossier,
    parse_legal_basis,
    parse_result,
    parse_steps,
    recover,
)
from generator.importers.portal_list import import_procedure_list
from generator.importers.report import ImportFailed
from generator.importers.writer import Note, plain
from generator.load import read_document
from generator.project import Project, load_project
from generator.site.build import build_site

from .test_import_procedures import bare_project, write_portal_list

RECORDS = Path(__file__).parent / "cases" / "import" / "records"


def record(name: str) -> dict[str, Any]:
    data = json.loads((RECORDS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- the channel table ----------------------------------------------------------------


def test_channel_table_flattened_into_one_string() -> None:
    issues = Issues()
    text = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp03 Ngày làm việcLệ phí : 5.000 Đồng"
        "(Miễn lệ phí cho người khuyết tật; nộp Trực tuyến thì miễn)Trực tuyến03 Ngày làm việc"
        "Miễn phí((Dịch vụ công trực tuyến toàn trình))Dịch vụ bưu chính05 Ngày làm việc"
        "Phí : 8000 Đồng"
    )
    channels = parse_channels(text, issues, "https://dichvucong.gov.vn/x")
    assert plain(channels) == [
        {
            "mode": "trực tiếp",
            "time_limit": "03 Ngày làm việc",
            "fee": 5000,
            "fee_note": "Miễn lệ phí cho người khuyết tật; nộp Trực tuyến thì miễn",
        },
        {
            "mode": "trực tuyến",
            "time_limit": "03 Ngày làm việc",
            "fee": 0,
            "fee_note": "Dịch vụ công trực tuyến toàn trình",  # the fee cell's own note
            "url": "https://dichvucong.gov.vn/x",
            "level": "toàn trình",
        },
        {"mode": "bưu chính", "time_limit": "05 Ngày làm việc", "fee": 8000},
    ]
    assert issues.unparsed == []


def test_a_bare_number_of_days_is_left_for_a_human() -> None:
    issues = Issues()
    channels = parse_channels(record("khai-sinh-loi.json")["cach_thuc_thuc_hien"], issues, None)
    assert [c["mode"] for c in channels] == ["trực tiếp", "trực tuyến", "bưu chính"]
    assert all(c["fee"] == 0 for c in channels)
    time_limit = channels[0]["time_limit"]
    assert isinstance(time_limit, Note) and time_limit.value is None
    assert time_limit.comment == 'CẦN ĐIỀN: thời hạn giải quyết kèm đơn vị (nguồn ghi "1")'
    assert plain(channels[1]["level"]) is None  # the record does not say "toàn trình"
    assert issues.unparsed == [
        'cach_thuc_thuc_hien: cách "trực tiếp": thời hạn "1" không rõ đơn vị (ngày? giờ?)',
        'cach_thuc_thuc_hien: cách "trực tuyến": thời hạn "1" không rõ đơn vị (ngày? giờ?)',
        "cach_thuc_thuc_hien: không ghi mức dịch vụ công trực tuyến",
        'cach_thuc_thuc_hien: cách "bưu chính": thời hạn "1" không rõ đơn vị (ngày? giờ?)',
    ]


def test_two_different_fees_are_not_guessed() -> None:
    issues = Issues()
    text = (
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp05 Ngày làm việc"
        "Lệ phí : 5.000 ĐồngPhí : 8.000 Đồng"
    )
    (channel,) = parse_channels(text, issues, None)
    assert plain(channel["fee"]) is None
    # Both amounts are kept, each with its label, for staff to choose or split into cases.
    assert channel["fee_note"] == "Lệ phí: 5.000 đồng; Phí: 8.000 đồng"
    assert issues.unparsed == ['cach_thuc_thuc_hien: cách "trực tiếp": nhiều mức phí, lệ phí']


# --- legal basis, dossier, steps, result -----------------------------------------------


def test_legal_basis_glued_titles_and_numbers() -> None:
    issues = Issues()
    documents = parse_legal_basis(record("khai-sinh-loi.json")["can_cu_phap_ly"], issues)
    assert [(d["number"], d["title"], d.get("date")) for d in documents] == [
        (
            "123/2015/NĐ-CP",
            "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số "
            "điều và biện pháp thi hành Luật Hộ tịch",
            "15/11/2015",
        ),
        ("60/2014/QH13", "Luật 60/2014/QH13", None),
        (
            "106/2021/TT-BTC",
            "Thông tư sửa đổi, bổ sung Thông tư số 85/2019/TT-BTC của Bộ Tài chính về phí và "
            "lệ phí",
            None,
        ),
        (
            "18/2026/NĐ-CP",
            "Nghị định sửa đổi, bổ sung một số nghị định để cắt giảm, đơn giản hóa thủ tục hành "
            "chính thuộc phạm vi quản lý của Bộ Tư pháp",
            None,
        ),
        (
            "03/2023/TT-BTP",
            "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp",
            "02/08/2023",
        ),
        (
            "66.7/2025/NQ-CP",
            "Nghị quyết số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm, đơn giản hóa thủ tục "
            "hành chính dựa trên dữ liệu",
            None,
        ),
    ]
    assert issues.unparsed == []


def test_dossier_groups_quantities_and_notes() -> None:
    issues = Issues()
    items, notes = parse_dossier(record("khai-sinh-loi.json")["thanh_phan_ho_so"], issues)
    submitted, presented = "Giấy tờ phải nộp", "Giấy tờ phải xuất trình"
    assert items == [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "copies": "1 bản chính", "group": submitted},
        {  # quantity 0: still listed, without a quantity
            "name": "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh thì không phải "
            "nộp bản giấy",
            "group": submitted,
        },
        {
            "name": "Giấy chứng sinh; trường hợp không có thì nộp văn bản của người làm chứng "
            "xác nhận về việc sinh",
            "copies": "1 bản chính",
            "group": submitted,
        },
        {  # the zero-width mark inside "ký" is gone
            "name": "Giấy tờ tùy thân của người đi đăng ký khai sinh",
            "copies": "1 bản chính",
            "group": presented,
        },
        {
            "name": "Giấy tờ do cơ quan có thẩm quyền của nước ngoài cấp phải được hợp pháp hóa "
            "lãnh sự",
            "group": "Lưu ý",
        },
        {  # "--": the portal gives this group no heading
            "name": "Văn bản ủy quyền có chứng thực (nếu ủy quyền cho người khác đi đăng ký)",
            "copies": "1 bản chính",
        },
    ]
    assert notes == []


def test_steps_keep_their_sub_items_and_join_broken_lines() -> None:
    steps, notes = parse_steps(record("khai-sinh-loi.json")["trinh_tu_thuc_hien"])
    assert steps == [
        "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
        "Cán bộ tiếp nhận kiểm tra hồ sơ.\n(i) Hồ sơ đầy đủ, hợp lệ thì tiếp nhận và viết Phiếu "
        "hẹn;\n(ii) Hồ sơ chưa đầy đủ thì hướng dẫn người yêu cầu bổ sung.",
        "Công chức tư pháp - hộ tịch ghi vào Sổ đăng ký khai sinh, trình Lãnh đạo Ủy ban nhân "
        "dân cấp xã ký Giấy khai sinh và trả kết quả cho người yêu cầu.",
    ]
    assert notes == [
        "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai "
        "sinh cho con."
    ]


def test_result_without_the_portal_interface() -> None:
    issues = Issues()
    result, codes = parse_result(record("khai-sinh-loi.json")["ket_qua_xu_ly"], issues)
    assert (result, codes) == ("Giấy khai sinh", ["KQ.G15.000031"])
    assert issues.review == []  # the portal's interface is never a fact
    two = (
        "Giấy chứng nhận kết hônMã: KQ.G15.000032Từ khóaKhông có thông tinMô tảKhông có thông "
        "tinTrích lục kết hônMã: KQ.G15.000040Từ khóaKhông có thông tinMô tảKhông có thông tin"
        "Nộp hồ sơ"
    )
    assert parse_result(two, Issues()) == (
        "Giấy chứng nhận kết hôn; Trích lục kết hôn",
        ["KQ.G15.000032", "KQ.G15.000040"],
    )


def test_no_information_means_empty() -> None:
    recovered = recover(record("khai-sinh-loi.json"))
    data = plain(recovered.data)
    assert data["agencies"] == {"competent": None, "implementing": None}
    assert "conditions" not in data
    assert data["name"] == "Thủ tục đăng ký khai sinh"


# --- files in a project ----------------------------------------------------------------


def test_a_record_with_enough_is_published_and_passes_check(project: Project) -> None:
    report = import_records(project, [RECORDS / "giam-sat-giam-ho.json"])
    target = project.content_dir / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    assert report.written == [
        "3.000323 Đăng ký giám sát việc giám hộ → "
        "content/procedures/dang-ky-giam-sat-viec-giam-ho.yml [đã đăng]"
    ]
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/procedure.schema.json\n")
    assert (
        "result: Trích lục đăng ký giám sát việc giám hộ  # mã kết quả trên Cổng: KQ.G15.000099"
        in text
    )
    result = load_project(project)
    assert result.content is not None, "\n".join(map(str, result.problems))
    procedure = result.content.procedure("3.000323")
    assert procedure is not None
    assert procedure.decision.number == "1542/QĐ-UBND"
    assert procedure.agencies.implementing == "Công chức tư pháp - hộ tịch"  # no-break spaces
    assert [c.fee for c in procedure.channels] == [5000, 0, 5000]
    assert procedure.channels[1].level == "toàn trình"
    assert procedure.dossier[0].name == "Tờ khai đăng ký giám sát việc giám hộ theo mẫu"
    assert [d.number for d in procedure.legal_basis] == [
        "91/2015/QH13",
        "60/2014/QH13",
        "123/2015/NĐ-CP",
    ]
    assert any("Mau-TK-GSGH.docx" in note for note in report.notes)


def test_a_record_without_enough_is_a_draft_listing_what_to_fill(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    report = import_records(project, [RECORDS / "khai-sinh-loi.json"])
    draft = project.content_dir / "drafts" / "procedures" / "dang-ky-khai-sinh.yml"
    assert report.counts == {"bản nháp": 1}
    text = draft.read_text(encoding="utf-8")
    for line in (
        "#   - decision.date: ngày ban hành quyết định (Cổng không ghi)",
        '#   - channels[1].time_limit: thời hạn giải quyết kèm đơn vị (nguồn ghi "1")',
        '#   - channels[2].level: mức dịch vụ công trực tuyến: "toàn trình" hoặc "một phần"',
        "#   - agencies.competent: cơ quan có thẩm quyền (Cổng ghi trống)",
        "step_notes:\n  - >-\n    Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có",
    ):
        assert line in text
    assert report.human[0] == (
        "1.001193 content/drafts/procedures/dang-ky-khai-sinh.yml: decision.date: ngày ban hành "
        "quyết định (Cổng không ghi)"
    )
    assert load_project(project).content is not None


def test_reimport_over_staff_edits_is_refused_then_merged_with_force(project: Project) -> None:
    source = RECORDS / "giam-sat-giam-ho.json"
    import_records(project, [source])
    target = project.content_dir / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    # Staff correct a time limit and add a summary the portal does not have.
    text = target.read_text(encoding="utf-8")
    text = text.replace("time_limit: 03 Ngày làm việc", "time_limit: 02 ngày làm việc", 1)
    text += "summary: Đăng ký việc giám sát người giám hộ.\n"
    target.write_text(text, encoding="utf-8")
    edited = target.read_bytes()
    report = import_records(project, [source])
    assert not report.ok
    assert report.refused == [
        "3.000323 (content/procedures/dang-ky-giam-sat-viec-giam-ho.yml): "
        'channels[trực tiếp].time_limit: "02 ngày làm việc" → "03 Ngày làm việc"'
    ]
    assert target.read_bytes() == edited
    report = import_records(project, [source], force=True)
    assert report.ok
    data = read_document(target, "x").data
    assert data["channels"][0]["time_limit"] == "03 Ngày làm việc"
    assert data["summary"] == "Đăng ký việc giám sát người giám hộ."  # kept
    backup = next((project.root / ".congkhai" / "sao-luu").rglob(target.name))
    assert backup.read_bytes() == edited
    assert load_project(project).content is not None


def test_list_draft_then_record_publishes_the_procedure(project: Project, tmp_path: Path) -> None:
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
    draft = project.content_dir / "drafts" / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    assert draft.is_file()
    # The list said "Ủy ban nhân dân cấp xã" implements it, the record says who exactly:
    # the record does not silently replace a value already in the draft.
    report = import_records(project, [RECORDS / "giam-sat-giam-ho.json"])
    assert report.refused == [
        "3.000323 (content/drafts/procedures/dang-ky-giam-sat-viec-giam-ho.yml): "
        'agencies.implementing: "Ủy ban nhân dân cấp xã" → "Công chức tư pháp - hộ tịch"'
    ]
    report = import_records(project, [RECORDS / "giam-sat-giam-ho.json"], force=True)
    published = project.content_dir / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    assert report.written == [
        "3.000323 Đăng ký giám sát việc giám hộ → content/procedures/"
        "dang-ky-giam-sat-viec-giam-ho.yml [đã đăng] (chuyển từ bản nháp)"
    ]
    assert published.is_file() and not draft.exists()
    assert load_project(project).content is not None


def test_a_batch_skips_records_without_a_code(project: Project) -> None:
    report = import_records(project, [RECORDS / "lo-hai-ban-ghi.json"])
    assert report.counts == {"đã đăng": 1}
    assert dict(report.skipped) == {
        "không có mã thủ tục (ma_thu_tuc) hợp lệ": ["lo-hai-ban-ghi.json#2"]
    }
    assert "Bỏ qua 1 bản ghi:" in report.lines()


def test_a_cut_off_file_is_refused_in_vietnamese(project: Project) -> None:
    with pytest.raises(ImportFailed) as error:
        import_records(project, [RECORDS / "bi-cat-ngang.json"])
    assert str(error.value) == (
        "bi-cat-ngang.json:4:20: tệp không phải JSON hợp lệ (có thể bị cắt ngang khi tải về)"
    )


def test_one_bad_file_among_several_is_reported_and_the_rest_imported(
    project: Project, tmp_path: Path
) -> None:
    shutil.copy(RECORDS / "giam-sat-giam-ho.json", tmp_path / "a.json")
    (tmp_path / "b.json").write_text("[1, 2]", encoding="utf-8")
    report = import_records(project, [tmp_path / "a.json", tmp_path / "b.json"])
    assert report.errors == [
        "tệp b.json cần một bản ghi thủ tục (một đối tượng JSON {…}) hoặc danh sách bản ghi"
    ]
    assert report.counts == {"đã đăng": 1}
    assert not report.ok


def test_additions_merge_without_force_and_never_break_a_published_file(
    project: Project, tmp_path: Path
) -> None:
    source = RECORDS / "giam-sat-giam-ho.json"
    import_records(project, [source])
    target = project.content_dir / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    # Staff removed the postal channel; the record brings it back, complete: added, no --force.
    text = target.read_text(encoding="utf-8")
    target.write_text(text[: text.index("  - mode: bưu chính")] + text[text.index("dossier:") :])
    report = import_records(project, [source])
    assert report.ok
    assert report.changes == [
        "3.000323 content/procedures/dang-ky-giam-sat-viec-giam-ho.yml: thêm channels[bưu chính]"
    ]
    assert load_project(project).content is not None
    # The same again, but the record's postal time limit is a bare "1": merged, the file would
    # fail check, so the published file stays and the merge is written as a draft beside it.
    target.write_text(text[: text.index("  - mode: bưu chính")] + text[text.index("dossier:") :])
    published = target.read_bytes()
    variant = record("giam-sat-giam-ho.json")
    variant["cach_thuc_thuc_hien"] = variant["cach_thuc_thuc_hien"].replace(
        "Dịch vụ bưu chính03 Ngày làm việc", "Dịch vụ bưu chính1"
    )
    (tmp_path / "bien-the.json").write_text(json.dumps(variant, ensure_ascii=False))
    report = import_records(project, [tmp_path / "bien-the.json"])
    draft = project.content_dir / "drafts" / "procedures" / target.name
    assert target.read_bytes() == published
    assert draft.is_file()
    assert report.notes[0] == (
        "3.000323: content/procedures/dang-ky-giam-sat-viec-giam-ho.yml giữ nguyên vì bản gộp "
        "chưa đủ để đăng; bản gộp ghi ở content/drafts/procedures/dang-ky-giam-sat-viec-giam-ho.yml"
    )
    assert load_project(project).content is not None


def test_a_file_with_no_usable_record_is_an_error(project: Project, tmp_path: Path) -> None:
    (tmp_path / "rong.json").write_text("{}", encoding="utf-8")
    report = import_records(project, [tmp_path / "rong.json"])
    assert report.errors == ["không có bản ghi nào có mã thủ tục (ma_thu_tuc) hợp lệ"]
    assert not report.ok


def test_the_portals_notes_under_the_steps_are_published_on_the_page(
    project: Project, tmp_path: Path
) -> None:
    record = json.loads((RECORDS / "khai-sinh-loi.json").read_text(encoding="utf-8"))
    procedure = plain(recover(record).data)
    assert procedure["step_notes"] == [
        "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai "
        "sinh cho con."
    ]
    # On the page, right under the steps.
    path = project.content_dir / "procedures" / "dang-ky-khai-sinh.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "\nchannels:", "\nstep_notes:\n  - Cha, mẹ đăng ký trong 60 ngày.\nchannels:", 1
        ),
        encoding="utf-8",
    )
    result = load_project(project)
    assert result.content is not None, result.problems
    site = build_site(project, result.content, tmp_path / "site").site_dir
    html = (site / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    steps = html.index('class="ck-steps"')
    assert steps < html.index("Cha, mẹ đăng ký trong 60 ngày.") < html.index('id="cach-thuc"')
