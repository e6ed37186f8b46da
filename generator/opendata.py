"""The catalogue as open data: catalogue.json (with its JSON Schema) and catalogue.csv.

The CSV starts with a UTF-8 byte order mark so Excel opens Vietnamese text correctly, and has
Vietnamese column names: staff and citizens open it in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from pydantic import BaseModel, ConfigDict

from .lists import online_level
from .load_csv import FORMULA_START
from .model import Content
from .pages import procedure_path
from .schema import Procedure


class ChannelEntry(BaseModel):
    """Một cách thức thực hiện."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    mode: str
    """Cách nộp: trực tiếp, trực tuyến hoặc bưu chính."""
    time_limit: str
    """Thời hạn giải quyết."""
    fee: int
    """Phí, lệ phí (đồng); 0 là miễn phí."""
    fee_unit: str | None
    """Đơn vị tính phí (nếu có)."""


class CatalogueEntry(BaseModel):
    """Một thủ tục hành chính trong danh mục công khai của phường."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    code: str
    """Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính."""
    name: str
    """Tên thủ tục."""
    field: str
    """Lĩnh vực."""
    level: str
    """Cấp thực hiện."""
    status: str
    """Tình trạng: còn hiệu lực, được sửa đổi, được thay thế, bãi bỏ."""
    status_date: date | None
    """Ngày có tình trạng hiện tại."""
    replaced_by: str | None
    """Mã thủ tục thay thế."""
    online: str | None
    """Mức dịch vụ công trực tuyến: toàn trình, một phần, hoặc null."""
    one_stop: bool
    """Tiếp nhận tại Trung tâm Phục vụ hành chính công."""
    inter_agency: bool
    """Thủ tục liên thông."""
    vertical: bool
    """Thủ tục ngành dọc."""
    channels: list[ChannelEntry]
    """Các cách thức thực hiện."""
    decision: str
    """Quyết định công bố."""
    decision_date: date
    """Ngày quyết định công bố."""
    updated: date | None
    """Cập nhật lần cuối."""
    url: str
    """Trang của thủ tục."""


def _entry(content: Content, procedure: Procedure) -> CatalogueEntry:
    return CatalogueEntry(
        code=procedure.code,
        name=procedure.name,
        field=procedure.field,
        level=procedure.level,
        status=procedure.status,
        status_date=procedure.status_date,
        replaced_by=procedure.replaced_by,
        online=online_level(procedure),
        one_stop=procedure.one_stop,
        inter_agency=procedure.inter_agency,
        vertical=procedure.vertical,
        channels=[
            ChannelEntry(mode=c.mode, time_limit=c.time_limit, fee=c.fee, fee_unit=c.fee_unit)
            for c in procedure.channels
        ],
        decision=procedure.decision.number,
        decision_date=procedure.decision.date,
        updated=content.updated(procedure.code),
        url=content.config.site.url.rstrip("/") + "/" + procedure_path(procedure.code),
    )


def open_data_files(content: Content) -> dict[str, str]:
    """Site path -> text of every open data file."""
    return {
        "thu-tuc/catalogue.json": catalogue_json(content),
        "thu-tuc/catalogue.schema.json": catalogue_schema(),
        "thu-tuc/catalogue.csv": catalogue_csv(content),
        "ket-qua/ket-qua.csv": results_csv(content),
        "ket-qua/ket-qua.json": results_json(content),
        "xin-loi/xin-loi.csv": apologies_csv(content),
        "xin-loi/xin-loi.json": apologies_json(content),
    }


RESULT_HEADERS = (
    "Năm",
    "Tháng",
    "Lĩnh vực",
    "Tiếp nhận trực tiếp",
    "Tiếp nhận trực tuyến",
    "Tiếp nhận bưu chính",
    "Giải quyết trước hạn",
    "Giải quyết đúng hạn",
    "Giải quyết trễ hạn",
    "Đang giải quyết",
    "Trả lại bổ sung",
    "Hồ sơ số hóa",
    "Rất hài lòng",
    "Hài lòng",
    "Không hài lòng",
    "Ghi chú",
)


def _json(document: object) -> str:
    # Sorted keys and one-space indents: the same content always gives the same bytes.
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def neutralise(cell: object) -> object:
    """A cell that a spreadsheet would run as a formula, made plain text; others unchanged."""
    # Excel, LibreOffice and Google Sheets run a cell starting with "=", "+", "-", "@", a tab
    # or a line break (=HYPERLINK(…), @SUM(…), +1+1): OWASP's CSV injection guidance is to
    # put a single quote in front, which makes it plain text. The results import removes it.
    if isinstance(cell, str) and cell.lstrip(" ").startswith(FORMULA_START):
        return "'" + cell
    return cell


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> str:
    """CSV with a byte order mark and CRLF line ends, as Excel opens it; no cell is a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def results_csv(content: Content) -> str:
    """Every month's figures, one row per field (the same columns staff import)."""
    rows: list[list[object]] = []
    for month in content.results:
        for row in month.results.fields:
            rows.append([month.year, month.month, *row.model_dump().values()])
    return _csv(RESULT_HEADERS, rows)


def results_json(content: Content) -> str:
    """Every month's figures as JSON."""
    data = [
        {"year": m.year, "month": m.month, "fields": m.results.model_dump()["fields"]}
        for m in content.results
    ]
    return _json({"results": data})


APOLOGY_HEADERS = (
    "Số hồ sơ",
    "Mã thủ tục",
    "Ngày tiếp nhận",
    "Ngày hẹn",
    "Ngày hẹn lại",
    "Lý do",
    "Ngày xin lỗi",
    "Tình trạng",
    "Ngày trả kết quả",
)


def apologies_csv(content: Content) -> str:
    """The public apologies (already without personal data)."""
    rows: list[list[object]] = [
        [
            a.dossier,
            a.procedure,
            f"{a.received:%d/%m/%Y}",
            f"{a.due:%d/%m/%Y}",
            f"{a.new_due:%d/%m/%Y}",
            a.reason,
            f"{a.apologized:%d/%m/%Y}",
            a.status,
            f"{a.returned:%d/%m/%Y}" if a.returned else "",
        ]
        for a in sorted(content.apologies, key=lambda a: (a.apologized, a.dossier), reverse=True)
    ]
    return _csv(APOLOGY_HEADERS, rows)


def apologies_json(content: Content) -> str:
    """The public apologies as JSON."""
    data = [a.model_dump(mode="json") for a in content.apologies]
    data.sort(key=lambda a: (a["apologized"], a["dossier"]), reverse=True)
    return _json({"apologies": data})


def catalogue_json(content: Content) -> str:
    """All procedures (retired ones included, with their status) as JSON."""
    entries = [_entry(content, p).model_dump(mode="json") for p in content.procedures]
    document = {
        "$schema": "catalogue.schema.json",
        "ward": content.config.ward.authority,
        "procedures": entries,
    }
    return _json(document)


def catalogue_schema() -> str:
    """JSON Schema of ``catalogue.json``."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Danh mục thủ tục hành chính",
        "type": "object",
        "required": ["ward", "procedures"],
        "properties": {
            "$schema": {"type": "string"},
            "ward": {"type": "string", "description": "Cơ quan công bố."},
            "procedures": {
                "type": "array",
                "items": {"$ref": "#/$defs/CatalogueEntry"},
            },
        },
        "$defs": CatalogueEntry.model_json_schema(ref_template="#/$defs/{model}")["$defs"]
        | {
            "CatalogueEntry": _without_defs(
                CatalogueEntry.model_json_schema(ref_template="#/$defs/{model}")
            )
        },
    }
    return _json(schema)


def _without_defs(schema: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in schema.items() if key != "$defs"}


CSV_COLUMNS = (
    "Mã số",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Tình trạng",
    "Trực tuyến",
    "Tiếp nhận tại một cửa",
    "Liên thông",
    "Ngành dọc",
    "Thời hạn giải quyết",
    "Phí, lệ phí (đồng)",
    "Cách nộp",
    "Quyết định công bố",
    "Cập nhật lần cuối",
    "Địa chỉ trang",
)


def catalogue_csv(content: Content) -> str:
    """All procedures as CSV with a byte order mark and Vietnamese headers (one row each)."""
    yes_no = {True: "Có", False: "Không"}
    rows: list[list[object]] = []
    for procedure in content.procedures:
        entry = _entry(content, procedure)
        first = procedure.channels[0]
        rows.append(
            [
                entry.code,
                entry.name,
                entry.field,
                entry.level,
                entry.status,
                entry.online or "Không",
                yes_no[entry.one_stop],
                yes_no[entry.inter_agency],
                yes_no[entry.vertical],
                first.time_limit,
                "; ".join(f"{c.mode}: {c.fee}" for c in procedure.channels),
                ", ".join(c.mode for c in procedure.channels),
                f"{entry.decision} ngày {entry.decision_date:%d/%m/%Y}",
                f"{entry.updated:%d/%m/%Y}" if entry.updated else "",
                entry.url,
            ]
        )
    return _csv(CSV_COLUMNS, rows)
