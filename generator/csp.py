"""A Content-Security-Policy for every page: only the site's own files, and only the inline
scripts and styles the page was built with (by hash)."""

from __future__ import annotations

import base64
import hashlib
import re

# An executable inline script: no src attribute, and not a data block such as Material's
# <script type="application/json"> configuration.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S
)
_INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_HEAD = re.compile(r"<head>\s*(<meta charset=\"utf-8\">)?")


def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(html: str) -> str:
    """The policy for one page: its inline scripts and styles allowed by hash, nothing else."""
    scripts = " ".join(dict.fromkeys(_hash(code) for code in _INLINE_SCRIPT.findall(html)))
    styles = " ".join(dict.fromkeys(_hash(code) for code in _INLINE_STYLE.findall(html)))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}".rstrip(),
            f"style-src 'self' {styles}".rstrip(),
            # Material draws its icons with data: SVG images in CSS.
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str) -> str:
    """The page with its Content-Security-Policy meta tag first in <head> (after the charset)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + "\n    " + meta, html, count=1)
