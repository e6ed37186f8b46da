"""Live preview: rebuild when content, config, theme or docs change (MkDocs' live server)."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .build import BuildFailed, render_into
from ..project import LoadCache, LoadResult, Project, load_project
from .config import theme_dirs
from .mkdocs_private import serve_live
from ..format import decimal
from ..options import BuildOptions
from .plugin import CongkhaiPlugin


class Preview:
    """Rebuilds a preview site, re-reading and re-rendering only what changed.

    The first build is a full one; afterwards, when only content changed (not the theme or
    the staff guide), procedure files are re-read only if their stamp changed and only the
    pages that show them are rendered again: at 2,000 procedures, saving one procedure
    file updates the preview in about a second instead of a full build's ten.
    """

    def __init__(self, project: Project, site_dir: Path, *, strict: bool) -> None:
        self.project = project
        self.site_dir = site_dir
        self.strict = strict
        self.cache = LoadCache()
        self.plugin: CongkhaiPlugin | None = None
        self.layout: tuple[object, ...] | None = None

    def _layout(self) -> tuple[object, ...]:
        """Stamps of what a re-render cannot pick up: theme templates and hand-written pages."""
        folders = [*theme_dirs(self.project), self.project.docs_dir]
        return tuple(
            (path, path.stat().st_mtime_ns)
            for folder in folders
            if folder.is_dir()
            for path in sorted(folder.rglob("*"))
        )

    def rebuild(self) -> tuple[LoadResult, int | None, float]:
        """Load and render; returns the load result, pages written (None: nothing, because
        of content errors) and the seconds it took. Raises ``BuildFailed``."""
        started = time.perf_counter()
        result = load_project(self.project, strict=self.strict, cache=self.cache)
        if result.content is None:
            return result, None, time.perf_counter() - started
        layout = self._layout()
        written = None
        if self.plugin is not None and layout == self.layout:
            written = self.plugin.refresh(result.content)
        if written is None:
            options = BuildOptions(strict=self.strict, live_preview=True)
            config, _ = render_into(self.project, result.content, self.site_dir, options)
            plugin = config.plugins["congkhai"]
            self.plugin = plugin if isinstance(plugin, CongkhaiPlugin) else None
            self.layout = layout
            written = sum(1 for _ in self.site_dir.rglob("*.html"))
        return result, written, time.perf_counter() - started


def serve(
    project: Project,
    host: str,
    port: int,
    *,
    strict: bool,
    report: Callable[[LoadResult], None],
    say: Callable[[str], None],
) -> None:
    """Serve a preview at ``http://host:port/`` until interrupted."""
    site_dir = Path(tempfile.mkdtemp(prefix="congkhai-serve-"))
    preview = Preview(project, site_dir, strict=strict)

    def rebuild() -> None:
        try:
            result, written, seconds = preview.rebuild()
        except BuildFailed as error:
            preview.plugin = None
            say(f"Không xây dựng được bản xem trước: {error}")
            return
        report(result)
        if written is None:
            say("Bản xem trước chưa được cập nhật: hãy sửa các lỗi trên rồi lưu tệp.")
            return
        shown = decimal(seconds, 1)
        say(f"Đã cập nhật bản xem trước ({written} trang, {shown} giây): http://{host}:{port}/")

    try:
        rebuild()
        # dict.fromkeys: outside a province the catalogue is the content folder; watch it once.
        watched = dict.fromkeys(
            (
                project.config_file,
                project.content_dir,
                project.catalogue_dir,
                project.selection_file,
                project.docs_dir,
                *theme_dirs(project),
            )
        )
        try:
            serve_live(
                rebuild,
                host=host,
                port=port,
                root=site_dir,
                watched=[path for path in watched if path.exists()],
                started=lambda: say(f"Xem trước tại http://{host}:{port}/ — nhấn Ctrl+C để dừng."),
            )
        except KeyboardInterrupt:
            say("Đã dừng xem trước.")
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
