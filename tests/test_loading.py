"""The loader keeps what staff wrote: YAML 1.1 traps stay text, encodings are handled."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from generator.load import parse, read_document
from generator.schema import Contact, Plan
from generator.validate import validate

CONTACT = "name: Bộ phận một cửa\naddress: Số 12 Trần Hưng Đạo\n"


def _contact(extra: str) -> Contact:
    model, problems = validate(parse(CONTACT + extra, "c.yml"), Contact)
    assert problems == []
    assert model is not None
    return model


def test_phone_with_leading_zero_is_not_an_octal_number() -> None:
    assert _contact("phone: 0241234567\n").phone == "0241234567"


def test_text_that_yaml_1_1_reads_as_sexagesimal_is_kept() -> None:
    assert _contact("purpose: 1:30\n").purpose == "1:30"


def test_yes_no_and_dates_in_text_fields_stay_text() -> None:
    contact = _contact("purpose: yes\nhours: 2024-05-01\n")
    assert contact.purpose == "yes"
    assert contact.hours == "2024-05-01"


def test_times_stay_text() -> None:
    assert _contact("hours: 7:30\n").hours == "7:30"


def test_procedure_code_that_looks_like_a_float_is_kept_as_written() -> None:
    document = parse("code: 1.001190\n", "p.yml")
    assert document.data["code"] == "1.001190"


def test_numbers_and_dates_are_parsed_where_the_schema_wants_them() -> None:
    plan_text = (
        "number: 15/KH-UBND\ndate: 2026-01-20\ntitle: Kế hoạch\nissuer: UBND\n"
        "units: {van-phong: Văn phòng}\n"
        "sections: [{title: Phần, tasks: [{content: Việc, lead: van-phong, deadline: Năm 2026}]}]\n"
        "kpis: [{name: Tỷ lệ, unit: '%', target: 50, actual: 46.8, lead: van-phong,"
        " as_of: 31/10/2026}]\n"
    )
    plan, problems = validate(parse(plan_text, "plan.yml"), Plan)
    assert problems == []
    assert plan is not None
    assert plan.date == date(2026, 1, 20)
    assert plan.kpis[0].actual == 46.8
    assert plan.kpis[0].as_of == date(2026, 10, 31)


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_bytes(b"\xef\xbb\xbf" + CONTACT.replace("\n", "\r\n").encode("utf-8"))
    model, problems = validate(read_document(path, "c.yml"), Contact)
    assert problems == []
    assert model is not None and model.address == "Số 12 Trần Hưng Đạo"


def test_decomposed_unicode_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text(unicodedata.normalize("NFD", CONTACT), encoding="utf-8")
    model, _ = validate(read_document(path, "c.yml"), Contact)
    assert model is not None
    assert model.name == "Bộ phận một cửa"
    assert unicodedata.is_normalized("NFC", model.name)


def test_a_file_saved_in_a_legacy_encoding_is_reported_at_its_first_bad_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.yml"
    # "Số" in Windows-1258: "ô" is one byte, the acute tone a combining byte after it.
    path.write_bytes(b"name: Bo phan\naddress: S\xf4\xec 12\n")
    document = read_document(path, "content/contacts/c.yml")
    assert [str(p) for p in document.problems] == [
        "content/contacts/c.yml:2:11: tệp không được lưu bằng mã UTF-8 (có thể là "
        'Windows-1258, TCVN3 hoặc VNI); hãy mở tệp và lưu lại với bảng mã "UTF-8"'
    ]


def test_every_position_is_recorded() -> None:
    document = parse("a:\n  - b: 1\n    c: [x, y]\n", "f.yml")
    mark = document.mark_at(("a", 0, "c", 1))
    assert (mark.line, mark.column) == (3, 12)
    key = document.mark_at(("a", 0, "c"), key=True)
    assert (key.line, key.column) == (3, 5)
