"""Find personal data in text published about a dossier or a citizen (NĐ 13/2023/NĐ-CP).

Apology reasons, results notes and plan progress notes are written by staff who know the
citizen: a phone number, an ID number, a private email or "chị Lan" slips in easily. This
module finds them in the ways staff actually write them (spaces, dots, dashes, +84 or 84 in
front, grouped or not) and masks what it found, so the message itself leaks nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data in a text: what kind, where, and how to show it masked."""

    kind: str
    """Vietnamese noun for what was found, e.g. "số điện thoại"."""
    start: int
    end: int
    masked: str


PHONE = "số điện thoại"
CITIZEN_ID = "số căn cước công dân (12 chữ số)"
OLD_ID = "số chứng minh nhân dân (9 chữ số)"
EMAIL = "địa chỉ thư điện tử cá nhân"
NAME = "tên người"

# A group of digits, optionally with "+" or in brackets; groups joined by a separator form
# one number as staff write it: "0912 345 678", "(+84) 912.345.678", "001-099-012-345".
_GROUP = re.compile(r"\+?\d+")
_SEPARATOR = re.compile(r"[ .\-–()\u00a0]{1,3}")
_MONEY_AFTER = re.compile(r"\s*(đồng|đ\b|vnđ|vnd|triệu|nghìn|ngàn|tỷ)", re.I)
_MAX_DIGITS = 13


def _number_kind(digits: str, plus: bool) -> str | None:
    """What a run of digits is, as a Vietnamese phone or ID number, or None."""
    size = len(digits)
    if digits.startswith("84") and size in (11, 12) and (plus or digits[2] in "235789"):
        return PHONE
    if digits.startswith("0") and (
        (size == 10 and digits[1] in "35789") or (size == 11 and digits[1] == "2")
    ):
        return PHONE
    if size == 12:
        return CITIZEN_ID
    if size == 9:
        return OLD_ID
    return None


def _mask_digits(written: str) -> str:
    """Keep the separators, the first two and the last two digits; hide the others."""
    total = sum(c.isdigit() for c in written)
    seen = 0
    out = []
    for char in written:
        if char.isdigit():
            seen += 1
            out.append(char if seen <= 2 or seen > total - 2 else "*")
        else:
            out.append(char)
    return "".join(out)


def _glued(char: str) -> bool:
    return bool(char) and (char in "/*_" or char.isalpha())


_LAST_WORD = re.compile(r"\w+$")


def _is_code(before: str) -> bool:
    """Whether ``before`` ends with a code of letters and digits ("019d2bfc", "H19")."""
    word = _LAST_WORD.search(before)
    return word is not None and not word.group().isdigit() and not word.group().isalpha()


def _numbers(text: str) -> list[Finding]:
    groups: list[re.Match[str]] = []
    code_end = -1
    for match in _GROUP.finditer(text):
        # "123456789/QĐ-UBND" is a document number, "H19.***.2345" a masked dossier, and
        # "H19-261001-0007" or a UUID a code: digits glued to letters are not a number, nor
        # are the groups that follow them after a "-" or ".".
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        chained = before in ("-", ".") and (
            match.start() - 1 == code_end or _is_code(text[: match.start() - 1])
        )
        if _glued(before) or _glued(after) or chained:
            code_end = match.end()
            continue
        groups.append(match)
    runs: list[list[re.Match[str]]] = []
    for group in groups:
        if (
            runs
            and _SEPARATOR.fullmatch(text[runs[-1][-1].end() : group.start()])
            and not group.group().startswith("+")
        ):
            runs[-1].append(group)
        else:
            runs.append([group])
    found: list[Finding] = []
    for run in runs:
        start = 0
        while start < len(run):
            best: tuple[int, str] | None = None
            digits = ""
            plus = run[start].group().startswith("+")
            for end in range(start, len(run)):
                digits += run[end].group().lstrip("+")
                if len(digits) > _MAX_DIGITS:
                    break
                kind = _number_kind(digits, plus)
                if kind is not None:
                    best = (end, kind)
            if best is None:
                start += 1
                continue
            end, kind = best
            begin, finish = run[start].start(), run[end].end()
            # "(+84) 912…": take the bracket in front with the number.
            if begin > 0 and text[begin - 1] == "(" and ")" in text[begin:finish]:
                begin -= 1
            written = text[begin:finish]
            money = _MONEY_AFTER.match(text, finish) and re.search(r"[.,]\d{3}$", written)
            if not money:
                found.append(Finding(kind, begin, finish, _mask_digits(written)))
            start = end + 1
    return found


_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
OFFICIAL_DOMAINS = (".gov.vn",)
"""Addresses under these domains are official (a ward's, a department's) and may be published."""


def is_official_email(address: str) -> bool:
    """Whether an email address belongs to a state body (…@….gov.vn)."""
    domain = address.rsplit("@", 1)[-1].casefold()
    return any(domain.endswith(suffix) for suffix in OFFICIAL_DOMAINS)


def _emails(text: str) -> list[Finding]:
    found = []
    for match in _EMAIL.finditer(text):
        if is_official_email(match.group()):
            continue
        local, domain = match.group().split("@", 1)
        found.append(Finding(EMAIL, match.start(), match.end(), f"{local[:1]}***@{domain}"))
    return found


# Words Vietnamese puts before a person's name: honorifics and kinship terms.
HONORIFICS = (
    "ông",
    "bà",
    "anh",
    "chị",
    "em",
    "cô",
    "chú",
    "bác",
    "cháu",
    "cụ",
    "dì",
    "cậu",
    "mợ",
    "thím",
    "dượng",
    "con",
    "vợ",
    "chồng",
    "bé",
)
_HONORIFIC = re.compile(r"(?<!\w)(?i:" + "|".join(HONORIFICS) + r")(?:\s*/\s*\w+)?\s+(?=\w)")
_WORD = re.compile(r"\w+")
# Capitalised words after "ông"/"bà" that are a title or a place, not a name.
_NOT_A_NAME = {
    fold(word)
    for word in (
        "Chủ",
        "Phó",
        "Trưởng",
        "Giám",
        "Bí",
        "Tổ",
        "Cán",
        "Công",
        "Ủy",
        "Uỷ",
        "Kế",
        "Chánh",
        "Đại",
        "Trợ",
        "Thẩm",
        "Hiệu",
    )
}
_PLACES = {"ba ria", "ba chieu", "ba diem", "ba den", "ong lanh", "co to", "ba queo", "ong doc"}
_PLACE_BEFORE = re.compile(
    r"(đường|phố|núi|cầu|chợ|huyện|tỉnh|xã|phường|quận|thành phố|kênh|rạch|ấp|khu phố|sông)\s*$",
    re.I,
)


def _names(text: str) -> list[Finding]:
    found = []
    for lead in _HONORIFIC.finditer(text):
        words = []
        position = lead.end()
        while match := _WORD.match(text, position):
            word = match.group()
            if not word[0].isupper() or (len(word) > 1 and word.isupper()):
                break
            words.append(match)
            gap = re.match(r"[ \u00a0]+", text[match.end() :])
            if gap is None:
                break
            position = match.end() + gap.end()
        if not words or fold(words[0].group()) in _NOT_A_NAME:
            continue
        if fold(" ".join(w.group() for w in words[:2])) == "viet nam":
            continue  # "trẻ em Việt Nam": the country
        if len(words) == 1 and len(words[0].group()) == 1:
            continue  # "ông A": a placeholder, not a person
        honorific = text[lead.start() : lead.end()].strip()
        if fold(f"{honorific.split('/')[0]} {words[0].group()}") in _PLACES:
            continue
        if _PLACE_BEFORE.search(text[: lead.start()]):
            continue
        masked = " ".join(w.group()[0] + "***" for w in words)
        found.append(Finding(NAME, lead.start(), words[-1].end(), f"{honorific} {masked}"))
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Every phone number, ID number, private email and name in ``text``, in order."""
    found = _emails(text)
    emails = [(f.start, f.end) for f in found]
    found += [f for f in _numbers(text) if not any(s <= f.start < e for s, e in emails)] + _names(
        text
    )
    return sorted(found, key=lambda f: f.start)


def mask(text: str) -> str:
    """``text`` with every piece of personal data replaced by its masked form."""
    out = []
    position = 0
    for finding in find_personal_data(text):
        if finding.start < position:
            continue
        out.append(text[position : finding.start] + finding.masked)
        position = finding.end
    return "".join(out) + text[position:]


REWRITE_HINT = (
    "không công bố thông tin cá nhân của người dân (Nghị định 13/2023/NĐ-CP); "
    'hãy ghi lý do, việc đã làm mà không nêu ai, ví dụ "Hồ sơ cần xác minh thêm tại '
    'cơ quan phối hợp" hoặc "Đã liên hệ người nộp hồ sơ để hẹn lại"'
)


def personal_data_message(findings: list[Finding]) -> str:
    """The Vietnamese message for what was found: each item masked, then how to write it."""
    items = ", ".join(f'{f.kind} "{f.masked}"' for f in findings)
    return f"có thông tin cá nhân: {items}; {REWRITE_HINT}"


PERSONAL_DATA_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"(?<![\d*])(?:(?:\d[ .\-]?){11}\d|(?:\d[ .\-]?){8}\d)(?![\d*])"),
        "personal_id",
        f"có thông tin cá nhân: {CITIZEN_ID} hoặc {OLD_ID}; {REWRITE_HINT}",
    ),
    (
        re.compile(r"(?<![\d*])(?:\+84|84|0)[ .\-]?[35789](?:[ .\-]?\d){8}(?!\d)"),
        "personal_phone",
        f"có thông tin cá nhân: {PHONE} di động; {REWRITE_HINT}",
    ),
)
"""Regular expressions for the staff editor's forms, which cannot run ``find_personal_data``:
ID numbers and mobile numbers, grouped or not (JavaScript reads the same syntax). ``check``
runs the full guard above (landlines, private emails, names) on the same fields."""
