"""The search fixture: 547 real procedures (code, name, field) and the query table."""

from __future__ import annotations

import csv
from pathlib import Path

from generator.search import PROCEDURE, index_data

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE = FIXTURES / "search_catalogue.csv"
QUERIES = FIXTURES / "search_queries.tsv"


def catalogue() -> list[dict[str, str]]:
    """The fixture's procedures: code, name, field and where the row comes from."""
    with CATALOGUE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def fixture_index() -> dict[str, object]:
    """The fixture as a search index, written by the same code as a site's index."""
    fields: list[str] = []
    rows: list[list[object]] = []
    for row in catalogue():
        if row["field"] not in fields:
            fields.append(row["field"])
        rows.append([PROCEDURE, row["code"], row["name"], fields.index(row["field"]), "", "", ""])
    return index_data(fields, rows)


def queries() -> list[tuple[str, str, list[str]]]:
    """The query table: (category, query, acceptable first results)."""
    table = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, query, codes = line.split("\t")
            table.append((category, query, codes.split()))
    return table
