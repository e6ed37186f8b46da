"""Every private or undocumented MkDocs API congkhai uses, each behind one function.

Pinned: mkdocs 1.6 and mkdocs-material 9.x (constraints.txt). Nothing else in congkhai calls
these APIs (``tests/test_site_door.py``); each function says what it relies on in MkDocs 1.6
and what takes its place in Zensical, so a move or an upgrade starts from this one file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import _build_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import CountHandler

SKIP_TEMPLATE = "ck-skip.html"
"""An empty template (``theme/ck-skip.html``): see ``leave_unwritten``."""


def validated_config(
    config_file: Path, settings: Mapping[str, Any]
) -> tuple[MkDocsConfig, list[str]]:
    """A MkDocs configuration from ``settings`` (what mkdocs.yml would say), validated; and the
    validation errors, one ``name: error`` each (the configuration is unusable if any)."""
    # Relies on: MkDocsConfig(config_file_path=...), load_dict() and validate(), the steps
    # mkdocs.config.load_config takes after reading mkdocs.yml (not documented as an API).
    # In Zensical: write the settings out as zensical.toml (or mkdocs.yml) and let
    # `zensical build` read it; Zensical validates its own configuration.
    config = MkDocsConfig(config_file_path=str(config_file))
    config.load_dict(dict(settings))
    errors, _warnings = config.validate()
    return config, [f"{name}: {error}" for name, error in errors]


def complete_config(
    config: MkDocsConfig,
    *,
    escaped: Mapping[str, Markup],
    template_dirs: Sequence[Path],
    plugins: Mapping[str, BasePlugin],  # type: ignore[type-arg]
) -> None:
    """After validation: put pre-escaped staff texts in place, put ``template_dirs`` before the
    theme's own folders, and attach plugin instances that already hold the content."""
    # Relies on: a validated MkDocsConfig being a plain dict whose values MkDocs and Material
    # pass to templates unchanged (a Markup site_name is printed as is, never escaped twice);
    # theme.dirs being the Jinja search path, read when the build makes its environment
    # (MkDocs takes a single custom_dir); config.plugins being a PluginCollection whose
    # __setitem__ registers the instance's on_* events (plugins normally come from entry
    # points, built by MkDocs without arguments).
    # In Zensical: the texts go into the generated configuration; the ward's overrides and
    # congkhai's theme are merged into one custom_dir; MkDocs plugins are not run, so the
    # pages the plugin adds become generated Markdown files (or a Zensical module, once its
    # module API is public).
    for key, value in escaped.items():
        config[key] = value
    for folder in reversed(template_dirs):
        config.theme.dirs.insert(0, str(folder))
    for name, plugin in plugins.items():
        config.plugins[name] = plugin


def run_build(config: MkDocsConfig) -> None:
    """Build the site that ``config`` describes, as ``mkdocs build`` does."""
    # Relies on: mkdocs.commands.build.build(config), the function behind `mkdocs build`
    # (a module function, not a documented API), with its events in the documented order.
    # In Zensical: run `zensical build` on the generated configuration.
    mkdocs_build(config)


def render_page(
    page: Page, config: MkDocsConfig, files: Sequence[File], nav: Navigation, env: Environment
) -> None:
    """Render one page and write it, exactly as MkDocs' own build loop does."""
    # Relies on: mkdocs.commands.build._build_page(page, config, doc_files, nav, env) (private):
    # the per-page step of MkDocs' build (context, on_page_context, template, on_post_page,
    # write), called on pages MkDocs has already read (after the on_env event).
    # In Zensical: not needed; it renders pages in parallel itself (drop the fork of
    # render.py) and `zensical serve` rebuilds only what changed (drop Preview.refresh).
    _build_page(page, config, files, nav, env)


def leave_unwritten(page: Page) -> None:
    """Let MkDocs render ``page`` to nothing, so that it writes no file for it (another
    process renders and writes that page)."""
    # Relies on: _build_page writing a page only when its output is not blank ("Page skipped
    # ... Generated empty output", logged at INFO), and the page's ``template`` meta choosing
    # its template (SKIP_TEMPLATE renders nothing).
    # In Zensical: not needed (no fork).
    page.meta["template"] = SKIP_TEMPLATE


def count_warnings() -> Callable[[], int]:
    """Count MkDocs' warnings from now on; the function returned says how many so far."""
    # Relies on: mkdocs.utils.CountHandler (undocumented; what `mkdocs build --strict` counts
    # with) and MkDocs logging under the "mkdocs" logger.
    # In Zensical: not needed (no forked child whose warnings the parent cannot see).
    handler = CountHandler(level=logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    return lambda: sum(count for _, count in handler.get_counts())


def set_table_of_contents(page: Page, headings: Iterable[tuple[str, str]]) -> None:
    """Give ``page`` a flat table of contents of ``(anchor, title)`` headings (level 2); titles
    are escaped here, since Material prints them as HTML."""
    # Relies on: TableOfContents and AnchorLink(title, id, level) (constructors undocumented;
    # MkDocs builds them from the toc extension's tokens) and page.toc being what Material's
    # sidebar reads, set in on_page_content.
    # In Zensical: headings come from the rendered page; a generated Markdown page with real
    # "##" headings gets its table of contents without help.
    page.toc = TableOfContents(
        [AnchorLink(Markup.escape(title), anchor, 2) for anchor, title in headings]
    )


def serve_live(
    build: Callable[[], None],
    *,
    host: str,
    port: int,
    root: Path,
    watched: Iterable[Path],
    started: Callable[[], None],
) -> None:
    """Serve ``root`` at ``http://host:port/``, call ``build`` when a watched path changes and
    reload the open pages; ``started`` is called just before serving. Ctrl+C ends it
    (``KeyboardInterrupt`` reaches the caller)."""
    # Relies on: mkdocs.livereload.LiveReloadServer(builder, host, port, root) with watch(),
    # serve() and shutdown() (the server of `mkdocs serve`, not a documented API); it injects
    # its reload script into every HTML page (hence no CSP in a live preview).
    # In Zensical: `zensical serve` on the generated configuration.
    server = LiveReloadServer(builder=build, host=host, port=port, root=str(root))
    try:
        for path in watched:
            server.watch(str(path))
        started()
        server.serve()  # type: ignore[no-untyped-call]
    finally:
        server.shutdown()
