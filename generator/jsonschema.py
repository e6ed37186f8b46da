"""JSON Schema of every content type, generated from the pydantic models for staff editors."""

from __future__ import annotations

import json
from pathlib import Path

from .schema import CONTENT_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, e.g. ``procedure.schema.json``; stable, sorted output."""
    schemas = {}
    for name, model in CONTENT_MODELS.items():
        schema = {"$schema": SCHEMA_DIALECT, **model.model_json_schema(mode="validation")}
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
