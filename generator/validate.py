"""Check a loaded document against its schema model and report every problem in Vietnamese.

Unknown keys are warnings (with a "did you mean" when a known key is close) unless the
check is strict. To still produce a model when the only problems are unknown keys, the
keys are dropped and the document validated once more.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, Severity, describe_value, expected_got
from .labels import field_label, model_at
from .load import Document, Loc, MarkedDict
from .text import did_you_mean

ModelT = TypeVar("ModelT", bound=BaseModel)

_BUILTIN_EXPECTED = {
    "string_type": "cần một đoạn chữ",
    "string_too_short": "không được để trống",
    "list_type": 'cần một danh sách (mỗi mục một dòng, bắt đầu bằng "- ")',
    "dict_type": "cần một nhóm trường (mỗi dòng dạng tên: giá trị)",
    "model_type": "cần một nhóm trường (mỗi dòng dạng tên: giá trị)",
    "model_attributes_type": "cần một nhóm trường (mỗi dòng dạng tên: giá trị)",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "float_type": "cần một số",
    "float_parsing": "cần một số",
    "bool_type": 'cần "có" hoặc "không" (viết true hoặc false)',
    "bool_parsing": 'cần "có" hoặc "không" (viết true hoặc false)',
}


def validate(
    document: Document, model: type[ModelT], *, strict: bool = False
) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``document`` as ``model``; return the model (if valid) and all problems."""
    if document.data is None and not document.problems:
        return None, [document.problem((), _EMPTY_FILE)]
    if document.data is None:
        return None, []
    if not isinstance(document.data, dict):
        got = describe_value(document.data)
        return None, [document.problem((), f"{_TOP_LEVEL}, nhận được {got}")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        details = error.errors(include_url=False)
    strict = strict or bool(getattr(model, "unknown_keys_are_errors", False))
    problems = [_to_problem(document, model, detail, strict) for detail in details]
    unknown_only = all(detail["type"] == "extra_forbidden" for detail in details)
    if strict or not unknown_only:
        return None, problems
    for detail in details:
        _drop(document.data, detail["loc"])
    try:
        return model.model_validate(document.data), problems
    except ValidationError:  # pragma: no cover - dropping keys cannot add errors
        return None, problems


_PRIVATE = {"personal_data"}


_EMPTY_FILE = "tệp trống; cần nội dung theo mẫu (xem docs/huong-dan)"
_TOP_LEVEL = "cần các trường dạng tên: giá trị ở đầu tệp"


def _to_problem(
    document: Document, model: type[BaseModel], detail: ErrorDetails, strict: bool
) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    if loc and loc[-1] == "[key]":
        # pydantic marks a bad mapping key (a unit id) this way: point at the key itself.
        value = detail["input"]
        return document.problem(loc[:-1], expected_got(detail["msg"], value), key=True)
    if kind == "extra_forbidden":
        allowed = list(_fields_at(model, loc[:-1]))
        hint = did_you_mean(str(loc[-1]), allowed)
        severity = Severity.ERROR if strict else Severity.WARNING
        message = f"trường không được hỗ trợ{hint}{getattr(model, 'unknown_key_hint', '')}"
        return document.problem(loc, message, severity=severity, key=True)
    if kind == "missing":
        label = field_label(model, loc)
        return document.problem(
            loc, f"thiếu trường bắt buộc ({label})" if label else "thiếu trường bắt buộc"
        )
    value = detail["input"]
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(detail.get("ctx", {}).get("expected", "")))
        expected = "cần một trong các giá trị: " + ", ".join(f'"{o}"' for o in options)
        hint = did_you_mean(value, options) if isinstance(value, str) else ""
        return document.problem(loc, expected_got(expected, value) + hint)
    if kind == "too_short" and isinstance(value, list):
        return document.problem(loc, "cần ít nhất một mục, nhận được danh sách trống")
    if kind in _PRIVATE:
        # Never echo a citizen's data back: logs and CI annotations may be public. The
        # message names each finding, masked.
        return document.problem(loc, detail["msg"])
    if value is None or kind == "string_too_short":
        return document.problem(loc, "không được để trống")
    if kind == "greater_than_equal":
        minimum = detail.get("ctx", {}).get("ge", 0)
        return document.problem(loc, expected_got(f"cần một số từ {minimum} trở lên", value))
    expected = _BUILTIN_EXPECTED.get(kind, detail["msg"])
    return document.problem(loc, expected_got(expected, value))


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    found = model_at(model, loc)
    return list(found.model_fields) if found else []


def _drop(data: Any, loc: tuple[str | int, ...]) -> None:
    for part in loc[:-1]:
        data = data[part]
    if isinstance(data, MarkedDict):
        data.pop(str(loc[-1]), None)
