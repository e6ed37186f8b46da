"""Whole-project corpus: problems that span files, all reported in one run, exactly.

Each case in ``tests/cases/projects/<case>/`` holds files laid over the fixture ward
(``tests/cases/golden/project``) and ``expected.txt``, the lines ``congkhai check`` prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import Severity
from generator.project import Project, load_project

from .conftest import FIXTURE_WARD, Golden

CASES = Path(__file__).parent / "cases" / "projects"


@pytest.mark.parametrize(
    "case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_project_case(case: Path, tmp_path: Path, golden: Golden) -> None:
    # Overdue apologies depend on the build date: the session's pinned one (26/11/2026).
    shutil.copytree(FIXTURE_WARD, tmp_path, dirs_exist_ok=True)
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = tmp_path / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    result = load_project(Project(tmp_path))
    got = [str(problem) for problem in result.problems]
    golden("".join(f"{line}\n" for line in got), case / "expected.txt")
    # Errors stop the build; warnings and notes alone do not.
    has_errors = any(problem.severity is Severity.ERROR for problem in result.problems)
    assert (result.content is None) == has_errors
