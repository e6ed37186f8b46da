"""Check that every internal link and anchor of a built site resolves (run on every build).

Pages are scanned with regular expressions rather than an HTML parser: the site's HTML is
produced by our own templates, and a parser would cost more than the rest of the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')
_EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")


@dataclass(frozen=True)
class BrokenLink:
    """A link on ``page`` to ``target`` that leads nowhere."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: liên kết hỏng tới {self.target} ({self.reason})"


def broken_links(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link or anchor in the HTML pages under ``site`` that does not resolve.

    ``base_path`` is the path of the site's URL ("/cong-khai/"): absolute links (the 404 page
    uses them) are read relative to it.
    """
    pages = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    texts = {name: path.read_text(encoding="utf-8") for name, path in pages.items()}
    anchors = {name: set(_ID.findall(text)) for name, text in texts.items()}
    broken: list[BrokenLink] = []
    for name, text in sorted(texts.items()):
        for href in _unique(_LINK.findall(text)):
            problem = _check(site, name, href, anchors, base_path)
            if problem:
                broken.append(BrokenLink(name, href, problem))
    return broken


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _check(
    site: Path, page: str, href: str, anchors: dict[str, set[str]], base_path: str
) -> str | None:
    if not href or href.startswith(_EXTERNAL):
        return None
    parts = urlsplit(href)
    if parts.scheme:
        return None
    target = page
    if parts.path:
        if parts.path.startswith("/"):
            if not parts.path.startswith(base_path):
                return "ngoài trang web"
            joined = PurePosixPath(unquote(parts.path[len(base_path) :]))
        else:
            joined = PurePosixPath(page).parent / unquote(parts.path)
        resolved = _normalise(joined)
        if resolved is None or not (site / resolved).exists():
            return "không có tệp"
        target = resolved
        if (site / target).is_dir():
            target = f"{target}/index.html".lstrip("/")
            if not (site / target).is_file():
                return "thư mục không có index.html"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in anchors.get(target, set()):
        return f'không có mục "#{fragment}"'
    return None


def _normalise(path: PurePosixPath) -> str | None:
    """Resolve "." and ".." without touching the disk; None if it climbs out of the site."""
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
