"""MkDocs event wiring: add the generated pages and give their templates what they show.

The plugin is not registered through an entry point: ``mkdocs_config`` creates it with the
already validated ``Content`` and inserts it into MkDocs' plugin collection, so content is
loaded and checked once, before MkDocs writes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from . import format as fmt
from .clock import build_date
from .csp import with_policy
from .jsonschema import json_schemas
from .model import Content
from .opendata import open_data_files
from .options import BuildOptions
from .pages import PageSpec, list_uri, page_specs, plan_uri, procedure_uri, quarter_uri
from .search import INDEX_PATH, search_index_script
from .tracking import State, plan_year


class CongkhaiPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds one in-memory page per ``PageSpec`` and renders it with its own template."""

    def __init__(self, content: Content, forms_dir: Path, options: BuildOptions) -> None:
        super().__init__()
        self.content = content
        self.forms_dir = forms_dir
        self.options = options
        self.today = build_date()
        self.specs: dict[str, PageSpec] = {
            spec.src_uri: spec for spec in page_specs(content, self.today)
        }
        self.files: Files | None = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a hand-written page may not take a generated page's place."""
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
        files.append(File.generated(config, INDEX_PATH, content=search_index_script(self.content)))
        for path, text in open_data_files(self.content).items():
            files.append(File.generated(config, path, content=text))
        for form in sorted(self._form_files()):
            files.append(
                File.generated(config, f"bieu-mau/{form}", abs_src_path=str(self.forms_dir / form))
            )
        self.files = files
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Choose the page's template and set its title (escaped: titles are staff text)."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            # Material prints page titles without escaping; an escaped Markup title is printed
            # as is, so a "<" in a procedure name shows as "<" and never becomes a tag.
            page.meta["title"] = Markup(escape(spec.title))
            # The tabs already carry the four-item navigation; its sidebar would only take
            # width from tables. (Material keeps the drawer on phones.)
            page.meta["hide"] = ["navigation", "toc"] if spec.wide else ["navigation"]
        return markdown

    def _form_files(self) -> set[str]:
        """Form files the procedures link to (their existence was checked with the content)."""
        return {
            item.form.file
            for procedure in self.content.procedures
            for item in procedure.dossier
            if item.form is not None and item.form.file is not None
        }

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give generated pages a table of contents (their headings live in the template)."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.toc:
            # Headings may be staff text (field names) and Material prints them unescaped.
            page.toc = TableOfContents(
                [AnchorLink(Markup(escape(heading)), anchor, 2) for anchor, heading in spec.toc]
            )
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand the page's own objects (e.g. ``procedure``) to its template."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context.update(spec.context)  # type: ignore[typeddict-item]
            context["page_updated"] = spec.updated  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Add the page's Content-Security-Policy (hashes of its own inline code)."""
        return output if self.options.live_preview else with_policy(output)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Register the formatting filters and the helpers every template may use."""
        env.filters["money"] = fmt.money
        env.filters["vn_date"] = fmt.vn_date
        env.filters["paragraphs"] = fmt.paragraphs
        env.filters["tel_href"] = fmt.tel_href
        env.filters["number"] = fmt.number
        env.filters["fee_summary"] = fmt.fee_summary
        env.filters["status_class"] = fmt.css_token
        env.filters["unit_names"] = fmt.unit_names
        env.filters["qr_svg"] = fmt.qr_svg
        env.filters["fee_saving"] = fmt.fee_saving
        env.filters["kpi_bar"] = fmt.kpi_bar
        env.globals["content"] = self.content
        env.globals["ward"] = self.content.config.ward
        env.globals["procedure_uri"] = procedure_uri
        env.globals["list_uri"] = list_uri
        env.globals["plan_uri"] = plan_uri
        env.globals["quarter_uri"] = quarter_uri
        env.globals["build_date"] = self.today
        env.globals["State"] = State
        env.globals["plan_year"] = plan_year
        env.globals["link_to"] = pass_context(
            lambda context, src_uri: self._link_to(context, src_uri)
        )
        env.globals["link_exists"] = lambda src_uri: files.get_file_from_path(src_uri) is not None
        return env

    def _link_to(self, context: Any, src_uri: str) -> str:
        """The URL of the page built from ``src_uri``, relative to the page being rendered."""
        assert self.files is not None
        file = self.files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"Internal error: no page for {src_uri}")
        # Theme templates such as 404.html are rendered without a page: link from the root.
        page = context.get("page")
        return str(get_relative_url(file.url, page.url if page else ""))
