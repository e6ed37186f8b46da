"""The published JSON Schema matches the code, and every content file points its editor at it."""

from __future__ import annotations

import re
from pathlib import Path

from generator.jsonschema import json_schemas

from .conftest import REPO


def test_committed_json_schemas_are_up_to_date() -> None:
    # The same files, none missing and none left over from a model that is gone.
    committed = sorted(path.name for path in (REPO / "schema").glob("*.schema.json"))
    assert committed == sorted(json_schemas()) and len(committed) >= 9
    for name, text in json_schemas().items():
        committed = REPO / "schema" / name
        assert committed.is_file(), f"run `congkhai schema` to create {committed}"
        assert committed.read_text(encoding="utf-8") == text, (
            f"run `congkhai schema`: {name} is stale"
        )


def test_schemas_are_published_with_the_site(built_site: Path) -> None:
    assert sorted(path.name for path in (built_site / "schema").iterdir()) == sorted(json_schemas())
    for name, text in json_schemas().items():
        assert (built_site / "schema" / name).read_text(encoding="utf-8") == text


def test_schemas_describe_fields_in_vietnamese() -> None:
    import json

    procedure = json.loads(json_schemas()["procedure.schema.json"])
    assert procedure["properties"]["code"]["description"].startswith("Mã thủ tục")
    assert procedure["additionalProperties"] is False


VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]"
)


def _titles(node: object, where: str = "") -> list[tuple[str, str]]:
    """Every ``title`` in a JSON Schema, with where it is."""
    if isinstance(node, dict):
        found = [(where, node["title"])] if isinstance(node.get("title"), str) else []
        for key, value in node.items():
            found += _titles(value, f"{where}/{key}")
        return found
    if isinstance(node, list):
        return [title for item in node for title in _titles(item, where)]
    return []


def test_every_schema_title_staff_see_is_vietnamese() -> None:
    # Editors show these titles beside each key; pydantic would write "Fee Unit" or "FeeCase".
    import json

    english = [
        (name, where, title)
        for name, text in json_schemas().items()
        for where, title in _titles(json.loads(text))
        if not VIETNAMESE_LETTER.search(title.lower())
    ]
    assert english == []
    procedure = json.loads(json_schemas()["procedure.schema.json"])
    fee_case = procedure["$defs"]["FeeCase"]
    assert fee_case["properties"]["fee_unit"]["title"].startswith("Đơn vị tính")
    assert procedure["properties"]["code"]["title"] == "Mã thủ tục"


def _schema_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_every_content_file_declares_its_schema() -> None:
    expected = {
        "procedures": "# yaml-language-server: $schema=../../schema/procedure.schema.json",
        "contacts": "# yaml-language-server: $schema=../../schema/contact.schema.json",
        "plan": "# yaml-language-server: $schema=../../schema/plan.schema.json",
    }
    for folder, line in expected.items():
        files = sorted((REPO / "content" / folder).glob("*.yml"))
        assert files
        for path in files:
            assert _schema_line(path) == line, path
    assert _schema_line(REPO / "site_config.yml") == (
        "# yaml-language-server: $schema=schema/site_config.schema.json"
    )
