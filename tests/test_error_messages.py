"""Golden tests: each bad content file gives exactly the Vietnamese lines staff will read.

A case is ``tests/cases/errors/<kind>__<name>.yml`` (kind: procedure, contact, plan, site) and
its expected output ``<kind>__<name>.expected``, one problem per line, as ``congkhai check``
prints them. An empty .expected file means the case is valid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import read_document
from generator.model import procedure_problems
from generator.schema import Contact, Plan, Procedure, SiteConfig
from generator.validate import validate

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))
MODELS = {"procedure": Procedure, "contact": Contact, "plan": Plan, "site": SiteConfig}


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_error_messages(case: Path) -> None:
    document = read_document(case, case.name)
    model, problems = validate(document, MODELS[case.stem.split("__")[0]])
    if isinstance(model, Procedure):
        problems += procedure_problems(document, model, case.parent / "forms")
    got = [str(problem) for problem in sorted(document.problems + problems)]
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert got == expected


def test_there_are_cases_for_at_least_15_kinds_of_bad_input() -> None:
    failing = [c for c in CASES if c.with_suffix(".expected").read_text(encoding="utf-8")]
    assert len(failing) >= 15
