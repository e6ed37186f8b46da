"""JSON Schema of every content type, generated from the pydantic models for staff editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .labels import description_label, inner_model, short_label
from .schema import CONTENT_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, e.g. ``procedure.schema.json``; stable, sorted output."""
    schemas = {}
    for name, model in CONTENT_MODELS.items():
        schema = {"$schema": SCHEMA_DIALECT, **model.model_json_schema(mode="validation")}
        vietnamese_titles(schema, model)
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        schemas[f"{name}.schema.json"] = text
    return schemas


def write_json_schemas(directory: Path) -> list[Path]:
    """Write every schema file into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in json_schemas().items():
        path = directory / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def vietnamese_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Put the models' Vietnamese labels where pydantic wrote "Fee Unit" or "FeeCase"."""
    # Editors such as VS Code show these titles to staff; pydantic derives them from Python names.
    models = _models_under(model)
    _retitle(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        if name in models:
            _retitle(definition, models[name])


def _models_under(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``model``'s fields, by class name (pydantic's ``$defs`` keys)."""
    found: dict[str, type[BaseModel]] = {}
    pending = [model]
    while pending:
        current = pending.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for info in current.model_fields.values():
            inner = inner_model(info.annotation)
            if inner is not None:
                pending.append(inner)
    return found


def _retitle(definition: dict[str, Any], model: type[BaseModel]) -> None:
    """Titles of one model's schema and of its properties, from its docstring and field labels."""
    definition["title"] = description_label(model.__doc__) or definition.get("title", "")
    for name, prop in definition.get("properties", {}).items():
        prop["title"] = short_label(model, name)
