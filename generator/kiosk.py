"""Kiosk builds: links that would leave the screen become their address and a QR code.

A citizen at the one-stop office's touch screen cannot follow a link to the national portal
(the kiosk is locked to this site, maybe offline), but can scan it with a phone.
"""

from __future__ import annotations

import hashlib
import io
import re
from html import unescape

import segno
from markupsafe import Markup, escape

_EXTERNAL_LINK = re.compile(
    r'<a\s[^>]*?href="(?P<href>(?:https?:|mailto:|tel:)[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S
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


def offline_links(html: str, base_url: str, found: set[str]) -> str:
    """Replace links that leave the site by their text, address and QR code.

    ``tel:`` and ``mailto:`` links become plain text (a kiosk cannot call or write). Every web
    address replaced is added to ``found``, so its QR file can be written once.
    """

    def replace(match: re.Match[str]) -> str:
        href = unescape(match.group("href"))
        text = Markup(match.group("text"))
        if not href.startswith("http"):
            return str(Markup('<span class="ck-offsite">{}</span>').format(text))
        found.add(href)
        image = f"{base_url.rstrip('/')}/{QR_FOLDER}/{qr_name(href)}"
        # When the link text is the address itself, showing it twice helps nobody.
        shown = (
            Markup("")
            if unescape(text.striptags()) == href
            else Markup(' <span class="ck-offsite__url">({})</span>').format(href)
        )
        return str(
            Markup(
                '<span class="ck-offsite">{text}{shown}<img class="ck-offsite__qr" src="{image}" '
                'alt="Mã QR của {url}" width="96" height="96"></span>'
            ).format(text=text, shown=shown, url=escape(href), image=image)
        )

    return _EXTERNAL_LINK.sub(replace, html)
