"""Read a table from .xlsx, .csv or .tsv into rows of raw cell values, with their row numbers.

Cells stay raw (numbers stay numbers, ``<b>`` stays in the text) so each importer decides what
they mean; bold is taken from the cell's font in .xlsx and from ``<b>`` tags in text files.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..load_csv import sniff_delimiter
from .cells import is_bold_markup
from .report import ImportFailed

MAX_TEXT_BYTES = 20 * 1024 * 1024
"""A pasted table is kilobytes; refuse anything absurdly large rather than run out of memory."""

SPREADSHEET = (".xlsx", ".xlsm")
DELIMITED = (".csv", ".tsv", ".tab", ".txt")


@dataclass(frozen=True)
class Row:
    """One row of the source table."""

    number: int
    """Row number in the spreadsheet, or line number in a text file (from 1)."""
    values: tuple[object, ...]
    bold: tuple[bool, ...]

    def value(self, index: int | None) -> object:
        """The raw value of column ``index`` (None when the row is shorter or no column)."""
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def is_bold(self, index: int) -> bool:
        """Whether column ``index`` is bold."""
        return index < len(self.bold) and self.bold[index]


@dataclass
class Table:
    """The rows of a source table and what reading it taught us (encoding used)."""

    rows: Iterator[Row]
    notes: list[str]


def read_table(path: Path) -> Table:
    """Open ``path`` as a table; an ``ImportFailed`` in Vietnamese when it cannot be read."""
    suffix = path.suffix.casefold()
    if not path.is_file():
        raise ImportFailed(f"không tìm thấy tệp {path}")
    if suffix in SPREADSHEET:
        return Table(_xlsx_rows(path), [])
    if suffix == ".xls":
        raise ImportFailed(
            f"tệp {path.name} là bảng tính Excel 97–2003 (.xls), chưa đọc được; hãy mở bằng "
            "Excel và lưu lại dạng .xlsx (Lưu thành → Sổ làm việc Excel)"
        )
    if suffix in DELIMITED:
        return _delimited(path, suffix)
    raise ImportFailed(
        f'không đọc được loại tệp "{path.suffix or path.name}"; hãy lưu bảng dạng .xlsx, '
        ".csv hoặc .tsv (chép bảng từ Word sang Excel rồi lưu)"
    )


def _xlsx_rows(path: Path) -> Iterator[Row]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # openpyxl raises a dozen exception types for damaged or mislabelled files (zip errors,
    # KeyError for a missing part, XML errors): all mean the same thing to staff.
    except Exception:
        raise ImportFailed(
            f"không mở được tệp {path.name} như một bảng tính Excel (.xlsx); hãy mở bằng Excel "
            "và lưu lại dạng .xlsx"
        ) from None
    sheet = workbook.worksheets[0] if workbook.worksheets else None

    def rows() -> Iterator[Row]:
        """The sheet's rows; the workbook is closed when reading ends."""
        try:
            if sheet is None:
                return
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                values = tuple(getattr(cell, "value", None) for cell in cells)
                bold = tuple(
                    bool(getattr(getattr(cell, "font", None), "b", False)) for cell in cells
                )
                yield Row(number, values, bold)
        finally:
            workbook.close()

    return rows()


def decode_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a file saved by Excel, Word or Notepad: UTF-8 (BOM or not), UTF-16, or 1258."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    # Excel on a Vietnamese Windows saves "CSV" in the Windows-1258 code page.
    return raw.decode("cp1258", errors="replace"), [
        f"tệp {name} không lưu bằng mã UTF-8; đã đọc theo bảng mã Windows-1258 — hãy kiểm tra "
        "chữ có dấu trong kết quả (tốt nhất lưu lại dạng CSV UTF-8)"
    ]


def _delimited(path: Path, suffix: str) -> Table:
    raw = path.read_bytes()
    if len(raw) > MAX_TEXT_BYTES:
        raise ImportFailed(f"tệp {path.name} quá lớn cho một bảng ({len(raw) // 1024 // 1024} MB)")
    text, notes = decode_text(raw, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = "\t" if suffix != ".csv" else sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)

    def rows() -> Iterator[Row]:
        """The rows, each with the line it starts on."""
        start = 1
        try:
            for values in reader:
                cells = tuple(values)
                yield Row(start, cells, tuple(is_bold_markup(v) for v in cells))
                start = reader.line_num + 1
        except csv.Error as error:
            raise ImportFailed(
                f"{path.name}:{reader.line_num}: không đọc được dòng này của bảng ({error})"
            ) from None

    return Table(rows(), notes)
