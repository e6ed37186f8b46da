"""Build the site into a temporary folder, then swap it in: a failed build changes nothing."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..project import Project
from ..errors import BuildFailed, os_reason, quiet_mkdocs
from ..linkcheck import BrokenLink, broken_links
from .config import ConfigError, mkdocs_config
from .mkdocs_private import run_build
from ..model import Content
from ..options import BuildOptions
from .plugin import CongkhaiPlugin

__all__ = ["BuildFailed", "BuildResult", "build_site", "quiet_mkdocs", "render_into"]


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
    remove_stale_staging(site_dir.parent)
    # The new site is built beside the old one (same file system, so the swap is a rename).
    staging = _staging_dir(site_dir.parent, "new")
    try:
        _, broken = render_into(project, content, staging, options or BuildOptions())
        _swap(staging, site_dir)
    except BaseException:
        remove_tree(staging)
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
        run_build(config)
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
        raise BuildFailed(f"không ghi được tệp ({os_reason(error)}: {error.filename})") from error
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
    old = _staging_dir(target.parent, "old")
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    remove_tree(old)


_STAGING = re.compile(r"\.site-(?:new|old)-(?:(\d+)-)?")


def _staging_dir(parent: Path, kind: str) -> Path:
    """A new empty folder beside the site, named after this process.

    ``mkdir`` gives it the mode of any folder the user makes (0755 under umask 022), so a web
    server running as another user can read the site; ``mkdtemp`` would give 0700.
    """
    path = parent / f".site-{kind}-{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir()
    return path


def _running(pid: int) -> bool:
    """Whether a process with this id exists (then its staging folder may still be in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(parent: Path) -> None:
    """Remove the staging folders that killed or failed builds left beside the site."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        found = _STAGING.match(entry.name)
        if found is None or not entry.is_dir() or entry.is_symlink():
            continue
        if found.group(1) is not None and _running(int(found.group(1))):
            continue
        remove_tree(entry)


def remove_tree(path: Path) -> None:
    """Delete a folder even where a file or folder in it was made read-only."""

    def writable_again(function: Callable[..., object], name: str, _: object) -> None:
        # A read-only folder refuses to let its entries go: open it up, then try once more.
        try:
            os.chmod(os.path.dirname(name), stat.S_IRWXU)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, stat.S_IRWXU)
            function(name)
        except OSError:
            pass

    shutil.rmtree(path, onerror=writable_again)
