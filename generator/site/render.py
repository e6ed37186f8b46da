"""Render part of a site's pages in a forked process, so a build uses both cores.

MkDocs renders pages one after another in one process. Once it has read every page and set
up the theme (the ``on_env`` event), the process is forked: the child renders and writes its
share of the pages and exits, while MkDocs in the parent renders the rest; the parent's copies
of the child's pages are left unwritten (``mkdocs_private.leave_unwritten``). Both processes
share the validated content through fork's copy-on-write memory: nothing is loaded or pickled
twice. The child renders with MkDocs' own per-page renderer (``mkdocs_private.render_page``),
so the pages are byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..forks import ChildFailed, can_fork, run_in_child
from .mkdocs_private import count_warnings, leave_unwritten, render_page

__all__ = ["MIN_PAGES", "ChildFailed", "can_fork", "render_in_child"]

MIN_PAGES = 200
"""Below this many pages, forking costs more than it saves (measured: about 0.1 s)."""


def render_in_child(
    pages: Sequence[Page],
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Environment,
    collected: Callable[[], Any],
) -> Callable[[], Iterator[Any]]:
    """Fork; the child renders ``pages`` into the site, then hands back ``collected()``; the
    parent leaves them unwritten."""

    def render() -> Iterator[Any]:
        # The parent cannot see the child's MkDocs warnings: count them here for --strict.
        warnings = count_warnings()
        for page in pages:
            render_page(page, config, doc_files, nav, env)
        if config.strict and (count := warnings()):
            raise ChildFailed(f"{count} cảnh báo của MkDocs (chế độ --strict)")
        yield collected()

    helper = run_in_child(render)
    for page in pages:
        leave_unwritten(page)
    return helper
