"""Vietnamese labels of content fields, as staff read them, taken from the models.

A field's label is its Vietnamese description up to the first full stop ("Tên thủ tục
hành chính"); a few procedure fields also have a shorter name for change summaries and the
editor's form ("Tên thủ tục"). Every message, summary and form that names a field asks here.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .schema import Procedure

SHORT_LABELS: dict[type[BaseModel], dict[str, str]] = {
    Procedure: {
        "code": "Mã thủ tục",
        "name": "Tên thủ tục",
        "field": "Lĩnh vực",
        "level": "Cấp thực hiện",
        "summary": "Giới thiệu",
        "decision": "Quyết định công bố",
        "subjects": "Đối tượng thực hiện",
        "steps": "Trình tự thực hiện",
        "step_notes": "Lưu ý về trình tự thực hiện",
        "channels": "Cách thức thực hiện (thời hạn, phí, lệ phí)",
        "dossier": "Thành phần hồ sơ",
        "conditions": "Yêu cầu, điều kiện",
        "legal_basis": "Căn cứ pháp lý",
        "result": "Kết quả thực hiện",
        "agencies": "Cơ quan thực hiện",
        "submit_at": "Nơi tiếp nhận",
        "operating_body": "Cơ quan thực hiện thủ tục",
        "one_stop": "Tiếp nhận tại một cửa",
        "inter_agency": "Liên thông",
        "vertical": "Ngành dọc",
        "status": "Tình trạng",
        "status_date": "Ngày có tình trạng",
        "replaced_by": "Thủ tục thay thế",
        "updated": "Ngày cập nhật",
        "history": "Lịch sử thay đổi",
        "draft": "Bản nháp",
    },
}
"""Shorter names where the description's first sentence is too long for a list or a form."""


def description_label(description: str | None) -> str:
    """A field's short name from its Vietnamese description: up to the first full stop."""
    return re.split(r"\. |, ví dụ|; |: ", description or "")[0].rstrip(".")


def strip_optional(annotation: Any) -> Any:
    """An annotation without ``Annotated`` and ``Optional`` around it."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0] if members else annotation
        else:
            return annotation


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, itself or inside a list, dict or Optional."""
    current = strip_optional(annotation)
    while typing.get_origin(current) in (list, tuple, dict):
        current = strip_optional(typing.get_args(current)[-1])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` (list positions skipped), or None."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if current else None
        if info is None:
            return None
        current = inner_model(info.annotation)
    return current


def field_label(model: type[BaseModel], path: Sequence[str | int]) -> str:
    """The label of the field at ``path`` ("Ngày ban hành quyết định"), or "" if none."""
    current: type[BaseModel] | None = model
    label = ""
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return ""
        label = description_label(info.description)
        current = inner_model(info.annotation)
    return label


def short_label(model: type[BaseModel], name: str) -> str:
    """The shortest name staff know a field of ``model`` by; the key itself if it has none."""
    short = SHORT_LABELS.get(model, {}).get(name)
    if short:
        return short
    info = model.model_fields.get(name)
    return description_label(info.description if info else None) or name
