"""Province mode: one shared procedure catalogue, many wards, built on every core.

The catalogue is loaded and checked once in the parent process; worker processes are forked
from it, so each ward's build starts with the catalogue already in memory and only reads its
own folder (site_config.yml, procedures.yml, content/).
"""

from __future__ import annotations

import html
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BuildFailed, Problem, quiet_mkdocs
from .load import read_document
from .options import BuildOptions
from .project import Catalogue, Project, load_catalogue, load_project
from .schema import SiteConfig
from .validate import validate


@dataclass(frozen=True)
class WardOutcome:
    """What happened to one ward: its problems, and its site if it was built."""

    ward: str
    name: str | None
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    failure: str | None = None
    """Why the ward was not built (content errors or a build failure), in Vietnamese."""

    @property
    def built(self) -> bool:
        """Whether the ward's site was written."""
        return self.failure is None


# Set in the parent before the workers fork: the catalogue and the options every ward shares.
_SHARED: tuple[Project, Catalogue, BuildOptions] | None = None


def build_ward(project: Project, catalogue: Catalogue, options: BuildOptions) -> WardOutcome:
    """Check and build one ward against a loaded catalogue into site/<ward>/."""
    from .site.build import build_site  # MkDocs is loaded only by commands that build

    started = time.perf_counter()
    result = load_project(project, strict=options.strict, catalogue=catalogue)
    if result.content is None:
        return WardOutcome(project.ward or "", None, result.problems, failure="nội dung có lỗi")
    name = result.content.config.ward.name
    try:
        built = build_site(project, result.content, project.site_dir, options)
    except BuildFailed as error:
        return WardOutcome(project.ward or "", name, result.problems, failure=str(error))
    return WardOutcome(
        project.ward or "", name, result.problems, built.pages, time.perf_counter() - started
    )


def _build_in_worker(ward: str) -> WardOutcome:
    assert _SHARED is not None, "workers are forked after the catalogue is loaded"
    project, catalogue, options = _SHARED
    try:
        return build_ward(project.for_ward(ward), catalogue, options)
    except Exception as error:
        return WardOutcome(ward, None, failure=f"lỗi nội bộ: {error!r}")


def build_all(
    project: Project, options: BuildOptions, *, jobs: int | None = None
) -> tuple[Catalogue, Iterator[WardOutcome]]:
    """Load the catalogue once, then build every ward on ``jobs`` processes.

    Returns the catalogue (whose problems the caller reports once) and the wards' outcomes in
    the order they finish. With catalogue errors no ward is built.
    """
    global _SHARED
    catalogue = load_catalogue(project, strict=options.strict)
    chosen = project.wards()
    if catalogue.has_errors:
        return catalogue, iter(())
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen)))
    # Wards already share the cores: a ward's build does not fork again for its pages.
    _SHARED = (project, catalogue, replace(options, jobs=1) if jobs > 1 else options)
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return catalogue, (_build_in_worker(ward) for ward in chosen)
    return catalogue, _parallel(chosen, jobs)


def _parallel(wards: list[str], jobs: int) -> Iterator[WardOutcome]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=quiet_mkdocs) as pool:
        yield from pool.map(_build_in_worker, wards, chunksize=1)


def check_all(
    project: Project, *, strict: bool = False
) -> tuple[Catalogue, list[tuple[str, list[Problem], bool]]]:
    """Check the catalogue once and every ward against it: (ward, its problems, valid)."""
    catalogue = load_catalogue(project, strict=strict)
    checked = []
    for ward in project.wards():
        result = load_project(project.for_ward(ward), strict=strict, catalogue=catalogue)
        checked.append((ward, result.problems, result.content is not None))
    return catalogue, checked


def write_index(project: Project) -> Path:
    """site/index.html: a plain list of the wards whose site is in site/, for the hosting.

    Also run on its own (``congkhai wards --index``) after CI built the wards as separate jobs.
    """
    items = []
    for ward in project.wards():
        if not (project.root / "site" / ward / "index.html").is_file():
            continue
        ward_project = project.for_ward(ward)
        document = read_document(ward_project.config_file, ward)
        config, _ = validate(document, SiteConfig)
        name = config.ward.name if config else ward
        items.append(f'<li><a href="{html.escape(ward)}/index.html">{html.escape(name)}</a></li>')
    page = (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Trang công khai thủ tục hành chính của các xã, phường</title>\n"
        "<style>body{font:1.1rem/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem}a{display:inline-block;padding:.3rem 0}</style>\n</head>\n<body>\n"
        "<h1>Trang công khai thủ tục hành chính của các xã, phường</h1>\n"
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</body>\n</html>\n"
    )
    target = project.root / "site" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
