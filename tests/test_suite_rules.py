"""The test suite's own rules, read from its source: no fixed waits, no skips, one Chromium.

The ``browser`` marks are checked on the collected tests by a hook in ``conftest.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
SOURCES = sorted(p for p in TESTS.rglob("*.py") if p != Path(__file__))
FIXED_WAIT = re.compile(r"\bsleep\(|wait_for_timeout\(")
SKIP = re.compile(r"pytest\.skip|mark\.skip|xfail|importorskip")
CHROMIUM = re.compile(r"sync_playwright|\.launch\(")


def _hits(pattern: re.Pattern[str]) -> list[str]:
    """``file: line`` for every line of the tests that matches."""
    return [
        f"{path.relative_to(TESTS)}: {line.strip()}"
        for path in SOURCES
        for line in path.read_text(encoding="utf-8").splitlines()
        if pattern.search(line)
    ]


def test_nothing_waits_a_fixed_time() -> None:
    # Wait for an event, with Playwright's expect or clock, or poll with conftest.poll_until,
    # whose polling step is the one sleep allowed.
    assert _hits(FIXED_WAIT) == [
        "conftest.py: time.sleep(interval)  "
        "# the polling step itself, not a wait for something to happen"
    ]


def test_nothing_is_skipped_or_expected_to_fail() -> None:
    assert _hits(SKIP) == []


def test_chromium_starts_only_in_the_browser_fixture() -> None:
    # So the conftest hook that matches the fixture to the mark sees every Chromium test.
    assert {hit.split(":")[0] for hit in _hits(CHROMIUM)} == {"conftest.py"}


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        (FIXED_WAIT, "    time.sleep(1)"),
        (FIXED_WAIT, "    page.wait_for_timeout(150)"),
        (SKIP, "    pytest.skip('no network')"),
        (SKIP, "@pytest.mark.xfail(reason='flaky')"),
        (CHROMIUM, "    with sync_playwright() as p:"),
        (CHROMIUM, "    p.chromium.launch(executable_path=CHROMIUM)"),
    ],
)
def test_the_rules_catch_what_they_forbid(pattern: re.Pattern[str], line: str) -> None:
    assert pattern.search(line)
    assert len(SOURCES) > 40 and TESTS / "conftest.py" in SOURCES
