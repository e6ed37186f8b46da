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
_MODES = (
    ("trực tiếp", re.compile(r"Trực tiếp")),
    ("trực tuyến", re.compile(r"Trực tuyến")),
    ("bưu chính", re.compile(r"(?:Dịch vụ bưu chính(?: công ích)?|Qua bưu chính|Bưu chính)")),
)
_MODE_ORDER = [mode for mode, _ in _MODES]
_FREE = re.compile(r"(?:Miễn phí|Miễn lệ phí|Không thu phí|Không thu lệ phí|Không mất phí)")
_AMOUNT = re.compile(
    r"(?:(?:Lệ phí|Phí)\s*:?\s*)?(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:Đồng|đồng|VNĐ|VND|vnđ|đ)\b"
)
_FEE_START = re.compile(rf"{_FREE.pattern}|Lệ phí|Phí\b|\d[\d.,]*\s*(?:Đồng|đồng|VNĐ|VND|vnđ)")
_TIME_UNIT = re.compile(r"[^\W\d_]")


def parse_channels(text: str, issues: Issues, online_url: str | None) -> list[Any]:
    """The channel table: mode, time limit, fee (and fee note, online level) of each way."""
    body = _CHANNEL_HEADER.sub("", clean(text).replace("\n", " "))
    depths = _depths(body)
    starts: list[tuple[int, int, str]] = []
    for mode, pattern in _MODES:
        for match in pattern.finditer(body):
            if depths[match.start()] == 0:
                starts.append((match.start(), match.end(), mode))
    starts.sort()
    if not starts:
        if body:
            issues.cannot("cach_thuc_thuc_hien", f'không nhận ra cách nộp nào trong "{body[:80]}"')
        return []
    if body[: starts[0][0]].strip():
        issues.cannot("cach_thuc_thuc_hien", f'bỏ qua chữ "{body[: starts[0][0]].strip()[:80]}"')
    channels: dict[str, Any] = {}
    for number, (start, end, mode) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else len(body)
        if mode in channels:
            issues.cannot("cach_thuc_thuc_hien", f'cách "{mode}" xuất hiện hai lần; giữ lần đầu')
            continue
        channels[mode] = _channel(mode, body[end:stop].strip(), issues, online_url)
        del start
    return [channels[mode] for mode in _MODE_ORDER if mode in channels]


def _channel(mode: str, rest: str, issues: Issues, online_url: str | None) -> dict[str, Any]:
    depths = _depths(rest)
    fee_at = next(
        (m.start() for m in _FEE_START.finditer(rest) if depths[m.start()] == 0), len(rest)
    )
    time_text, tail = rest[:fee_at].strip(" :;,"), rest[fee_at:]
    channel: dict[str, Any] = {"mode": mode}
    where = f'cách "{mode}"'
    if not time_text:
        channel["time_limit"] = blank("thời hạn giải quyết (Cổng không ghi)")
        issues.cannot("cach_thuc_thuc_hien", f"{where}: không có thời hạn", blanked=True)
    elif not _TIME_UNIT.search(time_text):
        # The portal's column is "1", "5"… without its unit: days? working days? hours?
        channel["time_limit"] = blank("thời hạn giải quyết kèm đơn vị", seen=time_text)
        issues.cannot(
            "cach_thuc_thuc_hien",
            f'{where}: thời hạn "{time_text}" không rõ đơn vị (ngày? giờ?)',
            blanked=True,
        )
    else:
        channel["time_limit"] = time_text
    fee, description = _fee(tail)
    if fee is None:
        shown = one_line(tail)[:80]
        channel["fee"] = blank("phí, lệ phí (số tiền, đồng; 0 nếu miễn phí)", seen=shown or None)
        issues.cannot(
            "cach_thuc_thuc_hien", f'{where}: không đọc được phí, lệ phí "{shown}"', blanked=True
        )
    else:
        channel["fee"] = fee
    folded = fold(description)
    if description and ("phi" in folded or fee is None):
        channel["fee_note"] = description
    elif description and mode != "trực tuyến":
        issues.cannot("cach_thuc_thuc_hien", f'{where}: bỏ qua mô tả "{description[:80]}"')
    if mode == "trực tuyến":
        if online_url:
            channel["url"] = online_url
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


def _fee(tail: str) -> tuple[int | None, str]:
    """The fee (0 when free) and the description after it; None when unclear."""
    tail = tail.strip()
    amounts: list[int] = []
    position = 0
    while True:
        rest = tail[position:]
        stripped = len(rest) - len(rest.lstrip(" ;,+-"))
        rest = rest[stripped:]
        if free := _FREE.match(rest):
            amounts.append(0)
            position += stripped + free.end()
        elif amount := _AMOUNT.match(rest):
            amounts.append(int(re.sub(r"[.,]", "", amount.group(1))))
            position += stripped + amount.end()
        else:
            break
    description = _unwrap_brackets(tail[position:])
    if len(set(amounts)) != 1:
        return None, one_line(tail) if amounts else description
    return amounts[0], description


# --- dossier ----------------------------------------------------------------------------

_DOSSIER_HEADER = re.compile(r"Tên giấy tờ\s*Mẫu đơn,?\s*tờ khai\s*Số lượng")
_GROUP_TITLE = re.compile(r"(?:\*\s*[^*]{1,80}?:|-{2,})\s*$")
_QUANTITY = re.compile(
    r"(?:Bản chính:\s*(\d+)\s*-?\s*Bản sao:\s*(\d+))"
    r"|(\d+)\s*(bản chính|bản sao(?: có chứng thực)?|bản chụp|bản điện tử|bản)"
)
# A form's file name glued after the item ("…theo mẫu;Mau-TK-GSGH.docx"): portal file names
# are plain ASCII, which tells where the Vietnamese item name ends.
_FORM_FILE = re.compile(r"([A-Za-z0-9][A-Za-z0-9_.-]*\.(?:docx?|pdf|xlsx?|rtf|odt))\s*$", re.I)
_ITEM_MARK = re.compile(r"^[-+•*–]\s*")


def _item_boundary(text: str, end: int) -> bool:
    """Whether a quantity ends an item: what follows starts a new one, a group, or nothing."""
    after = text[end:].lstrip(" ")
    return not after or after[0] in "-+*•–" or after[0].isupper() or after[0] == "("


def parse_dossier(text: str, issues: Issues) -> tuple[list[Any], list[str]]:
    """Dossier items (name, copies) and the notes the portal lists as items with quantity 0."""
    text = clean(text).replace("\n", " ")
    if not text:
        return [], []
    parts = _DOSSIER_HEADER.split(text)
    if len(parts) == 1:
        return _dossier_lines(text, issues), []
    items: list[Any] = []
    notes: list[str] = []
    title = parts[0].strip()
    for body in parts[1:]:
        next_title = _GROUP_TITLE.search(body)
        if next_title:
            body = body[: next_title.start()]
        group = fold(title)
        presented = "xuat trinh" in group
        notes_only = "luu y" in group
        start = 0
        for match in _QUANTITY.finditer(body):
            if not _item_boundary(body, match.end()):
                continue
            entry = body[start : match.start()].strip()
            start = match.end()
            original, copies_text, count = _quantity(match)
            if not entry:
                continue
            name = _ITEM_MARK.sub("", entry).strip()
            form = _FORM_FILE.search(name)
            if form:
                name = name[: form.start()]
            name = name.strip().rstrip(";,.").strip()
            if form:
                issues.check(
                    f'thanh_phan_ho_so: mẫu "{form.group(1)}" của "{name[:60]}": tải về '
                    "content/forms/ rồi ghi form.file"
                )
            if notes_only or count == 0:
                notes.append(name)
                continue
            copies = f"{copies_text} (xuất trình)" if presented else copies_text
            items.append({"name": name, "copies": copies} if copies else {"name": name})
            del original
        leftover = body[start:].strip()
        if leftover:
            issues.cannot("thanh_phan_ho_so", f'không rõ số lượng của "{leftover[:80]}"')
            notes.append(_ITEM_MARK.sub("", leftover))
        title = next_title.group(0) if next_title else ""
    return items, notes


def _quantity(match: re.Match[str]) -> tuple[str, str, int]:
    if match.group(1) is not None:
        original, copies = int(match.group(1)), int(match.group(2))
        parts = [f"{original} bản chính"] if original else []
        parts += [f"{copies} bản sao"] if copies else []
        return match.group(0), ", ".join(parts), original + copies
    return match.group(0), f"{match.group(3)} {match.group(4)}", int(match.group(3))


def _dossier_lines(text: str, issues: Issues) -> list[Any]:
    pieces = [p.strip() for p in re.split(r"(?:^|\s)[-+•]\s+", text) if p.strip()]
    issues.cannot(
        "thanh_phan_ho_so", "không có bảng giấy tờ; mỗi dòng thành một giấy tờ, chưa rõ số lượng"
    )
    return [{"name": p.rstrip(";,.")} for p in pieces]


# --- legal basis ------------------------------------------------------------------------

_LEGAL_HEADER = re.compile(r"^\s*Tên văn bản(?: pháp lý)?\s*(?:Mã|Số hiệu|Số) văn bản\s*")
_SYMBOL = r"(?:TTg|[A-ZĐ][A-ZĐ0-9]*)"
_NUMBER = rf"\d+(?:\.\d+)?(?:/\d{{4}})?/{_SYMBOL}(?:-{_SYMBOL})*"
_NUMBER_AT_END = re.compile(rf"{_NUMBER}$")
_DOC_TYPES = (
    r"(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?"
    r"|Quyết định|Chỉ thị|Văn bản|Hướng dẫn|Sửa đổi|Công văn|Kế hoạch)"
)
_NEXT_TITLE = re.compile(rf"\s+{_DOC_TYPES}\b")
_GLUED_TYPE = re.compile(rf"(?<=[^\s\d])\s*{_DOC_TYPES}(?: số)?\s*$")
_DATE_AFTER = r"\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"


def _boundaries(text: str) -> Iterator[int]:
    """Positions where one "title + number" entry ends and the next title begins."""
    for match in re.finditer(r"[A-Za-zĐđ0-9]", text):
        end = match.end()
        following = text[end : end + 2]
        glued = len(following) == 2 and following[0].isupper() and following[1].islower()
        spaced = bool(_NEXT_TITLE.match(text, end))
        if (end == len(text) or glued or spaced) and _NUMBER_AT_END.search(
            text[max(0, end - 40) : end]
        ):
            yield end


def _split_number(entry: str) -> tuple[str, str] | None:
    """ "Luật 60/2014/QH1360/2014/QH13" → ("Luật 60/2014/QH13", "60/2014/QH13")."""
    candidates = [
        start
        for start in range(max(0, len(entry) - 40), len(entry))
        if entry[start].isdigit() and re.fullmatch(_NUMBER, entry[start:])
    ]
    if not candidates:
        return None
    # The number column often repeats a number the title ends with: prefer that reading.
    for start in candidates:
        if entry[:start].rstrip().endswith(entry[start:]):
            return entry[:start], entry[start:]
    for start in candidates:
        if _starts_number(entry, start):
            return entry[:start], entry[start:]
    return entry[: candidates[0]], entry[candidates[0] :]


def _starts_number(entry: str, start: int) -> bool:
    """Whether a number can start here: not inside digits, nor after "66." of "66.7/2025"."""
    before = entry[start - 1 : start]
    if before.isdigit():
        return False
    return before != "." or not entry[start - 2 : start - 1].isdigit()


def parse_legal_basis(text: str, issues: Issues) -> list[dict[str, str]]:
    """Each legal document as number, title and (when the title says it) date."""
    body = _LEGAL_HEADER.sub("", one_line(clean(text)))
    if not body:
        return []
    documents: list[dict[str, str]] = []
    seen: set[str] = set()
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
        if number in seen:
            continue
        seen.add(number)
        document = {"number": number, "title": title}
        if found := re.search(re.escape(number) + _DATE_AFTER, title):
            day, month, year = found.groups()
            document["date"] = f"{int(day):02d}/{int(month):02d}/{year}"
        documents.append(document)
    if body[start:].strip():
        issues.cannot("can_cu_phap_ly", f'không tách được số hiệu của "{body[start:][:80]}"')
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
_RESULT_CODE = re.compile(r"Mã:\s*([A-Z][A-Z0-9]*(?:\.[A-Z0-9]*\d)+)")


def parse_result(text: str, issues: Issues) -> tuple[str, list[str]]:
    """The result's name(s) and result codes, without the page's interface text."""
    body = one_line(clean(text))
    if noise := _NOISE.search(body):
        body = body[: noise.start()].strip()
        issues.check("ket_qua_xu_ly: đã bỏ chữ giao diện của Cổng (Chọn cơ quan thực hiện…)")
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
    """ "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài" → two subjects."""
    parts = re.split(r"[;\n]|,\s+(?=[A-ZĐÀ-Ỹ])", clean_field(text))
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
}
_LABELS = {
    "thu_tuc_lien_quan": "thủ tục liên quan",
    "co_quan_duoc_uy_quyen": "cơ quan được ủy quyền",
    "dia_chi_tiep_nhan": "địa chỉ tiếp nhận hồ sơ",
}


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
    above = _notes_above(
        "Lưu ý trong trình tự thực hiện trên Cổng (không có trường riêng):", step_notes
    )
    data["steps"] = Note(steps or None, None if steps else "CẦN ĐIỀN: trình tự thực hiện", above)
    if step_notes:
        issues.check(
            f'trinh_tu_thuc_hien: {len(step_notes)} ghi chú "Lưu ý" để ở chú thích trên steps'
        )
    channels = parse_channels(text("cach_thuc_thuc_hien"), issues, online_url)
    data["channels"] = channels or blank("cách thức thực hiện (bản ghi không có)")
    if online_url and any(isinstance(c, dict) and c.get("url") for c in channels):
        issues.check(
            "channels: địa chỉ nộp trực tuyến là trang của thủ tục trên Cổng; thay bằng địa chỉ "
            "trên Cổng dịch vụ công của tỉnh nếu có"
        )
    items, dossier_notes = parse_dossier(text("thanh_phan_ho_so"), issues)
    above = _notes_above(
        "Ghi chú trên Cổng (số lượng 0), chưa gắn vào giấy tờ nào — chép vào note của giấy tờ "
        "phù hợp nếu cần:",
        dossier_notes,
    )
    data["dossier"] = Note(items or None, None if items else "CẦN ĐIỀN: thành phần hồ sơ", above)
    if dossier_notes:
        issues.check(f"thanh_phan_ho_so: {len(dossier_notes)} ghi chú để ở chú thích trên dossier")
    conditions = split_lines(text("yeu_cau_dieu_kien"))
    if conditions:
        data["conditions"] = conditions
    legal = parse_legal_basis(text("can_cu_phap_ly"), issues)
    data["legal_basis"] = legal or blank("căn cứ pháp lý (bản ghi không có)")
    result, result_codes = parse_result(record.get("ket_qua_xu_ly") or "", issues)
    comment = f"mã kết quả trên Cổng: {', '.join(result_codes)}" if result_codes else None
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
    for key, label in _LABELS.items():
        if value := text(key):
            issues.check(
                f'{key}: Cổng ghi {label} "{one_line(value)[:80]}"; chưa có trường tương ứng'
            )
    unknown = sorted(k for k in record if k not in _USED and k not in _LABELS and text(k))
    if unknown:
        issues.check("bỏ qua các trường không dùng: " + ", ".join(unknown))
    return Recovered(code, data, issues)


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
            source=f"bản ghi {label} của Cổng Dịch vụ công quốc gia",
            existing=existing.get(code),
            force=force,
            taken=taken,
            review=recovered.issues.review,
        )
        report.notes += [f"{code}: {line}" for line in recovered.issues.review]
        if placed.path is not None and placed.blanks:
            report.human += [f"{code} {project.display(placed.path)}: {b}" for b in placed.blanks]
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
