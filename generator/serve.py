"""Live preview: rebuild when content, config, theme or docs change (MkDocs' live server)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import BuildFailed, render_into
from .content import LoadResult, Project, load_project
from .mkdocs_config import theme_dirs
from .options import BuildOptions


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

    def rebuild() -> None:
        result = load_project(project, strict=strict)
        report(result)
        if result.content is None:
            say("Bản xem trước chưa được cập nhật: hãy sửa các lỗi trên rồi lưu tệp.")
            return
        try:
            render_into(
                project, result.content, site_dir, BuildOptions(strict=strict, live_preview=True)
            )
        except BuildFailed as error:
            say(f"Không xây dựng được bản xem trước: {error}")
            return
        say(f"Đã cập nhật bản xem trước: http://{host}:{port}/")

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    try:
        rebuild()
        for path in (
            project.config_file,
            project.content_dir,
            project.docs_dir,
            *theme_dirs(project),
        ):
            if path.exists():
                server.watch(str(path))
        say(f"Xem trước tại http://{host}:{port}/ — nhấn Ctrl+C để dừng.")
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            say("Đã dừng xem trước.")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
