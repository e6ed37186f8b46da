"""The importers' YAML writer: what it writes reads back, through congkhai's own loader, as
exactly the data it was given; keys follow the schema; codes and phones are quoted."""

from __future__ import annotations

import unicodedata

import pytest

from generator.importers.writer import BLANK_MARK, WIDTH, Note, blank, dump, plain
from generator.load import parse
from generator.schema import Contact, Plan, Procedure
from generator.validate import validate

TRICKY_TEXT = [
    "Thủ tục đăng ký khai sinh",
    "yes",
    "no",
    "null",
    "~",
    "a: b",
    "Theo dõi: thường xuyên;",
    "# không phải chú thích",
    "giá #1",
    "- bắt đầu bằng gạch",
    "[trong ngoặc]",
    "{ngoặc nhọn}",
    '"ngoặc kép" ở đầu',
    "'nháy đơn' ở đầu",
    "@ký hiệu",
    "100%",
    "1.001193",
    "0296 3861 200",
    "15/01/2026",
    "7:30",
    "50.000",
    "Kết thúc bằng hai chấm:",
    "dòng 1\ndòng 2",
    "đoạn 1\n\nđoạn 2",
    "- mục 1\n- mục 2\n+ mục con",
    "hai  dấu cách",
    " cách ở đầu",
    'dấu \\ gạch ngược và "ngoặc kép"',
    "Điều kiện: " + "rất dài " * 40,
    "Một câu rất dài không có dấu hai chấm " * 6,
    "từ-rất-dài-không-có-dấu-cách-" * 8,
]


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_every_text_reads_back_as_written(text: str) -> None:
    written = dump(Procedure, {"name": text, "subjects": [text]}, schema_ref="s.json")
    document = parse(written.text, "x.yml")
    assert document.problems == []
    assert document.data["name"] == text
    assert document.data["subjects"] == [text]


def test_first_line_points_at_the_schema_and_header_is_comments() -> None:
    written = dump(
        Procedure,
        {"code": "1.001193"},
        schema_ref="../../schema/procedure.schema.json",
        header=["BẢN NHÁP", "  - decision.date: ngày"],
    )
    lines = written.text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/procedure.schema.json"
    assert lines[1:4] == ["#", "# BẢN NHÁP", "#   - decision.date: ngày"]
    assert lines[4] == 'code: "1.001193"'


def test_keys_follow_the_schema_and_unknown_keys_stay_last() -> None:
    data = {
        "result": "Giấy khai sinh",
        "ghi_chu_rieng": "của cán bộ",
        "channels": [{"fee": "0", "time_limit": "03 ngày", "mode": "trực tiếp"}],
        "name": "Thủ tục đăng ký khai sinh",
        "code": "1.001193",
        "decision": {"date": "01/07/2025", "number": "1542/QĐ-UBND"},
    }
    text = dump(Procedure, data, schema_ref="s.json").text
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["code", "name", "decision", "channels", "result", "ghi_chu_rieng"]
    assert "  number: 1542/QĐ-UBND\n  date: 01/07/2025" in text
    assert "  - mode: trực tiếp\n    time_limit: 03 ngày\n    fee: 0\n" in text


def test_numbers_are_plain_and_codes_and_phones_quoted() -> None:
    contact = dump(
        Contact,
        {"name": "UBND", "address": "x", "phone": "02963861200", "order": 3},
        schema_ref="s.json",
    ).text
    assert 'phone: "02963861200"' in contact
    assert "order: 3" in contact
    plan = dump(Plan, {"year": 2027, "sections": [{"number": "1", "title": "A"}]}, schema_ref="s")
    assert "year: 2027" in plan.text
    assert '  - number: "1"' in plan.text


def test_long_text_is_a_folded_block_within_100_columns() -> None:
    text = "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công phường. " * 5
    written = dump(Procedure, {"steps": [text.strip(), "ngắn"]}, schema_ref="s.json").text
    assert "  - >-\n" in written
    assert all(len(line) <= WIDTH for line in written.splitlines())
    assert parse(written, "x.yml").data["steps"][0] == text.strip()


def test_text_is_written_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hộ tịch")
    written = dump(Procedure, {"field": decomposed}, schema_ref="s.json").text
    assert unicodedata.is_normalized("NFC", written)


def test_placeholders_are_empty_keys_with_a_comment_and_are_listed() -> None:
    data = {
        "code": "1.001193",
        "decision": {"number": "163/QĐ-BTP", "date": blank("ngày ban hành quyết định")},
        "steps": blank("trình tự thực hiện, mỗi bước một mục " + "rất dài " * 10),
        "result": Note("Giấy khai sinh", "mã kết quả trên Cổng: KQ.G15.000031"),
    }
    written = dump(Procedure, data, schema_ref="s.json")
    assert f"  date:  # {BLANK_MARK}: ngày ban hành quyết định" in written.text
    assert f"steps:  # {BLANK_MARK}\n" in written.text  # long hint moved above the key
    assert "result: Giấy khai sinh  # mã kết quả trên Cổng: KQ.G15.000031" in written.text
    assert [path for path, _ in written.blanks] == ["decision.date", "steps"]
    document = parse(written.text, "x.yml")
    assert document.data["decision"]["date"] is None
    assert plain(data)["result"] == "Giấy khai sinh"
    _, problems = validate(document, Procedure)
    fields = {p.field for p in problems}
    assert {"decision.date", "steps"} <= fields  # a draft never passes check by accident


def test_unit_lists_are_written_inline() -> None:
    data = {
        "sections": [
            {"title": "A", "tasks": [{"lead": ["van-phong"], "cooperating": ["tthcc", "tu-phap"]}]}
        ]
    }
    text = dump(Plan, data, schema_ref="s.json").text
    assert "lead: van-phong\n" in text
    assert "cooperating: [tthcc, tu-phap]\n" in text
