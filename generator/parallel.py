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

SKIP_TEMPLATE = "ck-skip.html"
"""An empty template: MkDocs writes no file for a page that renders to nothing."""

build_page = _build_page
"""MkDocs' own page renderer (private API), also used by the live preview to re-render."""

MIN_PAGES = 200
"""Below this many pages, forking costs more than it saves (measured: about 0.1 s)."""


def can_fork() -> bool:
    """Whether this platform can fork (Linux, macOS) and has a second core to use."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


@dataclass
class Helper:
    """A forked child rendering some pages: its pid and the pipe it reports through."""

    pid: int
    reader: int

    def wait(self) -> tuple[Any, str | None]:
        """Wait for the child: what it collected (None if nothing came), or why it failed."""
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        try:
            collected, error = pickle.loads(data) if data else (None, None)
        except (pickle.UnpicklingError, EOFError):
            collected, error = None, None
        if error is None and os.waitstatus_to_exitcode(status) != 0:
            error = "tiến trình dựng trang song song dừng bất thường"
        return collected, error


def render_in_child(
    pages: Sequence[Page],
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Environment,
    collected: Callable[[], Any],
) -> Helper:
    """Fork; the child renders ``pages`` into the site and exits. The parent gets a Helper."""
    reader, writer = os.pipe()
    # Flush before forking, or text buffered in the parent would be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(writer)
        return Helper(pid, reader)
    os.close(reader)
    code = 0
    error: str | None = None
    warnings = _WarningCount()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        if config.strict and warnings.count:
            error = f"{warnings.count} cảnh báo của MkDocs (chế độ --strict)"
    except BaseException as failure:
        error = "".join(traceback.format_exception_only(failure)).strip()
        code = 1
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(pickle.dumps((collected(), error)))
    finally:
        # Leave without running the parent's cleanup (atexit, temporary folders, pytest).
        os._exit(code)


def run_in_child(produce: Callable[[], Iterable[Any]]) -> Callable[[], Iterator[Any]]:
    """Fork; the child writes what ``produce`` yields to a temporary file and exits.

    Returns a function that waits for the child and yields the items back one at a time:
    items are pickled one by one, so the parent never holds all of them twice (as bytes and
    as objects) the way a process pool's single result would.
    """
    handle, name = tempfile.mkstemp(prefix="congkhai-", suffix=".pickle")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            with os.fdopen(handle, "wb") as out:
                for item in produce():
                    pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    os.close(handle)

    def collect() -> Iterator[Any]:
        try:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("the forked reader failed (its traceback is above)")
            with open(name, "rb") as data:
                while True:
                    try:
                        yield pickle.load(data)
                    except EOFError:
                        return
        finally:
            os.unlink(name)

    return collect


class _WarningCount(logging.Handler):
    """Counts MkDocs warnings in the child, for --strict (the parent cannot see them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
