"""The MkDocs configuration, made in memory from site_config.yml (staff never see mkdocs.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig

from ..project import Project
from ..model import Content
from ..options import BuildOptions
from ..pages import navigation
from .mkdocs_private import complete_config, validated_config
from .plugin import CongkhaiPlugin

PACKAGE_THEME = Path(__file__).resolve().parents[2] / "theme"
"""The theme that ships with congkhai (Material's ``custom_dir``)."""
EMPTY_DOCS = Path(__file__).resolve().parent / "empty_docs"
"""An empty folder of hand-written pages, for projects without docs/ and for kiosk builds."""


class ConfigError(Exception):
    """The generated MkDocs configuration was refused: a bug in congkhai, not in content."""


def theme_dirs(project: Project) -> list[Path]:
    """Template folders, first match wins: the project's own ``theme/`` (if any), then congkhai's.

    A ward may override a single template or partial without copying the whole theme.
    """
    own = (project.root / "theme").resolve()
    return [own, PACKAGE_THEME] if own.is_dir() and own != PACKAGE_THEME else [PACKAGE_THEME]


def docs_dir(project: Project, options: BuildOptions) -> Path:
    """Folder of hand-written pages (the staff guide); an empty folder when the project has
    none, and for kiosk builds, which are for citizens only."""
    if project.docs_dir.is_dir() and not options.kiosk:
        return project.docs_dir
    # Shipped with congkhai (MkDocs skips its hidden .gitkeep): a build writes nothing into
    # the staff's repository.
    return EMPTY_DOCS


def mkdocs_settings(
    project: Project, content: Content, site_dir: Path, options: BuildOptions
) -> dict[str, Any]:
    """The settings MkDocs would read from mkdocs.yml, as a dict."""
    return {
        "site_name": content.site_title,
        "site_url": content.config.site.url,
        "site_description": content.config.site.description,
        "docs_dir": str(docs_dir(project, options)),
        "site_dir": str(site_dir),
        # Links end in index.html so the same build also works opened from disk (file://).
        "use_directory_urls": False,
        "theme": {
            "name": "material",
            "custom_dir": str(PACKAGE_THEME),
            "language": "vi",
            # No web fonts: nothing may be fetched from another origin (privacy, kiosks, offline).
            "font": False,
            # No "content.tooltips": only the header's logo has a title to show, and mounting
            # them tripled the main thread's script time on a phone (Lighthouse, catalogue).
            "features": ["navigation.tabs", "navigation.top"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        # Material's search indexes every page's full text (39 MB at 1,000 procedures):
        # congkhai does not use it.
        "plugins": [],
        "nav": [{title: src_uri} for title, src_uri in navigation(content)],
        # Procedure pages are linked from the catalogue, not listed in the navigation that
        # Material repeats on every page.
        "not_in_nav": "\n".join(["/thu-tuc/*/", "/huong-dan/", "/bang-tin/"]),
        # No "Made with Material for MkDocs" credit: an English, focusable link on every page.
        "extra": {"generator": False},
        "markdown_extensions": ["attr_list", "admonition", "tables", {"toc": {"permalink": False}}],
        "validation": {"nav": {"omitted_files": "ignore"}},
        # Engineering notes in English (docs/dev/) are not for staff or citizens.
        "exclude_docs": "/dev/\n",
    }


def mkdocs_config(
    project: Project, content: Content, site_dir: Path, options: BuildOptions
) -> MkDocsConfig:
    """A validated MkDocs configuration with the congkhai plugin attached."""
    settings = {**mkdocs_settings(project, content, site_dir, options), "strict": options.strict}
    config, errors = validated_config(project.config_file, settings)
    if errors:
        raise ConfigError("; ".join(errors))
    # Material prints these staff texts without escaping (in text and in attributes): pass
    # them pre-escaped as Markup, which Jinja prints as is and never escapes twice.
    escaped = {"site_name": Markup(escape(content.site_title))}
    if content.config.site.description:
        escaped["site_description"] = Markup(escape(content.config.site.description))
    plugin = CongkhaiPlugin(content, project.catalogue_dir / "forms", options)
    complete_config(
        config,
        escaped=escaped,
        template_dirs=theme_dirs(project)[:-1],
        plugins={"congkhai": plugin},
    )
    return config
