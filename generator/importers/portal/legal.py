"""The legal basis: each cited document as number, title and date, duplicates merged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...dates import WORDS_DMY, dmy, written_dmy
from ...text import fold
from ..cells import clean, clean_field, one_line
from .issues import Issues

_LEGAL_HEADER = re.compile(
    r"^\s*Tên văn bản(?: pháp lý)?\s*"
    r"(?:Mã văn bản|Số văn bản|(?:Số hiệu|Số ký hiệu|Ký hiệu)(?: văn bản)?)\s*"
)
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
    r"|BNV|BKHĐT|BGTVT|BTNMT|BNNPTNT|BNNMT|BCT|BGDĐT|BVHTTDL|BTTTT|BKHCN|UBND|HĐND|VPCP|TW"
    r"|BNG|BDTTG|UBDT|TTCP|TANDTC|VKSNDTC|KTNN|VPQH)$"
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
# "… ngày 15/11/2015", "…, ngày 01 tháng 02 năm 2024": the date right after the number.
_DATE_AFTER = r",?\s+ngày\s+(?:" + dmy(gap=r"\s*") + "|" + WORDS_DMY + ")"


def _boundaries(text: str) -> Iterator[int]:
    """Positions where one "title + number" entry ends and the next title begins."""
    bare_ends: set[int] = set()
    last = 0
    for bare in re.finditer(r"(?<![\d/.])(\d+/\d{4})(?=[A-ZĐ][a-zà-ỹ])", text):
        # "…của Chính phủ167/2025Nghị định…": a number column without its symbol, after a
        # title citing "167/2025/NĐ-CP".
        if f"{bare.group(1)}/" in text[max(0, bare.start() - 400) : bare.start()]:
            bare_ends.add(bare.end())
    for bare in re.finditer(rf"(?<=[^\d](?:19|20)\d\d)\d{{1,4}}(?={_DOC_TYPES})", text):
        # "Luật Hải quan 201454Nghị định…": a number column holding only "54" after a title
        # ending in its year.
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
        # A title glued on starts with a Vietnamese syllable: a capital, then a vowel or the
        # "h", "g", "r" of "Th", "Ng", "Tr"… ("…TT-BDTTGquy định" is a symbol going on).
        glued = (
            len(following) == 2
            and following[0].isupper()
            and following[1].islower()
            and fold(following[1]) in "aeiouyhgr"
        )
        spaced = bool(_NEXT_TITLE.match(text, end))
        # "…166/2016/NĐ-CPLUẬT Bảo hiểm…58/2014/QH13BAN HÀNH…": an upper-case title glued
        # after a number whose symbol ends with a known issuer.
        window = text[max(0, end - 60) : end]
        issuer = bool(_ISSUER_AT_END.search(window))
        shouting = following[:1].isupper() and issuer
        # "…NĐ-CPquy định mức thu…": a lower-case title after a number column, but not
        # "Thông tư số 53/2025/TT-BCAngày…", a number cited inside its own title.
        own = bool(_OWN_NUMBER.search(window))
        # An issuer the list does not know still ends a full "N/YYYY/TT-XYZ" number glued to a
        # lower-case word ("…/TT-BQWquy định…"): no symbol goes on in lower case.
        dated = bool(re.search(rf"(?<![\d/])\d+/\d{{4}}/[{_UPPER}]+-[{_UPPER}]+$", window))
        dated = dated and not (window.endswith("TT") and following[:1] == "g")  # "QĐ-TTg"
        lower = following[:1].islower() and (issuer or dated) and not own
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
        if bare := re.search(r"(?<=[^\d](?:19|20)\d\d)\d{1,4}$", entry):
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
        title = clean_field(title.strip(" .;,")) or number
        if re.fullmatch(rf"{_DOC_TYPES}(?: số)?", title):
            # The title column says only "Luật", "Thông tư số": the page reads "Luật 81/2006/QH11".
            title = f"{title} {number}"
        number = _title_number(title, number, issues)
        fuller = [n for n in seen if n.startswith(f"{number}/")]
        if fuller and not re.search(rf"[/-][{_UPPER}]", number) and len(title) < 10:
            # "Thông tư số 29/2025/TT-BTC" + "TT29/2025": the entry's own number column, cut.
            issues.check(
                f'can_cu_phap_ly: văn bản {fuller[0]}: cột số hiệu trên Cổng ghi "{entry}"'
            )
            continue
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
        if not re.search(rf"[/-][{_UPPER}]", number):
            # "Luật Hải quan 2014" + "54": the portal's number column lacks year and symbol.
            issues.check(f'can_cu_phap_ly: số hiệu "{number}" thiếu ký hiệu văn bản trên Cổng')
        if found := re.search(re.escape(number) + _DATE_AFTER, title):
            day, month, year = (
                a or b for a, b in zip(found.groups()[:3], found.groups()[3:], strict=True)
            )
            document["date"] = written_dmy(day, month, year)
        documents.append(document)
    tail = body[start:].strip()
    if bare := re.search(r"(?<![\d/.])(\d+/\d{4})$", tail):
        # "…chuỗi giá trị24/2024": a number column without the document's symbol.
        documents.append({"number": bare.group(1), "title": tail[: bare.start()].strip(" .;,")})
        issues.check(f'can_cu_phap_ly: số hiệu "{bare.group(1)}" thiếu ký hiệu văn bản trên Cổng')
    elif tail:
        issues.cannot("can_cu_phap_ly", f'không tách được số hiệu của "{tail[:80]}"')
    return documents
