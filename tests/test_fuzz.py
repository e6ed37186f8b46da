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
from generator.load_csv import parse_results_csv
from generator.model import procedure_problems
from generator.privacy import PHONE, find_personal_data, mask, personal_data_message
from generator.schema import CONTENT_MODELS, MonthlyResults, Procedure
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


CSV_FRAGMENTS = [
    "Lĩnh vực",
    "Tiếp nhận trực tiếp",
    "Giải quyết đúng hạn",
    "Hồ sơ số hóa",
    "Ghi chú",
    "Tổng cộng",
    "Hộ tịch",
    ";",
    ",",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    "12",
    "1.234",
    "-3",
    "=SUM(A1)",
    "'=1+1",
    "\ufeff",
    "\u200b",
    "\x00",
    "\x1b[31m",
    " ",
]


@FUZZ
@given(st.lists(st.sampled_from(CSV_FRAGMENTS) | st.text(max_size=5), max_size=80).map("".join))
def test_csv_like_text_never_crashes(text: str) -> None:
    document = parse_results_csv(text, "fuzz.csv")
    _check_problems(document.problems)
    lines = text.count("\n") + text.count("\r") + 2
    assert all(problem.line <= lines for problem in document.problems)
    if document.data is not None:
        _, problems = validate(document, MonthlyResults)
        _check_problems(problems)
        for problem in document.problems + problems:
            assert "\x1b" not in str(problem) and "\n" not in str(problem)


@FUZZ
@given(st.binary(max_size=400))
def test_csv_bytes_never_crash(raw: bytes) -> None:
    text, problem = decode(raw, "fuzz.csv")
    if text is not None:
        _check_problems(parse_results_csv(text, "fuzz.csv").problems)
    elif problem is not None:
        _check_problems([problem])


SEPARATORS = st.sampled_from([" ", ".", "-", "", " - ", "\u00a0"])


def _grouped(digits: str, sizes: list[int], separator: str) -> str:
    groups, start = [], 0
    for size in sizes:
        if start < len(digits):
            groups.append(digits[start : start + size])
            start += size
    if start < len(digits):
        groups.append(digits[start:])
    return separator.join(groups)


PHONES = st.builds(
    lambda prefix, rest, sizes, separator: (prefix, rest, sizes, separator),
    st.sampled_from(["0", "+84 ", "84", "(+84) ", "+84"]),
    st.tuples(st.sampled_from("35789"), st.text("0123456789", min_size=8, max_size=8)).map("".join),
    st.lists(st.integers(2, 4), min_size=1, max_size=4),
    SEPARATORS,
)


@FUZZ
@given(PHONES, st.text(max_size=20), st.text(max_size=20))
def test_the_guard_finds_a_phone_in_any_writing_and_never_echoes_it(
    phone: tuple[str, str, list[int], str], before: str, after: str
) -> None:
    prefix, rest, sizes, separator = phone
    written = prefix + _grouped(rest, sizes, separator)
    text = f"{before} gọi {written} để hẹn {after}"
    found = find_personal_data(text)
    assert any(f.kind == PHONE for f in found), (text, found)
    message = personal_data_message(found)
    assert rest not in message.replace(" ", "").replace(".", "").replace("-", "")
    assert rest not in mask(text).replace(" ", "").replace(".", "").replace("-", "")


@FUZZ
@given(
    st.text("0123456789", min_size=12, max_size=12) | st.text("0123456789", min_size=9, max_size=9),
    st.lists(st.integers(3, 4), min_size=1, max_size=4),
    SEPARATORS,
)
def test_the_guard_finds_id_numbers_grouped_or_not(
    digits: str, sizes: list[int], separator: str
) -> None:
    text = f"Số giấy tờ {_grouped(digits, sizes, separator)} cần xác minh."
    found = find_personal_data(text)
    assert found and digits not in personal_data_message(found).replace(separator or "@", "")


@FUZZ
@given(st.text(max_size=120))
def test_the_guard_never_crashes_and_masks_everything_it_finds(text: str) -> None:
    found = find_personal_data(text)
    masked = mask(text)
    for finding in found:
        digits = "".join(c for c in text[finding.start : finding.end] if c.isdigit())
        if len(digits) >= 9:
            assert digits not in "".join(c for c in masked if c.isdigit() or c == "*")
