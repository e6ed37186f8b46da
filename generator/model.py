"""The ward's whole content as one validated object, with the checks that span files.

Nothing after this module reads YAML: pages and templates use ``Content`` only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import Problem, Severity
from .load import Document, Loc
from .schema import (
    Apology,
    Contact,
    FeedbackRules,
    Kpi,
    Plan,
    Procedure,
    SiteConfig,
    Synonym,
    Synonyms,
    Task,
    WardProcedures,
    plan_year,
    section_tasks,
)
from .service_results import Month
from .text import did_you_mean, fold, sort_key

IN_FORCE = ("còn hiệu lực", "được sửa đổi")
"""Procedure statuses that are still applied; the others are kept only for old links."""


@dataclass(frozen=True)
class Content:
    """Everything the site publishes, validated and cross-checked."""

    config: SiteConfig
    procedures: tuple[Procedure, ...]
    contacts: tuple[Contact, ...]
    plan: Plan
    """This year's plan (the one site_config.yml names)."""
    plans: tuple[Plan, ...] = ()
    """Every plan, this year's included, oldest first."""
    feedback: FeedbackRules | None = None
    """Rules for feedback handling (content/feedback.yml), if published."""
    results: tuple[Month, ...] = ()
    """Monthly dossier figures, oldest first."""
    apologies: tuple[Apology, ...] = ()
    """Public apologies for late dossiers."""
    local_notes: Mapping[str, str] = field(default_factory=dict)
    """In a province, the ward's own note on a catalogue procedure, by code."""
    dates: Mapping[str, date] = field(default_factory=dict)
    """Last change per procedure code, and for "procedures", "contacts", "plan:<year>", "site"."""
    synonyms: tuple[Synonym, ...] = ()
    """The ward's own search synonyms (content/synonyms.yml)."""

    @property
    def site_title(self) -> str:
        """The site's title: configured, or "Công khai thủ tục hành chính – <ward>"."""
        return self.config.site.title or f"Công khai thủ tục hành chính – {self.config.ward.name}"

    @property
    def current_procedures(self) -> tuple[Procedure, ...]:
        """Procedures still applied (in force or amended), in catalogue order."""
        return tuple(p for p in self.procedures if p.status in IN_FORCE)

    @functools.cached_property
    def _by_code(self) -> dict[str, Procedure]:
        return {procedure.code: procedure for procedure in self.procedures}

    def procedure(self, code: str) -> Procedure | None:
        """The procedure with this code, if any."""
        return self._by_code.get(code)

    def updated(self, key: str) -> date | None:
        """When a procedure (by code), "procedures", "contacts", "plan:<year>" or "site" changed."""
        return self.dates.get(key)

    def tasks(self) -> list[Task]:
        """Every task of this year's plan, in the order of the source."""
        return [task for section in self.plan.sections for task in section_tasks(section)]


def assemble(
    config: SiteConfig,
    procedures: list[Procedure],
    contacts: list[Contact],
    plan: Plan,
    plans: list[Plan],
    *,
    feedback: FeedbackRules | None = None,
    dates: Mapping[str, date] | None = None,
    results: list[Month] | None = None,
    apologies: list[Apology] | None = None,
    local_notes: Mapping[str, str] | None = None,
    synonyms: list[Synonym] | None = None,
) -> Content:
    """Build ``Content`` from validated files, in the order pages show them."""
    # site_config.yml may leave out procedures another body (customs, tax…) carries out.
    excluded = set(config.catalogue.exclude_bodies)
    procedures = [p for p in procedures if p.operating_body not in excluded]
    return Content(
        results=tuple(sorted(results or [], key=lambda m: (m.year, m.month))),
        apologies=tuple(apologies or []),
        config=config,
        procedures=tuple(sorted(procedures, key=lambda p: (sort_key(p.field), sort_key(p.name)))),
        contacts=tuple(sorted(contacts, key=lambda c: (c.order, sort_key(c.name)))),
        plan=plan,
        plans=tuple(sorted(plans, key=lambda p: (p.year or p.date.year, p.date))),
        feedback=feedback,
        dates=dict(dates or {}),
        local_notes=dict(local_notes or {}),
        synonyms=tuple(synonyms or []),
    )


def synonym_problems(
    document: Document, synonyms: Synonyms, procedures: list[Procedure]
) -> list[Problem]:
    """A synonym whose official words are in no procedure leads nowhere: a warning."""
    known = {
        word
        for procedure in procedures
        for text in (procedure.name, procedure.field, procedure.summary or "", *procedure.keywords)
        for word in re.findall(r"\w+", fold(text))
    }
    problems: list[Problem] = []
    for number, entry in enumerate(synonyms.synonyms):
        written = re.findall(r"\w+", entry.means)
        missing = [word for word in written if fold(word) not in known]
        if missing:
            listed = ", ".join(f'"{word}"' for word in missing)
            problems.append(
                document.problem(
                    ("synonyms", number, "means"),
                    f"không thủ tục nào có từ {listed}; hãy viết đúng các từ trong tên thủ tục",
                    severity=Severity.WARNING,
                )
            )
    return problems


def quick_answer_problems(document: Document, config: SiteConfig, codes: set[str]) -> list[Problem]:
    """A quick-answer button that names no procedure of the catalogue is not shown: a note
    (even with ``--strict``), so a configuration copied before its procedures still builds."""
    problems: list[Problem] = []
    known = sorted(codes)
    for number, answer in enumerate(config.search.quick_answers):
        if answer.code not in codes:
            hint = did_you_mean(answer.code, known)
            problems.append(
                document.problem(
                    ("search", "quick_answers", number, "code"),
                    f'không có thủ tục nào mang mã "{answer.code}", nút này không hiện{hint}',
                    severity=Severity.NOTE,
                )
            )
    return problems


def apology_problems(
    apologies: list[tuple[Document, Apology]], codes: set[str], today: date
) -> list[Problem]:
    """Apologies must name a known procedure and hold dates in order; a passed new date
    without the dossier returned is flagged."""
    problems: list[Problem] = []
    known = sorted(codes)
    for document, apology in apologies:
        if apology.procedure not in codes:
            hint = did_you_mean(apology.procedure, known)
            problems.append(
                document.problem(
                    ("procedure",), f'không có thủ tục nào mang mã "{apology.procedure}"{hint}'
                )
            )
        if apology.new_due <= apology.due:
            problems.append(
                document.problem(
                    ("new_due",),
                    f"cần ngày hẹn mới sau ngày hẹn ban đầu ({apology.due:%d/%m/%Y}), "
                    f"nhận được {apology.new_due:%d/%m/%Y}",
                )
            )
        if apology.due < apology.received or apology.apologized < apology.received:
            problems.append(
                document.problem(
                    ("received",),
                    f"cần ngày tiếp nhận không sau ngày hẹn ({apology.due:%d/%m/%Y}) "
                    f"và ngày xin lỗi ({apology.apologized:%d/%m/%Y}), "
                    f"nhận được {apology.received:%d/%m/%Y}",
                )
            )
        if apology.returned is not None and apology.status != "đã trả kết quả":
            problems.append(
                document.problem(
                    ("status",),
                    f'đã có ngày trả kết quả (returned) thì cần tình trạng "đã trả kết quả", '
                    f'nhận được "{apology.status}"',
                )
            )
        if apology.status == "chưa trả kết quả" and apology.new_due < today:
            problems.append(
                document.problem(
                    ("new_due",),
                    f"đã quá ngày hẹn mới ({apology.new_due:%d/%m/%Y}) mà chưa trả kết quả; "
                    "cập nhật tình trạng hoặc xin lỗi lại với ngày hẹn mới",
                    severity=Severity.NOTE,
                )
            )
    return problems


def selection_problems(
    document: Document,
    selection: WardProcedures,
    catalogue: dict[str, tuple[Document, Procedure]],
    declared: set[str],
) -> list[Problem]:
    """A ward's procedure list must name catalogue procedures, once each, and keep every
    replaced procedure's replacement (its page links there)."""
    problems: list[Problem] = []
    if not selection.all and not selection.procedures:
        problems.append(
            document.problem(
                ("procedures",), 'cần danh sách thủ tục phường tiếp nhận, hoặc "all: có"'
            )
        )
    known = sorted(catalogue)
    seen: set[str] = set()
    wanted = set(catalogue) if selection.all else {item.code for item in selection.procedures}
    for index, item in enumerate(selection.procedures):
        loc = ("procedures", index, "code")
        if item.code in seen:
            problems.append(
                document.problem(
                    loc,
                    f'mã "{item.code}" đã có ở trên; mỗi thủ tục ghi một lần',
                    severity=Severity.WARNING,
                )
            )
        seen.add(item.code)
        if item.code not in catalogue:
            if item.code in declared:
                continue  # the procedure file itself has an error, reported there
            hint = did_you_mean(item.code, known)
            problems.append(
                document.problem(
                    loc, f'không có thủ tục nào mang mã "{item.code}" trong danh mục của tỉnh{hint}'
                )
            )
            continue
        replacement = catalogue[item.code][1].replaced_by
        if replacement and replacement in catalogue and replacement not in wanted:
            problems.append(
                document.problem(
                    loc,
                    f'thủ tục "{item.code}" đã được thay thế bởi "{replacement}"; cần thêm mã '
                    f'"{replacement}" vào danh sách để trang cũ dẫn được tới thủ tục mới',
                )
            )
    return problems


def procedure_problems(document: Document, procedure: Procedure, forms_dir: Path) -> list[Problem]:
    """Rules inside one procedure file the schema alone cannot state."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, channel in enumerate(procedure.channels):
        where = ("channels", index)
        if channel.mode in seen:
            problems.append(
                document.problem((*where, "mode"), f'cách "{channel.mode}" đã có ở mục trước')
            )
        seen.add(channel.mode)
        if channel.mode == "trực tuyến" and channel.level is None:
            problems.append(
                document.problem(
                    (*where, "level"),
                    'thiếu trường bắt buộc với cách "trực tuyến" (mức dịch vụ công trực '
                    'tuyến: "toàn trình" hoặc "một phần")',
                )
            )
        if channel.mode != "trực tuyến" and channel.level is not None:
            problems.append(
                document.problem((*where, "level"), 'chỉ ghi mức này với cách "trực tuyến"')
            )
    for index, item in enumerate(procedure.dossier):
        if item.form is None:
            continue
        for key, name in (("file", item.form.file), ("pdf", item.form.pdf)):
            if name is None:
                continue
            path = (forms_dir / name).resolve()
            if not path.is_relative_to(forms_dir.resolve()) or not path.is_file():
                problems.append(
                    document.problem(
                        ("dossier", index, "form", key),
                        f'không tìm thấy tệp mẫu "{name}" trong thư mục content/forms/',
                    )
                )
        if item.form.pdf is not None and not item.form.pdf.lower().endswith(".pdf"):
            problems.append(
                document.problem(
                    ("dossier", index, "form", "pdf"),
                    f'cần một tệp .pdf, nhận được "{item.form.pdf}"',
                )
            )
    return problems


def declared_codes(documents: list[Document]) -> set[str]:
    """The codes procedure files declare, read raw, so a file with a mistake elsewhere still
    counts as the procedure its code names."""
    # Without this, one bad fee in a procedure file would also make every apology and
    # replacement that names its code report "no such procedure".
    return {
        code
        for document in documents
        if isinstance(document.data, dict) and isinstance(code := document.data.get("code"), str)
    }


def cross_file_problems(
    procedures: list[tuple[Document, Procedure]],
    plans: list[tuple[Document, Plan]],
    declared: set[str] | None = None,
) -> list[Problem]:
    """Problems no single file shows: duplicate codes, unknown replacements, unknown units,
    two plans for one year. ``declared`` holds codes of procedure files that failed checks."""
    problems = _check_procedures(procedures, declared or set())
    years: dict[int, Document] = {}
    for document, plan in plans:
        problems += _check_plan(document, plan)
        year = plan_year(plan)
        if year in years:
            problems.append(
                document.problem(
                    ("date",) if plan.year is None else ("year",),
                    f"đã có kế hoạch năm {year} trong tệp {years[year].path}; "
                    "nếu đây là kế hoạch năm khác, hãy ghi trường year",
                )
            )
        years.setdefault(year, document)
    return problems


def _check_procedures(
    procedures: list[tuple[Document, Procedure]], declared: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    first_file: dict[str, Document] = {}
    for document, procedure in procedures:
        if procedure.code in first_file:
            other = first_file[procedure.code]
            problems.append(
                document.problem(
                    ("code",),
                    f'mã "{procedure.code}" đã dùng cho thủ tục trong tệp {other.path}; '
                    "mỗi thủ tục một mã",
                )
            )
        else:
            first_file[procedure.code] = document
    codes = list(first_file)
    by_code = {procedure.code: (document, procedure) for document, procedure in procedures}
    for document, procedure in procedures:
        if procedure.status == "được thay thế" and procedure.replaced_by is None:
            problems.append(
                document.problem(
                    ("status",),
                    'thủ tục "được thay thế" cần trường replaced_by (mã thủ tục thay thế)',
                )
            )
        if procedure.replaced_by is None:
            continue
        if procedure.replaced_by == procedure.code:
            problems.append(
                document.problem(("replaced_by",), "thủ tục không thể thay thế chính nó")
            )
        elif procedure.replaced_by not in first_file and procedure.replaced_by not in declared:
            hint = did_you_mean(procedure.replaced_by, codes)
            problems.append(
                document.problem(
                    ("replaced_by",),
                    f'không có thủ tục nào mang mã "{procedure.replaced_by}"{hint}',
                )
            )
        else:
            problems += _replacement_problems(document, procedure, by_code)
    return problems


def _replacement_problems(
    document: Document,
    procedure: Procedure,
    by_code: dict[str, tuple[Document, Procedure]],
) -> list[Problem]:
    """A replacement must agree with the status, be published and in force, and not loop."""
    code = procedure.replaced_by
    problems: list[Problem] = []
    if procedure.status != "được thay thế":
        problems.append(
            document.problem(
                ("replaced_by",),
                f'có mã thủ tục thay thế nhưng tình trạng là "{procedure.status}"; hãy ghi '
                '"status: được thay thế", hoặc xóa dòng replaced_by',
            )
        )
    if code not in by_code:
        return problems  # the replacement's own file has an error, reported there
    target_document, target = by_code[code]
    if target.draft:
        problems.append(
            document.problem(
                ("replaced_by",),
                f'thủ tục thay thế "{code}" còn là bản nháp, chưa công bố (tệp '
                f"{target_document.path}); hãy công bố thủ tục đó trước",
            )
        )
    elif target.status == "bãi bỏ":
        problems.append(
            document.problem(
                ("replaced_by",),
                f'thủ tục thay thế "{code}" đã bãi bỏ; hãy ghi mã thủ tục đang còn hiệu lực',
            )
        )
    chain = [procedure.code]
    while code is not None and code in by_code and code not in chain:
        chain.append(code)
        code = by_code[code][1].replaced_by
    if code == procedure.code:
        loop = " → ".join([*chain, procedure.code])
        problems.append(
            document.problem(
                ("replaced_by",),
                f"các thủ tục thay thế nhau thành vòng tròn ({loop}); thủ tục cuối cùng phải "
                "là thủ tục đang còn hiệu lực",
            )
        )
    return problems


def _check_plan(document: Document, plan: Plan) -> list[Problem]:
    known = list(plan.units)
    problems: list[Problem] = []

    def check_units(loc: Loc, unit_ids: list[str]) -> None:
        # A single unit may be written as text rather than a list: point at the text then.
        written_as_list = isinstance(_raw_at(document, loc), list)
        for index, unit_id in enumerate(unit_ids):
            if unit_id in plan.units:
                continue
            hint = did_you_mean(unit_id, known)
            where = (*loc, index) if written_as_list else loc
            problems.append(
                document.problem(where, f'đơn vị "{unit_id}" chưa khai báo trong units{hint}')
            )

    for s, section in enumerate(plan.sections):
        groups: list[tuple[Loc, list[Task]]] = [(("sections", s, "tasks"), section.tasks)]
        groups += [
            (("sections", s, "subsections", g, "tasks"), sub.tasks)
            for g, sub in enumerate(section.subsections)
        ]
        for base, tasks in groups:
            for t, task in enumerate(tasks):
                check_units((*base, t, "lead"), task.lead)
                check_units((*base, t, "cooperating"), task.cooperating)
        if not section.tasks and not section.subsections:
            problems.append(
                document.problem(("sections", s), "phần này chưa có nhiệm vụ nào (tasks)")
            )
    for k, kpi in enumerate(plan.kpis):
        check_units(("kpis", k, "lead"), [kpi.lead])
        problems += _percent_problems(document, ("kpis", k), kpi)
    return problems


def _percent_problems(document: Document, where: Loc, kpi: Kpi) -> list[Problem]:
    """A KPI counted in % cannot be below 0 or above 100, unless it says it may exceed 100."""
    if kpi.unit.strip().casefold() not in ("%", "phần trăm", "tỷ lệ %") or kpi.may_exceed_100:
        return []
    values: list[tuple[Loc, float | None]] = [
        ((*where, "target"), kpi.target),
        ((*where, "actual"), kpi.actual),
    ]
    values += [((*where, "history", h, "value"), m.value) for h, m in enumerate(kpi.history)]
    return [
        document.problem(
            loc,
            f"chỉ tiêu tính bằng % cần một số từ 0 đến 100, nhận được {value:g}; nếu chỉ tiêu "
            'này được phép vượt 100 %, hãy ghi "may_exceed_100: có"',
        )
        for loc, value in values
        if value is not None and not 0 <= value <= 100
    ]


def _raw_at(document: Document, loc: Loc) -> object:
    node: object = document.data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node
