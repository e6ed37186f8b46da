"""The compact search index: procedures first, then plan tasks and contact points.

Material's search indexes the full text of every page (39 MB at 1,000 procedures) and knows
nothing of Vietnamese diacritics. congkhai writes a small index of what citizens look for —
code, name, field, time limit and a short summary — as a script file (``tim-kiem/chi-muc.js``),
so it also loads from ``file://`` where a browser refuses to fetch JSON. Matching and ranking
happen in ``theme/assets/javascripts/search-rank.js``.

The index also carries the synonyms: the built-in lexicon of everyday names
(``generator/data/tu-thong-dung.yml``, validated by the same schema as the ward's own
``content/synonyms.yml``), so "sổ đỏ" finds "Giấy chứng nhận quyền sử dụng đất".
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .load import read_document
from .model import IN_FORCE, Content
from .pages import FEEDBACK, plan_uri
from .schema import Synonym, Synonyms, plan_year, section_tasks
from .validate import validate

INDEX_PATH = "tim-kiem/chi-muc.js"
SUMMARY_CHARS = 160
TIME_CHARS = 70

PROCEDURE, RETIRED, TASK, CONTACT = 0, 1, 2, 3
"""Kinds of entry, in ranking order."""

LEXICON = Path(__file__).parent / "data" / "tu-thong-dung.yml"
"""The built-in lexicon of everyday names for documents and procedures."""


def read_lexicon(path: Path = LEXICON) -> tuple[list[Synonym], list[Problem]]:
    """The lexicon's entries, checked by the schema staff files are checked by."""
    document = read_document(path, path.name)
    model, problems = validate(document, Synonyms, strict=True)
    return (list(model.synonyms) if model else []), document.problems + problems


@functools.cache
def lexicon() -> tuple[Synonym, ...]:
    """The built-in lexicon (a test keeps it free of problems)."""
    return tuple(read_lexicon()[0])


def synonym_rows(synonyms: Iterable[Synonym]) -> list[list[object]]:
    """Synonyms as the index stores them: ``[[everyday, ...], means]``."""
    return [[list(item.everyday), item.means] for item in synonyms]


def index_data(
    fields: list[str], rows: list[list[object]], synonyms: Iterable[Synonym] = ()
) -> dict[str, object]:
    """The index object: rows in ranking order, the lexicon and the ward's synonyms."""
    # Rows in ranking order: equal scores keep the order of the index.
    rows.sort(key=lambda row: row[0])  # type: ignore[arg-type,return-value]
    # Keywords are the last column and usually empty: leave them out to keep the index small.
    for row in rows:
        if len(row) > 7 and not row[7]:
            del row[7:]
    return {
        "fields": fields,
        "rows": rows,
        "synonyms": synonym_rows([*lexicon(), *synonyms]),
    }


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _short_time(text: str) -> str:
    """The first clause of a time limit ("03 ngày làm việc"), which is what people compare."""
    return _clip(re.split(r"[;.]", text, maxsplit=1)[0], TIME_CHARS)


def search_entries(content: Content) -> dict[str, object]:
    """The index as data: a field list, and one row per entry:
    ``[kind, code, title, field index, time, summary, url, keywords]`` (a procedure's url is
    derived from its code by the script, to keep the index small; empty keywords are left out).
    """
    fields: list[str] = []

    def field_index(name: str) -> int:
        if name not in fields:
            fields.append(name)
        return fields.index(name)

    rows: list[list[object]] = []
    for procedure in content.procedures:
        kind = PROCEDURE if procedure.status in IN_FORCE else RETIRED
        rows.append(
            [
                kind,
                procedure.code,
                procedure.name,
                field_index(procedure.field),
                _short_time(procedure.channels[0].time_limit),
                _clip(procedure.summary or "", SUMMARY_CHARS),
                "",
                " · ".join(procedure.keywords),
            ]
        )
    plan_page = plan_uri(plan_year(content.plan)).replace("index.md", "index.html")
    number = 0
    for index, section in enumerate(content.plan.sections, start=1):
        for task in section_tasks(section):
            number += 1
            rows.append(
                [
                    TASK,
                    str(number),
                    _clip(task.content, SUMMARY_CHARS),
                    field_index(section.title),
                    task.deadline,
                    _clip(task.output or "", SUMMARY_CHARS),
                    f"{plan_page}#phan-{index}",
                ]
            )
    feedback_page = FEEDBACK.replace("index.md", "index.html")
    for index, contact in enumerate(content.contacts, start=1):
        rows.append(
            [
                CONTACT,
                contact.phone or contact.hotline or "",
                contact.name,
                field_index("Phản ánh, kiến nghị"),
                contact.hours or "",
                _clip(contact.purpose or contact.address, SUMMARY_CHARS),
                f"{feedback_page}#dau-moi-{index}",
            ]
        )
    return index_data(fields, rows, content.synonyms)


def search_index_script(content: Content) -> str:
    """The index as a script that sets ``window.congkhaiIndex`` (loads from file:// too)."""
    data = json.dumps(search_entries(content), ensure_ascii=False, separators=(",", ":"))
    return f"window.congkhaiIndex={data};\n"
