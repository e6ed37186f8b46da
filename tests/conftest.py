"""Shared fixtures: the sample project, a built copy of its site, a local web server, Chromium."""

from __future__ import annotations

import difflib
import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from bs4 import BeautifulSoup

from generator.model import Content
from generator.project import Project, load_project
from generator.site.build import build_site

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "tests" / "output"
FIXTURE_WARD = REPO / "tests" / "cases" / "golden" / "project"
"""The small fixture ward of the golden pages and of most tests that lay files over a ward."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


SHARED = REPO.parent / "shared"
collect_ignore = [] if (SHARED / "reference").is_dir() else ["test_import_reference.py"]
"""Tests on the real portal data beside the repository add to the fixture tests; without it
they are not collected (rather than skipped)."""

PINNED_EPOCH = "1795651200"
"""The build date of every test: 26/11/2026 in Vietnam (a Thursday, in the year's last quarter).

Content dates in the tests are chosen around it, so the suite gives the same answer on any
day it runs; a test that wants another date sets SOURCE_DATE_EPOCH with ``monkeypatch``.
"""
PINNED_DATE = date(2026, 11, 26)


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens`` rewrites the golden files instead of comparing with them."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite golden files (tests/cases/) from the current output; review the diff",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse to run when the ``browser`` mark and the ``browser`` fixture disagree.

    ``-m "not browser"`` must run every test that does not start Chromium, ``-m browser`` only
    those that do; Chromium starts only through the ``browser`` fixture. Runs before ``-m``
    deselects, so every collected test is checked whatever the selection.
    """
    wrong = []
    for item in items:
        uses = "browser" in getattr(item, "fixturenames", ())
        marked = item.get_closest_marker("browser") is not None
        if uses != marked:
            why = (
                "uses the browser fixture but lacks @pytest.mark.browser"
                if uses
                else "is marked browser but does not use the browser fixture"
            )
            wrong.append(f"{item.nodeid}: {why}")
    if wrong:
        raise pytest.UsageError("browser marks are wrong:\n" + "\n".join(wrong))


_DIFF_LINES = 200
"""A golden failure shows at most this many lines of diff (a whole page can differ)."""


Golden = Callable[[str, Path], None]
"""``golden(text, path)``: fail with a diff unless ``text`` is the golden file's text."""


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare output with its golden file, or rewrite the file (``--update-goldens``)."""
    # UPDATE_GOLDEN=1 is the older spelling of the flag, kept for scripts that use it.
    update = bool(request.config.getoption("update_goldens") or os.environ.get("UPDATE_GOLDEN"))

    def check(text: str, path: Path) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        expected = path.read_bytes().decode("utf-8") if path.exists() else ""
        if text != expected:
            diff = list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"{path.relative_to(REPO)} (golden)",
                    "output",
                )
            )
            shown = "".join(diff[:_DIFF_LINES]) + ("…\n" if len(diff) > _DIFF_LINES else "")
            pytest.fail(
                f"output differs from {path.relative_to(REPO)}; after an intended change run "
                f"pytest --update-goldens and review the diff:\n{shown}",
                pytrace=False,
            )

    return check


@pytest.fixture(scope="session", autouse=True)
def pinned_build_date() -> Iterator[date]:
    """Pin the build date for the whole session, subprocesses included; restore it after."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
        yield PINNED_DATE


def copy_project(destination: Path) -> Project:
    """Copy the sample ward (config, content, docs) into ``destination``; theme stays shared."""
    shutil.copy(REPO / "site_config.yml", destination / "site_config.yml")
    shutil.copytree(REPO / "content", destination / "content")
    shutil.copytree(REPO / "docs", destination / "docs")
    return Project(destination)


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a text file with ``new``; fail if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read_page(site: Path, page: str) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the hash of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private, editable copy of the sample ward."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def content() -> Content:
    """The sample ward's content, read in place (so "last updated" dates come from git)."""
    result = load_project(Project(REPO))
    assert result.content is not None, "\n".join(map(str, result.problems))
    return result.content


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ward's site, built once per test session."""
    root = tmp_path_factory.mktemp("sample")
    sample = copy_project(root)
    result = load_project(sample)
    assert result.content is not None, "\n".join(map(str, result.problems))
    return build_site(sample, result.content, root / "site").site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    """A TCP port nobody listens on now (for servers the tests start)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


T = TypeVar("T")


def poll_until(
    condition: Callable[[], T], what: str, timeout: float = 15, interval: float = 0.05
) -> T:
    """Call ``condition`` until it returns something true and return that; fail after ``timeout`` s.

    For what has no event to wait for (a file written by another process, a port opening);
    in a browser, wait with Playwright's ``expect`` or ``wait_for_*`` instead.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}", pytrace=False)
        time.sleep(interval)  # the polling step itself, not a wait for something to happen


def wait_for_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    """Wait until ``process`` listens on ``port``; fail at once if it exits first."""

    def listening() -> bool:
        if process.poll() is not None:
            said = process.stderr.read().decode(errors="replace") if process.stderr else ""
            pytest.fail(f"{name} exited with {process.returncode}: {said}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True

    poll_until(listening, f"{name} to listen on port {port}", timeout=20)


def serve_folder(folder: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` over http on a free local port, in a thread; ``shutdown()`` stops it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample site served over http on a free local port."""
    server = serve_folder(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def recorded_requests(page: Any) -> list[str]:
    """The address of every request ``page`` makes from now on, filled in as it loads."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (``make test`` installs it)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where browser tests keep their screenshots for people to look at."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
