"""The dossier: items with their quantities and forms, grouped under the portal's headings."""

from __future__ import annotations

import re
from typing import Any

from ..cells import clean, one_line
from .issues import Issues

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
        file_part = name[position + 1 : extension.start()]
        if (
            char in ".;)"
            and file_part
            and not file_part[0].isspace()
            # never inside the file name's own brackets: "…(TT14.2024.BCA).docx"
            and file_part.count("(") == file_part.count(")")
        ):
            return name[: position + 1], name[position + 1 :].strip()
        if char.isupper() and name[position + 1].islower() and name[position - 1] in _GLUED_END:
            # "…Thông tư số 67/2025/TT-BXDMẫu số 01.docx": a capitalised word glued on.
            return name[:position], name[position:].strip()
        word_start = name.rfind(" ", 0, position) + 1
        if (
            char.isupper()
            and name[position - 1].islower()
            and not any(c in ".;)" for c in name[word_start:position])
        ):
            # "…theo quy địnhMauon (2).docx", "…đăng kiểmMauBankekhai.docx": a file name glued
            # to the last word; it starts at the first such glue of that word (a ".", ";" or
            # ")" in the word is where it starts: "…BCA).1.MuCT01ban….doc").
            for earlier in range(word_start + 1, position):
                if name[earlier].isupper() and name[earlier - 1].islower():
                    position = earlier
                    break
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
