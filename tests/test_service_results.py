"""Service results arithmetic (rates, periods, KPI checks, apologies) and the CSV reader."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from generator.load_csv import read_results_csv
from generator.schema import Apology, FieldResult, Kpi, MonthlyResults
from generator.service_results import (
    Month,
    Totals,
    add_up,
    apology_views,
    kpi_checks,
    periods,
    series,
)
from generator.validate import validate


def month(number: int, *rows: FieldResult, year: int = 2026) -> Month:
    """A month of results from field rows."""
    return Month(year, number, MonthlyResults(fields=list(rows)))


def test_rates_are_none_when_nothing_was_counted() -> None:
    empty = Totals()
    assert empty.on_time_rate is None
    assert empty.online_share is None
    assert empty.satisfaction_rate is None


def test_all_late_is_zero_percent_not_none() -> None:
    totals = add_up(
        [FieldResult(field="Hộ tịch", resolved_late=4, received_online=0, received_in_person=4)]
    )
    assert totals.on_time_rate == 0.0
    assert totals.online_share == 0.0


def test_rates_round_to_one_decimal() -> None:
    totals = add_up(
        [
            FieldResult(
                field="Hộ tịch",
                resolved_early=1,
                resolved_on_time=1,
                resolved_late=1,
                received_online=2,
                received_in_person=1,
                very_satisfied=1,
                satisfied=1,
                not_satisfied=1,
            ),
        ]
    )
    assert totals.on_time_rate == 66.7
    assert totals.online_share == 66.7
    assert totals.satisfaction_rate == 66.7
    assert totals.measure("tỷ lệ đúng hạn") == 66.7


def test_periods_add_up_months_and_list_missing_ones() -> None:
    months = [
        month(1, FieldResult(field="Hộ tịch", resolved_on_time=10)),
        month(2, FieldResult(field="Chứng thực", resolved_late=5)),
        # March is missing; April and May are in the second quarter.
        month(4, FieldResult(field="Hộ tịch", resolved_on_time=3)),
        month(
            5,
            FieldResult(field="Hộ tịch", resolved_early=1),
            FieldResult(field="Chứng thực", resolved_on_time=1),
        ),
        month(12, FieldResult(field="Hộ tịch", resolved_late=99), year=2025),
    ]
    this_month, quarter, year = periods(months)
    assert this_month.label == "Tháng 05/2026"
    assert this_month.totals.resolved == 2
    assert quarter.label == "Quý II/2026"
    assert quarter.totals.resolved == 5
    assert quarter.missing == []
    assert year.label == "Năm 2026 (đến tháng 05)"
    # Last year's December does not leak into this year.
    assert year.totals.resolved == 20
    assert year.missing == [3]
    assert [name for name, _ in year.by_field] == ["Hộ tịch", "Chứng thực"]
    assert dict(year.by_field)["Chứng thực"].on_time_rate == pytest.approx(16.7)


def test_series_has_a_gap_for_a_missing_month() -> None:
    months = [
        month(1, FieldResult(field="A", resolved_on_time=1)),
        month(3, FieldResult(field="A", resolved_late=1)),
    ]
    assert [(n, t is None) for _, n, t in series(months)] == [(1, False), (2, True), (3, False)]
    assert periods([]) == []
    assert series([]) == []


def kpi(comparison: str, target: str) -> Kpi:
    """A KPI measured by the on-time rate."""
    return Kpi.model_validate(
        {
            "name": "Đúng hạn",
            "unit": "%",
            "target": target,
            "lead": "vp",
            "comparison": comparison,
            "measure": "tỷ lệ đúng hạn",
        }
    )


@pytest.mark.parametrize(
    ("comparison", "target", "met"),
    [
        ("tối thiểu", "90", True),
        ("tối thiểu", "90.1", False),
        ("tối đa", "90", True),
        ("tối đa", "89.9", False),
        ("bằng", "90", True),
        ("bằng", "100", False),
    ],
)
def test_kpi_met_by_comparison(comparison: str, target: str, met: bool) -> None:
    year = periods([month(1, FieldResult(field="A", resolved_on_time=9, resolved_late=1))])[-1]
    (check,) = kpi_checks([kpi(comparison, target)], year)
    assert check.value == 90.0
    assert check.met is met


def test_kpi_without_figures_is_unknown_and_unmeasured_kpis_are_left_out() -> None:
    plain = Kpi.model_validate({"name": "Khác", "unit": "%", "target": "1", "lead": "vp"})
    (check,) = kpi_checks([kpi("tối thiểu", "90"), plain], None)
    assert check.value is None
    assert check.met is None


def apology(dossier: str, new_due: str, status: str, returned: str | None = None) -> Apology:
    """An apology with the given new date and status."""
    data = {
        "dossier": dossier,
        "procedure": "1.001193",
        "received": "01/10/2026",
        "due": "02/10/2026",
        "new_due": new_due,
        "reason": "Xác minh.",
        "apologized": "02/10/2026",
        "status": status,
    }
    if returned:
        data["returned"] = returned
    return Apology.model_validate(data)


def test_apology_kept_late_and_overdue() -> None:
    views = apology_views(
        [
            apology("H19.***.0001", "05/10/2026", "đã trả kết quả", "05/10/2026"),
            apology("H19.***.0002", "05/10/2026", "đã trả kết quả", "07/10/2026"),
            apology("H19.***.0003", "05/10/2026", "chưa trả kết quả"),
            apology("H19.***.0004", "30/10/2026", "chưa trả kết quả"),
        ],
        {"1.001193": "Đăng ký khai sinh"},
        today=date(2026, 10, 20),
    )
    by_dossier = {view.apology.dossier: view for view in views}
    assert by_dossier["H19.***.0001"].kept is True
    assert by_dossier["H19.***.0002"].kept is False
    assert (by_dossier["H19.***.0003"].kept, by_dossier["H19.***.0003"].overdue) == (False, True)
    assert (by_dossier["H19.***.0004"].kept, by_dossier["H19.***.0004"].overdue) == (None, False)
    assert by_dossier["H19.***.0001"].procedure_name == "Đăng ký khai sinh"
    # Newest apology first; same day: higher dossier number first.
    assert [view.apology.dossier[-4:] for view in views] == ["0004", "0003", "0002", "0001"]


def read(tmp_path: Path, raw: bytes) -> tuple[list[str], MonthlyResults | None]:
    """Read and validate a CSV; return the problems as staff see them and the model."""
    path = tmp_path / "2026-10.csv"
    path.write_bytes(raw)
    document = read_results_csv(path, "content/results/2026-10.csv")
    if document.data is None:
        return [str(p) for p in document.problems], None
    model, problems = validate(document, MonthlyResults)
    return [str(p) for p in sorted(document.problems + problems)], model


def test_csv_excel_semicolons_bom_crlf_and_headers_without_diacritics(tmp_path: Path) -> None:
    raw = (
        "\ufeffLinh vuc;Tiep nhan truc tuyen;Đúng hạn;received_postal\r\n"
        "Hộ tịch;5;4;1\r\n;;;\r\nChứng thực;0;2;0\r\n"
    ).encode()
    problems, model = read(tmp_path, raw)
    assert problems == []
    assert model is not None
    assert [
        (r.field, r.received_online, r.resolved_on_time, r.received_postal) for r in model.fields
    ] == [("Hộ tịch", 5, 4, 1), ("Chứng thực", 0, 2, 0)]


def test_csv_problems_point_at_row_and_column(tmp_path: Path) -> None:
    raw = ("Lĩnh vực,Tiếp nhận trực tiếp,Hai lon,Trả lại\nHộ tịch,1.234,3,-1\n,2,,\n").encode()
    problems, _ = read(tmp_path, raw)
    assert problems == [
        'content/results/2026-10.csv:1:3: cảnh báo: cột "Hai lon" không được hỗ trợ'
        ' — có phải "hai long"?',
        "content/results/2026-10.csv:2:2: fields[1].received_in_person: cần số hồ sơ viết liền"
        ' không có dấu chấm, dấu phẩy (viết 1234), nhận được "1.234"',
        "content/results/2026-10.csv:2:4: fields[1].returned: cần một số nguyên không âm"
        ' (số hồ sơ), nhận được "-1"',
        "content/results/2026-10.csv:3:1: fields[2].field: thiếu trường bắt buộc (Lĩnh vực)",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\n\n", "content/results/2026-10.csv:1:1: tệp trống; dòng đầu là tên các cột"),
        (
            "Tiếp nhận trực tiếp\n3\n".encode(),
            'content/results/2026-10.csv:1:1: thiếu cột "Lĩnh vực" ở dòng tên cột',
        ),
    ],
)
def test_csv_without_header_or_field_column(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert read(tmp_path, raw) == ([expected], None)


def windows_1258(text: str) -> bytes:
    """Text as Excel on a Vietnamese Windows saves "CSV": base letters plus combining tones."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            # ư, ơ, â … are single code points in cp1258; only the tone mark is combining.
            letter = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in "\u031b\u0302\u0306")
            )
            tone = "".join(m for m in marks if m not in "\u031b\u0302\u0306")
            out += (letter + tone).encode("cp1258")
    return out


def test_csv_in_a_legacy_encoding_is_refused_with_a_hint(tmp_path: Path) -> None:
    problems, model = read(tmp_path, windows_1258("Lĩnh vực,Hài lòng\nHộ tịch,3\n"))
    assert model is None
    assert len(problems) == 1
    assert problems[0].startswith("content/results/2026-10.csv:")
    assert "UTF-8" in problems[0]
