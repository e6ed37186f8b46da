"""Small fixes to Material's markup so every page is valid HTML (W3C Nu checker: 0 errors)."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin

# Material's drawer and search toggles are checkboxes with autocomplete="off" (it keeps
# Firefox from restoring an open drawer on reload); HTML allows autocomplete on text-like
# inputs only. The drawer closes on every page load anyway.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def valid_html(html: str) -> str:
    """The page without the attributes the HTML standard does not allow where Material puts them."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_LINK = re.compile(r'<a\b(?![^>]*\bdata-ck-print=)([^>]*?)\bhref="([^"]*)"')


def print_addresses(html: str, page_url: str | None) -> str:
    """Give each link of the page's article its full public address for paper (``data-ck-print``).

    Printed, a link is only underlined text; the print style writes this address after it.
    Off-site links print their own ``href``; fragments, ``tel:`` and ``mailto:`` show their
    target in their text already.
    """
    if not page_url:
        return html

    def absolute(match: re.Match[str]) -> str:
        attributes, href = match.groups()
        if not href or href.startswith(("#", "http:", "https:", "mailto:", "tel:", "data:")):
            return match.group(0)
        address = urljoin(page_url, href.replace("&amp;", "&"))
        address = re.sub(r"/index\.html(?=#|$)", "/", address)
        return f'<a{attributes}href="{href}" data-ck-print="{escape(address, quote=True)}"'

    return _ARTICLE.sub(lambda article: _LINK.sub(absolute, article.group(0)), html, count=1)
