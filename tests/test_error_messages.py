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
from generator.schema import (
    Apology,
    Contact,
    MonthlyResults,
    Plan,
    Procedure,
    SiteConfig,
    Synonyms,
)
from generator.validate import validate

from .conftest import Golden

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))
MODELS = {
    "procedure": Procedure,
    "contact": Contact,
    "plan": Plan,
    "site": SiteConfig,
    "apology": Apology,
    "results": MonthlyResults,
    "synonyms": Synonyms,
}


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_error_messages(case: Path, golden: Golden) -> None:
    document = read_document(case, case.name)
    model, problems = validate(document, MODELS[case.stem.split("__")[0]])
    if isinstance(model, Procedure):
        problems += procedure_problems(document, model, case.parent / "forms")
    got = [str(problem) for problem in sorted(document.problems + problems)]
    golden("".join(f"{line}\n" for line in got), case.with_suffix(".expected"))


def test_the_corpus_has_at_least_60_bad_files() -> None:
    failing = [c for c in CASES if c.with_suffix(".expected").read_text(encoding="utf-8")]
    assert len(failing) >= 60


def test_yaml_1_1_traps_are_kept_as_written() -> None:
    document = read_document(CASES[0].parent / "contact__yaml11-traps-kept.yml", "c.yml")
    contact, problems = validate(document, Contact)
    assert problems == [] and contact is not None
    assert (contact.name, contact.address, contact.phone, contact.hotline) == (
        "yes",
        "2024-05-01",
        "0241234567",
        "1900.1234",
    )
    assert (contact.hours, contact.purpose, contact.order) == ("7:30", "on", 10)


def test_a_5_mb_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_text("name: Bộ phận\naddress: " + "x" * (5 * 1024 * 1024) + "\n", encoding="utf-8")
    document = read_document(path, "content/contacts/big.yml")
    assert [str(p) for p in document.problems] == [
        "content/contacts/big.yml:1:1: tệp quá lớn (5,0 MB); một tệp nội dung không quá 2 MB"
        " — có thể đã dán nhầm dữ liệu"
    ]
