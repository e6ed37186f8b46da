"""Check that every internal link and anchor of a built site resolves (run on every build).

Pages are scanned with regular expressions rather than an HTML parser: the site's HTML is
produced by our own templates, and a parser would cost more than the rest of the build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
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


@dataclass(frozen=True)
class PageLinks:
    """What the link check needs of one page: the ids it defines and the links it makes."""

    ids: frozenset[str]
    links: tuple[str, ...]


def scan(html: str) -> PageLinks:
    """The ids and links of one page's HTML."""
    # Most links and ids repeat on every page (theme assets, section anchors): interned,
    # 2,000 pages share one copy of each.
    return PageLinks(
        frozenset(map(sys.intern, _ID.findall(html))),
        tuple(map(sys.intern, _unique(_LINK.findall(html)))),
    )


def broken_links(
    site: Path, base_path: str = "/", scanned: Mapping[str, PageLinks] | None = None
) -> list[BrokenLink]:
    """Every internal link or anchor in the HTML pages under ``site`` that does not resolve.

    ``base_path`` is the path of the site's URL ("/cong-khai/"): absolute links (the 404 page
    uses them) are read relative to it. ``scanned`` holds pages already scanned while they
    were rendered (by site path); only the other HTML files are read from disk.
    """
    # Only each page's ids and links are kept: holding every page's text at once was the
    # build's memory peak (175 MiB at 2,000 procedures).
    pages = dict(scanned or {})
    files: set[str] = set()
    folders: set[str] = {""}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_dir():
            folders.add(name)
            continue
        files.add(name)
        if name.endswith(".html") and name not in pages:
            pages[name] = scan(path.read_text(encoding="utf-8"))
    tree = _Tree(files, folders, {name: page.ids for name, page in pages.items()})
    broken: list[BrokenLink] = []
    for name in sorted(pages):
        if name not in files:
            continue  # rendered, but not written (MkDocs skips empty pages)
        for href in pages[name].links:
            problem = tree.check(name, href, base_path)
            if problem:
                broken.append(BrokenLink(name, href, problem))
    return broken


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class _Tree:
    """The built site as sets of paths: checking a link never touches the disk."""

    files: set[str]
    folders: set[str]
    anchors: dict[str, frozenset[str]]

    def check(self, page: str, href: str, base_path: str) -> str | None:
        """Why ``href`` on ``page`` leads nowhere, or None."""
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
            if resolved is None or (resolved not in self.files and resolved not in self.folders):
                return "không có tệp"
            target = resolved
            if resolved in self.folders:
                target = f"{resolved}/index.html".lstrip("/")
                if target not in self.files:
                    return "thư mục không có index.html"
        fragment = unquote(parts.fragment)
        if (
            fragment
            and target.endswith(".html")
            and fragment not in self.anchors.get(target, set())
        ):
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
