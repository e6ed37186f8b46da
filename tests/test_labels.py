"""Every content field has a Vietnamese label; field labels and paths each come from one module."""

from __future__ import annotations

import inspect

import pytest
from pydantic import BaseModel

from generator import schema
from generator.errors import format_field_path, parse_field_path
from generator.labels import description_label, field_label, model_at, short_label

MODELS = [
    model
    for model in vars(schema).values()
    if inspect.isclass(model)
    and issubclass(model, BaseModel)
    and model.__module__ == schema.__name__
    and model.model_fields
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_vietnamese_label(model: type[BaseModel]) -> None:
    for name in model.model_fields:
        label = short_label(model, name)
        assert label and label != name, f"{model.__name__}.{name} has no label"
        assert label == label.strip() and not label.endswith(".")


def test_label_is_the_description_up_to_the_first_stop() -> None:
    assert description_label("Tên thủ tục hành chính. Ghi đúng như quyết định.") == (
        "Tên thủ tục hành chính"
    )
    assert description_label('Từ khóa, ví dụ "sổ đỏ"') == "Từ khóa"
    assert description_label(None) == ""


def test_field_label_follows_lists_and_nested_models() -> None:
    assert field_label(schema.Procedure, ("channels", 0, "fee")) == description_label(
        schema.Channel.model_fields["fee"].description
    )
    assert field_label(schema.Procedure, ("no_such_field",)) == ""
    assert model_at(schema.Procedure, ("channels", 1)) is schema.Channel
    assert model_at(schema.Procedure, ("code", "x")) is None


def test_procedures_have_short_labels_for_summaries() -> None:
    assert short_label(schema.Procedure, "name") == "Tên thủ tục"
    assert short_label(schema.Procedure, "keywords") == description_label(
        schema.Procedure.model_fields["keywords"].description
    )


def test_field_paths_read_back() -> None:
    for loc in (["channels", 1, "fee"], ["sections", 0, "tasks", 11, "lead"], ["code"]):
        assert parse_field_path(format_field_path(loc)) == loc
    assert format_field_path(["channels", 1, "fee"]) == "channels[2].fee"
