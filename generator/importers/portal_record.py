"""Import a procedure detail record from the national portal, as a crawler saves it (JSON).

A crawler copies the page's text, so every table arrives flattened into one string: the channel
table is "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phí…", the dossier repeats
"Tên giấy tờMẫu đơn, tờ khaiSố lượng" before each group and glues each quantity ("1 bản chính")
to the next item, the legal basis glues each title to its number ("…Trung ương85/2019/TT-BTC"),
and the result carries the page's interface ("Chọn cơ quan thực hiện…Nộp hồ sơ"). Each parser
below recovers what it can and says, in Vietnamese, what it could not; nothing is guessed: a
value the record does not give (the decision's date, the unit of "1" in the time column, the
level of online service) is left blank for a human, which makes the file a draft.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import Project
from ..text import fold
from .cells import clean, clean_field, one_line
from .portal_list import procedure_code
from .report import PROGRESS_EVERY, ImportFailed, Progress, Report, no_progress
from .store import Saver, place_procedure, procedures_by_code
from .writer import Note, blank

MAX_RECORD_BYTES = 50 * 1024 * 1024


@dataclass
class Issues:
    """What a parser could not recover, by record field, and what a human should re-read."""

    unparsed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def cannot(self, source_field: str, message: str, *, blanked: bool = False) -> None:
        """A part of the record that could not be turned into content.

        Unless a "CẦN ĐIỀN" placeholder already marks it (``blanked``), it is also written
        in the file's header, so nothing the record held is dropped without a trace.
        """
        self.unparsed.append(f"{source_field}: {message}")
        if not blanked:
            self.review.append(f"{source_field}: không đọc được — {message}")

    def check(self, message: str) -> None:
        """Something recovered that a human should compare with the portal."""
        self.review.append(message)


def _depths(text: str) -> list[int]:
    """The parenthesis depth at each character (text in brackets is never split)."""
    depth, out = 0, []
    for char in text:
        if char == "(":
            depth += 1
        out.append(depth)
        if char == ")" and depth:
            depth -= 1
    return out


def _unwrap_brackets(text: str) -> str:
    """ "((Miễn lệ phí.))" → "Miễn lệ phí." (the portal doubles them at random)."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depths = _depths(text)
        # Only when the first bracket closes at the very end: "(a) và (b)" stays.
        if any(d == 1 and c == ")" for d, c in zip(depths[:-1], text[:-1], strict=True)):
            break
        text = text[1:-1].strip()
    return text


# --- channels ---------------------------------------------------------------------------

_CHANNEL_HEADER = re.compile(r"^\s*Hình thức nộp\s*Thời gian\s*Phí,?\s*lệ phí\s*(?:Mô tả)?\s*")
_NOT_PUBLISHED = "Không có thông tin"
# Cells are glued ("20,000 VNĐTrực tiếp…"), so no word boundary after a unit.
_MONEY_UNIT = r"(?:Việt Nam Đồng|VNĐ|VND|vnđ|Đồng|đồng)"
_AMOUNT_TEXT = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_FREE = re.compile(
    r"(?:Miễn phí|Miễn lệ phí|Không thu phí|Không thu lệ phí|Không mất phí|Không phải trả phí"
    r"|Không phải nộp phí|Không phải nộp lệ phí)"
)
# A row of the portal's table starts with its mode glued to the next cell ("Trực tiếp7 Ngày",
# "Trực tuyếnMiễn phí", "Dịch vụ bưu chínhKhông có thông tin"): a mode word inside a sentence
# ("+ Trực tuyến: nộp hồ sơ…", "nộp trực tiếp tại…") is followed by a space or punctuation.
_ROW_START = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính(?: công ích)?)"
    rf"(?=\d|{_NOT_PUBLISHED}|Miễn|Không|Lệ phí|Phí\s*:|$)"
)
_ROW_MODES = {"Trực tiếp": "trực tiếp", "Trực tuyến": "trực tuyến"}
_MODE_ORDER = ["trực tiếp", "trực tuyến", "bưu chính"]
_TIME_CELL = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)"
)
_FEE_ITEM = re.compile(
    rf"(?:(?P<label>Lệ phí|Phí)\s*:\s*)?(?P<amount>{_AMOUNT_TEXT})?\s*(?P<unit>{_MONEY_UNIT})"
)
_TIME_UNIT = re.compile(r"[^\W\d_]")
_FEE_START = re.compile(
    rf"{_FREE.pattern}|{_NOT_PUBLISHED}|(?:Lệ phí|Phí)\s*:|(?:{_AMOUNT_TEXT})\s*{_MONEY_UNIT}"
)


@dataclass
class _Row:
    """One row of the portal's channel table, as its cells were glued."""

    mode: str
    time: str
    fees: list[tuple[int | None, str, str]]
    """Each fee: amount (0 free, None not stated), label ("Lệ phí", "Phí" or ""), its note."""
    fee_seen: str
    description: str


def parse_channels(text: str, issues: Issues, online_url: str | None) -> list[Any]:
    """The channel table: mode, time limit, fee(s) and description of each way of submitting."""
    body = _CHANNEL_HEADER.sub("", clean(text).strip())
    depths = _depths(body)
    # A row glued after a bracket the portal left open ("100,000 VNĐ((Phí thẩm định )Trực
    # tiếp5 Ngày…") still starts a row: its cell closed with the ")".
    starts = [
        m
        for m in _ROW_START.finditer(body)
        if depths[m.start()] == 0 or body[m.start() - 1 : m.start()] == ")"
    ]
    if not starts:
        if body:
            issues.cannot("cach_thuc_thuc_hien", f'không nhận ra cách nộp nào trong "{body[:80]}"')
        return []
    if body[: starts[0].start()].strip():
        issues.cannot(
            "cach_thuc_thuc_hien", f'bỏ qua chữ "{body[: starts[0].start()].strip()[:80]}"'
        )
    rows: list[_Row] = []
    for number, match in enumerate(starts):
        stop = starts[number + 1].start() if number + 1 < len(starts) else len(body)
        mode = _ROW_MODES.get(match.group(1), "bưu chính")
        rows.append(_row(mode, body[match.end() : stop]))
    by_mode: dict[str, list[_Row]] = {}
    for row in rows:
        by_mode.setdefault(row.mode, []).append(row)
    return [
        _channel(mode, by_mode[mode], issues, online_url) for mode in _MODE_ORDER if mode in by_mode
    ]


def _row(mode: str, cells: str) -> _Row:
    """Split "7 Ngày làm việc20,000 Việt Nam Đồng(/văn bản)Nộp tại…" into its cells."""
    rest = cells
    time = ""
    if rest.startswith(_NOT_PUBLISHED):
        rest = rest[len(_NOT_PUBLISHED) :]
    elif timed := _TIME_CELL.match(rest):
        time, rest = timed.group(0), rest[timed.end() :]
    elif bare := re.match(r"\d+", rest):
        digits = bare.group(0)
        after = rest[bare.end() :]
        glued_money = re.match(rf"[.,]?[\d.,]*\s*{_MONEY_UNIT}", after)
        if glued_money and not re.match(r"\s", after):
            # "Trực tuyến120,000 VNĐ": the time column held a bare "1" and the fee
            # column "20,000 VNĐ"; the portal's time cells without a unit are one digit.
            time, rest = digits[0], rest[1:]
        else:
            time, rest = digits, after
    elif not _FEE_START.match(rest) and (fee_at := _FEE_START.search(rest[:200])):
        # A time cell in words: "Không phải trả kết quả cho người nộp thuếMiễn phí…".
        time, rest = rest[: fee_at.start()].strip(), rest[fee_at.start() :]
    fees: list[tuple[int | None, str, str]] = []
    fee_start = rest
    while True:
        before, rest = rest, rest.lstrip(" ;,")
        if rest.startswith(_NOT_PUBLISHED) and not fees:
            fees.append((None, "", ""))
            rest = rest[len(_NOT_PUBLISHED) :]
            break
        label = ""
        if free := _FREE.match(rest):
            amount: int | None = 0
            rest = rest[free.end() :]
        elif (fee := _FEE_ITEM.match(rest)) and (fee.group("amount") or fee.group("label")):
            label = fee.group("label") or ""
            amount = int(re.sub(r"[.,]", "", fee.group("amount"))) if fee.group("amount") else None
            rest = rest[fee.end() :]
        else:
            rest = before
            break
        note, rest = _bracket(rest)
        fees.append((amount, label, note))
    fee_seen = fee_start[: len(fee_start) - len(rest)].strip()
    return _Row(mode, time, fees, fee_seen, _unwrap_brackets(rest.strip()))


def _bracket(text: str) -> tuple[str, str]:
    """A balanced "(…)" at the start of the text (the fee cell's own note) and what follows."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return _unwrap_brackets(text[: position + 1]), text[position + 1 :]
    # Never closed ("((Phí thẩm định )"): the whole cell is the note, without stray brackets.
    return _unwrap_brackets(text).lstrip("( ").rstrip(") "), ""


def _money_text(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _channel(mode: str, rows: list[_Row], issues: Issues, online_url: str | None) -> dict[str, Any]:
    """One channel from its row(s): several rows of one mode are cases of that channel."""
    where = f'cách "{mode}"'
    channel: dict[str, Any] = {"mode": mode}
    times = list(dict.fromkeys(row.time for row in rows if row.time))
    if not times:
        channel["time_limit"] = blank("thời hạn giải quyết (Cổng ghi: Không có thông tin)")
        issues.cannot("cach_thuc_thuc_hien", f"{where}: Cổng không ghi thời hạn", blanked=True)
    elif not all(_TIME_UNIT.search(t) for t in times):
        # The portal's column is "1", "5"… without its unit: days? working days? hours?
        shown = "; ".join(times)
        channel["time_limit"] = blank("thời hạn giải quyết kèm đơn vị", seen=shown)
        issues.cannot(
            "cach_thuc_thuc_hien",
            f'{where}: thời hạn "{shown}" không rõ đơn vị (ngày? giờ?)',
            blanked=True,
        )
    else:
        channel["time_limit"] = "; ".join(times)
        if len(times) > 1:
            issues.check(f"cach_thuc_thuc_hien: {where} có {len(times)} thời hạn theo trường hợp")
    fees = [fee for row in rows for fee in row.fees]
    amounts = list(dict.fromkeys(amount for amount, _, _ in fees))
    notes = list(dict.fromkeys(note for _, _, note in fees if note))
    unit = next((n[1:].strip() for n in notes if n.startswith("/")), None)
    notes = [n for n in notes if not n.startswith("/")]
    seen = "; ".join(dict.fromkeys(row.fee_seen for row in rows if row.fee_seen))[:120]
    if not fees:
        channel["fee"] = blank("phí, lệ phí (số tiền, đồng; 0 nếu miễn phí)")
        issues.cannot("cach_thuc_thuc_hien", f"{where}: không có phí, lệ phí", blanked=True)
    elif amounts == [None]:
        channel["fee"] = blank("phí, lệ phí (số tiền, đồng; 0 nếu miễn phí)", seen=seen)
        issues.cannot(
            "cach_thuc_thuc_hien", f'{where}: Cổng không ghi số tiền "{seen}"', blanked=True
        )
    elif len(amounts) == 1 and amounts[0] is not None and not 0 < amounts[0] < 1000:
        channel["fee"] = amounts[0]
    elif len(amounts) == 1:
        # "120 VNĐ" with a note saying "20.000 vnđ/tờ khai": no fee is under 1.000 đồng.
        channel["fee"] = blank("phí, lệ phí (số tiền, đồng)", seen=seen)
        issues.cannot(
            "cach_thuc_thuc_hien",
            f'{where}: số tiền "{seen}" có vẻ sai (dưới 1.000 đồng)',
            blanked=True,
        )
    elif cases := _row_cases(rows):
        # "Lệ phí : 10.000 Đồng(Đăng ký lần đầu)Phí : 5.000 Đồng(Cấp lại)", or one row per
        # case: each amount with its case; the channel's own fee is the staff's call.
        channel["fee"] = blank("phí, lệ phí chung: Cổng ghi nhiều mức, xem fee_cases", seen=seen)
        channel["fee_cases"] = cases
        issues.cannot(
            "cach_thuc_thuc_hien", f"{where}: nhiều mức phí, lệ phí theo trường hợp", blanked=True
        )
        notes = []  # every fee's note is its case
    else:
        channel["fee"] = blank("phí, lệ phí: Cổng ghi nhiều mức, xem fee_note", seen=seen)
        issues.cannot("cach_thuc_thuc_hien", f"{where}: nhiều mức phí, lệ phí", blanked=True)
        notes = [
            " ".join(
                part
                for part in (
                    f"{label}:" if label else "",
                    "Miễn phí" if amount == 0 else _money_text(amount) if amount else "",
                    f"({note})" if note else "",
                )
                if part
            )
            for amount, label, note in fees
        ]
        notes = list(dict.fromkeys(notes))
    if notes and "fee_cases" not in channel and isinstance(channel["fee"], int):
        # "(- Gia hạn tạm trú (cá nhân, hộ gia đình): + Trường hợp … thu 7.000 đồng/lần
        # đăng ký.)": cases the fee's note states with their own amount.
        found, rest = _note_cases(notes, channel["fee"])
        if found:
            channel["fee_cases"] = found
            notes = rest
            issues.check(f"cach_thuc_thuc_hien: {where}: mức phí theo trường hợp lấy từ ghi chú")
    if unit:
        channel["fee_unit"] = unit
    if notes:
        channel["fee_note"] = "; ".join(notes)
    descriptions = list(dict.fromkeys(row.description for row in rows if row.description))
    if len(rows) > 1 and len(times) > 1:
        descriptions = [
            f"{row.time}: {row.description}" if row.description else row.time
            for row in rows
            if row.time
        ]
    if descriptions:
        channel["description"] = "\n".join(descriptions)
    if mode == "trực tuyến":
        if online_url:
            channel["url"] = online_url
        folded = fold(" ".join(descriptions + notes))
        if "toan trinh" in folded:
            channel["level"] = "toàn trình"
        elif "mot phan" in folded:
            channel["level"] = "một phần"
        else:
            channel["level"] = blank('mức dịch vụ công trực tuyến: "toàn trình" hoặc "một phần"')
            issues.cannot(
                "cach_thuc_thuc_hien", "không ghi mức dịch vụ công trực tuyến", blanked=True
            )
    return channel


def _row_cases(rows: list[_Row]) -> list[dict[str, Any]]:
    """Each amount of a channel with its case (the fee's note, else its row's description).

    Empty when an amount is not stated or has no case to tell it apart.
    """
    cases: list[dict[str, Any]] = []
    for row in rows:
        for amount, label, note in row.fees:
            case = note or (row.description if len(rows) > 1 else "")
            if amount is None or not case or case.startswith("/"):
                return []
            if label:
                case = f"{case} ({label.lower()})"
            entry = {"case": case, "fee": amount}
            if entry not in cases:
                cases.append(entry)
    return cases if len({c["case"] for c in cases}) == len(cases) > 1 else []


_NOTE_CASE = (
    re.compile(  # "Gia hạn tạm trú: + Trường hợp … thu 7.000 đồng/lần đăng ký"
        rf"(?P<case>.+?)\s*[:]?\s*\+?\s*(?:thu\s+)?(?P<amount>{_AMOUNT_TEXT})\s*(?:{_MONEY_UNIT}|đ)"
        r"(?:\s*/\s*(?P<unit>[^.;()]+?))?"
    ),
    re.compile(  # "200.000 đồng đối với hàng quá cảnh"
        rf"(?P<amount>{_AMOUNT_TEXT})\s*(?:{_MONEY_UNIT}|đ)(?:\s*/\s*(?P<unit>\S+))?"
        r"\s+(?P<case>đối với .+)"
    ),
)


def _note_cases(notes: list[str], fee: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Cases a fee's note states with an amount other than the channel's, and the other notes.

    A note is taken only when each of its segments ("- …", "…;") is exactly "case: amount/unit"
    or "amount đối với case", so no word of it is left out; otherwise it stays a note.
    """
    cases: list[dict[str, Any]] = []
    rest: list[str] = []
    for note in notes:
        found: list[dict[str, Any]] = []
        for segment in re.split(r";\s*|\s+-\s+|^-\s*", note):
            text = segment.strip(" .;")
            if not text:
                continue
            match = next((m for p in _NOTE_CASE if (m := p.fullmatch(text))), None)
            amount = int(re.sub(r"[.,]", "", match.group("amount"))) if match else 0
            if match is None or amount == fee or amount < 1000:
                found = []
                break
            case = re.sub(
                r"\s*:\s*\+\s*(\w)", lambda m: ", " + m[1].lower(), match.group("case").strip(" :+")
            )
            entry: dict[str, Any] = {"case": case[:1].upper() + case[1:], "fee": amount}
            if match.group("unit"):
                entry["fee_unit"] = match.group("unit").strip()
            found.append(entry)
        if found:
            cases += found
        else:
            rest.append(note)
    return cases, rest


# --- dossier ----------------------------------------------------------------------------

_DOSSIER_HEADER = re.compile(r"Tên giấy tờ\s*Mẫu đơn,?\s*tờ khai\s*Số lượng")
# A count glued after a date's year ("…ngày 28/8/20201 bản chính") is its last digit.
_COUNT = r"(?:(?<=\d{4})\d|(?<!\d)\d{1,2})"
_QUANTITY = re.compile(
    rf"(?P<o>{_COUNT})\s*bản chính\s*,\s*(?P<c>\d+)\s*bản sao"
    r"|Bản chính:\s*(?P<o2>\d+)\s*-?\s*Bản sao:\s*(?P<c2>\d+)"
    rf"|(?P<n>{_COUNT})\s*(?P<kind>bản chính|bản sao(?: có chứng thực)?|bản chụp|bản điện tử"
    r"|bản gốc|bản(?![^\W\d_]))"
)
_NAME_QUANTITY = re.compile(
    r"(?:\s*[:(]\s*|\s+|(?<=[^\W\d_]))"
    r"((?:nộp\s+)?(?:bản chính\s+)?\d+\s*bản(?:\s+(?:chính|sao|chụp|gốc))?"
    r"(?:,?\s*(?:và\s+)?\d+\s*bản(?:\s+(?:chính|sao|chụp|gốc))?)?)\)?\s*$"
)
_FORM_EXTENSION = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt)\s*$", re.I)
_GLUED_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ0123456789")
_ITEM_MARK = re.compile(r"^(?:[-+•*–]\s*)+")
_STEP_TEXT = re.compile(r"\bBước\s*\d+\s*[:.]")


def _item_boundary(text: str, end: int) -> bool:
    """Whether a quantity ends an item: what follows starts a new one, a group, or nothing."""
    after = text[end:].lstrip(" ")
    return (
        not after
        or after[0] in "-+*•–("
        or after[0].isupper()
        or bool(re.match(r"(?:[a-zđ]|\d{1,2})[.)]\s?", after))
    )


def _form_file(name: str) -> tuple[str, str | None]:
    """ "…theo mẫu;Mau-TK.docx" → ("…theo mẫu;", "Mau-TK.docx"): a form's file name glued on.

    The file name runs back from its extension to the first ".", ";" or ")" glued to it (a
    Vietnamese name can hold spaces: "…Bộ Công an)Mẫu CC01 Phiếu thu nhận.doc").
    """
    extension = _FORM_EXTENSION.search(name)
    if not extension:
        return name, None
    position = extension.start() - 1
    while position > 0 and position > extension.start() - 120:
        char = name[position]
        if char in ".;)" and position + 1 < extension.start() and not name[position + 1].isspace():
            return name[: position + 1], name[position + 1 :].strip()
        if char.isupper() and name[position + 1].islower() and name[position - 1] in _GLUED_END:
            # "…Thông tư số 67/2025/TT-BXDMẫu số 01.docx": a capitalised word glued on.
            return name[:position], name[position:].strip()
        position -= 1
    return name, None


def _heading(text: str) -> str | None:
    """A dossier group's heading as the portal shows it; "--" means none."""
    heading = one_line(text).strip(" -+*•").rstrip(":").strip()
    return heading or None


def parse_dossier(text: str, issues: Issues) -> tuple[list[Any], list[str]]:
    """Dossier items (name, copies, group heading), and text that could not be placed."""
    text = clean(text).replace("\n", " ")
    if not text:
        return [], []
    if _STEP_TEXT.search(text):
        issues.check(
            'thanh_phan_ho_so: trên Cổng có chữ của trình tự thực hiện ("Bước …") trong thành '
            "phần hồ sơ; trường này có thể bị chép sai, hãy đối chiếu với quyết định công bố"
        )
    parts = _DOSSIER_HEADER.split(text)
    if len(parts) == 1:
        return _dossier_lines(text, issues), []
    items: list[Any] = []
    notes: list[str] = []
    heading = _heading(parts[0])
    grouped = len(parts) > 2 or heading is not None
    for number, body in enumerate(parts[1:], start=1):
        last = number == len(parts) - 1
        start = 0
        for match in _QUANTITY.finditer(body):
            if not _item_boundary(body, match.end()):
                continue
            entry = body[start : match.start()].strip()
            start = match.end()
            if not entry:
                continue
            name, form = _form_file(_ITEM_MARK.sub("", entry).strip())
            name = name.strip().rstrip(";,.").strip()
            if form:
                issues.check(
                    f'thanh_phan_ho_so: mẫu "{form}" của "{name[:60]}": tải về content/forms/ '
                    "rồi ghi form.file"
                )
            item: dict[str, Any] = {"name": name}
            if said := _NAME_QUANTITY.search(name):
                # "Hóa đơn thương mại (nếu có): 01 bản chụp" beside the column's "1 bản sao":
                # the name's own quantity becomes the item's note, so names end in a name.
                item["name"] = name[: said.start()].rstrip(" :;,.")
                item["note"] = said.group(1)
            if copies := _copies(match):
                item["copies"] = copies
            if grouped and heading:
                item["group"] = heading
            items.append(item)
        leftover = body[start:].strip()
        if not last:
            # Before the next repeated column header: that group's heading.
            heading = _heading(leftover)
        elif leftover:
            issues.cannot("thanh_phan_ho_so", f'không rõ số lượng của "{leftover[:80]}"')
            notes.append(_ITEM_MARK.sub("", leftover))
    return items, notes


def _copies(match: re.Match[str]) -> str | None:
    """ "1 bản chính,1 bản sao" → "1 bản chính, 1 bản sao"; quantities of 0 are left out."""
    if match.group("n") is not None:
        count = int(match.group("n"))
        return f"{match.group('n')} {match.group('kind')}" if count else None
    original = match.group("o") or match.group("o2")
    copies = match.group("c") or match.group("c2")
    parts = [f"{original} bản chính"] if int(original) else []
    parts += [f"{copies} bản sao"] if int(copies) else []
    return ", ".join(parts) or None


def _dossier_lines(text: str, issues: Issues) -> list[Any]:
    pieces = [p.strip() for p in re.split(r"(?:^|\s)[-+•]\s+", text) if p.strip()]
    issues.cannot(
        "thanh_phan_ho_so", "không có bảng giấy tờ; mỗi dòng thành một giấy tờ, chưa rõ số lượng"
    )
    return [{"name": p.rstrip(";,.")} for p in pieces]


# --- legal basis ------------------------------------------------------------------------

_LEGAL_HEADER = re.compile(r"^\s*Tên văn bản(?: pháp lý)?\s*(?:Mã|Số hiệu|Số) văn bản\s*")
# Symbols use Vietnamese capitals too ("UBTƯMTTQVN", "BLĐTBXH") and "/" between issuers
# ("TTLT/BGDĐT-BTC"); old numbers have no year and a dash ("73-CP", "13-TB/TW").
_UPPER = "A-ZĐƯƠÂÊÔĂ"
_SYMBOL = rf"(?:TTg|[{_UPPER}][{_UPPER}0-9&]*)"  # "BNN&PTNT"
_NUMBER = (
    rf"(?:\d+(?:\.\d+|\.?[a-z](?![a-z]))?(?:/\d{{4}})?/{_SYMBOL}(?:[-/]{_SYMBOL})*"  # "08.a/2010/…"
    rf"|\d+-{_SYMBOL}(?:/{_SYMBOL})?)"
)
_NUMBER_AT_END = re.compile(rf"{_NUMBER}$")
_ISSUER_AT_END = re.compile(
    r"\d[/-](?:[A-ZĐ]+[-/])*(?:CP|TTg|QH\d{2}|UBTVQH\d{2}|BTC|BCA|BTP|BYT|BXD|BHXH|BLĐTBXH|BQP|NHNN"
    r"|BNV|BKHĐT|BGTVT|BTNMT|BNNPTNT|BNNMT|BCT|BGDĐT|BVHTTDL|BTTTT|BKHCN|UBND|HĐND|VPCP|TW)$"
)
_DOC_TYPES = (
    r"(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?"
    r"|Quyết định|Chỉ thị|Văn bản|Hướng dẫn|Sửa đổi|Công văn|Kế hoạch)"
)
# "Thông tư số 53/2025/TT-BCA" cites its own number; "Thông tư03/2025/TT-VPCP" (no space) is
# the title column "Thông tư" glued to the number column.
_OWN_NUMBER = re.compile(rf"(?:số|{_DOC_TYPES})\s+{_NUMBER}$")
_NEXT_TITLE = re.compile(rf"\s+{_DOC_TYPES}\b")
_GLUED_TYPE = re.compile(rf"(?<=\S)\s*{_DOC_TYPES}(?: số)?\s*$")
_DATE_AFTER = r"\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"


def _boundaries(text: str) -> Iterator[int]:
    """Positions where one "title + number" entry ends and the next title begins."""
    bare_ends: set[int] = set()
    last = 0
    for bare in re.finditer(r"(?<![\d/.])(\d+/\d{4})(?=[A-ZĐ][a-zà-ỹ])", text):
        # "…của Chính phủ167/2025Nghị định…": a number column without its symbol, after a
        # title citing "167/2025/NĐ-CP".
        if f"{bare.group(1)}/" in text[max(0, bare.start() - 400) : bare.start()]:
            bare_ends.add(bare.end())
    for match in re.finditer(
        rf"[{_UPPER}0-9g](?![{_UPPER}0-9/-])|[{_UPPER}0-9g](?=[{_UPPER}0-9])", text
    ):
        end = match.end()
        if end in bare_ends:
            last = end
            yield end
            continue
        if "/" not in text[max(0, end - 40) : end] and not re.search(
            rf"\d-[{_UPPER}]+$", text[max(0, end - 12) : end]
        ):
            continue  # no document number can end here ("73-CP" has no "/")
        following = text[end : end + 2]
        glued = len(following) == 2 and following[0].isupper() and following[1].islower()
        spaced = bool(_NEXT_TITLE.match(text, end))
        # "…166/2016/NĐ-CPLUẬT Bảo hiểm…58/2014/QH13BAN HÀNH…": an upper-case title glued
        # after a number whose symbol ends with a known issuer.
        window = text[max(0, end - 60) : end]
        issuer = bool(_ISSUER_AT_END.search(window))
        shouting = following[:1].isupper() and issuer
        # "…NĐ-CPquy định mức thu…": a lower-case title after a number column, but not
        # "Thông tư số 53/2025/TT-BCAngày…", a number cited inside its own title.
        own = bool(_OWN_NUMBER.search(window))
        lower = following[:1].islower() and issuer and not own
        # "Thông tư số 40/2025/TT-BTC Sửa đổi, bổ sung…" goes on with its own title, but
        # "…2026 - 2030182/2025/NQ-HĐND Quy định…" is a number column and the next title.
        spaced = (spaced or (bool(re.match(r" [A-ZĐ]", following)) and issuer)) and not own
        if following[:1].isupper() and any(
            _ISSUER_AT_END.search(text[max(0, end - 60) : end + extra]) for extra in (1, 2, 3)
        ):
            continue  # "TT-BC|Angày": the symbol goes on to a known issuer
        if following[:1] not in ("-", "/", "&") and (
            number := _NUMBER_AT_END.search(text[max(0, end - 80) : end])
        ):
            # "…quốc gia118/2025/NĐ-CP|86/2024/TT-BTC…", "…ngân hàng.24/2026/NQ-CP Quy định…",
            # "Thông tư số 263/2016/TT-BTCquy định…": the number column of a title that cites
            # the same number, followed by the next entry whatever its first character.
            cited = number.group(0)
            if (
                _ISSUER_AT_END.search(cited)
                # "…bởi Thông tư số 66/2023/TT-BCA ngày 17…" cited twice inside one title
                and not re.match(r"\s+[a-zà-ỹđ]", text[end : end + 3])
                and text.count(cited, last, end) >= 2
                and _starts_number(text, end - len(cited))
            ):
                last = end
                yield end
                continue
        if (end == len(text) or glued or spaced or shouting or lower) and _NUMBER_AT_END.search(
            text[max(0, end - 80) : end]
        ):
            last = end
            yield end


def _split_number(entry: str) -> tuple[str, str] | None:
    """ "Luật 60/2014/QH1360/2014/QH13" → ("Luật 60/2014/QH13", "60/2014/QH13")."""
    candidates = [
        start
        for start in range(max(0, len(entry) - 80), len(entry))
        if entry[start].isdigit() and re.fullmatch(_NUMBER, entry[start:])
    ]
    if not candidates:
        if bare := re.search(r"(?<![\d/.])\d+/\d{4}$", entry):
            return entry[: bare.start()], bare.group(0)
        return None
    # The number column often repeats a number the title ends with, or cites: prefer that.
    for start in candidates:
        if entry[:start].rstrip().endswith(entry[start:]):
            return entry[:start], entry[start:]
    for start in candidates:
        before = entry[start - 1 : start]
        if not before.isdigit() and before != "/" and entry[start:] in entry[:start]:
            return entry[:start], entry[start:]
    # A title ending with a date ("…ngày 12/5/2026") glued to "40/2026/NĐ-CP": the year
    # is whole, so the number starts right after it.
    for start in candidates:
        if re.search(r"(?<!\d)(?:19|20)\d{2}$", entry[:start]):
            return entry[:start], entry[start:]
    for start in candidates:
        if _starts_number(entry, start):
            return entry[:start], entry[start:]
    return entry[: candidates[0]], entry[candidates[0] :]


def _starts_number(entry: str, start: int) -> bool:
    """Whether a number can start here: not inside digits, nor after "66." of "66.7/2025"."""
    before = entry[start - 1 : start]
    if before.isdigit() or before == "/":
        return False
    return before != "." or not entry[start - 2 : start - 1].isdigit()


def _title_number(title: str, number: str, issues: Issues) -> str:
    """The number a title starts by citing, when the number column writes it differently.

    "Nghị quyết số 190/2025/QH15 …" with "190/2025/NQ-QH15", "Nghị định số 18/2021/NĐ-CP …"
    with "18/2021/ND-CP", "Nghị định 73/NĐ-CP …" with "73-CP": one document (same serial
    number and year), so the title's full form is its number; staff are told the column's.
    """
    cited = re.match(rf"{_DOC_TYPES}(?: số)?\s+({_NUMBER})(?![\w/-])", title)
    if not cited or cited.group(1) == number:
        return number
    found = cited.group(1)

    def serial(text: str) -> tuple[str, str]:
        year = re.search(r"/(\d{4})/", text)
        return re.split(r"[/-]", text, maxsplit=1)[0], year.group(1) if year else ""

    (mine, my_year), (theirs, their_year) = serial(found), serial(number)
    if mine != theirs or (my_year and their_year and my_year != their_year):
        return number
    issues.check(
        f'can_cu_phap_ly: văn bản {found}: cột số hiệu trên Cổng ghi "{number}", khác số trong '
        "tên văn bản; đã dùng số trong tên — đối chiếu với văn bản gốc"
    )
    return found


def parse_legal_basis(text: str, issues: Issues) -> list[dict[str, str]]:
    """Each legal document as number, title and (when the title says it) date."""
    body = _LEGAL_HEADER.sub("", one_line(clean(text)))
    if not body:
        return []
    # "250/QĐ - TTg": a number column typed with spaces around its dash.
    body = re.sub(rf"(\d/[{_UPPER}]{{1,8}}) - (?=TTg|[{_UPPER}]{{2,}})", r"\1-", body)
    documents: list[dict[str, str]] = []
    seen: dict[str, dict[str, str]] = {}
    start = 0
    for end in _boundaries(body):
        entry = body[start:end].strip()
        if not entry:
            continue
        split = _split_number(entry)
        if split is None:
            continue
        start = end
        title, number = split
        title = _GLUED_TYPE.sub("", title) if _GLUED_TYPE.search(title) else title
        title = title.strip(" .;,") or number
        if re.fullmatch(rf"{_DOC_TYPES}(?: số)?", title):
            # The title column says only "Luật", "Thông tư số": the page reads "Luật 81/2006/QH11".
            title = f"{title} {number}"
        number = _title_number(title, number, issues)
        if number in seen:
            # Listed twice on the portal: one entry, keeping the fuller title.
            kept = seen[number]
            if len(title) > len(kept["title"]) and title != number:
                kept["title"] = title
            if number not in (title, kept["title"]):
                # (A title column holding only the number, "4533/BHXH-CSXH Hướng dẫn…", is
                # the same row cut in two, not a second listing.)
                issues.check(
                    f"can_cu_phap_ly: văn bản {number} ghi hai lần trên Cổng, đã gộp làm một"
                )
            continue
        document = {"number": number, "title": title}
        seen[number] = document
        if found := re.search(re.escape(number) + _DATE_AFTER, title):
            day, month, year = found.groups()
            document["date"] = f"{int(day):02d}/{int(month):02d}/{year}"
        documents.append(document)
    tail = body[start:].strip()
    if bare := re.search(r"(?<![\d/.])(\d+/\d{4})$", tail):
        # "…chuỗi giá trị24/2024": a number column without the document's symbol.
        documents.append({"number": bare.group(1), "title": tail[: bare.start()].strip(" .;,")})
        issues.check(f'can_cu_phap_ly: số hiệu "{bare.group(1)}" thiếu ký hiệu văn bản trên Cổng')
    elif tail:
        issues.cannot("can_cu_phap_ly", f'không tách được số hiệu của "{tail[:80]}"')
    return documents


# --- steps, result, lists ---------------------------------------------------------------

_STEP_START = re.compile(r"^(?:[-–•]\s+|Bước\s+\d+|\d{1,2}[.)]\s)")
_NOTES_START = re.compile(r"^\*?\s*(?:Lưu ý|Ghi chú)\s*:?\s*$", re.IGNORECASE)


def parse_steps(text: str) -> tuple[list[str], list[str]]:
    """Steps (a "- " line starts one; "(i)", "+" lines belong to it) and "Lưu ý" notes."""
    lines = [line for line in clean(text).split("\n") if line]
    steps: list[str] = []
    notes: list[str] = []
    target = steps
    marked = any(_STEP_START.match(line) for line in lines)
    for line in lines:
        if _NOTES_START.match(line):
            target = notes
            continue
        if not marked or _STEP_START.match(line) or not target:
            target.append(re.sub(r"^[-–•]\s+", "", line))
        elif _broken_line(target[-1], line):
            # A copy cut the line in the middle of a sentence: join it back with a space.
            target[-1] += " " + line
        else:
            target[-1] += "\n" + line
    return steps, notes


def _broken_line(previous: str, line: str) -> bool:
    return previous[-1:] not in ".;:!?)" and line[:1].islower()


_NOISE = re.compile(
    r"Chọn cơ quan thực hiện|Hệ thống chỉ hiển thị|--\s*Chọn|Tỉnh/\s*Thành phố|Nộp hồ sơ\s*$"
)
# "KQ.G15.000031": letters, then dot-separated parts ending in a digit (so the "T" of the
# "Từ khóa" glued after it is not taken).
_RESULT_CODE = re.compile(r"Mã:\s*([A-Z][A-Z0-9]*(?:\.[A-Z0-9]*\d)+|[\w.-]+?(?=Từ khóa))")


def parse_result(text: str, issues: Issues) -> tuple[str, list[str]]:
    """The result's name(s) and result codes, without the page's interface text."""
    body = one_line(clean(text))
    if noise := _NOISE.search(body):
        body = body[: noise.start()].strip()  # the portal's interface, never a fact
    names: list[str] = []
    codes: list[str] = []
    position = 0
    for match in _RESULT_CODE.finditer(body):
        if name := _result_name(body[position : match.start()]):
            names.append(name)
        codes.append(match.group(1))
        position = match.end()
    if not codes:
        return clean_field(body), []
    if tail := _result_name(body[position:]):
        issues.cannot("ket_qua_xu_ly", f'bỏ qua "{tail[:80]}"')
    return "; ".join(names), codes


def _result_name(text: str) -> str:
    """A result's name, without the "Từ khóa … Mô tả …" columns of the result before it."""
    for column in ("Mô tả", "Từ khóa"):
        if column in text:
            text = text.rsplit(column, 1)[1]
            break
    text = text.removeprefix("Không có thông tin")
    return clean_field(text).strip(" ;,.")


def split_subjects(text: str) -> list[str]:
    """ "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài" → two subjects.

    Never inside brackets: "Tổ chức (không bao gồm doanh nghiệp, HTX)" is one subject.
    """
    text = clean_field(text)
    depths = _depths(text)
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"[;\n]|,\s+(?=[A-ZĐÀ-Ỹ])", text):
        if depths[match.start()] == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [one_line(p).strip(" .,") for p in parts if p.strip(" .,")]


def split_lines(text: str) -> list[str]:
    """One item per line, list marks removed, lines broken mid-sentence joined back."""
    items: list[str] = []
    for line in clean_field(text).split("\n"):
        line = re.sub(r"^[-–•+]\s+", "", line).strip()
        if not line:
            continue
        if items and _broken_line(items[-1], line):
            items[-1] += " " + line
        else:
            items.append(line)
    return items


# --- the whole record -------------------------------------------------------------------

_CODE = re.compile(r"\d\.\d{6}")
_DECISION = re.compile(
    r"^(?P<number>[^\s,;]+)(?:.*?ngày\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
    r"(?P<y>\d{4}))?"
)
_USED = {
    "ma_thu_tuc",
    "ten_thu_tuc",
    "linh_vuc",
    "cap_thuc_hien",
    "so_quyet_dinh",
    "ngay_quyet_dinh",
    "ngay_ban_hanh",
    "doi_tuong_thuc_hien",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "co_quan_phoi_hop",
    "detail_url",
    "raw_text",
    "formality_id",
    "loai_thu_tuc",
    "dia_chi_tiep_nhan",
}
_LABELS = {
    "thu_tuc_lien_quan": "thủ tục liên quan",
    "co_quan_duoc_uy_quyen": "cơ quan được ủy quyền",
}
NOT_IMPORTED = {
    "raw_text": "toàn văn trang do máy thu thập chép lại; các trường khác đã lấy từ đó",
    "formality_id": "mã nội bộ của trang trên Cổng, đã có trong detail_url",
    "loai_thu_tuc": "loại thủ tục (ví dụ TTHC được giao luật quy định chi tiết): chưa có trường",
    "thu_tuc_lien_quan": "thủ tục liên quan: chưa có trường, ghi vào báo cáo để cán bộ xem",
    "co_quan_duoc_uy_quyen": "cơ quan được ủy quyền: chưa có trường, ghi vào báo cáo",
}
"""Source fields the importer does not map, and why (the report and the bench name them)."""

# Which body carries a procedure out, from the portal's implementing / competent body and
# field. A procedure the commune's People's Committee carries out wins over the others.
_BODIES = (
    ("ủy ban nhân dân", re.compile(r"(?:uy ban nhan dan|ubnd)\s*(?:cap\s*)?(?:xa|phuong)")),
    ("hải quan", re.compile(r"hai quan")),
    ("thuế", re.compile(r"\bthue\b")),
    ("công an", re.compile(r"cong an|canh sat|xuat nhap canh")),
    ("bảo hiểm xã hội", re.compile(r"bao hiem xa hoi")),
    ("kho bạc", re.compile(r"kho bac")),
)


@dataclass
class Recovered:
    """A record turned into procedure data (with notes and placeholders) and its issues."""

    code: str
    data: dict[str, Any]
    issues: Issues


def record_code(record: dict[str, Any]) -> str | None:
    """The record's procedure code, if it has a valid one (a JSON number keeps six decimals)."""
    value = record.get("ma_thu_tuc")
    if isinstance(value, float):
        return procedure_code(value)
    match = _CODE.match(clean(value).strip())
    return match.group(0) if match else None


def recover(record: dict[str, Any]) -> Recovered:
    """Everything the record gives, as procedure data in schema terms."""
    issues = Issues()
    code = record_code(record) or ""

    def text(key: str) -> str:
        """A record field as clean text, "" for nothing."""
        return clean_field(record.get(key))

    url = text("detail_url")
    online_url = url if re.match(r"https?://\S+$", url) else None
    data: dict[str, Any] = {"code": code}
    data["name"] = one_line(text("ten_thu_tuc")) or blank("tên thủ tục (bản ghi không có)")
    data["field"] = one_line(text("linh_vuc")) or blank("lĩnh vực (bản ghi không có)")
    data["level"] = one_line(text("cap_thuc_hien")) or blank("cấp thực hiện (bản ghi không có)")
    data["decision"] = _decision(
        text("so_quyet_dinh"), text("ngay_quyet_dinh") or text("ngay_ban_hanh"), issues
    )
    subjects = split_subjects(text("doi_tuong_thuc_hien"))
    data["subjects"] = subjects or blank("đối tượng thực hiện (bản ghi không có)")
    steps, step_notes = parse_steps(text("trinh_tu_thuc_hien"))
    data["steps"] = Note(steps or None, None if steps else "CẦN ĐIỀN: trình tự thực hiện")
    if step_notes:
        # The portal's "Lưu ý" under the steps is published as the page shows it on the portal.
        data["step_notes"] = step_notes
    channels = parse_channels(text("cach_thuc_thuc_hien"), issues, online_url)
    data["channels"] = channels or blank("cách thức thực hiện (bản ghi không có)")
    if online_url and any(isinstance(c, dict) and c.get("url") for c in channels):
        issues.check(
            "channels: địa chỉ nộp trực tuyến là trang của thủ tục trên Cổng; thay bằng địa chỉ "
            "trên Cổng dịch vụ công của tỉnh nếu có"
        )
    items, dossier_notes = parse_dossier(text("thanh_phan_ho_so"), issues)
    above = _notes_above(
        "Chữ trên Cổng không rõ số lượng, chưa gắn vào giấy tờ nào — chép vào giấy tờ phù hợp:",
        dossier_notes,
    )
    data["dossier"] = Note(items or None, None if items else "CẦN ĐIỀN: thành phần hồ sơ", above)
    if dossier_notes:
        issues.check(f"thanh_phan_ho_so: {len(dossier_notes)} ghi chú để ở chú thích trên dossier")
    conditions_text = text("yeu_cau_dieu_kien")
    if "Từ khóa" in conditions_text or "Mô tả" in conditions_text:
        # The result table's columns in the conditions field: a crawler's copy gone wrong.
        issues.check(
            "yeu_cau_dieu_kien: trên Cổng trường này có chữ của bảng kết quả (Từ khóa, Mô tả); "
            "đã bỏ các chữ đó, hãy đối chiếu với quyết định công bố"
        )
        conditions_text = clean_field(
            re.sub(r"Không có thông tin|Từ khóa|Mô tả", "\n", conditions_text)
        )
    conditions = split_lines(conditions_text)
    if conditions:
        data["conditions"] = conditions
    legal = parse_legal_basis(text("can_cu_phap_ly"), issues)
    data["legal_basis"] = legal or blank("căn cứ pháp lý (bản ghi không có)")
    result, result_codes = parse_result(record.get("ket_qua_xu_ly") or "", issues)
    comment = f"mã kết quả trên Cổng: {', '.join(result_codes)}" if result_codes else None
    # The result table's "Từ khóa" / "Mô tả" columns: search words, not a fact for citizens,
    # kept beside the codes so nothing the portal says is dropped.
    extra = [
        f"{label.lower()}: {value}"
        for label, value in re.findall(
            r"(Từ khóa|Mô tả)((?:(?!Từ khóa|Mô tả|Mã:|Chọn cơ quan).)*)", text("ket_qua_xu_ly")
        )
        if clean_field(value).strip()
    ]
    if extra:
        comment = "; ".join([comment or "", *extra]).strip("; ")
    data["result"] = (
        Note(result, comment) if result else blank("kết quả thực hiện (bản ghi không có)")
    )
    agencies: dict[str, Any] = {
        "competent": one_line(text("co_quan_co_tham_quyen")).rstrip(".")
        or blank("cơ quan có thẩm quyền (Cổng ghi trống)"),
        "implementing": one_line(text("co_quan_thuc_hien")).rstrip(".")
        or blank("cơ quan thực hiện (Cổng ghi trống)"),
    }
    if coordinating := one_line(text("co_quan_phoi_hop")).rstrip("."):
        agencies["coordinating"] = coordinating
    data["agencies"] = agencies
    if address := one_line(text("dia_chi_tiep_nhan")):
        data["submit_at"] = address
    body = operating_body(
        text("co_quan_thuc_hien"), text("co_quan_co_tham_quyen"), text("linh_vuc")
    )
    if body is None:
        issues.check(
            "co_quan_thuc_hien: Cổng không ghi cơ quan thực hiện; coi là UBND phường — sửa "
            "operating_body nếu thủ tục do cơ quan khác (công an, thuế…) thực hiện"
        )
    elif body != "ủy ban nhân dân":
        data["operating_body"] = body
        if not address:
            issues.check(
                f"submit_at: thủ tục do cơ quan {body} thực hiện; ghi nơi nộp hồ sơ của cơ quan đó"
            )
    for key, label in _LABELS.items():
        if value := text(key):
            issues.check(
                f'{key}: Cổng ghi {label} "{one_line(value)[:80]}"; chưa có trường tương ứng'
            )
    unknown = sorted(k for k in record if k not in _USED and k not in _LABELS and text(k))
    if unknown:
        issues.check("bỏ qua các trường không dùng: " + ", ".join(unknown))
    return Recovered(code, data, issues)


def operating_body(implementing: str, competent: str, field_name: str) -> str | None:
    """Which body carries the procedure out (schema ``operating_body``); None when unsaid."""
    for source in (implementing, competent, field_name):
        folded = fold(source)
        if not folded:
            continue
        found = [body for body, pattern in _BODIES if pattern.search(folded)]
        if found:
            return found[0]
        if source is not field_name:
            return "cơ quan khác"
    return None


def _decision(number_text: str, date_text: str, issues: Issues) -> Any:
    match = _DECISION.match(one_line(number_text))
    if not match:
        issues.cannot("so_quyet_dinh", "bản ghi không có số quyết định", blanked=True)
        return blank("quyết định công bố thủ tục: number (số) và date (ngày)")
    decision: dict[str, Any] = {"number": match.group("number").rstrip(".,;")}
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    if not day and (found := re.search(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", date_text)):
        day, month, year = found.groups()
    if day:
        decision["date"] = f"{int(day):02d}/{int(month):02d}/{year}"
    else:
        decision["date"] = blank("ngày ban hành quyết định (Cổng không ghi)")
        issues.cannot("so_quyet_dinh", "không có ngày ban hành quyết định", blanked=True)
    issues.check(
        f"decision: {decision['number']} là quyết định ghi trên Cổng; nếu phường công bố theo "
        "quyết định của Chủ tịch UBND tỉnh thì ghi quyết định đó"
    )
    return decision


def _notes_above(title: str, notes: list[str]) -> tuple[str, ...]:
    return (title, *(f"  - {note}" for note in notes)) if notes else ()


# --- files ------------------------------------------------------------------------------


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records of one crawler file: one object, or a list of them."""
    if not path.is_file():
        raise ImportFailed(f"không tìm thấy tệp {path}")
    raw = path.read_bytes()
    if len(raw) > MAX_RECORD_BYTES:
        raise ImportFailed(f"tệp {path.name} quá lớn cho bản ghi thủ tục")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(f"tệp {path.name} không lưu bằng mã UTF-8") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{path.name}:{error.lineno}:{error.colno}: tệp không phải JSON hợp lệ "
            "(có thể bị cắt ngang khi tải về)"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return data
    raise ImportFailed(
        f"tệp {path.name} cần một bản ghi thủ tục (một đối tượng JSON {{…}}) hoặc danh sách bản ghi"
    )


def expand_folders(paths: list[Path]) -> list[Path]:
    """Each folder given becomes the .json files under it (sorted); files stay as they are."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                raise ImportFailed(f"thư mục {path} không có tệp .json nào")
            out += found
        else:
            out.append(path)
    return out


def import_records(
    project: Project,
    paths: list[Path],
    *,
    force: bool = False,
    say: Progress = no_progress,
) -> Report:
    """Import detail records: a procedure file when complete, a draft otherwise."""
    report = Report("", skip_unit="bản ghi")
    records: list[tuple[str, dict[str, Any]]] = []
    paths = expand_folders(paths)
    for path in paths:
        try:
            loaded = load_records(path)
        except ImportFailed as error:
            if len(paths) == 1:
                raise
            report.errors.append(str(error))
            continue
        label = path.name
        records += [
            (label if len(loaded) == 1 else f"{label}#{n}", record)
            for n, record in enumerate(loaded, start=1)
        ]
    existing = procedures_by_code(project)
    saver = Saver(project, report)
    taken: set[Path] = set()
    done: set[str] = set()
    for number, (label, record) in enumerate(records, start=1):
        if number % PROGRESS_EVERY == 0:
            say(f"Đã xử lý {number}/{len(records)} bản ghi…")
        code = record_code(record)
        if code is None:
            report.skip("không có mã thủ tục (ma_thu_tuc) hợp lệ", label)
            continue
        if code in done:
            report.skip("mã đã nhập từ một bản ghi trước", f"{label} ({code})")
            continue
        done.add(code)
        recovered = recover(record)
        placed = place_procedure(
            project,
            saver,
            recovered.data,
            source=f"bản ghi {label} của Cổng Dịch vụ công quốc gia"
            + (f" ({url})" if (url := clean_field(record.get("detail_url"))) else ""),
            existing=existing.get(code),
            force=force,
            taken=taken,
            review=recovered.issues.review,
        )
        report.notes += [f"{code}: {line}" for line in recovered.issues.review]
        if placed.path is not None and placed.blanks:
            report.human += [f"{code} {project.display(placed.path)}: {b}" for b in placed.blanks]
    present = Counter(
        key for _, record in records for key in NOT_IMPORTED if clean_field(record.get(key))
    )
    report.notes += [
        f"Không nhập trường {key} ({count} bản ghi): {NOT_IMPORTED[key]}."
        for key, count in sorted(present.items())
    ]
    if records and not report.written and not report.refused:
        report.errors.append("không có bản ghi nào có mã thủ tục (ma_thu_tuc) hợp lệ")
    published = report.counts.get("đã đăng", 0)
    drafts = report.counts.get("bản nháp", 0)
    report.title = (
        f"Nhập {len(records)} bản ghi chi tiết thủ tục: {published} đủ thông tin, "
        f"{drafts} bản nháp cần cán bộ điền thêm"
        + (f", {len(report.refused)} không ghi." if report.refused else ".")
    )
    if drafts:
        report.next_steps.append(
            "Tiếp theo: mở từng bản nháp trong content/drafts/procedures/, điền các dòng CẦN ĐIỀN "
            "theo quyết định công bố, rồi chuyển sang content/procedures/ và chạy congkhai check."
        )
    if published:
        report.next_steps.append(
            "Thủ tục đã đủ thông tin nằm trong content/procedures/: đối chiếu với Cổng rồi chạy "
            "congkhai build."
        )
    return report
