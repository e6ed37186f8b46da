"""What a built site weighs: on disk, per procedure page, and what search makes a browser fetch."""

from __future__ import annotations

import json
import re
import statistics
import zlib
from dataclasses import dataclass, field
from pathlib import Path

KB = 1024
MB = 1024 * 1024


@dataclass(frozen=True)
class PageStats:
    """Sizes of the procedure pages of one site."""

    count: int
    median_kb: float
    max_kb: float


@dataclass(frozen=True)
class SearchPayload:
    """What a browser downloads before it can show the first search result."""

    kb: float
    note: str
    files: list[str] = field(default_factory=list)
    gzip_kb: float = 0.0
    """The same files gzip-compressed (level 6), as a web server would usually send them."""


def gzip_bytes(paths: list[Path]) -> int:
    """Total size of ``paths`` after gzip level 6, compressed file by file in chunks."""
    total = 0
    for path in paths:
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                total += len(compressor.compress(chunk))
        total += len(compressor.flush())
    return total


def site_bytes(site: Path) -> tuple[int, int]:
    """Total bytes of every file under ``site`` (apparent size) and the number of HTML files."""
    total = 0
    html = 0
    for path in site.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            html += path.suffix == ".html"
    return total, html


def procedure_page_stats(site: Path, pattern: str) -> PageStats:
    """Median and largest size of the procedure pages (``pattern`` is a glob under ``site``)."""
    sizes = [path.stat().st_size for path in site.glob(pattern)]
    if not sizes:
        return PageStats(0, 0.0, 0.0)
    return PageStats(len(sizes), statistics.median(sizes) / KB, max(sizes) / KB)


_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _material_worker(site: Path) -> Path | None:
    """The search worker Material's pages point at (from the home page's ``__config``)."""
    home = site / "index.html"
    if not home.is_file():
        return None
    match = _CONFIG.search(home.read_text(encoding="utf-8", errors="replace"))
    if not match:
        return None
    worker = json.loads(match.group(1)).get("search")
    return (site / worker).resolve() if worker else None


_LANG = re.compile(r'"lang"\s*:\s*(\[[^\]]*\])')


def _index_languages(index: Path) -> list[str]:
    """The languages in a Material search index's config, read from the file's head only.

    The harness stays small on purpose (its memory is not the builds'): a 200 MB index is
    never parsed whole.
    """
    with index.open("rb") as handle:
        head = handle.read(64 * 1024).decode("utf-8", errors="replace")
    match = _LANG.search(head)
    languages: list[str] = json.loads(match.group(1)) if match else ["en"]
    return languages


_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.I)
# congkhai's search box names its index in data-index and loads it when a citizen starts to
# search: it is still part of what is downloaded before the first result.
_LAZY_INDEX = re.compile(r"\bdata-index=[\"']([^\"']+)[\"']", re.I)
SEARCH_WORDS = ("search", "tim-kiem")
"""Words that mark a search file or page ("tìm kiếm" is Vietnamese for search)."""


def _search_scripts(site: Path, page: Path) -> set[Path]:
    """Scripts ``page`` loads whose address names search, as files of the site."""
    found: set[Path] = set()
    text = page.read_text(encoding="utf-8", errors="replace")
    for src in _SCRIPT_SRC.findall(text) + _LAZY_INDEX.findall(text):
        if "://" in src or not any(word in src.lower() for word in SEARCH_WORDS):
            continue
        path = (page.parent / src.split("?")[0].split("#")[0]).resolve()
        if path.is_file() and path.is_relative_to(site.resolve()):
            found.add(path)
    return found


def search_payload(site: Path) -> SearchPayload:
    """Bytes fetched before the first search result: index, engine and language files.

    Material's search plugin: ``search/search_index.json``, the worker its pages name, and
    the lunr language files the worker loads for the index's languages. Otherwise (congkhai):
    the scripts the home page (and a search page, if any) loads whose address names search
    ("search" or "tim-kiem"), plus any other file named *search*, except Material's bundled
    worker and lunr files, which Material ships in every site but loads only with its plugin.
    """
    index = site / "search" / "search_index.json"
    if index.is_file():
        found = [index]
        worker = _material_worker(site)
        if worker and worker.is_file():
            found.append(worker)
        languages = _index_languages(index)
        lunr = site / "assets" / "javascripts" / "lunr"
        others = [lang for lang in languages if lang != "en"]
        if others:
            found.append(lunr / "min" / "lunr.stemmer.support.min.js")
            found += [lunr / "min" / f"lunr.{lang}.min.js" for lang in others]
        if len(languages) > 1:
            found.append(lunr / "min" / "lunr.multi.min.js")
        if "ja" in languages:
            found.append(lunr / "tinyseg.js")
        if "th" in languages:
            found.append(lunr / "wordcut.js")
        present = [path for path in found if path.is_file()]
        return SearchPayload(
            sum(path.stat().st_size for path in present) / KB,
            "Material search: index + worker" + (" + lunr " + ",".join(others) if others else ""),
            [path.relative_to(site).as_posix() for path in present],
            gzip_bytes(present) / KB,
        )
    site = site.resolve()
    unused = [site / "assets" / "javascripts" / "workers", site / "assets" / "javascripts" / "lunr"]
    files: set[Path] = set()
    for page in (site / "index.html", site / "tim-kiem" / "index.html"):
        if page.is_file():
            files |= _search_scripts(site, page)
    files |= {
        path
        for path in site.rglob("*")
        if path.is_file()
        and "search" in path.name.lower()
        and not any(path.is_relative_to(folder) for folder in unused)
    }
    if not files:
        return SearchPayload(0.0, "no search yet")
    ordered = sorted(files)
    names = [path.relative_to(site).as_posix() for path in ordered]
    return SearchPayload(
        sum(path.stat().st_size for path in ordered) / KB,
        "own search: " + " + ".join(names),
        names,
        gzip_bytes(ordered) / KB,
    )
