"""Shapes the portal plausibly writes on records of other ministries and provinces (issue 23).

The 514 reference records use a handful of words, units and separators; the same layout on
another ministry's page writes "20.000đ", "15 ngày làm việc kể từ…", "Bản chính: 1 - Bản sao: 0"
or "Phòng Văn hóa - Xã hội". Each fixture is ours; each assumption of the parser is tried with
the variants it must survive: never a crash, never money in a time limit, a quantity in an item
name, "Không có thông tin" or a cut subject on the page; a blank with a note when unsure.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from generator.importers.portal import (
    Issues,
    operating_body,
    parse_channels,
    parse_dossier,
    parse_legal_basis,
    recover,
    split_subjects,
)
from generator.importers.writer import Note, plain

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOSSIER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL = "Tên văn bản pháp lýMã văn bản"


def one_channel(row: str) -> dict[str, Any]:
    """The single channel of a table holding one row."""
    found = parse_channels(HEADER + row, Issues(), None)
    assert len(found) == 1, found
    return found[0]


def published(value: Any) -> str:
    """Every text a page could show from imported data (the notes for staff left out)."""
    value = plain(value)
    if isinstance(value, dict):
        return " ".join(published(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(published(v) for v in value)
    return "" if value is None else str(value)


# --- fees ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "fee"),
    [
        ("20.000 VNĐ", 20000),
        ("20.000 vnđ", 20000),
        ("20.000 VND", 20000),
        ("20.000đ", 20000),
        ("20,000 Việt Nam Đồng", 20000),
        ("20.000 Việt Nam đồng", 20000),
        ("20.000 ĐỒNG", 20000),
        ("20000 đồng", 20000),
        ("1 000 000 đồng", 1000000),
        ("1.000.000 đồng", 1000000),
        ("Phí: 20.000 đồng", 20000),
        ("Miễn phí", 0),
        ("MIỄN PHÍ", 0),
        ("Miễn lệ phí", 0),
        ("Không thu phí", 0),
        ("Không thu lệ phí", 0),
        ("0 đồng", 0),
        ("Miễn phí.", 0),
    ],
)
def test_a_fee_in_any_usual_writing_is_an_amount(cell: str, fee: int) -> None:
    channel = one_channel(f"Trực tiếp5 Ngày làm việc{cell}Nộp tại Bộ phận một cửa")
    assert channel["fee"] == fee
    assert channel["time_limit"] == "5 Ngày làm việc"
    assert channel["description"] == "Nộp tại Bộ phận một cửa"


@pytest.mark.parametrize(
    ("cell", "unit"),
    [("20000 đồng/hồ sơ", "hồ sơ"), ("20.000đ/lần cấp", "lần cấp"), ("20.000 đồng(/bản)", "bản")],
)
def test_a_fee_unit_after_a_slash_is_its_unit_not_the_description(cell: str, unit: str) -> None:
    channel = one_channel(f"Trực tiếp5 Ngày{cell}Nộp tại Bộ phận một cửa")
    assert (channel["fee"], channel["fee_unit"]) == (20000, unit)
    assert channel["description"] == "Nộp tại Bộ phận một cửa"


@pytest.mark.parametrize(
    ("cell", "note"),
    [
        ("Lệ phí 20.000 đồng", None),
        ("Mức thu: 20.000 đồng", None),
        ("Phí thẩm định: 20.000 đồng", "Phí thẩm định"),
    ],
)
def test_words_naming_the_fee_are_not_left_in_the_description(cell: str, note: str | None) -> None:
    channel = one_channel(f"Trực tiếp5 Ngày làm việc{cell}Nộp tại UBND")
    assert channel["fee"] == 20000
    assert channel.get("fee_note") == note
    assert channel["description"] == "Nộp tại UBND"


@pytest.mark.parametrize("cell", ["20.000 đồng", "20,000 Việt Nam Đồng", "20000 đồng", "10.000đ"])
def test_an_empty_time_cell_before_a_fee_is_a_blank_not_its_first_digit(cell: str) -> None:
    channel = one_channel(f"Trực tiếp{cell}Nộp tại UBND")
    assert plain(channel["time_limit"]) is None
    assert channel["fee"] in (20000, 10000)
    assert channel["description"] == "Nộp tại UBND"


def test_an_amount_that_reads_two_ways_is_not_guessed() -> None:
    # "1200 VNĐ(200.000 vnđ / tờ khai)": a time "1" and a fee "200" (meaning 200.000), or 1.200?
    channel = one_channel("Trực tuyến1200 VNĐ(200.000 vnđ / tờ khai)")
    assert plain(channel["fee"]) is None
    assert plain(channel["time_limit"]) is None


def test_a_fee_with_its_unit_and_a_note_after_it() -> None:
    channel = one_channel("Trực tiếp5 Ngày50.000 đồng/hồ sơ (đối với hồ sơ giấy)Nộp tại UBND")
    assert (channel["fee"], channel["fee_unit"]) == (50000, "hồ sơ")
    assert channel["fee_note"] == "đối với hồ sơ giấy"
    assert channel["description"] == "Nộp tại UBND"


def test_two_labelled_fees_are_left_for_staff_with_both_amounts() -> None:
    channel = one_channel("Trực tiếp5 NgàyLệ phí: 50.000 đồng; Phí: 10.000 đồngNộp tại UBND")
    assert plain(channel["fee"]) is None
    assert channel["fee_note"] == "Lệ phí: 50.000 đồng; Phí: 10.000 đồng"
    assert channel["description"] == "Nộp tại UBND"


def test_a_foreign_currency_is_a_note_never_an_amount_in_dong() -> None:
    channel = one_channel("Trực tiếp5 Ngày10 USDNộp tại cơ quan đại diện")
    assert plain(channel["fee"]) is None
    assert channel["fee_note"] == "10 USD"
    assert "USD" not in published(channel["time_limit"])


@pytest.mark.parametrize("nothing", ["Không có thông tin", "không có thông tin", "Đang cập nhật"])
def test_no_information_in_any_case_is_a_blank_never_text(nothing: str) -> None:
    channel = one_channel(f"Trực tiếp{nothing}{nothing}Nộp tại UBND")
    assert plain(channel["time_limit"]) is None and plain(channel["fee"]) is None
    assert channel["description"] == "Nộp tại UBND"
    assert "thông tin" not in published(channel) and "cập nhật" not in published(channel)


# --- time limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "time",
    [
        "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Ngay trong ngày",
        "Trong ngày làm việc",
        "03 (ba) ngày",
        "1 Giờ",
        "Không quá 05 ngày",
        "5 NGÀY",
        "5 ngày",
        "0,5 Ngày",
        "30 Phút",
    ],
)
def test_a_time_limit_in_words_or_any_case_stays_whole(time: str) -> None:
    channel = one_channel(f"Trực tiếp{time}Miễn phíNộp tại UBND")
    assert channel["time_limit"] == time
    assert channel["fee"] == 0
    assert channel["description"] == "Nộp tại UBND"


def test_a_bare_number_with_money_glued_never_puts_money_in_the_time() -> None:
    channel = one_channel("Trực tuyến120.000đNộp qua Cổng dịch vụ công")
    assert "đ" not in published(channel["time_limit"])
    assert channel["fee"] == 20000


# --- modes -----------------------------------------------------------------------------------


def test_every_mode_in_any_order_and_a_mode_word_in_a_description() -> None:
    found = parse_channels(
        HEADER + "Dịch vụ bưu chính5 NgàyMiễn phíGửi qua dịch vụ bưu chính công ích"
        "Trực tuyến5 NgàyMiễn phíNộp qua Cổng dịch vụ công, toàn trình"
        "Trực tiếp5 NgàyMiễn phíNộp trực tiếp tại Bộ phận một cửa",
        Issues(),
        "https://dichvucong.gov.vn/x",
    )
    assert [c["mode"] for c in found] == ["trực tiếp", "trực tuyến", "bưu chính"]
    assert found[0]["description"] == "Nộp trực tiếp tại Bộ phận một cửa"
    assert found[1]["description"] == "Nộp qua Cổng dịch vụ công, toàn trình"
    assert found[1]["level"] == "toàn trình"
    assert found[2]["description"] == "Gửi qua dịch vụ bưu chính công ích"


# --- dossier quantities ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "copies"),
    [
        ("01 bản chính", "01 bản chính"),
        ("1 Bản chính", "1 bản chính"),
        ("1 BẢN SAO", "1 bản sao"),
        ("1bản sao", "1 bản sao"),
        ("Bản chính: 1 - Bản sao: 0", "1 bản chính"),
        ("Bản chính: 1Bản sao: 1", "1 bản chính, 1 bản sao"),
        ("2 bản chính, 0 bản sao", "2 bản chính"),
        ("2 bản chính; 1 bản sao", "2 bản chính, 1 bản sao"),
        ("2 bản chính và 1 bản sao", "2 bản chính, 1 bản sao"),
        ("2 Bản chính,1 Bản sao", "2 bản chính, 1 bản sao"),
    ],
)
def test_a_quantity_in_any_writing_leaves_the_name_clean(quantity: str, copies: str) -> None:
    items, notes = parse_dossier(
        f"{DOSSIER}Tờ khai đăng ký{quantity}Giấy khai sinh1 bản sao", Issues()
    )
    assert items == [
        {"name": "Tờ khai đăng ký", "copies": copies},
        {"name": "Giấy khai sinh", "copies": "1 bản sao"},
    ]
    assert notes == []


def test_quantities_of_nothing_keep_the_item() -> None:
    items, _ = parse_dossier(f"{DOSSIER}Giấy khai sinh0 bản chính,0 bản sao", Issues())
    assert items == [{"name": "Giấy khai sinh"}]


def test_a_name_stating_its_own_quantity_before_the_column() -> None:
    items, _ = parse_dossier(
        f"{DOSSIER}Hóa đơn (nếu có): 01 bản chụpBản chính: 0 - Bản sao: 1Tờ khai1 bản chính",
        Issues(),
    )
    assert items[0] == {"name": "Hóa đơn (nếu có)", "note": "01 bản chụp", "copies": "1 bản sao"}
    assert items[1] == {"name": "Tờ khai", "copies": "1 bản chính"}


def test_a_count_glued_to_the_next_heading_or_item() -> None:
    items, _ = parse_dossier(
        f"{DOSSIER}Tờ khaiBản chính: 0 - Bản sao: 12. Giấy khai sinh1 bản chính", Issues()
    )
    assert items == [
        {"name": "Tờ khai", "copies": "1 bản sao"},
        {"name": "2. Giấy khai sinh", "copies": "1 bản chính"},
    ]


# --- legal basis -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Luật số 47/2014/QH13 về nhập cảnh47/2014/QH13",
            [{"number": "47/2014/QH13", "title": "Luật số 47/2014/QH13 về nhập cảnh"}],
        ),
        (
            "Quyết định số 12/2024/QĐ-UBND ngày 1/2/2024 của UBND tỉnh12/2024/QĐ-UBND",
            [
                {
                    "number": "12/2024/QĐ-UBND",
                    "title": "Quyết định số 12/2024/QĐ-UBND ngày 1/2/2024 của UBND tỉnh",
                    "date": "01/02/2024",
                }
            ],
        ),
        (
            "Nghị định số 10/2024/NĐ-CP ngày 01 tháng 02 năm 2024 của Chính phủ10/2024/NĐ-CP",
            [
                {
                    "number": "10/2024/NĐ-CP",
                    "title": "Nghị định số 10/2024/NĐ-CP ngày 01 tháng 02 năm 2024 của Chính phủ",
                    "date": "01/02/2024",
                }
            ],
        ),
        (
            "Quyết định 250/QĐ-TTg phê duyệt đề án250/QĐ-TTg",
            [{"number": "250/QĐ-TTg", "title": "Quyết định 250/QĐ-TTg phê duyệt đề án"}],
        ),
        (
            "Luật Cư trú68/2020/QH14Nghị quyết liên tịch hướng dẫn09/2008/NQLT-CP-UBTWMTTQVN",
            [
                {"number": "68/2020/QH14", "title": "Luật Cư trú"},
                {"number": "09/2008/NQLT-CP-UBTWMTTQVN", "title": "Nghị quyết liên tịch hướng dẫn"},
            ],
        ),
        (
            "Thông tư liên tịch hướng dẫn05/2015/TTLT-BTP-BCA-BYTLuật Hộ tịch 201460/2014/QH13",
            [
                {"number": "05/2015/TTLT-BTP-BCA-BYT", "title": "Thông tư liên tịch hướng dẫn"},
                {"number": "60/2014/QH13", "title": "Luật Hộ tịch 2014"},
            ],
        ),
    ],
)
def test_legal_documents_of_every_kind(text: str, expected: list[dict[str, str]]) -> None:
    issues = Issues()
    assert parse_legal_basis(LEGAL + text, issues) == expected
    assert issues.unparsed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an issuer the list knows (the 2025 Ministry of Ethnic and Religious Affairs)
            "Thông tư về dân tộc01/2025/TT-BDTTGquy định mức thu12/2025/TT-BTC",
            [("01/2025/TT-BDTTG", "Thông tư về dân tộc"), ("12/2025/TT-BTC", "quy định mức thu")],
        ),
        (  # an issuer it does not know: a full dated number glued to a lower-case title
            "Thông tư về x01/2025/TT-BQWGquy định y12/2025/TT-BTC",
            [("01/2025/TT-BQWG", "Thông tư về x"), ("12/2025/TT-BTC", "quy định y")],
        ),
        (
            "Quyết định về z10/2018/QĐ-TTgquy định y12/2025/TT-BTC",
            [("10/2018/QĐ-TTg", "Quyết định về z"), ("12/2025/TT-BTC", "quy định y")],
        ),
        (
            "Văn bản hợp nhất Luật Dược01/VBHN-VPQHThông tư hướng dẫn02/2024/TT-BYT",
            [
                ("01/VBHN-VPQH", "Văn bản hợp nhất Luật Dược"),
                ("02/2024/TT-BYT", "Thông tư hướng dẫn"),
            ],
        ),
    ],
)
def test_neighbouring_documents_of_other_issuers_are_not_merged(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = parse_legal_basis(LEGAL + text, Issues())
    assert [(d["number"], d["title"]) for d in found] == expected


# --- subjects and bodies ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        (
            "Tổ chức (không bao gồm doanh nghiệp, HTX (kể cả chi nhánh; văn phòng)), Công dân",
            ["Tổ chức (không bao gồm doanh nghiệp, HTX (kể cả chi nhánh; văn phòng))", "Công dân"],
        ),
        ("Hộ gia đình, cá nhân; Tổ chức", ["Hộ gia đình, cá nhân", "Tổ chức"]),
        (
            "Cá nhân [Công dân Việt Nam, Người nước ngoài], Tổ chức",
            ["Cá nhân [Công dân Việt Nam, Người nước ngoài]", "Tổ chức"],
        ),
        (
            "Cá nhân [kể cả người nước ngoài, người không quốc tịch], Tổ chức",
            ["Cá nhân [kể cả người nước ngoài, người không quốc tịch]", "Tổ chức"],
        ),
    ],
)
def test_subjects_are_never_cut_inside_brackets(text: str, subjects: list[str]) -> None:
    assert split_subjects(text) == subjects


@pytest.mark.parametrize(
    ("implementing", "body"),
    [
        ("Ủy ban nhân dân cấp xã", "ủy ban nhân dân"),
        ("Uỷ ban Nhân dân cấp Xã", "ủy ban nhân dân"),
        ("UBND xã", "ủy ban nhân dân"),
        ("Chủ tịch UBND cấp xã", "ủy ban nhân dân"),
        ("UBND các xã, phường, thị trấn", "ủy ban nhân dân"),
        ("Ủy ban nhân dân (cấp xã)", "ủy ban nhân dân"),
        ("Ủy ban nhân dân phường, xã, đặc khu", "ủy ban nhân dân"),
        ("Trung tâm Phục vụ hành chính công phường", "ủy ban nhân dân"),
        ("Phòng Văn hóa - Xã hội", "ủy ban nhân dân"),
        ("Công chức Tư pháp - Hộ tịch", "ủy ban nhân dân"),
        ("Bộ phận một cửa cấp xã", "ủy ban nhân dân"),
        ("Công an cấp xã", "công an"),
        ("Chi cục Thuế khu vực", "thuế"),
        ("Kho bạc Nhà nước khu vực", "kho bạc"),
        ("Bảo hiểm xã hội cơ sở", "bảo hiểm xã hội"),
        ("Chi cục Hải quan cửa khẩu", "hải quan"),
        ("Ủy ban nhân dân cấp tỉnh", "cơ quan khác"),
        ("Văn phòng Đăng ký đất đai", "cơ quan khác"),
    ],
)
def test_who_carries_a_procedure_out(implementing: str, body: str) -> None:
    assert operating_body(implementing, "", "") == body
    assert operating_body(unicodedata.normalize("NFD", implementing), "", "") == body


# --- whole records: encodings, missing fields, odd types -------------------------------------

RECORD: dict[str, Any] = {
    "ma_thu_tuc": "1.000001",
    "ten_thu_tuc": "Đăng ký khai sinh",
    "cap_thuc_hien": "Cấp xã",
    "linh_vuc": "Hộ tịch",
    "so_quyet_dinh": "1872/QĐ-BTP ngày 04/9/2020",
    "doi_tuong_thuc_hien": "Công dân Việt Nam, Tổ chức (trừ doanh nghiệp, HTX)",
    "co_quan_thuc_hien": "Ủy ban nhân dân cấp xã",
    "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
    "cach_thuc_thuc_hien": HEADER + "Trực tiếp5 Ngày làm việc8.000 đồngNộp tại Bộ phận một cửa",
    "thanh_phan_ho_so": DOSSIER + "Tờ khai đăng ký khai sinh1 bản chính,0 bản sao",
    "can_cu_phap_ly": LEGAL + "Luật Hộ tịch60/2014/QH13",
    "ket_qua_xu_ly": "Giấy khai sinh",
}


def _shape(data: dict[str, Any]) -> Any:
    channels = plain(data["channels"])
    return (
        [(c["mode"], plain(c["fee"]), plain(c["time_limit"])) for c in channels],
        plain(data["dossier"]),
        plain(data["legal_basis"]),
        plain(data["subjects"]),
        plain(data["name"]),
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda v: unicodedata.normalize("NFD", v),
        lambda v: v.replace(" ", "\u00a0"),
        lambda v: v.replace("\n", "\r\n"),
        lambda v: v.replace(" ", "&nbsp;"),
        lambda v: f"<p>{v}</p>",
    ],
    ids=["nfd", "nbsp", "crlf", "entities", "html"],
)
def test_a_record_reads_the_same_whatever_its_encoding(change: Any) -> None:
    changed = {key: change(value) for key, value in RECORD.items()}
    assert _shape(recover(changed).data) == _shape(recover(RECORD).data)
    assert "&nbsp;" not in published(recover(changed).data)


@pytest.mark.parametrize("bad", [None, "", [], ["Dòng một", "Dòng hai"], {"x": "y"}, 5, 1.5, True])
def test_a_field_of_any_type_never_crashes(bad: Any) -> None:
    for key in RECORD:
        if key == "ma_thu_tuc":
            continue
        recovered = recover({**RECORD, key: bad})
        assert recovered.code == "1.000001"


def test_a_missing_field_is_a_blank_for_staff_not_a_guess() -> None:
    for key in ("cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly"):
        data = recover({k: v for k, v in RECORD.items() if k != key}).data
        missing = {
            "cach_thuc_thuc_hien": "channels",
            "thanh_phan_ho_so": "dossier",
            "can_cu_phap_ly": "legal_basis",
        }[key]
        assert isinstance(data[missing], Note) and data[missing].value is None
        assert "CẦN ĐIỀN" in str(data[missing].comment)


@pytest.mark.parametrize(
    ("number", "date_field", "decision"),
    [
        ("1872/QĐ-BTP ngày 04/9/2020", "", {"number": "1872/QĐ-BTP", "date": "04/09/2020"}),
        (
            "Quyết định số 1872/QĐ-BTP",
            "04/09/2020",
            {"number": "1872/QĐ-BTP", "date": "04/09/2020"},
        ),
        (
            "QĐ số 1872/QĐ-BTP, ngày 04 tháng 9 năm 2020",
            "",
            {"number": "1872/QĐ-BTP", "date": "04/09/2020"},
        ),
        ("Số: 12/QĐ-UBND", "2020-09-04", {"number": "12/QĐ-UBND", "date": "04/09/2020"}),
        ("QĐ/0001-BCA", "", {"number": "QĐ/0001-BCA"}),
    ],
)
def test_the_decision_number_without_its_words_and_its_date_in_any_writing(
    number: str, date_field: str, decision: dict[str, str]
) -> None:
    found = recover({**RECORD, "so_quyet_dinh": number, "ngay_ban_hanh": date_field}).data
    assert {k: v for k, v in found["decision"].items() if not isinstance(v, Note)} == decision


def test_other_column_headers_of_the_same_tables() -> None:
    found = parse_channels(
        "Hình thức nộp Thời hạn giải quyết Phí, lệ phí Mô tả Trực tiếp5 NgàyMiễn phíNộp tại UBND",
        issues := Issues(),
        None,
    )
    assert found == [
        {"mode": "trực tiếp", "time_limit": "5 Ngày", "fee": 0, "description": "Nộp tại UBND"}
    ]
    assert issues.review == []
    legal = parse_legal_basis("Tên văn bảnSố ký hiệuLuật Cư trú68/2020/QH14", Issues())
    assert legal == [{"number": "68/2020/QH14", "title": "Luật Cư trú"}]


def test_no_information_inside_a_field_is_never_published() -> None:
    record = {
        **RECORD,
        "cach_thuc_thuc_hien": HEADER + "Trực tiếp5 NgàyMiễn phíkhông có thông tin.",
        "thanh_phan_ho_so": DOSSIER + "Không có thông tin1 bản chínhTờ khai1 bản sao",
        "doi_tuong_thuc_hien": "Công dân Việt Nam; Không có thông tin",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ.\nKhông có thông tin",
        "yeu_cau_dieu_kien": "Có hộ khẩu tại xã\nKhông có thông tin",
        "can_cu_phap_ly": LEGAL + "Không có thông tin60/2014/QH13",
    }
    recovered = recover(record)
    text = published(recovered.data).casefold()
    assert "không có thông tin" not in text
    assert plain(recovered.data["dossier"]) == [{"name": "Tờ khai", "copies": "1 bản sao"}]
    assert plain(recovered.data["legal_basis"]) == [
        {"number": "60/2014/QH13", "title": "60/2014/QH13"}
    ]
    assert any("không có tên" in line for line in recovered.issues.review)


def test_a_bracket_the_portal_left_open_keeps_the_subject_whole_and_is_flagged() -> None:
    recovered = recover(
        {**RECORD, "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX, Công dân"}
    )
    assert plain(recovered.data["subjects"]) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX, Công dân"
    ]
    assert any("ngoặc không đóng" in line for line in recovered.issues.review)
