"""One helper for each job: a second copy of one of these jobs fails here, naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.format import decimal, number, thousands
from generator.load_csv import sniff_delimiter
from generator.schema import Procedure
from generator.seo import procedure_description

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

JOBS = [
    # (what, a pattern that does the job by hand, the one module allowed to)
    ("running git", re.compile(r"""\[\s*["']git["']"""), "git.py"),
    (
        "sniffing a CSV delimiter",
        re.compile(r"csv\.Sniffer|\.count\(\s*[\"'];[\"']\s*\)"),
        "load_csv.py",
    ),
    (
        "writing a decimal comma",
        re.compile(r"""\.replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)"""),
        "format.py",
    ),
    (
        "reading a field's label from its description",
        re.compile(r"\.description\)\[0\]|re\.split\(r\"\\\. \|"),
        "labels.py",
    ),
    (
        "reading a d/m/Y date",
        re.compile(r"\\d\{\{?1,2\}\}?\)\S{0,8}\[/"),
        "dates.py",
    ),
    ("writing a field path", re.compile(r"""f["']\[\{\w+ \+ 1\}\]["']"""), "errors.py"),
]


@pytest.mark.parametrize(("job", "pattern", "home"), JOBS, ids=[job for job, _, _ in JOBS])
def test_each_job_has_one_home(job: str, pattern: re.Pattern[str], home: str) -> None:
    found = sorted(
        str(path.relative_to(GENERATOR))
        for path in GENERATOR.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    )
    assert found == [home], f"{job}: done in {found}, should be only in {home}"


@pytest.mark.parametrize(
    ("text", "allowed", "expected"),
    [
        ("linh_vuc;tiep_nhan\nHộ tịch;12,5\nChứng thực;3\n", ",;", ";"),
        ("linh_vuc,tiep_nhan\nHộ tịch,12\n", ",;", ","),
        ("linh_vuc;tiep_nhan\n", ",;", ";"),
        ('"Đất đai, nhà ở";12;3\n"Hộ tịch";4;5\n', ",;", ";"),
        ("STT\tNội dung\tChủ trì\n1\tViệc, một\tVăn phòng\n", ",;\t", "\t"),
    ],
)
def test_one_csv_delimiter_sniffer(text: str, allowed: str, expected: str) -> None:
    assert sniff_delimiter(text, allowed) == expected


def test_numbers_read_the_vietnamese_way() -> None:
    assert decimal(7.25, 2) == "7,25" and decimal(1.04, 1) == "1,0"
    assert decimal(12.5) == "12,5" and decimal(3.0) == "3"
    assert thousands(1250000) == "1.250.000"
    assert number(46.8) == "46,8" and number(1234.5) == "1.234,5"


def test_a_fee_in_a_description_keeps_its_comma() -> None:
    procedure = Procedure.model_validate(
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "field": "Hộ tịch",
            "level": "Cấp xã",
            "decision": {"number": "1/QĐ-UBND", "date": "01/01/2026"},
            "subjects": ["Công dân"],
            "steps": ["Nộp hồ sơ"],
            "channels": [{"mode": "trực tiếp", "time_limit": "3 ngày", "fee": 50000}],
            "dossier": [{"name": "Tờ khai"}],
            "legal_basis": [{"number": "1/2026/QH15", "title": "Luật"}],
            "result": "Giấy khai sinh",
            "agencies": {"competent": "UBND phường", "implementing": "Công chức tư pháp"},
        }
    )
    assert "; phí, lệ phí 50.000 đồng." in procedure_description(procedure)
