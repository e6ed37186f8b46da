"""Render part of a site's pages in a forked process, so a build uses both cores.

MkDocs renders pages one after another in one process. Once it has read every page and set
up the theme (the ``on_env`` event), the process is forked: the child renders and writes its
share of the pages and exits, while MkDocs in the parent renders the rest; the parent's copies
of the child's pages are rendered with an empty template, which MkDocs does not write. Both
processes share the validated content through fork's copy-on-write memory: nothing is loaded
or pickled twice.

This calls MkDocs' private ``_build_page`` (mkdocs 1.6, pinned in constraints.txt): the same
function MkDocs' own loop calls for each page, so the pages are byte for byte the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..forks import ChildFailed, can_fork, run_in_child

__all__ = ["MIN_PAGES", "SKIP_TEMPLATE", "ChildFailed", "build_page", "can_fork", "render_in_child"]

SKIP_TEMPLATE = "ck-skip.html"
"""An empty template: MkDocs writes no file for a page that renders to nothing."""

build_page = _build_page
"""MkDocs' own page renderer (private API), also used by the live preview to re-render."""

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
    """Fork; the child renders ``pages`` into the site, then hands back ``collected()``."""

    def render() -> Iterator[Any]:
        # The parent cannot see the child's MkDocs warnings: count them here for --strict.
        warnings = CountHandler(level=logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        if config.strict and (count := sum(n for _, n in warnings.get_counts())):
            raise ChildFailed(f"{count} cảnh báo của MkDocs (chế độ --strict)")
        yield collected()

    return run_in_child(render)
