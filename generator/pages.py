"""Which pages the site has, where they live and which template shows each one.

This module knows nothing of MkDocs: it turns ``Content`` into ``PageSpec`` records that the
MkDocs plugin (or any other renderer) turns into pages.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby

from . import lists, seo, service_results, tracking
from .model import Content
from .schema import OTHER_BODY_NAMES, Plan, Procedure, plan_year
from .text import sort_key

HOME = "index.md"
CATALOGUE = "thu-tuc/index.md"
FEEDBACK = "phan-anh-kien-nghi/index.md"
PLANS = "ke-hoach/index.md"
SEARCH = "tim-kiem/index.md"
RESULTS = "ket-qua/index.md"
APOLOGIES = "xin-loi/index.md"
BOARD = "bang-tin/index.md"

PROCEDURE_TEMPLATE = "procedure.html"
"""The template of a procedure's own page."""
LIST_TEMPLATE = "procedure-list.html"
"""The template of a statutory list page (procedures of one kind)."""


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
    wide: bool = False
    """Wide tables: no table-of-contents sidebar (the page lists its own sections)."""
    description: str | None = None
    """What the page says in a sentence or two (search results, link previews)."""
    embed_of: str | None = None
    """For a view made to be embedded in the ward's portal: the full page it shows."""


def board_results(content: Content) -> dict[str, object]:
    """The wall board's last screen: the latest month's figures and its apologies."""
    if not content.results:
        return {"month": None, "month_apologies": 0}
    month = content.results[-1]
    apologies = sum(
        1
        for apology in content.apologies
        if (apology.apologized.year, apology.apologized.month) == (month.year, month.month)
    )
    return {"month": month, "month_apologies": apologies}


def procedure_uri(code: str) -> str:
    """Source path of a procedure's page."""
    return f"thu-tuc/{code}/index.md"


def procedure_path(code: str) -> str:
    """Path of a procedure's page in the built site (links always end in index.html)."""
    return f"thu-tuc/{code}/index.html"


def list_uri(slug: str) -> str:
    """Source path of a statutory list's page."""
    return f"thu-tuc/danh-sach/{slug}/index.md"


def plan_uri(year: int) -> str:
    """Source path of one year's plan; older years keep theirs."""
    return f"ke-hoach/{year}/index.md"


def quarter_uri(year: int, quarter: int) -> str:
    """Source path of a quarterly progress report."""
    return f"ke-hoach/{year}/quy-{quarter}/index.md"


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
        ("Kết quả giải quyết", RESULTS),
        ("Xin lỗi công khai", APOLOGIES),
        ("Tìm kiếm", SEARCH),
        (
            f"Kế hoạch {plan_year(content.plan)}",
            plan_uri(plan_year(content.plan)),
        ),
    ]


# What to bring comes first: it is what a citizen reads the page for (the summary box above
# it already says how long, how much and where).
PROCEDURE_SECTIONS = (
    ("ho-so", "Giấy tờ cần mang"),
    ("trinh-tu", "Trình tự thực hiện"),
    ("cach-thuc", "Cách thức thực hiện"),
    ("dieu-kien", "Yêu cầu, điều kiện"),
    ("ket-qua", "Kết quả thực hiện"),
    ("can-cu", "Căn cứ pháp lý"),
    ("co-quan", "Cơ quan thực hiện"),
    ("cong-bo", "Quyết định công bố"),
    ("lich-su", "Lịch sử thay đổi"),
)


def page_specs(content: Content, today: date) -> list[PageSpec]:
    """Every generated page of the site; ``today`` is the build date (for deadlines)."""
    feedback = PageSpec(
        FEEDBACK,
        "Phản ánh, kiến nghị về quy định hành chính",
        "feedback.html",
        toc=(("cach-gui", "Cách gửi phản ánh, kiến nghị"),)
        + tuple((f"dau-moi-{i}", c.name) for i, c in enumerate(content.contacts, start=1))
        + ((("quy-dinh", "Quy định xử lý"),) if content.feedback else ()),
        updated=content.updated("contacts"),
    )
    home = PageSpec(HOME, content.config.ward.name, "home.html", updated=content.updated("site"))
    board = PageSpec(
        BOARD,
        "Bảng tin thủ tục hành chính",
        "board.html",
        {
            "groups": field_groups(list(content.current_procedures)),
            "board_page": True,
            **board_results(content),
        },
        updated=content.updated("procedures"),
        wide=True,
    )
    specs = [
        home,
        board,
        *results_specs(content, today),
        PageSpec(SEARCH, "Tìm kiếm", "search.html"),
        *catalogue_specs(content),
        feedback,
        *plan_specs(content, today),
        *procedure_specs(content),
    ]
    return [
        spec if spec.description else replace(spec, description=_description(spec, content))
        for spec in specs
    ]


def _description(spec: PageSpec, content: Content) -> str:
    """The sentence search engines and link previews show for a page other than a procedure."""
    ward = content.config.ward
    where = f"{ward.authority}, {ward.province}"
    fixed = {
        HOME: content.config.site.description
        or f"Công khai thủ tục hành chính, nơi tiếp nhận phản ánh, kiến nghị, kết quả giải quyết "
        f"hồ sơ và kế hoạch kiểm soát thủ tục hành chính của {where}.",
        CATALOGUE: f"{len(content.current_procedures)} thủ tục hành chính tiếp nhận tại {where}: "
        "giấy tờ cần mang, thời hạn, phí, lệ phí và cách nộp của từng thủ tục.",
        FEEDBACK: f"Nơi tiếp nhận phản ánh, kiến nghị về quy định hành chính của {where}: địa chỉ, "
        "điện thoại, thư điện tử, thời hạn xử lý.",
        RESULTS: f"Số hồ sơ {where} tiếp nhận, giải quyết đúng hạn, trễ hạn, tỷ lệ trực tuyến, "
        "số hóa và mức độ hài lòng theo tháng, quý, năm.",
        APOLOGIES: f"Danh sách hồ sơ giải quyết trễ hạn mà {ward.authority} đã xin lỗi và hẹn lại "
        "ngày trả kết quả.",
        SEARCH: f"Tìm thủ tục hành chính của {where} theo tên, lĩnh vực hoặc mã số, gõ có dấu "
        "hoặc không dấu.",
        BOARD: f"Bảng tin thủ tục hành chính của {where}.",
        PLANS: f"Các kế hoạch kiểm soát thủ tục hành chính của {where} qua các năm.",
    }
    if spec.src_uri in fixed:
        return seo.shorten(fixed[spec.src_uri])
    procedure_list = spec.context.get("procedure_list")
    if isinstance(procedure_list, lists.ProcedureList):
        return seo.shorten(f"{procedure_list.title} của {where}. {procedure_list.summary}")
    return seo.shorten(f"{spec.title} – {where}: nhiệm vụ, tiến độ và chỉ tiêu.")


def results_specs(content: Content, today: date) -> list[PageSpec]:
    """The service results page and the public apology list."""
    months = list(content.results)
    summaries = service_results.periods(months)
    year = summaries[-1] if summaries else None
    names = {p.code: p.name for p in content.procedures}
    apologies = service_results.apology_views(content.apologies, names, today)
    latest = months[-1] if months else None
    return [
        PageSpec(
            RESULTS,
            "Kết quả giải quyết hồ sơ",
            "results.html",
            {
                "periods": summaries,
                "series": service_results.series(months),
                "kpi_checks": service_results.kpi_checks(content.plan.kpis, year),
                "apologies": apologies,
                "latest": latest,
            },
            # Without figures the page has none of these sections.
            (
                ("tong-hop", "Tổng hợp"),
                ("theo-thang", "Theo tháng"),
                ("theo-linh-vuc", "Theo lĩnh vực"),
                ("so-voi-chi-tieu", "So với chỉ tiêu"),
                ("xin-loi", "Trễ hạn và xin lỗi"),
            )
            if months
            else (),
            # Outside git, the figures are as of the end of their latest month.
            content.updated("results")
            or (_month_end(latest.year, latest.month) if latest else None),
        ),
        PageSpec(
            APOLOGIES,
            "Xin lỗi công khai vì giải quyết hồ sơ trễ hạn",
            "apologies.html",
            {"apologies": apologies, "today": today},
            updated=content.updated("apologies")
            or max((a.apologized for a in content.apologies), default=None),
        ),
    ]


def catalogue_specs(content: Content) -> list[PageSpec]:
    """The catalogue and one page per statutory list."""
    groups = field_groups(list(content.current_procedures))
    # Procedures other bodies carry out are counted apart in the catalogue's lead.
    others = [p.operating_body for p in content.current_procedures if p.other_body]
    statutory = [
        (procedure_list, lists.members(procedure_list, content.procedures))
        for procedure_list in lists.STATUTORY_LISTS
    ]
    specs = [
        PageSpec(
            CATALOGUE,
            "Thủ tục hành chính",
            "catalogue.html",
            {
                "groups": groups,
                "statutory": statutory,
                "channel_filters": lists.CHANNEL_FILTERS,
                "row_tags": {p.code: lists.tags(p) for p in content.current_procedures},
                "other_count": len(others),
                "other_bodies": [name for body, name in OTHER_BODY_NAMES.items() if body in others],
            },
            tuple((anchor, field) for anchor, field, _ in groups),
            content.updated("procedures"),
        )
    ]
    for procedure_list, members in statutory:
        list_groups = field_groups(members)
        specs.append(
            PageSpec(
                list_uri(procedure_list.slug),
                procedure_list.title,
                LIST_TEMPLATE,
                {"procedure_list": procedure_list, "groups": list_groups},
                tuple((anchor, name) for anchor, name, _ in list_groups),
                content.updated("procedures"),
            )
        )
    return specs


@dataclass(frozen=True)
class TaskGroup:
    """Tasks under one heading of the plan (a subsection, or a section's own tasks)."""

    number: str | None
    title: str | None
    tasks: list[tracking.TrackedTask]
    cite: str = ""
    """Its id as the plan numbers it ("1.II", or "II" in a plan without parts)."""


@dataclass(frozen=True)
class SectionView:
    """A plan section as its page shows it."""

    anchor: str
    number: str | None
    title: str
    groups: list[TaskGroup]
    cite: str = ""
    """Its id as the plan numbers it ("II"), besides ``anchor``."""


def plan_layout(plan: Plan, tracked: list[tracking.TrackedTask]) -> list[SectionView]:
    """The plan's sections and subsections with their tracked tasks, in the source order."""
    queue = iter(tracked)
    views = []
    used = {task.anchor for task in tracked}

    def cite(*numbers: str | None) -> str:
        """A heading's id from its numbers, when it has one and no other heading has it."""
        parts = [tracking.anchor_part(n) for n in numbers]
        anchor = ".".join(p for p in parts if p) if parts[-1] else ""
        if not anchor or anchor in used:
            return ""
        used.add(anchor)
        return anchor

    for index, section in enumerate(plan.sections, start=1):
        groups = []
        if section.tasks:
            groups.append(TaskGroup(None, None, [next(queue) for _ in section.tasks]))
        for sub in section.subsections:
            tasks = [next(queue) for _ in sub.tasks]
            groups.append(TaskGroup(sub.number, sub.title, tasks, cite(section.number, sub.number)))
        views.append(
            SectionView(
                f"phan-{index}", section.number, section.title, groups, cite(section.number)
            )
        )
    return views


def plan_specs(content: Content, today: date) -> list[PageSpec]:
    """The plans index, each year's plan page, and each started quarter's report."""
    specs = []
    overview = []
    for plan in content.plans:
        year = plan_year(plan)
        tracked = tracking.track(plan, today)
        overall, by_section, by_unit = tracking.summaries(plan, tracked)
        quarters = tracking.started_quarters(plan, today)
        updated = content.updated(f"plan:{year}")
        overview.append((plan, overall, quarters))
        layout = plan_layout(plan, tracked)
        specs.append(
            PageSpec(
                plan_uri(year),
                plan.title,
                "plan.html",
                {
                    "plan": plan,
                    "year": year,
                    "layout": layout,
                    "overall": overall,
                    "by_section": by_section,
                    "by_unit": by_unit,
                    "kpis": [tracking.kpi_status(kpi) for kpi in plan.kpis],
                    "quarters": quarters,
                    "today": today,
                    "is_current": plan is content.plan,
                },
                (
                    ("tong-hop", "Tổng hợp tiến độ"),
                    *((view.anchor, view.title) for view in layout),
                    ("chi-tieu", "Chỉ tiêu"),
                ),
                updated,
                wide=True,
            )
        )
        for quarter in quarters:
            specs.append(quarter_spec(plan, tracked, quarter, today, updated))
    specs.append(
        PageSpec(
            PLANS,
            "Kế hoạch kiểm soát thủ tục hành chính các năm",
            "plans.html",
            {"overview": list(reversed(overview)), "current": content.plan},
            updated=max(
                filter(None, (content.updated(f"plan:{plan_year(p)}") for p in content.plans)),
                default=None,
            ),
        )
    )
    return specs


def quarter_spec(
    plan: Plan,
    tracked: list[tracking.TrackedTask],
    quarter: tracking.Quarter,
    today: date,
    updated: date | None,
) -> PageSpec:
    """The printable progress report of one quarter (due on day 17 of its last month)."""
    in_quarter = [
        t for t in tracked if t.completed_on and quarter.start <= t.completed_on <= quarter.end
    ]
    notes = sorted(
        (
            (note.date, entry, note.note)
            for entry in tracked
            for note in entry.task.progress
            if quarter.start <= note.date <= quarter.end
        ),
        key=lambda item: (item[0], item[1].number),
    )
    due_in_quarter = [
        t for t in tracked if t.deadline.due and quarter.start <= t.deadline.due <= quarter.end
    ]
    return PageSpec(
        quarter_uri(quarter.year, quarter.number),
        f"Báo cáo tiến độ quý {quarter.roman}/{quarter.year}",
        "quarter.html",
        {
            "plan": plan,
            "quarter": quarter,
            "completed": in_quarter,
            "notes": [(when, entry, text) for when, entry, text in notes],
            "due": due_in_quarter,
            "kpis": [tracking.kpi_status(kpi, quarter.end) for kpi in plan.kpis],
            "in_progress": quarter.end >= today,
            "today": today,
        },
        (
            ("hoan-thanh", "Nhiệm vụ hoàn thành"),
            ("den-han", "Nhiệm vụ đến hạn trong quý"),
            ("tien-do", "Tiến độ trong quý"),
            ("chi-tieu", "Chỉ tiêu"),
        ),
        updated,
        wide=True,
    )


_SECTION_TITLES = dict(PROCEDURE_SECTIONS)


def procedure_specs(content: Content) -> list[PageSpec]:
    """One page per procedure, retired ones included (old links keep working)."""
    specs = []
    for procedure in content.procedures:
        toc = tuple(
            (anchor, heading)
            for anchor, heading in PROCEDURE_SECTIONS
            if anchor != "lich-su" or procedure.history
        )
        replacement = content.procedure(procedure.replaced_by) if procedure.replaced_by else None
        specs.append(
            PageSpec(
                procedure_uri(procedure.code),
                procedure.name,
                PROCEDURE_TEMPLATE,
                {
                    "procedure": procedure,
                    "replacement": replacement,
                    "sections": _SECTION_TITLES,
                    "history": sorted(procedure.history, key=lambda change: change.date),
                },
                toc,
                content.updated(procedure.code),
                description=seo.procedure_description(procedure),
            )
        )
    return specs


def _month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])
