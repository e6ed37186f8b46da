"""Clean the text of one cell or field as sources deliver it: NFC, no invisible characters,
no HTML or Markdown from a copy out of Word, one space between words, "no information" as empty.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from ..text import fold, nfc

# Zero-width and direction marks, BOM and soft hyphen: invisible in every editor, and they
# make "đăng k\u200eý" differ from "đăng ký" (the portal's own text has such marks).
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# No-break and other odd spaces become plain spaces.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_BOLD = re.compile(r"<\s*(b|strong)\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")

EMPTY_MARKERS = frozenset(
    fold(text)
    for text in (
        "Không có thông tin",
        "Không có",
        "Đang cập nhật",
        "Chưa có thông tin",
        "Không",
        "N/A",
        "-",
        "--",
        "...",
    )
)
"""What sources write instead of leaving a field empty ("Không có thông tin" on the portal)."""
_LONGEST_MARKER = 2 * max(map(len, EMPTY_MARKERS))
"""Longer text (trailing dots aside) is never only a marker."""


def clean(value: object) -> str:
    """One cell as text: NFC, tags and invisible characters removed, spaces collapsed per line."""
    if value is None:
        return ""
    # Some crawlers save a field as a list of lines or of small objects.
    if isinstance(value, list | tuple):
        return "\n".join(filter(None, (clean(item) for item in value)))
    if isinstance(value, dict):
        return "\n".join(filter(None, (clean(item) for item in value.values())))
    # Excel stores a typed "15/09/2026" as a date and "1" as the number 1.0.
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = nfc(str(value))
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    if "<" in text:
        text = _PARAGRAPH_BREAK.sub("\n", text)
        text = html.unescape(_TAG.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def clean_field(value: object) -> str:
    """Like ``clean``, and "Không có thông tin" (or another empty marker) becomes ""."""
    text = clean(value)
    if len(text.rstrip(".")) > _LONGEST_MARKER:
        return text  # folding a whole page (a record's raw_text) to compare it was the slow part
    return "" if fold(text).rstrip(".") in EMPTY_MARKERS else text


def is_bold_markup(value: object) -> bool:
    """Whether a cell copied from Word or a web page was bold (``<b>…</b>``)."""
    return isinstance(value, str) and bool(_BOLD.search(value))


def strip_markdown(text: str) -> str:
    """Drop Markdown heading marks and bold markers a converted document puts around a line."""
    return _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_HEADING.sub("", text)).strip()


def one_line(text: str) -> str:
    """The text with line breaks turned into spaces (for names and titles)."""
    return " ".join(text.split())


def slug(text: str, *, max_length: int = 60) -> str:
    """A file or id slug: folded, words joined by hyphens, cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > max_length:
            break
        result = candidate
    return result
