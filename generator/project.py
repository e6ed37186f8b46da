"""Find a project's content files, load and validate all of them, and assemble ``Content``.

Every file is read and checked even after one fails, so one run reports every problem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .clock import build_date
from .errors import Problem, Severity
from .forks import can_fork, run_in_child
from .git import last_commit_dates
from .load import Document, MarkedDict, MarkedList, read_document
from .load_csv import read_results_csv
from .model import (
    Content,
    apology_problems,
    assemble,
    cross_file_problems,
    declared_codes,
    procedure_problems,
    quick_answer_problems,
    selection_problems,
    synonym_problems,
)
from .rawhtml import markdown_problems
from .reading import loose_files, refusal, scan_folder, tree_problems
from .schema import (
    Apology,
    Contact,
    FeedbackRules,
    MonthlyResults,
    Plan,
    Procedure,
    SiteConfig,
    Synonyms,
    WardProcedures,
    plan_year,
    section_tasks,
)
from .service_results import Month
from .text import fold
from .validate import validate

ModelT = TypeVar("ModelT", bound=BaseModel)

CONFIG_FILE = "site_config.yml"
WARDS_DIR = "wards"
SELECTION_FILE = "procedures.yml"
SYNONYMS_FILE = "synonyms.yml"
YAML = (".yml", ".yaml")
RESULTS = (".yml", ".yaml", ".csv")
_DRAFT = 'bản nháp, chưa công bố; khi nội dung đã đầy đủ, xóa dòng "draft: có"'


@dataclass(frozen=True)
class Project:
    """A ward's site: site_config.yml and content/, and optionally theme/ and docs/.

    In a province repository the procedure catalogue (content/procedures/, content/forms/) is
    shared at the root and each ward lives in wards/<slug>/ with its own site_config.yml,
    content/ (contacts, plan, results, apologies) and procedures.yml, the list of catalogue
    procedures it receives. ``root`` is always the repository, so messages show paths from it.
    """

    root: Path
    ward: str | None = None
    """The ward's folder name under wards/, in a province repository."""

    @property
    def ward_root(self) -> Path:
        """The folder holding this site's site_config.yml."""
        return self.root / WARDS_DIR / self.ward if self.ward else self.root

    @property
    def config_file(self) -> Path:
        """The one configuration file staff edit."""
        return self.ward_root / CONFIG_FILE

    @property
    def content_dir(self) -> Path:
        """Where the ward's own YAML content lives."""
        return self.ward_root / "content"

    @property
    def catalogue_dir(self) -> Path:
        """Where procedures and their forms live: content/ of the repository (shared by wards)."""
        return self.root / "content"

    @property
    def selection_file(self) -> Path:
        """In a province, the ward's list of procedures it receives."""
        return self.ward_root / SELECTION_FILE

    @property
    def docs_dir(self) -> Path:
        """Hand-written Markdown pages (the staff guide), published with the site."""
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        """Where ``congkhai build`` writes by default: site/, or site/<ward>/ in a province."""
        return self.root / "site" / self.ward if self.ward else self.root / "site"

    @property
    def is_province(self) -> bool:
        """A repository with wards/ and no site_config.yml of its own."""
        return self.ward is None and not self.config_file.is_file() and bool(self.wards())

    def wards(self) -> list[str]:
        """The wards of a province repository: folders of wards/ with a site_config.yml."""
        folder = self.root / WARDS_DIR
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if (p / CONFIG_FILE).is_file())

    def for_ward(self, ward: str) -> Project:
        """The same repository, looking at one ward."""
        return Project(self.root, ward)

    def display(self, path: Path) -> str:
        """A path as staff see it in messages: relative to the project, with forward slashes."""
        # Only the folder is resolved, never the file: a link's target is never shown.
        for candidate, root in ((path, self.root), (path.parent.resolve() / path.name, None)):
            try:
                return candidate.relative_to(root or self.root.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def content_files(self, folder: str, suffixes: tuple[str, ...] = YAML) -> list[Path]:
        """The content files of one of the ward's folders, in name order."""
        return scan_folder(self.content_dir / folder, self.root, suffixes, self.display)[0]

    def procedure_files(self) -> list[Path]:
        """The procedure files of the catalogue, in name order."""
        return scan_folder(self.catalogue_dir / "procedures", self.root, YAML, self.display)[0]

    def folder_problems(self, *, catalogue: bool) -> list[Problem]:
        """Files of the content folders that are not read, and why (links outside, Excel…).

        ``catalogue``: the shared folders (procedures, forms, docs) instead of the ward's own.
        """
        problems: list[Problem] = []
        if catalogue:
            folders: list[tuple[Path, tuple[str, ...]]] = [
                (self.catalogue_dir / "procedures", YAML)
            ]
            for tree in (self.catalogue_dir / "forms", self.docs_dir, self.root / "theme"):
                problems += tree_problems(tree, self.root, self.display)[1]
            problems += markdown_problems(self.docs_files(), self.display)
        else:
            folders = [
                (self.content_dir / name, RESULTS if name == "results" else YAML)
                for name in ("contacts", "plan", "results", "apologies")
            ]
        for folder, suffixes in folders:
            problems += scan_folder(folder, self.root, suffixes, self.display)[1]
        if not catalogue:
            # drafts/: what importers write for staff to finish (not published).
            expected = {"contacts", "plan", "results", "apologies", "feedback.yml", "drafts"}
            expected.add(SYNONYMS_FILE)
            if self.content_dir == self.catalogue_dir:
                expected |= {"procedures", "forms"}
            problems += loose_files(self.content_dir, expected, self.display)
        return problems

    def docs_files(self) -> list[Path]:
        """The staff guide's files that may be published (none through a link outside)."""
        return tree_problems(self.docs_dir, self.root, self.display)[0]


@dataclass
class Catalogue:
    """The procedure files, loaded and checked once (a province shares them across wards)."""

    procedures: list[tuple[Document, Procedure | None]]
    problems: list[Problem]
    committed: dict[str, date]
    """Last commit date of each file of the repository (empty outside git)."""

    @property
    def valid(self) -> list[tuple[Document, Procedure]]:
        """The procedures that passed their checks."""
        return [(d, p) for d, p in self.procedures if p is not None]

    @property
    def has_errors(self) -> bool:
        """Whether the catalogue stops every site built on it."""
        return _has_errors(self.problems)

    @property
    def declared(self) -> set[str]:
        """Codes of every procedure file, including those with mistakes."""
        return {p.code for _, p in self.valid} | declared_codes(
            [d for d, p in self.procedures if p is None]
        )


@dataclass
class LoadResult:
    """The assembled content (when there are no errors) and every problem found."""

    content: Content | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _loader(
    project: Project, strict: bool, problems: list[Problem]
) -> Callable[[Path, type[ModelT]], tuple[Document, ModelT | None]]:
    """Read and validate one file, adding its problems to ``problems``."""

    def load(path: Path, model: type[ModelT]) -> tuple[Document, ModelT | None]:
        shown = project.display(path)
        if (why := refusal(path, project.root)) is not None:
            problems.append(Problem(shown, 1, 1, "", why))
            return Document(shown, None), None
        document = read_document(path, shown)
        problems.extend(document.problems)
        value, found = validate(document, model, strict=strict)
        problems.extend(found)
        return document, value

    return load


Read = tuple[Document, Procedure | None, list[Problem]]
"""One procedure file as read and checked: its document, its model (if valid), its problems."""


@dataclass
class LoadCache:
    """Procedure files a live preview has already read, with the stamp they were read at.

    Re-reading 2,000 files takes seconds; ``congkhai serve`` keeps them and reads again only
    the files whose size or modification time changed.
    """

    procedures: dict[Path, tuple[tuple[object, ...], Read]] = field(default_factory=dict)

    def get(self, path: Path, stamp: tuple[object, ...]) -> Read | None:
        """The cached reading of ``path`` if it was made at ``stamp``."""
        found = self.procedures.get(path)
        return found[1] if found is not None and found[0] == stamp else None


def _stamp(path: Path, context: tuple[object, ...]) -> tuple[object, ...]:
    status = path.stat()
    return (status.st_mtime_ns, status.st_size, *context)


def _read_procedures(
    project: Project, strict: bool, paths: list[Path]
) -> Iterator[tuple[Path, Read]]:
    """Read and check procedure files one by one, keeping only what later checks need."""
    for path in paths:
        problems: list[Problem] = []
        document, procedure = _loader(project, strict, problems)(path, Procedure)
        if procedure is not None:
            problems.extend(
                procedure_problems(document, procedure, project.catalogue_dir / "forms")
            )
            if procedure.draft:
                problems.append(document.problem(("draft",), _DRAFT, severity=Severity.NOTE))
            document.keep_top_level()
        yield path, (document, procedure, problems)


PARALLEL_FILES = 200
"""From this many procedure files to read, a forked process reads part of them (both cores)."""


def load_catalogue(
    project: Project, *, strict: bool = False, cache: LoadCache | None = None
) -> Catalogue:
    """Load and check every procedure file, and the checks that span them."""
    paths = project.procedure_files()
    forms = project.catalogue_dir / "forms"
    # A form file added or removed changes a procedure's problems: the forms folder counts.
    context = (strict, forms.stat().st_mtime_ns if forms.is_dir() else 0)
    stamps = {path: _stamp(path, context) for path in paths} if cache else {}
    cached = {path: cache.get(path, stamps[path]) for path in paths} if cache else {}
    todo = [path for path in paths if cached.get(path) is None]
    fresh: Iterable[tuple[Path, Read]]
    if len(todo) >= PARALLEL_FILES and can_fork():
        # Reading YAML with positions is most of a large check's time: a forked process
        # reads the second part, and the parent (which then unpickles it) a little more.
        split = len(todo) * 11 // 20
        later = run_in_child(lambda: _read_procedures(project, strict, todo[split:]))
        fresh = itertools.chain(_read_procedures(project, strict, todo[:split]), later())
    else:
        fresh = _read_procedures(project, strict, todo)
    for path, read in fresh:
        cached[path] = read
        if cache is not None:
            cache.procedures[path] = (stamps[path], read)
    procedures: list[tuple[Document, Procedure | None]] = []
    problems: list[Problem] = []
    for path in paths:
        document, procedure, found = cached[path]  # type: ignore[misc]
        procedures.append((document, procedure))
        problems.extend(found)
    problems.extend(project.folder_problems(catalogue=True))
    catalogue = Catalogue(procedures, problems, last_commit_dates(project.root))
    problems.extend(cross_file_problems(catalogue.valid, [], catalogue.declared))
    if strict:
        catalogue.problems = [p.as_error() for p in problems]
    return catalogue


def load_project(
    project: Project,
    *,
    strict: bool = False,
    catalogue: Catalogue | None = None,
    cache: LoadCache | None = None,
    today: date | None = None,
) -> LoadResult:
    """Load, validate and cross-check every content file of ``project``.

    A province build loads the catalogue once and passes it in; its problems are then reported
    once by the caller, not with every ward. ``today`` is the build date (default: the clock).
    """
    problems: list[Problem] = []
    load = _loader(project, strict, problems)
    if not project.config_file.is_file():
        shown = project.display(project.config_file)
        if project.is_province:
            message = (
                f"đây là kho của tỉnh; hãy chọn một phường (--ward) hoặc tất cả (--all): "
                f"{', '.join(project.wards())}"
            )
        else:
            message = f"không tìm thấy tệp {shown}; hãy chạy lệnh trong thư mục trang web"
        return LoadResult(None, [Problem(shown, 1, 1, "", message)])
    own_catalogue = catalogue is None
    if catalogue is None:
        catalogue = load_catalogue(project, strict=strict, cache=cache)
        problems.extend(catalogue.problems)
    config_document, config = load(project.config_file, SiteConfig)
    procedures = catalogue.valid
    notes: dict[str, str] = {}
    if project.ward:
        procedures, notes = _select(project, catalogue, strict, problems)
    problems.extend(project.folder_problems(catalogue=False))
    contacts = [load(path, Contact) for path in project.content_files("contacts")]
    plans = [load(path, Plan) for path in project.content_files("plan")]
    feedback_file = project.content_dir / "feedback.yml"
    feedback = (
        load(feedback_file, FeedbackRules)
        if feedback_file.is_file() or feedback_file.is_symlink()
        else None
    )
    synonyms_file = project.content_dir / SYNONYMS_FILE
    synonyms = None
    if synonyms_file.is_file():
        synonyms_document, synonyms = load(synonyms_file, Synonyms)
        if synonyms is not None:
            in_catalogue = [p for _, p in procedures if not p.draft]
            problems.extend(synonym_problems(synonyms_document, synonyms, in_catalogue))
    months = _load_results(project, strict, problems)
    apologies = [load(path, Apology) for path in project.content_files("apologies")]
    valid_plans = [(d, p) for d, p in plans if p is not None]
    problems.extend(cross_file_problems([], valid_plans))
    valid_apologies = [(d, a) for d, a in apologies if a is not None]
    codes = {p.code for _, p in procedures} if project.ward else catalogue.declared
    problems.extend(apology_problems(valid_apologies, codes, today or build_date()))
    current = None
    if config is not None:
        problems.extend(quick_answer_problems(config_document, config, codes))
        current = _current_plan(project, config_document, config, plans, problems)
    if strict:
        problems = [p.as_error() for p in problems]
    if config is None or current is None or _has_errors(problems):
        return LoadResult(None, sorted(problems))
    if not own_catalogue and catalogue.has_errors:
        return LoadResult(None, sorted(problems))
    content = assemble(
        config,
        [p for _, p in procedures if not p.draft],
        [c for _, c in contacts if c is not None],
        current,
        [p for _, p in valid_plans],
        feedback=feedback[1] if feedback else None,
        dates=_last_changed(
            project, catalogue.committed, procedures, [d for d, _ in contacts], valid_plans
        ),
        results=months,
        apologies=[a for _, a in valid_apologies],
        local_notes=notes,
        synonyms=list(synonyms.synonyms) if synonyms else None,
    )
    return LoadResult(content, sorted(problems))


def _select(
    project: Project, catalogue: Catalogue, strict: bool, problems: list[Problem]
) -> tuple[list[tuple[Document, Procedure]], dict[str, str]]:
    """The catalogue procedures a province ward receives, and its local notes on them."""
    shown = project.display(project.selection_file)
    if not project.selection_file.is_file():
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"không tìm thấy tệp {shown}: danh sách thủ tục phường tiếp nhận (mã trong "
                'danh mục của tỉnh), hoặc ghi "all: có" để nhận tất cả',
            )
        )
        return [], {}
    document, selection = _loader(project, strict, problems)(project.selection_file, WardProcedures)
    if selection is None:
        return [], {}
    by_code = {p.code: (d, p) for d, p in catalogue.valid}
    problems.extend(selection_problems(document, selection, by_code, catalogue.declared))
    wanted = set(by_code) if selection.all else {item.code for item in selection.procedures}
    chosen = [by_code[code] for code in sorted(wanted) if code in by_code]
    notes = {item.code: item.note for item in selection.procedures if item.note}
    return chosen, notes


_MONTH_FILE = re.compile(r"(20\d\d)-(0[1-9]|1[0-2])")
_MONTH_FILE_NAME = 'tên tệp cần dạng năm-tháng, ví dụ "2026-10.yml"'


def _load_results(project: Project, strict: bool, problems: list[Problem]) -> list[Month]:
    """Every month's results file (YAML or CSV, named <year>-<month>), validated alike."""
    months: dict[tuple[int, int], Path] = {}
    found: list[Month] = []
    today = build_date()
    for path in project.content_files("results", RESULTS):
        display = project.display(path)
        name = _MONTH_FILE.fullmatch(path.stem)
        if name is None:
            problems.append(Problem(display, 1, 1, "", _MONTH_FILE_NAME))
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
        if key > (today.year, today.month):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"tháng {key[1]:02d}/{key[0]} chưa tới (hôm nay {today:%d/%m/%Y}); chỉ công "
                    "bố số liệu của tháng đã qua hoặc tháng này — kiểm tra lại tên tệp",
                )
            )
            continue
        if path.suffix.lower() == ".csv":
            document = read_results_csv(path, display)
        else:
            document = read_document(path, display)
        problems.extend(document.problems)
        problems.extend(_skip_total_rows(document))
        results, found_problems = (
            (None, [])
            if document.data is None and document.problems
            else (validate(document, MonthlyResults, strict=strict))
        )
        problems.extend(found_problems)
        if results is not None:
            problems.extend(_impossible_rates(document, results))
            found.append(Month(key[0], key[1], results))
    return found


# A spreadsheet's summary row ("Tổng cộng", "Cộng", "Toàn phường") is not a field: the site
# adds the fields up itself, and counting it would double every figure.
_TOTAL_ROW = re.compile(r"tong( .*)?|cong( cong)?|toan phuong( .*)?|tat ca( .*)?|total|sum")


def _skip_total_rows(document: Document) -> list[Problem]:
    """Drop summary rows from a month's fields, with a note for each."""
    data = document.data
    rows = data.get("fields") if isinstance(data, MarkedDict) else None
    if not isinstance(rows, MarkedList):
        return []
    notes: list[Problem] = []
    for index in reversed(range(len(rows))):
        row = rows[index]
        name = row.get("field") if isinstance(row, dict) else None
        if not isinstance(name, str) or not _TOTAL_ROW.fullmatch(" ".join(fold(name).split())):
            continue
        notes.append(
            document.problem(
                ("fields", index, "field"),
                f'dòng tổng "{name}" được bỏ qua: trang web tự cộng các lĩnh vực; '
                "có thể xóa dòng này khỏi tệp",
                severity=Severity.NOTE,
            )
        )
        del rows[index]
        del rows.item_marks[index]
    return notes[::-1]


def _impossible_rates(document: Document, results: MonthlyResults) -> list[Problem]:
    """Counts that would make a published rate exceed 100 %."""
    problems = []
    for index, row in enumerate(results.fields):
        received = row.received_in_person + row.received_online + row.received_postal
        if row.digitised > received:
            problems.append(
                document.problem(
                    ("fields", index, "digitised"),
                    f"số hồ sơ số hóa ({row.digitised}) lớn hơn số hồ sơ tiếp nhận ({received}) "
                    "nên tỷ lệ số hóa sẽ quá 100 %; hãy kiểm tra lại cột này",
                )
            )
    return problems


def _current_plan(
    project: Project,
    config_document: Document,
    config: SiteConfig,
    plans: list[tuple[Document, Plan | None]],
    problems: list[Problem],
) -> Plan | None:
    """The plan site_config.yml names as this year's; a problem if it is not a plan file."""
    wanted = (project.ward_root / config.site.plan).resolve()
    for document, plan in plans:
        if (project.root / document.path).resolve() == wanted:
            return plan
    where = project.display(project.content_dir / "plan")
    message = (
        f'không tìm thấy tệp kế hoạch "{config.site.plan}" trong thư mục {where}/'
        if wanted.is_relative_to(project.ward_root.resolve())
        else f'tệp kế hoạch phải nằm trong thư mục {where}/, nhận được "{config.site.plan}"'
    )
    problems.append(config_document.problem(("site", "plan"), message))
    return None


def _last_changed(
    project: Project,
    committed: dict[str, date],
    procedures: list[tuple[Document, Procedure]],
    contacts: list[Document],
    plans: list[tuple[Document, Plan]],
) -> dict[str, date]:
    """Last change of each page's content: git history first, else the ``updated`` fields."""
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
        ("results", RESULTS),
        ("apologies", YAML),
    ):
        folder_dates = [
            committed[shown]
            for path in project.content_files(folder, suffixes)
            if (shown := project.display(path)) in committed
        ]
        if folder_dates:
            dates[folder] = max(folder_dates)
    if config_date := committed.get(project.display(project.config_file)):
        dates["site"] = config_date
    dates["site"] = max(dates.values())
    return dates


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
