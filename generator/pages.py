"""Which pages the site has, where they live and which template shows each one.

This module knows nothing of MkDocs: it turns ``Content`` into ``PageSpec`` records that the
MkDocs plugin (or any other renderer) turns into pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from . import lists
from .model import Content
from .schema import Procedure
from .text import sort_key

HOME = "index.md"
CATALOGUE = "thu-tuc/index.md"
FEEDBACK = "phan-anh-kien-nghi/index.md"
PLAN = "ke-hoach/index.md"


@dataclass(frozen=True)
class PageSpec:
    """One generated page: its source path, title, template and what the template shows."""

    src_uri: str
    title: str
    template: str
    context: Mapping[str, object] = field(default_factory=dict)
    toc: tuple[tuple[str, str], ...] = ()
    """(anchor, heading) pairs for the page's table of contents."""
    updated: date | None = None
    """When what the page shows last changed ("Cập nhật lần cuối")."""


def procedure_uri(code: str) -> str:
    """Source path of a procedure's page."""
    return f"thu-tuc/{code}/index.md"


def procedure_path(code: str) -> str:
    """Path of a procedure's page in the built site (links always end in index.html)."""
    return f"thu-tuc/{code}/index.html"


def list_uri(slug: str) -> str:
    """Source path of a statutory list's page."""
    return f"thu-tuc/danh-sach/{slug}/index.md"


def field_groups(procedures: list[Procedure]) -> list[tuple[str, str, list[Procedure]]]:
    """(anchor, field, procedures) per field, fields in Vietnamese order."""
    ordered = sorted(procedures, key=lambda p: (sort_key(p.field), sort_key(p.name)))
    return [
        (f"linh-vuc-{index}", name, list(group))
        for index, (name, group) in enumerate(groupby(ordered, key=lambda p: p.field), start=1)
    ]


def navigation(content: Content) -> list[tuple[str, str]]:
    """The site's top navigation: (title, source path). Procedures are deliberately absent."""
    return [
        ("Trang chủ", HOME),
        ("Thủ tục hành chính", CATALOGUE),
        ("Phản ánh, kiến nghị", FEEDBACK),
        (f"Kế hoạch {content.plan.date.year}", PLAN),
    ]


PROCEDURE_SECTIONS = (
    ("trinh-tu", "Trình tự thực hiện"),
    ("cach-thuc", "Cách thức thực hiện"),
    ("ho-so", "Thành phần hồ sơ"),
    ("dieu-kien", "Yêu cầu, điều kiện"),
    ("ket-qua", "Kết quả thực hiện"),
    ("can-cu", "Căn cứ pháp lý"),
    ("co-quan", "Cơ quan thực hiện"),
    ("cong-bo", "Quyết định công bố"),
    ("lich-su", "Lịch sử thay đổi"),
)


def page_specs(content: Content) -> list[PageSpec]:
    """Every generated page of the site."""
    groups = field_groups(list(content.current_procedures))
    statutory = [
        (procedure_list, lists.members(procedure_list, content.procedures))
        for procedure_list in lists.STATUTORY_LISTS
    ]
    specs = [
        PageSpec(HOME, content.config.ward.name, "home.html", updated=content.updated("site")),
        PageSpec(
            CATALOGUE,
            "Thủ tục hành chính",
            "catalogue.html",
            {
                "groups": groups,
                "statutory": statutory,
                "channel_filters": lists.CHANNEL_FILTERS,
                "row_tags": {p.code: lists.tags(p) for p in content.current_procedures},
            },
            tuple((anchor, field) for anchor, field, _ in groups),
            content.updated("procedures"),
        ),
        PageSpec(
            FEEDBACK,
            "Phản ánh, kiến nghị về quy định hành chính",
            "feedback.html",
            updated=content.updated("contacts"),
        ),
        PageSpec(
            PLAN,
            content.plan.title,
            "plan.html",
            toc=(
                *(
                    (f"phan-{index}", section.title)
                    for index, section in enumerate(content.plan.sections, start=1)
                ),
                ("chi-tieu", "Chỉ tiêu"),
            ),
            updated=content.updated("plan"),
        ),
    ]
    for procedure_list, members in statutory:
        list_groups = field_groups(members)
        specs.append(
            PageSpec(
                list_uri(procedure_list.slug),
                procedure_list.title,
                "procedure-list.html",
                {"procedure_list": procedure_list, "groups": list_groups},
                tuple((anchor, name) for anchor, name, _ in list_groups),
                content.updated("procedures"),
            )
        )
    for procedure in content.procedures:
        toc = tuple(
            (anchor, heading)
            for anchor, heading in PROCEDURE_SECTIONS
            if (anchor != "dieu-kien" or procedure.conditions)
            and (anchor != "lich-su" or procedure.history)
        )
        replacement = content.procedure(procedure.replaced_by) if procedure.replaced_by else None
        specs.append(
            PageSpec(
                procedure_uri(procedure.code),
                procedure.name,
                "procedure.html",
                {
                    "procedure": procedure,
                    "replacement": replacement,
                    "sections": dict(PROCEDURE_SECTIONS),
                    "history": sorted(procedure.history, key=lambda change: change.date),
                },
                toc,
                content.updated(procedure.code),
            )
        )
    return specs
