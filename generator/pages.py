"""Which pages the site has, where they live and which template shows each one.

This module knows nothing of MkDocs: it turns ``Content`` into ``PageSpec`` records that the
MkDocs plugin (or any other renderer) turns into pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Content

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


def procedure_uri(code: str) -> str:
    """Source path of a procedure's page; its URL is ``thu-tuc/<code>/``."""
    return f"thu-tuc/{code}/index.md"


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
)


def page_specs(content: Content) -> list[PageSpec]:
    """Every generated page of the site."""
    groups = [
        (f"linh-vuc-{index}", field, procedures)
        for index, (field, procedures) in enumerate(content.procedures_by_field(), start=1)
    ]
    specs = [
        PageSpec(HOME, content.config.ward.name, "home.html"),
        PageSpec(
            CATALOGUE,
            "Thủ tục hành chính",
            "catalogue.html",
            {"groups": groups},
            tuple((anchor, field) for anchor, field, _ in groups),
        ),
        PageSpec(FEEDBACK, "Phản ánh, kiến nghị về quy định hành chính", "feedback.html"),
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
        ),
    ]
    for procedure in content.procedures:
        toc = tuple(
            (anchor, heading)
            for anchor, heading in PROCEDURE_SECTIONS
            if anchor != "dieu-kien" or procedure.conditions
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
                },
                toc,
            )
        )
    return specs
