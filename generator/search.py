"""The compact search index: procedures first, then plan tasks and contact points.

Material's search indexes the full text of every page (39 MB at 1,000 procedures) and knows
nothing of Vietnamese diacritics. congkhai writes a small index of what citizens look for —
code, name, field, time limit and a short summary — as a script file (``tim-kiem/chi-muc.js``),
so it also loads from ``file://`` where a browser refuses to fetch JSON. Matching and ranking
happen in ``theme/assets/javascripts/search.js``.
"""

from __future__ import annotations

import json
import re

from .model import IN_FORCE, Content
from .pages import FEEDBACK, plan_uri
from .tracking import plan_year, section_tasks

INDEX_PATH = "tim-kiem/chi-muc.js"
SUMMARY_CHARS = 160
TIME_CHARS = 70

PROCEDURE, RETIRED, TASK, CONTACT = 0, 1, 2, 3
"""Kinds of entry, in ranking order."""


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
    ``[kind, code, title, field index, time, summary, url]`` (a procedure's url is derived from
    its code by the script, to keep the index small)."""
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
    # Rows in ranking order: equal scores keep the order of the index.
    rows.sort(key=lambda row: row[0])  # type: ignore[arg-type,return-value]
    return {"fields": fields, "rows": rows}


def search_index_script(content: Content) -> str:
    """The index as a script that sets ``window.congkhaiIndex`` (loads from file:// too)."""
    data = json.dumps(search_entries(content), ensure_ascii=False, separators=(",", ":"))
    return f"window.congkhaiIndex={data};\n"
