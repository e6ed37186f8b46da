"""Views for the ward's web portal: compact pages to put in an iframe, and their staff page.

A ward's portal (usually a sub-site on the province's CMS) rarely lets staff upload files, but
lets them paste an iframe or an HTML block. Each view here shows what one full page shows,
without the site's header, menu and footer; links open the full page in the top window. The
views live under ``nhung/`` ("nhúng": embed), are left out of the sitemap, say ``noindex`` and
point their canonical link at the full page. Offline builds (kiosk, bundle) have none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from urllib.parse import urlsplit

from .pages import (
    APOLOGIES,
    CATALOGUE,
    LIST_TEMPLATE,
    PROCEDURE_TEMPLATE,
    RESULTS,
    SEARCH,
    PageSpec,
    plan_uri,
)

EMBED_ROOT = "nhung/"
"""Where the embeddable views are, under the site's root."""
GUIDE = "huong-dan/nhung-vao-cong/index.md"
"""The staff page with the snippets to paste into the portal."""
LOADER = "assets/javascripts/nhung-tai.js"
"""The script a portal page loads to size the iframes to their content."""
WIDGET = "assets/javascripts/nhung-tim-kiem.js"
"""The search widget's script (a search box in any HTML block of the portal)."""
PROCEDURE_VIEW = "embed-procedure.html"
"""The template of one procedure's view."""


@dataclass(frozen=True)
class EmbedView:
    """One kind of view a portal can show, as the staff page lists it."""

    src_uri: str
    title: str
    what: str
    """What it shows, for staff choosing a view."""
    height: int
    """The iframe's height without the loader script, in pixels."""


def embed_uri(src_uri: str) -> str:
    """The embeddable view of the page built from ``src_uri``."""
    return EMBED_ROOT + src_uri


def is_embed(src_uri: str) -> bool:
    """Whether ``src_uri`` is an embeddable view."""
    return src_uri.startswith(EMBED_ROOT)


_TEMPLATES = {
    "catalogue.html": "embed-catalogue.html",
    LIST_TEMPLATE: "embed-catalogue.html",
    PROCEDURE_TEMPLATE: PROCEDURE_VIEW,
    "search.html": "embed-search.html",
    "plan.html": "embed-plan.html",
    "results.html": "embed-results.html",
    "apologies.html": "embed-apologies.html",
}


def embed_specs(specs: list[PageSpec], plan_year: int) -> list[PageSpec]:
    """The embeddable views of the pages a portal shows, made from their full pages' specs.

    The catalogue, each statutory list, each procedure, search, this year's plan, the results
    and the apologies; they share their full page's context (nothing is computed twice).
    """
    current_plan = plan_uri(plan_year)
    views = []
    for spec in specs:
        if spec.template == "plan.html" and spec.src_uri != current_plan:
            continue
        template = _TEMPLATES.get(spec.template)
        if template is None:
            continue
        views.append(
            replace(
                spec,
                src_uri=embed_uri(spec.src_uri),
                template=template,
                toc=(),
                wide=True,
                embed_of=spec.src_uri,
            )
        )
    return views


def portal_views(plan_year: int, first_procedure: str | None) -> list[EmbedView]:
    """The views the staff page offers, in the order a portal would use them."""
    views = [
        EmbedView(
            embed_uri(CATALOGUE), "Danh mục thủ tục hành chính", "mọi thủ tục theo lĩnh vực", 900
        ),
        EmbedView(embed_uri(SEARCH), "Tìm kiếm thủ tục", "ô tìm kiếm và kết quả", 500),
        EmbedView(
            embed_uri(plan_uri(plan_year)),
            f"Kế hoạch năm {plan_year}",
            "tổng hợp tiến độ và chỉ tiêu",
            700,
        ),
        EmbedView(embed_uri(RESULTS), "Kết quả giải quyết hồ sơ", "số liệu tháng gần nhất", 600),
        EmbedView(embed_uri(APOLOGIES), "Xin lỗi công khai", "các phiếu xin lỗi vì trễ hạn", 600),
    ]
    if first_procedure is not None:
        views.insert(
            2,
            EmbedView(
                embed_uri(first_procedure),
                "Một thủ tục",
                "tóm tắt và giấy tờ cần mang của một thủ tục (đổi mã trong địa chỉ)",
                900,
            ),
        )
    return views


@dataclass(frozen=True)
class Snippet:
    """What staff paste into the portal for one view, and how it looks there."""

    view: EmbedView
    url: str
    """The view's public address."""
    same_tab: str
    """The HTML to paste: links open in the portal's window."""
    new_tab: str
    """The same, with links opening in a new tab."""


def public_url(site_url: str, src_uri: str) -> str:
    """The public address of the page built from ``src_uri`` (links end in index.html)."""
    return site_url.rstrip("/") + "/" + src_uri.removesuffix(".md") + ".html"


def snippets(views: list[EmbedView], site_url: str, ward: str) -> list[Snippet]:
    """The iframe and loader script to paste for each view, filled with the site's address."""
    loader = site_url.rstrip("/") + "/" + LOADER
    made = []
    for view in views:
        url = public_url(site_url, view.src_uri)

        def frame(address: str, view: EmbedView = view) -> str:
            return (
                f'<iframe src="{escape(address)}" data-congkhai '
                f'title="{escape(view.title)} – {escape(ward)}" width="100%" '
                f'height="{view.height}" loading="lazy"></iframe>\n'
                f'<script src="{escape(loader)}" async></script>'
            )

        made.append(Snippet(view, url, frame(url), frame(url + "#tab-moi")))
    return made


def widget_snippet(site_url: str) -> str:
    """The search widget to paste into any HTML block of the portal."""
    script = site_url.rstrip("/") + "/" + WIDGET
    return f'<div data-congkhai-tim-kiem></div>\n<script src="{escape(script)}" async></script>'


def guide_spec(
    views: list[EmbedView], site_url: str, ward: str, *, previews: bool = True
) -> PageSpec:
    """The staff page with the snippets for each view and the widget, and a live preview."""
    return PageSpec(
        GUIDE,
        "Nhúng trang công khai vào Cổng thông tin điện tử của phường",
        "embed-guide.html",
        {
            "snippets": snippets(views, site_url, ward),
            "widget": widget_snippet(site_url),
            "site_origin": _origin(site_url),
            "previews": previews,
        },
        wide=True,
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
