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
import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

SKIP_TEMPLATE = "ck-skip.html"
"""An empty template: MkDocs writes no file for a page that renders to nothing."""

build_page = _build_page
"""MkDocs' own page renderer (private API), also used by the live preview to re-render."""

MIN_PAGES = 200
"""Below this many pages, forking costs more than it saves (measured: about 0.1 s)."""


def can_fork() -> bool:
    """Whether this platform can fork (Linux, macOS) and has a second core to use."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class ChildFailed(Exception):
    """A forked child stopped with an error; the message says what it was."""


@dataclass(frozen=True)
class _Failure:
    message: str


def run_in_child(produce: Callable[[], Iterable[Any]]) -> Callable[[], Iterator[Any]]:
    """Fork; the child writes what ``produce`` yields to a temporary file and exits.

    Returns a function that waits for the child and yields the items back one at a time
    (raising ``ChildFailed`` if the child failed): items are pickled one by one, so the parent
    never holds all of them twice, as bytes and as objects.
    """
    handle, name = tempfile.mkstemp(prefix="congkhai-", suffix=".pickle")
    # Flush before forking, or text buffered in the parent would be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        with os.fdopen(handle, "wb") as out:
            try:
                for item in produce():
                    pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as failure:
                text = (
                    str(failure)
                    if isinstance(failure, ChildFailed)
                    else "".join(traceback.format_exception_only(failure)).strip()
                )
                pickle.dump(_Failure(text), out)
                code = 1
        # Leave without running the parent's cleanup (atexit, temporary folders, pytest).
        os._exit(code)
    os.close(handle)

    def collect() -> Iterator[Any]:
        try:
            _, status = os.waitpid(pid, 0)
            with open(name, "rb") as data:
                while True:
                    try:
                        item = pickle.load(data)
                    except EOFError:
                        break
                    if isinstance(item, _Failure):
                        raise ChildFailed(item.message)
                    yield item
            if os.waitstatus_to_exitcode(status) != 0:
                raise ChildFailed("tiến trình song song dừng bất thường")
        finally:
            os.unlink(name)

    return collect


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
