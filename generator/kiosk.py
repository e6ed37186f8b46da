"""Kiosk builds: links that would leave the screen become their address and a QR code.

A citizen at the one-stop office's touch screen cannot follow a link to the national portal
(the kiosk is locked to this site, maybe offline), but can scan it with a phone.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
from html import unescape

import segno
from markupsafe import Markup, escape

_EXTERNAL_LINK = re.compile(
    r'<a\s[^>]*?href="(?P<href>(?:https?:|mailto:|tel:)[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S
)
# A link to a file of the site (a form, a PDF, open data): on a kiosk it would download onto
# the kiosk itself, where nobody can use it.
_FILE_LINK = re.compile(
    r'<a\s[^>]*?href="(?P<href>(?![a-z][a-z0-9+.-]*:|#)[^"]*?'
    r'\.(?:docx?|pdf|xlsx?|odt|ods|csv|json|zip)(?:[?#][^"]*)?)"[^>]*>(?P<text>.*?)</a>',
    re.S | re.I,
)

QR_FOLDER = "assets/qr"


def qr_name(url: str) -> str:
    """The file name of a URL's QR code (stable, so builds stay reproducible)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ".svg"


def qr_file(url: str) -> bytes:
    """The QR code of ``url`` as a standalone SVG file."""
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=0).save(
        buffer, kind="svg", scale=4, border=4, omitsize=True, title="Mã QR"
    )
    return buffer.getvalue()


def public_file_url(href: str, page_url: str, site_url: str) -> str:
    """The address on the public site of a file that ``page_url`` links to as ``href``."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), href.split("#")[0]))
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def offline_links(
    html: str, base_url: str, found: set[str], *, page_url: str = "", site_url: str = ""
) -> str:
    """Replace links that leave the site, or download a file, by text, address and QR code.

    ``tel:`` and ``mailto:`` links become plain text (a kiosk cannot call or write). A link to
    a file of the site becomes the file's address on the public site (``site_url``), to open on
    a phone. Every web address shown is added to ``found``, so its QR file is written once.
    """

    def download(match: re.Match[str]) -> str:
        url = public_file_url(unescape(match.group("href")), page_url, site_url)
        return _with_qr(Markup(match.group("text")), url, base_url, found, always_show=True)

    def replace(match: re.Match[str]) -> str:
        href = unescape(match.group("href"))
        text = Markup(match.group("text"))
        if not href.startswith("http"):
            return str(Markup('<span class="ck-offsite">{}</span>').format(text))
        return _with_qr(text, href, base_url, found)

    if site_url:
        html = _FILE_LINK.sub(download, html)
    return _EXTERNAL_LINK.sub(replace, html)


def _with_qr(
    text: Markup, href: str, base_url: str, found: set[str], *, always_show: bool = False
) -> str:
    """The link's text, its address and the QR code of the address."""
    found.add(href)
    image = f"{base_url.rstrip('/')}/{QR_FOLDER}/{qr_name(href)}"
    # When the link text is the address itself, showing it twice helps nobody.
    shown = (
        Markup("")
        if unescape(text.striptags()) == href and not always_show
        else Markup(' <span class="ck-offsite__url">({})</span>').format(href)
    )
    hint = Markup('<span class="ck-offsite__hint">Quét mã bằng điện thoại để tải về</span>')
    return str(
        Markup(
            '<span class="ck-offsite">{text}{shown}<img class="ck-offsite__qr" src="{image}" '
            'alt="Mã QR của {url}" width="96" height="96">{hint}</span>'
        ).format(
            text=text,
            shown=shown,
            url=escape(href),
            image=image,
            hint=hint if always_show else Markup(""),
        )
    )
