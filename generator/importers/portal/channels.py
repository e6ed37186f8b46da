"""The channel table: mode, time limit, fee(s) and their cases, description of each way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...format import money as format_money
from ...text import fold
from ..cells import clean, clean_field
from ..writer import blank
from .issues import Issues, bracket_depths, unwrap_brackets

_CHANNEL_HEADER = re.compile(
    r"^\s*Hình thức nộp\s*Thời (?:gian|hạn)(?: giải quyết)?\s*Phí,?\s*lệ phí\s*(?:Mô tả)?\s*"
)
# The portal's "nothing here", in whatever case or wording a cell carries it.
_NOTHING = re.compile(r"(?i:Không có thông tin|Chưa có thông tin|Đang cập nhật)\.?")
# Cells are glued ("20,000 VNĐTrực tiếp…"), so no word boundary after a unit.
# Lower-case letters, Vietnamese ones included: a cell glued after a word starts with a capital.
_LOWER = "a-z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).islower())
# Any case ("Việt Nam đồng", "VNĐ", "ĐỒNG"); a bare "đ" ("20.000đ") only before no lower-case
# letter ("20.000đNộp tại…" is glued to the next cell, "20.000 đăng ký" is not money).
_MONEY_UNIT = rf"(?:(?i:Việt Nam Đồng|VNĐ|VND|Đồng)|[đĐ](?![{_LOWER}]))"
# "20.000", "20,000", "1 000 000" (one separator throughout), or plain digits.
_AMOUNT_TEXT = r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?=\s*\D)|\d+"
_FREE = re.compile(
    r"(?i:Miễn phí|Miễn lệ phí|Miễn thu phí|Miễn thu lệ phí|Không thu phí|Không thu lệ phí"
    r"|Không mất phí|Không phải trả phí|Không phải nộp phí|Không phải nộp lệ phí|Không có phí)"
)
# A row of the portal's table starts with its mode glued to the next cell ("Trực tiếp7 Ngày",
# "Trực tuyếnMiễn phí", "Dịch vụ bưu chínhKhông có thông tin"): a mode word inside a sentence
# ("+ Trực tuyến: nộp hồ sơ…", "nộp trực tiếp tại…") is followed by a space or punctuation.
_ROW_START = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính(?: công ích)?)(?=\S|$)(?! công ích)"
)


def _glued_cell(body: str, end: int) -> bool:
    """Whether a mode word is glued to the next cell: a digit, a capital ("Trực tiếpHệ thống
    giải quyết…", a time in words; "Trực tuyếnMiễn phí") or the end, not a word of a sentence."""
    following = body[end : end + 1]
    return (
        not following
        or following.isdigit()
        or following.isupper()
        or bool(_NOTHING.match(body, end))  # "Trực tiếpkhông có thông tin…"
    )


_ROW_MODES = {"Trực tiếp": "trực tiếp", "Trực tuyến": "trực tuyến"}
_MODE_ORDER = ["trực tiếp", "trực tuyến", "bưu chính"]
# "7 Ngày", "15 ngày làm việc", "03 (ba) ngày": the unit in any case, a number in words between.
_TIME_CELL = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:\([^()\d]{1,20}\)\s*)?"
    r"(?i:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)"
)
# What a time cell goes on with ("15 ngày làm việc kể từ ngày nhận đủ hồ sơ"): lower-case words
# or a bracket, never the capital that starts the next cell.
_TIME_MORE = re.compile(rf"\s*[({_LOWER}]")
# A fee's unit written after a slash without brackets: "20.000 đồng/hồ sơNộp tại…".
_SLASH_UNIT = re.compile(rf"\s*/\s*([{_LOWER}0-9][{_LOWER}0-9 ]*)(?<! )")
# "Lệ phí:", "Phí thẩm định:", "Mức thu:", "Lệ phí 20.000 đồng": the words naming a fee.
_FEE_LABEL = r"(?:Lệ phí|Phí|Mức thu|Mức phí|Mức lệ phí)(?: [^\W\d][^\W\d]*){0,4}?"
_PLAIN_LABELS = {"", "Lệ phí", "Phí", "Mức thu", "Mức phí", "Mức lệ phí"}
_FEE_ITEM = re.compile(
    rf"(?:(?P<label>{_FEE_LABEL})\s*:?\s*)?(?P<amount>{_AMOUNT_TEXT})?\s*(?P<unit>{_MONEY_UNIT})"
)
_FOREIGN_FEE = re.compile(r"\d+(?:[.,]\d+)?\s*(?i:USD|EUR|đô la Mỹ|đô la)")
_TIME_UNIT = re.compile(r"[^\W\d_]")
_FEE_START = re.compile(
    rf"{_FREE.pattern}|{_NOTHING.pattern}|(?:{_FEE_LABEL})\s*:"
    rf"|(?:{_FEE_LABEL}\s+)?(?:{_AMOUNT_TEXT})\s*{_MONEY_UNIT}"
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
    depths = bracket_depths(body)
    # A row glued after a bracket the portal left open ("100,000 VNĐ((Phí thẩm định )Trực
    # tiếp5 Ngày…") still starts a row: its cell closed with the ")".
    starts = [
        m
        for m in _ROW_START.finditer(body)
        if _glued_cell(body, m.end())
        and (depths[m.start()] == 0 or body[m.start() - 1 : m.start()] == ")")
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
    if nothing := _NOTHING.match(rest):
        rest = rest[nothing.end() :]
    elif timed := _TIME_CELL.match(rest):
        time, rest = timed.group(0), rest[timed.end() :]
        if (
            _TIME_MORE.match(rest)
            and not _FEE_START.match(rest.lstrip())
            and (fee_at := _FEE_START.search(rest[:200]))
        ):
            # The cell goes on in words up to the fee: "… kể từ ngày nhận đủ hồ sơ hợp lệ".
            time, rest = (time + rest[: fee_at.start()]).strip(), rest[fee_at.start() :]
    elif bare := re.match(r"\d+", rest):
        digits = bare.group(0)
        after = rest[bare.end() :]
        glued_money = re.match(rf"[.,]?[\d.,]*\s*{_MONEY_UNIT}", after)
        whole = _FEE_ITEM.match(rest)
        # After a first digit taken as the time, "0.000 đồng" or " 000 000 đồng" is no amount.
        no_split = bool(re.match(r"[\s.,]*0", rest[1:]))
        if glued_money and not re.match(r"\s", after) and not no_split:
            # "Trực tuyến120,000 VNĐ": the time column held a bare "1" and the fee
            # column "20,000 VNĐ"; the portal's time cells without a unit are one digit.
            time, rest = digits[0], rest[1:]
        elif whole and whole.group("amount") and no_split:
            # "Trực tiếp20.000 đồng", "Trực tiếp20000 đồng": an empty time cell, then the
            # fee ("1200 VNĐ(200.000 vnđ…)" may be "1" and "200", so it is left as it was).
            pass
        else:
            time, rest = digits, after
    elif not _FEE_START.match(rest) and (fee_at := _FEE_START.search(rest[:200])):
        # A time cell in words: "Không phải trả kết quả cho người nộp thuếMiễn phí…".
        time, rest = rest[: fee_at.start()].strip(), rest[fee_at.start() :]
    fees: list[tuple[int | None, str, str]] = []
    fee_start = rest
    while True:
        before, rest = rest, rest.lstrip(" ;,")
        if (nothing := _NOTHING.match(rest)) and not fees:
            fees.append((None, "", ""))
            rest = rest[nothing.end() :]
            break
        label = ""
        if free := _FREE.match(rest):
            amount: int | None = 0
            rest = rest[free.end() :]
        elif foreign := _FOREIGN_FEE.match(rest):
            # "10 USD(/bản)" (at a representative office): not an amount in đồng, so a note.
            rest = rest[foreign.end() :]
            note, rest = _bracket(rest)
            text = foreign.group(0) + (
                note if note.startswith("/") else f" ({note})" if note else ""
            )
            fees.append((None, "", text))
            continue
        elif (fee := _FEE_ITEM.match(rest)) and (fee.group("amount") or fee.group("label")):
            label = fee.group("label") or ""
            amount = _amount(fee.group("amount")) if fee.group("amount") else None
            rest = rest[fee.end() :]
        else:
            rest = before
            break
        note, rest = _bracket(rest)
        if not note and (slash := _SLASH_UNIT.match(rest)):
            note, rest = "/" + slash.group(1), rest[slash.end() :]
            if rest.lstrip().startswith("("):
                # "50.000 đồng/hồ sơ (đối với hồ sơ nộp trực tiếp)": the unit, then the note.
                fees.append((amount, label, note))
                note, rest = _bracket(rest.lstrip())
        fees.append((amount, label, note))
    fee_seen = fee_start[: len(fee_start) - len(rest)].strip()
    # A description cell of "Không có thông tin" is no description.
    description = clean_field(unwrap_brackets(rest.strip().lstrip(".;,").strip()))
    return _Row(mode, time, fees, fee_seen, description)


def _amount(text: str) -> int:
    """ "20.000", "20,000", "1 000 000" → the amount in đồng."""
    return int(re.sub(r"[., ]", "", text))


def _bracket(text: str) -> tuple[str, str]:
    """A balanced "(…)" at the start of the text (the fee cell's own note) and what follows."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return unwrap_brackets(text[: position + 1]), text[position + 1 :]
    # Never closed ("((Phí thẩm định )"): the whole cell is the note, without stray brackets.
    return unwrap_brackets(text).lstrip("( ").rstrip(") "), ""


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
        # "Phí thẩm định: 20.000 đồng": what the fee is, kept beside it.
        notes[:0] = [label for _, label, _ in fees if label not in _PLAIN_LABELS][:1]
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
        notes = [_fee_text(amount, label, note) for amount, label, note in fees]
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


def _fee_text(amount: int | None, label: str, note: str) -> str:
    """One fee as the portal states it: "Lệ phí: 10.000 đồng (Đăng ký lần đầu)", "10 USD/bản"."""
    if amount is None:
        return " ".join(filter(None, (f"{label}:" if label else "", note)))
    money = str(format_money(amount))  # "Miễn phí", "10.000 đồng": as pages write it
    if note.startswith("/"):
        money, note = money + note, ""  # "10.000 đồng/trường hợp"
    return " ".join(
        filter(None, (f"{label}:" if label else "", money, f"({note})" if note else ""))
    )


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
            amount = _amount(match.group("amount")) if match else 0
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
