"""Read a spreadsheet export (CSV) into the same positioned data as a YAML file.

Staff export monthly figures from the province's dossier system into a spreadsheet; saving it
as CSV is easier for them than writing YAML. Each row becomes one list item, each column the
field its header names (matched by meaning, without diacritics), so the same schema checks it
and its problems point at the row and the cell ("dòng 3, cột 5" = row 3, column E).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import Problem, Severity, os_reason
from .load import Document, Mark, MarkedDict, MarkedList, decode
from .text import did_you_mean, fold

RESULT_COLUMNS = {
    "linh vuc": "field",
    "tiep nhan truc tiep": "received_in_person",
    "tiep nhan truc tuyen": "received_online",
    "tiep nhan buu chinh": "received_postal",
    "tiep nhan qua buu chinh": "received_postal",
    "giai quyet truoc han": "resolved_early",
    "truoc han": "resolved_early",
    "giai quyet dung han": "resolved_on_time",
    "dung han": "resolved_on_time",
    "giai quyet tre han": "resolved_late",
    "tre han": "resolved_late",
    "qua han": "resolved_late",
    "dang giai quyet": "pending",
    "tra lai bo sung": "returned",
    "tra lai": "returned",
    "so hoa": "digitised",
    "da so hoa": "digitised",
    "ho so so hoa": "digitised",
    "so hoa ho so": "digitised",
    "rat hai long": "very_satisfied",
    "hai long": "satisfied",
    "khong hai long": "not_satisfied",
    "ghi chu": "note",
}
"""Column headers staff write (folded) -> field of ``FieldResult``; the field names work too."""


FORMULA_START = tuple("=+-@\t\r\n＝＋－＠")
"""First characters that make a spreadsheet run a cell as a formula (OWASP CSV injection)."""


def _cell(text: str) -> str:
    """A cell as written, without the quote our own downloads put before a formula-like text."""
    text = text.strip()
    if text.startswith("'") and text[1:].lstrip(" ").startswith(FORMULA_START):
        return text[1:]
    return text


def read_results_csv(path: Path, display: str) -> Document:
    """Read a monthly results CSV (comma or semicolon separated, UTF-8 with or without BOM)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Document(
            display, None, [Problem(display, 1, 1, "", f"không đọc được tệp ({os_reason(error)})")]
        )
    text, problem = decode(raw, display)
    if text is None:
        return Document(display, None, [problem] if problem else [])
    document = parse_results_csv(text, display)
    if problem is not None:
        document.problems.insert(0, problem)
    return document


def parse_results_csv(text: str, display: str) -> Document:
    """Turn the text of a results CSV into a positioned document; never raises."""
    document = Document(display, None, [])
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text, ",;"))
    try:
        line = 1
        for row in reader:
            # A quoted cell may hold line breaks: a row starts where the previous one ended.
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error:
        # A cell longer than the csv module allows, or a quote never closed at the end.
        document.problems.append(
            Problem(
                display,
                line,
                1,
                "",
                "tệp CSV hỏng từ dòng này (ô quá dài hoặc dấu ngoặc kép không đóng); "
                "hãy mở bằng Excel và lưu lại thành CSV UTF-8",
            )
        )
        return document
    header = next(((n, row) for n, row in rows if any(cell.strip() for cell in row)), None)
    if header is None:
        document.problems.append(Problem(display, 1, 1, "", "tệp trống; dòng đầu là tên các cột"))
        return document
    header_line, header_row = header
    known = sorted(set(RESULT_COLUMNS.values()))
    columns: list[str | None] = []
    for number, name_written in enumerate(header_row, start=1):
        name = _column(name_written)
        if name is None and name_written.strip():
            hint = did_you_mean(name_written, [*RESULT_COLUMNS, *known])
            document.problems.append(
                Problem(
                    display,
                    header_line,
                    number,
                    "",
                    f'cột "{name_written.strip()}" không được hỗ trợ{hint}',
                    Severity.WARNING,
                )
            )
        columns.append(name)
    if "field" not in columns:
        document.problems.append(
            Problem(display, header_line, 1, "", 'thiếu cột "Lĩnh vực" ở dòng tên cột')
        )
        return document
    body = [(n, row) for n, row in rows if n > header_line]
    items = MarkedList(Mark(body[0][0] if body else header_line + 1, 1))
    for line, row in body:
        if not any(cell.strip() for cell in row):
            continue
        item = MarkedDict(Mark(line, 1))
        for number, (name, cell) in enumerate(zip(columns, row, strict=False), start=1):
            if name is None or not cell.strip():
                continue
            item[name] = _cell(cell)
            item.key_marks[name] = Mark(header_line, number)
            item.value_marks[name] = Mark(line, number)
        items.append(item)
        items.item_marks.append(Mark(line, 1))
    data = MarkedDict(Mark(1, 1))
    data["fields"] = items
    data.key_marks["fields"] = data.value_marks["fields"] = items.mark
    document.data = data
    return document


def _column(header: str) -> str | None:
    folded = " ".join(fold(header).replace("_", " ").split())
    if folded in RESULT_COLUMNS:
        return RESULT_COLUMNS[folded]
    plain = folded.replace(" ", "_")
    return plain if plain in RESULT_COLUMNS.values() else None


def sniff_delimiter(text: str, delimiters: str = ",;\t") -> str:
    """The delimiter of a CSV among ``delimiters``, from its first twenty lines."""
    # Excel in a Vietnamese locale separates with ";" (the comma is the decimal mark).
    sample = "\n".join(text.split("\n")[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=delimiters).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t" if d in delimiters}
        return max(counts, key=lambda d: counts[d])
