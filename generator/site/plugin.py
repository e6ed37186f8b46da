"""MkDocs event wiring: add the generated pages and give their templates what they show.

The plugin is not registered through an entry point: ``config.mkdocs_config`` creates it with
the already validated ``Content`` and attaches it to MkDocs' configuration, so content is
loaded and checked once, before MkDocs writes anything.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, pass_context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from .. import embeds, seo
from .. import format as fmt
from ..clock import build_date
from ..csp import theme_scripts, with_policy
from ..editor import editor_files
from ..jsonschema import json_schemas
from ..kiosk import QR_FOLDER, offline_links, qr_file, qr_name
from ..linkcheck import PageLinks, scan
from ..markup import print_addresses, valid_html
from ..model import Content
from ..opendata import open_data_files
from ..options import BuildOptions
from ..pages import (
    LIST_TEMPLATE,
    PROCEDURE_TEMPLATE,
    PageSpec,
    field_groups,
    list_uri,
    navigation,
    page_specs,
    plan_uri,
    procedure_uri,
    quarter_uri,
)
from .mkdocs_private import render_page, set_table_of_contents
from .render import MIN_PAGES, ChildFailed, can_fork, render_in_child
from ..reading import refusal
from ..search import INDEX_PATH, search_index_script
from ..schema import plan_year
from ..tracking import State

ONE_PROCEDURE = (PROCEDURE_TEMPLATE, embeds.PROCEDURE_VIEW)
"""Templates of pages that show one procedure only (a change elsewhere does not reach them)."""


class CongkhaiPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds one in-memory page per ``PageSpec`` and renders it with its own template."""

    def __init__(self, content: Content, forms_dir: Path, options: BuildOptions) -> None:
        super().__init__()
        self.content = content
        self.forms_dir = forms_dir
        self.options = options
        self.offsite_urls: set[str] = set()
        self.today = options.today or build_date()
        self.specs: dict[str, PageSpec] = {spec.src_uri: spec for spec in self._page_specs(content)}
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.helper: Callable[[], Iterator[Any]] | None = None
        """Waits for the forked renderer and yields what it collected."""
        self.scanned: dict[str, PageLinks] = {}
        """Ids and links of each page as rendered, for the link check after the build."""
        self.config: MkDocsConfig | None = None
        self.env: Environment | None = None
        self.scripts: tuple[re.Pattern[str], ...] | None = None
        """Patterns of the theme's inline scripts: the only ones the policy allows."""

    @property
    def offline(self) -> bool:
        """A build for the kiosk or the offline bundle (no portal views, no staff pages)."""
        return self.options.kiosk or self.options.bundle_revision is not None

    def _page_specs(self, content: Content) -> list[PageSpec]:
        """The site's pages, and on the public site the views for the ward's portal."""
        specs = page_specs(content, self.today)
        if self.options.kiosk:
            return specs  # for citizens only: no staff pages
        year = plan_year(content.plan)
        first = next(iter(content.current_procedures), None)
        views = embeds.portal_views(year, procedure_uri(first.code) if first else None)
        site_url = str(content.config.site.url)
        # The bundle keeps the staff page (its guide links there) but has no views to preview.
        guide = embeds.guide_spec(
            views, site_url, content.config.ward.name, previews=not self.offline
        )
        if self.offline:
            return [*specs, guide]
        return [*specs, *embeds.embed_specs(specs, year), guide]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a hand-written page may not take a generated page's place."""
        # MkDocs follows links in docs/ (and the project's theme/): a file reached through a
        # link leading outside the project is never published (``congkhai check`` names it).
        root = self.forms_dir.parent.parent  # the repository: forms live in <root>/content/
        own = (Path(config.docs_dir), root / "theme")
        for file in list(files):
            source = Path(file.abs_src_path or "")
            if file.generated_by is not None or not any(source.is_relative_to(d) for d in own):
                continue
            if refusal(source, root) is not None:
                files.remove(file)
        for src_uri in self.specs:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"Tệp docs/{src_uri} trùng với một trang congkhai tự tạo; hãy đổi tên tệp đó."
                )
            # Front matter is empty on purpose: the title and template come from the spec.
            files.append(File.generated(config, src_uri, content=""))
        # Editors can point at the published schema as well as at the copy in the repository.
        for name, text in json_schemas().items():
            files.append(File.generated(config, f"schema/{name}", content=text))
        for path, text in self._generated_texts().items():
            files.append(File.generated(config, path, content=text))
        if not self.offline:
            # The staff editor is for the public site only: a kiosk or a bundle has no staff.
            for path, made in editor_files(
                self.content.site_title, self.content.config.editor
            ).items():
                if isinstance(made, Path):
                    files.append(File.generated(config, path, abs_src_path=str(made)))
                else:
                    files.append(File.generated(config, path, content=made))
        for form in sorted(self._form_files()):
            files.append(
                File.generated(config, f"bieu-mau/{form}", abs_src_path=str(self.forms_dir / form))
            )
        self.files = files
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: pages rendered in a forked process need it."""
        self.nav = nav
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Choose the page's template and set its title (escaped: titles are staff text)."""
        self._set_meta(page)
        return markdown

    def _set_meta(self, page: Page) -> None:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            # Material prints page titles without escaping; an escaped Markup title is printed
            # as is, so a "<" in a procedure name shows as "<" and never becomes a tag.
            page.meta["title"] = Markup(escape(spec.title))
            # The tabs already carry the four-item navigation; its sidebar would only take
            # width from tables. (Material keeps the drawer on phones.)
            page.meta["hide"] = ["navigation", "toc"] if spec.wide else ["navigation"]
            if spec.description:
                # Material prints the description unescaped, in an attribute.
                page.meta["description"] = Markup(escape(spec.description))

    def _generated_texts(self) -> dict[str, str]:
        """Files made from the content: the search index and the open data downloads."""
        return {
            INDEX_PATH: search_index_script(self.content),
            **open_data_files(self.content),
            "robots.txt": seo.robots_txt(self.content.config.site.url),
        }

    def _form_files(self) -> set[str]:
        """Form files the procedures link to (their existence was checked with the content)."""
        return {
            name
            for procedure in self.content.procedures
            for item in procedure.dossier
            if item.form is not None
            for name in (item.form.file, item.form.pdf)
            if name is not None
        }

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give generated pages a table of contents (their headings live in the template)."""
        self._set_toc(page)
        return html

    def _set_toc(self, page: Page) -> None:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.toc:
            # Headings may be staff text (field names): the helper escapes them.
            set_table_of_contents(page, spec.toc)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand the page's own objects (e.g. ``procedure``) to its template."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context.update(spec.context)  # type: ignore[typeddict-item]
            context["page_updated"] = spec.updated  # type: ignore[typeddict-unknown-key]
            context["ck_page"] = True  # type: ignore[typeddict-unknown-key]
            if spec.embed_of is not None:
                # A portal view is a copy: search engines are sent to the full page.
                page.canonical_url = embeds.public_url(str(config.site_url), spec.embed_of)
                context["embed_of"] = spec.embed_of  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Kiosk: turn links off the site into QR codes; then add the Content-Security-Policy."""
        root = "../" * page.url.count("/") or "./"
        html = self._finish(
            print_addresses(output, page.canonical_url), root, page.url, page.content or ""
        )
        if html.strip():
            self.scanned[page.file.dest_uri] = scan(html)
        return html

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """Error pages of the offline builds link relative to the bundle's top folder.

        MkDocs gives 404.html the site URL's path as its base, which is right on a web server
        (the page is served for missing addresses at any depth) but not from ``file://``.
        """
        if self.offline:
            context["base_url"] = "."
        return context

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The same for theme pages such as 404.html (they live at the site's root)."""
        if not template_name.endswith(".html"):
            return output_content
        root = "./" if self.offline else urlsplit(config.site_url or "/").path or "/"
        html = self._finish(output_content, root, "")
        self.scanned[template_name] = scan(html)
        return html

    def _finish(self, html: str, root: str, page_url: str, content: str = "") -> str:
        if not html.strip():
            return html  # a page another process renders (leave_unwritten): MkDocs skips it
        html = valid_html(html)
        if self.options.kiosk:
            html = offline_links(
                html,
                root,
                self.offsite_urls,
                page_url=page_url,
                site_url=str(self.content.config.site.url),
            )
        if self.options.live_preview:
            return html
        return with_policy(html, self._theme_scripts(), content)

    def _theme_scripts(self) -> tuple[re.Pattern[str], ...] | None:
        """The theme's own inline scripts, read once from its templates."""
        if self.scripts is None and self.config is not None:
            self.scripts = theme_scripts(Path(d) for d in self.config.theme.dirs)
        return self.scripts

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the forked renderer; drop Material's unused search files; write the kiosk
        pages' QR codes."""
        if self.helper is not None:
            helper, self.helper = self.helper, None
            try:
                for offsite, scanned in helper():
                    self.offsite_urls |= offsite
                    self.scanned.update(scanned)
            except ChildFailed as error:
                raise PluginError(f"không dựng được một phần các trang: {error}") from error
        site = Path(config.site_dir)
        # Material ships its search engine (lunr, 1.2 MB) and source maps (1.2 MB) with every
        # build; congkhai has its own search, and maps only serve a developer's debugger.
        for unused in ("assets/javascripts/lunr", "assets/javascripts/workers"):
            shutil.rmtree(site / unused, ignore_errors=True)
        for source_map in site.glob("assets/**/*.map"):
            source_map.unlink()
        folder = site / QR_FOLDER
        for url in sorted(self.offsite_urls):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / qr_name(url)).write_bytes(qr_file(url))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Register the formatting filters and the helpers every template may use."""
        self.config, self.env = config, env
        env.filters["money"] = fmt.money
        env.filters["vn_date"] = fmt.vn_date
        env.filters["paragraphs"] = fmt.paragraphs
        env.filters["tel_href"] = fmt.tel_href
        env.filters["number"] = fmt.number
        env.filters["fee_summary"] = fmt.fee_summary
        env.filters["fee_cases"] = fmt.fee_cases
        env.filters["status_class"] = fmt.css_token
        env.filters["unit_names"] = fmt.unit_names
        env.filters["qr_svg"] = fmt.qr_svg
        env.filters["public_url"] = fmt.public_url
        env.filters["fee_saving"] = fmt.fee_saving
        env.filters["kpi_bar"] = fmt.kpi_bar
        env.filters["percent"] = fmt.percent
        env.filters["keep_numbers"] = fmt.keep_numbers
        env.filters["results_chart"] = fmt.results_chart
        self._set_content_globals(env)
        env.globals["procedure_uri"] = procedure_uri
        env.globals["field_groups"] = field_groups
        env.globals["list_uri"] = list_uri
        env.globals["plan_uri"] = plan_uri
        env.globals["quarter_uri"] = quarter_uri
        env.globals["build_date"] = self.today
        env.globals["State"] = State
        env.globals["plan_year"] = plan_year
        env.globals["kiosk"] = self.options.kiosk
        kiosk_options = self.content.config.kiosk
        env.globals["idle_seconds"] = self.options.idle_seconds or kiosk_options.idle_seconds
        env.globals["board_seconds"] = kiosk_options.board_seconds
        env.globals["bundle_revision"] = self.options.bundle_revision
        env.globals["link_to"] = pass_context(
            lambda context, src_uri: self._link_to(context, src_uri)
        )
        env.globals["link_exists"] = lambda src_uri: files.get_file_from_path(src_uri) is not None
        env.globals["government_service"] = lambda procedure, url: Markup(
            seo.json_script(seo.government_service(procedure, self.content.config.ward, url))
        )
        env.filters["css_string"] = lambda text: Markup(seo.css_string(text))
        self._short_canonical_urls(files)
        self._share_pages(env, config, files)
        return env

    @staticmethod
    def _short_canonical_urls(files: Files) -> None:
        """Canonical URLs, the sitemap and the printed address all say ".../1.001193/", as the
        QR code does, not ".../1.001193/index.html"."""
        for file in files.documentation_pages():
            if file.page is not None and file.page.canonical_url:
                file.page.canonical_url = fmt.public_url(file.page.canonical_url)

    def _set_content_globals(self, env: Environment) -> None:
        env.globals["content"] = self.content
        env.globals["ward"] = self.content.config.ward

    def refresh(self, content: Content) -> int | None:
        """Live preview: re-render only what ``content`` changes, in the site just built.

        Returns the number of pages written, or None when the change reaches the site's
        structure or every page (pages added or removed, ward details, contact points,
        navigation): then the caller builds everything again.
        """
        config, env, files, nav = self.config, self.env, self.files, self.nav
        if config is None or env is None or files is None or nav is None:
            return None
        specs = {spec.src_uri: spec for spec in self._page_specs(content)}
        if specs.keys() != self.specs.keys() or _on_every_page(content) != _on_every_page(
            self.content
        ):
            return None
        # Procedure pages show only their own procedure: re-render those that changed. The
        # few other pages (catalogue, lists, home, plan) sum things up: re-render them all.
        changed = {
            src_uri
            for src_uri, spec in specs.items()
            if spec.template not in ONE_PROCEDURE or spec != self.specs[src_uri]
        }
        self.content, self.specs = content, specs
        self._set_content_globals(env)
        site = Path(config.site_dir)
        for path, text in self._generated_texts().items():
            (site / path).write_text(text, encoding="utf-8")
        included = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in included:
            if file.src_uri in changed and file.page is not None:
                self._set_meta(file.page)
                self._set_toc(file.page)
                render_page(file.page, config, included, nav, env)
        return len(changed)

    def on_build_error(self, *, error: Exception) -> None:
        """Do not leave the forked renderer behind when the build fails."""
        if self.helper is not None:
            helper, self.helper = self.helper, None
            with contextlib.suppress(ChildFailed):
                for _ in helper():
                    pass

    def _share_pages(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """With a second core, fork: the child renders the statutory list pages and about
        half of the procedure pages, the parent everything else (catalogue, plan, assets)."""
        included = files.documentation_pages(inclusion=InclusionLevel.is_included)
        by_template: dict[str, list[Page]] = {}
        for file in included:
            spec = self.specs.get(file.src_uri)
            if file.page is not None and spec is not None:
                by_template.setdefault(spec.template, []).append(file.page)
        procedures = by_template.get(PROCEDURE_TEMPLATE, [])
        views = by_template.get(embeds.PROCEDURE_VIEW, [])
        jobs = self.options.jobs
        if jobs is None:
            large = len(procedures) >= MIN_PAGES and not self.options.live_preview
            jobs = 2 if large and can_fork() else 1
        if jobs < 2 or self.nav is None or not hasattr(os, "fork"):
            return
        # Measured at 2,000 procedures: the parent's own work (catalogue, copying the theme,
        # search index, open data) is worth about the list pages.
        share = by_template.get(LIST_TEMPLATE, []) + procedures[::2] + views[::2]
        self.helper = render_in_child(
            share, config, included, self.nav, env, lambda: (self.offsite_urls, self.scanned)
        )

    def _link_to(self, context: Any, src_uri: str) -> str:
        """The URL of the page built from ``src_uri``, relative to the page being rendered."""
        assert self.files is not None
        file = self.files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"Internal error: no page for {src_uri}")
        page = context.get("page")
        if page is None:
            # Theme templates such as 404.html are served for missing addresses at any depth:
            # link from the site's root (see on_template_context).
            return posixpath.join(context.get("base_url") or ".", file.url)
        return str(get_relative_url(file.url, page.url))


def _on_every_page(content: Content) -> tuple[object, ...]:
    """What every procedure page shows besides its procedure: if it changes, all pages do."""
    return (
        content.config,
        content.contacts,
        content.local_notes,
        plan_year(content.plan),
        navigation(content),
    )
