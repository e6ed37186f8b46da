"""Build the site into a temporary folder, then swap it in: a failed build changes nothing."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .content import Project
from .linkcheck import BrokenLink, broken_links
from .mkdocs_config import ConfigError, mkdocs_config
from .model import Content
from .options import BuildOptions
from .plugin import CongkhaiPlugin


class BuildFailed(Exception):
    """The site could not be built; the message is for staff, in Vietnamese."""


@dataclass(frozen=True)
class BuildResult:
    """What a successful build produced."""

    site_dir: Path
    pages: int
    seconds: float
    broken_links: list[BrokenLink] = field(default_factory=list)


def build_site(
    project: Project, content: Content, site_dir: Path, options: BuildOptions | None = None
) -> BuildResult:
    """Build ``content`` into ``site_dir``, replacing it only once the new site is complete."""
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # The new site is built beside the old one (same file system, so the swap is a rename).
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        _, broken = render_into(project, content, staging, options or BuildOptions())
        _swap(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return BuildResult(site_dir, pages, time.perf_counter() - started, broken)


def render_into(
    project: Project, content: Content, site_dir: Path, options: BuildOptions
) -> tuple[MkDocsConfig, list[BrokenLink]]:
    """Run MkDocs for ``content`` into ``site_dir`` and check its links; return the
    configuration (with the plugin, which a live preview keeps to re-render pages) and the
    broken links.

    Raises ``BuildFailed`` with a staff message; with ``strict``, a broken link fails too.
    """
    try:
        config = mkdocs_config(project, content, site_dir, options)
        mkdocs_build(config)
    except TemplateSyntaxError as error:
        where = f" ({error.filename}:{error.lineno})"
        raise BuildFailed(f"lỗi cú pháp trong mẫu giao diện{where}: {error}") from error
    except TemplateError as error:
        raise BuildFailed(f"lỗi trong mẫu giao diện: {error}") from error
    except (MkDocsException, ConfigError) as error:
        raise BuildFailed(
            str(error) or "MkDocs dừng lại vì có cảnh báo (chế độ --strict)"
        ) from error
    except OSError as error:
        raise BuildFailed(f"không ghi được tệp ({error.strerror}: {error.filename})") from error
    plugin = config.plugins["congkhai"]
    scanned = plugin.scanned if isinstance(plugin, CongkhaiPlugin) else None
    broken = broken_links(site_dir, urlsplit(content.config.site.url).path or "/", scanned)
    if broken and options.strict:
        shown = "; ".join(str(link) for link in broken[:5])
        more = f" (và {len(broken) - 5} liên kết khác)" if len(broken) > 5 else ""
        raise BuildFailed(f"{len(broken)} liên kết hỏng: {shown}{more}")
    return config, broken


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the previous ``target`` is removed only after the rename."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs() -> None:
    """Keep MkDocs' progress lines out of staff output; its warnings still show."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
