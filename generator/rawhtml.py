"""Refuse raw HTML that can run code in the hand-written Markdown pages (the staff guide).

Markdown lets any HTML through, and the pages are published on the ward's site: a
``<script>``, an ``onerror=`` attribute or a ``javascript:`` link written into a page would run
in every citizen's browser. ``congkhai check`` reports each one at its line and column; the
Content-Security-Policy (generator/csp.py) is the second line of defence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import Problem

_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|form|base|meta|link|style"
    r"|svg|math|template)\b",
    re.I,
)
_EVENT = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I)
_SCHEME = re.compile(
    r"(?:(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?|\]\(\s*<?)\s*"
    r"(javascript|vbscript|data)\s*:",
    re.I,
)
_RULES = (
    (
        _TAG,
        0,
        'thẻ HTML "<%s>" không được dùng trong trang Markdown (nó có thể chạy mã lạ trên máy '
        "người dân); hãy xóa thẻ này và chỉ viết Markdown",
    ),
    (
        _EVENT,
        1,
        'thuộc tính HTML "%s" không được dùng (nó chạy mã khi người dân mở trang); hãy xóa '
        "thuộc tính này",
    ),
    (
        _SCHEME,
        1,
        'liên kết "%s:" không được dùng; hãy dẫn tới một địa chỉ https:// hoặc một trang của '
        "trang web",
    ),
)
"""What may not be written, where its column is (match group), and what to tell staff."""
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def html_problems(text: str, shown: str) -> list[Problem]:
    """Every tag, attribute or link in one Markdown text that could run code."""
    problems: list[Problem] = []
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        # Code shown as code is text, not HTML: blank it out, keeping the columns.
        plain = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for pattern, where, message in _RULES:
            for match in pattern.finditer(plain):
                if pattern is _TAG and match.group().lstrip("<").lstrip().startswith("/"):
                    continue  # a closing tag: its opening tag is reported already
                found = match.group(1).lower()
                problems.append(Problem(shown, number, match.start(where) + 1, "", message % found))
    return problems


def markdown_problems(files: Iterable[Path], display: Callable[[Path], str]) -> list[Problem]:
    """Raw HTML that could run code, in every Markdown file among ``files``."""
    problems: list[Problem] = []
    for path in files:
        if path.suffix.lower() not in (".md", ".markdown"):
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        problems += html_problems(text, display(path))
    return sorted(problems)
