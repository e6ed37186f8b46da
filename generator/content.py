"""Find a project's content files, load and validate all of them, and assemble ``Content``.

Every file is read and checked even after one fails, so one run reports every problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .clock import build_date
from .errors import Problem, Severity
from .gitdates import last_commit_dates
from .load import Document, read_document
from .load_csv import read_results_csv
from .model import (
    Content,
    apology_problems,
    assemble,
    cross_file_problems,
    declared_codes,
    procedure_problems,
)
from .schema import Apology, Contact, FeedbackRules, MonthlyResults, Plan, Procedure, SiteConfig
from .service_results import Month
from .tracking import plan_year, section_tasks
from .validate import validate

ModelT = TypeVar("ModelT", bound=BaseModel)

CONFIG_FILE = "site_config.yml"
_DRAFT = 'bản nháp, chưa công bố; khi nội dung đã đầy đủ, xóa dòng "draft: có"'


@dataclass(frozen=True)
class Project:
    """A ward's repository: site_config.yml, content/, and optionally theme/ and docs/."""

    root: Path

    @property
    def config_file(self) -> Path:
        """The one configuration file staff edit."""
        return self.root / CONFIG_FILE

    @property
    def content_dir(self) -> Path:
        """Where the ward's YAML content lives."""
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        """Hand-written Markdown pages (the staff guide), published with the site."""
        return self.root / "docs"

    def display(self, path: Path) -> str:
        """A path as staff see it in messages: relative to the project, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def content_files(
        self, folder: str, suffixes: tuple[str, ...] = (".yml", ".yaml")
    ) -> list[Path]:
        """The content files of one folder, in name order."""
        directory = self.content_dir / folder
        if not directory.is_dir():
            return []
        return sorted(p for p in directory.iterdir() if p.suffix in suffixes and p.is_file())


@dataclass
class LoadResult:
    """The assembled content (when there are no errors) and every problem found."""

    content: Content | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def load_project(project: Project, *, strict: bool = False) -> LoadResult:
    """Load, validate and cross-check every content file of ``project``."""
    problems: list[Problem] = []

    def load(path: Path, model: type[ModelT]) -> tuple[Document, ModelT | None]:
        document = read_document(path, project.display(path))
        problems.extend(document.problems)
        value, found = validate(document, model, strict=strict)
        problems.extend(found)
        return document, value

    if not project.config_file.is_file():
        message = f"không tìm thấy tệp {CONFIG_FILE}; hãy chạy lệnh trong thư mục trang web"
        return LoadResult(None, [Problem(CONFIG_FILE, 1, 1, "", message)])
    config_document, config = load(project.config_file, SiteConfig)
    procedures = []
    for path in project.content_files("procedures"):
        document, procedure = load(path, Procedure)
        if procedure is not None:
            problems.extend(procedure_problems(document, procedure, project.content_dir / "forms"))
            if procedure.draft:
                problems.append(document.problem(("draft",), _DRAFT, severity=Severity.NOTE))
            document.keep_top_level()
        procedures.append((document, procedure))
    contacts = [load(path, Contact) for path in project.content_files("contacts")]
    plans = [load(path, Plan) for path in project.content_files("plan")]
    feedback_file = project.content_dir / "feedback.yml"
    feedback = load(feedback_file, FeedbackRules) if feedback_file.is_file() else None
    months = _load_results(project, strict, problems)
    apologies = [load(path, Apology) for path in project.content_files("apologies")]
    valid_procedures = [(d, p) for d, p in procedures if p is not None]
    valid_plans = [(d, p) for d, p in plans if p is not None]
    declared = declared_codes([d for d, p in procedures if p is None])
    problems.extend(cross_file_problems(valid_procedures, valid_plans, declared))
    valid_apologies = [(d, a) for d, a in apologies if a is not None]
    codes = {p.code for _, p in valid_procedures} | declared
    problems.extend(apology_problems(valid_apologies, codes, build_date()))
    current = None
    if config is not None:
        current = _current_plan(project, config_document, config, plans, problems)
    if strict:
        problems = [p.as_error() for p in problems]
    if config is None or current is None or _has_errors(problems):
        return LoadResult(None, sorted(problems))
    content = assemble(
        config,
        [p for _, p in valid_procedures if not p.draft],
        [c for _, c in contacts if c is not None],
        current,
        [p for _, p in valid_plans],
        feedback=feedback[1] if feedback else None,
        dates=_last_changed(project, valid_procedures, [d for d, _ in contacts], valid_plans),
        results=months,
        apologies=[a for _, a in valid_apologies],
    )
    return LoadResult(content, sorted(problems))


_MONTH_FILE = re.compile(r"(20\d\d)-(0[1-9]|1[0-2])")
_MONTH_FILE_NAME = 'tên tệp cần dạng năm-tháng, ví dụ "2026-10.yml"'


def _load_results(project: Project, strict: bool, problems: list[Problem]) -> list[Month]:
    """Every month's results file (YAML or CSV, named <year>-<month>), validated alike."""
    months: dict[tuple[int, int], Path] = {}
    found: list[Month] = []
    for path in project.content_files("results", (".yml", ".yaml", ".csv")):
        display = project.display(path)
        name = _MONTH_FILE.fullmatch(path.stem)
        if name is None:
            problems.append(
                Problem(display, 1, 1, "", 'tên tệp cần dạng năm-tháng, ví dụ "2026-10.yml"')
            )
            continue
        key = (int(name.group(1)), int(name.group(2)))
        if key in months:
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"tháng {key[1]:02d}/{key[0]} đã có tệp {project.display(months[key])}; "
                    "mỗi tháng một tệp",
                )
            )
            continue
        months[key] = path
        if path.suffix == ".csv":
            document = read_results_csv(path, display)
        else:
            document = read_document(path, display)
        problems.extend(document.problems)
        results, found_problems = (
            (None, [])
            if document.data is None and document.problems
            else (validate(document, MonthlyResults, strict=strict))
        )
        problems.extend(found_problems)
        if results is not None:
            found.append(Month(key[0], key[1], results))
    return found


def _current_plan(
    project: Project,
    config_document: Document,
    config: SiteConfig,
    plans: list[tuple[Document, Plan | None]],
    problems: list[Problem],
) -> Plan | None:
    """The plan site_config.yml names as this year's; a problem if it is not a plan file."""
    wanted = (project.root / config.site.plan).resolve()
    for document, plan in plans:
        if (project.root / document.path).resolve() == wanted:
            return plan
    where = project.display(project.content_dir / "plan")
    message = (
        f'không tìm thấy tệp kế hoạch "{config.site.plan}" trong thư mục {where}/'
        if wanted.is_relative_to(project.root.resolve())
        else f'tệp kế hoạch phải nằm trong thư mục {where}/, nhận được "{config.site.plan}"'
    )
    problems.append(config_document.problem(("site", "plan"), message))
    return None


def _last_changed(
    project: Project,
    procedures: list[tuple[Document, Procedure]],
    contacts: list[Document],
    plans: list[tuple[Document, Plan]],
) -> dict[str, date]:
    """Last change of each page's content: git history first, else the ``updated`` fields."""
    committed = last_commit_dates(project.root)
    dates: dict[str, date] = {}
    for document, procedure in procedures:
        found = committed.get(document.path) or procedure.updated
        if found:
            dates[procedure.code] = found
    if procedure_dates := [dates[p.code] for _, p in procedures if p.code in dates]:
        dates["procedures"] = max(procedure_dates)
    contact_dates = [committed[d.path] for d in contacts if d.path in committed]
    if contact_dates:
        dates["contacts"] = max(contact_dates)
    for plan_document, plan in plans:
        progress = [n.date for s in plan.sections for t in section_tasks(s) for n in t.progress]
        dates[f"plan:{plan_year(plan)}"] = committed.get(plan_document.path) or max(
            [plan.date, *progress]
        )
    for folder, suffixes in (
        ("results", (".yml", ".yaml", ".csv")),
        ("apologies", (".yml", ".yaml")),
    ):
        folder_dates = [
            committed[shown]
            for path in project.content_files(folder, suffixes)
            if (shown := project.display(path)) in committed
        ]
        if folder_dates:
            dates[folder] = max(folder_dates)
    if config_date := committed.get(CONFIG_FILE):
        dates["site"] = config_date
    dates["site"] = max(dates.values())
    return dates


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
