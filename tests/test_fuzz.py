"""Fuzz the loader and the schema: no input, however broken, may raise or lose its position."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.load import decode, parse
from generator.model import procedure_problems
from generator.schema import CONTENT_MODELS, Procedure
from generator.validate import validate

VALID = Path(__file__).parent / "cases" / "errors" / "procedure__valid.yml"
# A bounded run in the suite; FUZZ_EXAMPLES=5000 for a longer hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FRAGMENTS = [
    "code",
    "name",
    "channels",
    "fee",
    "mode",
    "- ",
    ": ",
    ":",
    "\n",
    "\n  ",
    "\n    ",
    "\t",
    '"',
    "'",
    "#",
    "&a",
    "*a",
    "!!int",
    "[",
    "]",
    "{",
    "}",
    "|",
    ">-",
    "---",
    "...",
    "? ",
    "~",
    "null",
    "yes",
    "0241234567",
    "1.001193",
    "1:30",
    "2024-05-01",
    "50.000",
    "đăng ký",
    "Hộ tịch",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\r\n",
    "%",
    "@",
    "`",
    ",",
    "-1",
    "1e3",
    "0x1F",
    "<script>",
    "{{ x }}",
]


def _check_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and problem.file
        assert "Traceback" not in str(problem)


def _validate_all(text: str) -> None:
    document = parse(text, "fuzz.yml")
    _check_problems(document.problems)
    for model in CONTENT_MODELS.values():
        value, problems = validate(document, model)
        _check_problems(problems)
        if isinstance(value, Procedure):
            _check_problems(procedure_problems(document, value, Path("/nonexistent")))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=60).map("".join))
def test_yaml_like_text_never_crashes(text: str) -> None:
    _validate_all(text)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    text, problem = decode(raw, "fuzz.yml")
    if problem is not None:
        _check_problems([problem])
    if text is not None:
        _validate_all(text)


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [path] + [p for k, v in data.items() for p in _leaves(v, (*path, k))]
    if isinstance(data, list):
        return [path] + [p for i, v in enumerate(data) for p in _leaves(v, (*path, i))]
    return [path]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(st.data())
def test_a_valid_procedure_with_any_value_replaced_never_crashes(data: st.DataObject) -> None:
    procedure = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    paths = [p for p in _leaves(procedure) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        target = procedure
        try:
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = data.draw(JSONISH)
        except (KeyError, IndexError, TypeError):
            continue
    text = yaml.safe_dump(procedure, allow_unicode=True)
    document = parse(text, "fuzz.yml")
    value, problems = validate(document, Procedure)
    _check_problems(document.problems + problems)
    assert value is not None or problems or document.problems
