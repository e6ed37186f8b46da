"""The builders, each a command run on the same synthetic ward in its own process."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.measure import SearchPayload, search_payload


@dataclass(frozen=True)
class Workspace:
    """The files of one ward size: project, Markdown docs, Material configs, sites, logs."""

    root: Path

    @property
    def project(self) -> Path:
        """The congkhai project (site_config.yml, content/)."""
        return self.root / "project"

    @property
    def project_git(self) -> Path:
        """The same project as a git repository with a year of commits (dates from git)."""
        return self.root / "project-git"

    @property
    def docs(self) -> Path:
        """The same procedures as Markdown pages."""
        return self.root / "docs"

    def mkdocs_config(self, name: str) -> Path:
        """The mkdocs.yml of a Material builder."""
        return self.root / f"mkdocs-{name}.yml"

    def site(self, builder: str) -> Path:
        """Where ``builder`` writes its site."""
        return self.root / f"site-{builder}"

    def log(self, builder: str, attempt: int) -> Path:
        """The output of one build."""
        return self.root / "logs" / f"{builder}-{attempt}.log"


def _bin(name: str) -> str:
    """A console script of the running virtualenv (the one ``python -m bench`` runs in)."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return str(script)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"cannot find the {name} command next to {sys.executable} or on PATH")
    return found


@dataclass(frozen=True)
class Builder:
    """A way to build the ward, and where its procedure pages land."""

    name: str
    label: str
    command: Callable[[Workspace], list[str]]
    procedure_glob: str
    """Glob of the procedure pages under the site folder."""
    search: Callable[[Path], SearchPayload] = search_payload


def _congkhai(ws: Workspace) -> list[str]:
    site = ws.site("congkhai")
    return [_bin("congkhai"), "-C", str(ws.project), "build", "--site-dir", str(site)]


def _congkhai_git(ws: Workspace) -> list[str]:
    site = ws.site("congkhai-git")
    return [_bin("congkhai"), "-C", str(ws.project_git), "build", "--site-dir", str(site)]


def _material(name: str) -> Callable[[Workspace], list[str]]:
    def command(ws: Workspace) -> list[str]:
        config = ws.mkdocs_config(name)
        return [_bin("mkdocs"), "build", "-f", str(config), "-d", str(ws.site(name))]

    return command


def _floor(ws: Workspace) -> list[str]:
    return [sys.executable, "-m", "bench.floor", str(ws.docs), str(ws.site("floor"))]


def _no_search(site: Path) -> SearchPayload:
    return SearchPayload(0.0, "no search (floor)")


BUILDERS: dict[str, Builder] = {
    builder.name: builder
    for builder in (
        Builder("congkhai", "congkhai", _congkhai, "thu-tuc/*/index.html"),
        Builder("congkhai-git", "congkhai (git repository)", _congkhai_git, "thu-tuc/*/index.html"),
        Builder(
            "material",
            "Material (default nav)",
            _material("material"),
            "thu-tuc/*/*/index.html",
        ),
        Builder(
            "material-not-in-nav",
            "Material (not_in_nav)",
            _material("material-not-in-nav"),
            "thu-tuc/*/*/index.html",
        ),
        Builder("floor", "floor (Markdown+Jinja)", _floor, "thu-tuc/*/*/index.html", _no_search),
    )
}
"""Every builder, by the name ``--builders`` takes."""
