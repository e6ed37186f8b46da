"""A Content-Security-Policy for every page: only the site's own files, and only the inline
scripts the theme itself writes (by hash).

Hashing every inline ``<script>`` of the final page would also allow one written into a
Markdown page. So the scripts allowed are taken from the theme's templates: each template
script becomes a pattern (its text, with every Jinja expression standing for a short value
that cannot leave its JavaScript string), and a script of the page is hashed only if it
matches one of them and is not inside the page's Markdown content.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

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


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# What a Jinja expression in a theme script may become: a URL or a word, never a quote, a
# backslash or a "<" that could end the string or the script.
_JINJA_VALUE = r"[^<\"'\\\n]*?"


def theme_scripts(template_dirs: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """One pattern per inline script in the theme's templates (first directory wins)."""
    seen: dict[str, Path] = {}
    for folder in template_dirs:
        for path in sorted(folder.rglob("*.html")):
            seen.setdefault(path.relative_to(folder).as_posix(), path)
    patterns: dict[str, re.Pattern[str]] = {}
    for path in seen.values():
        for body in _INLINE_SCRIPT.findall(path.read_text(encoding="utf-8")):
            parts = _JINJA.split(body)
            if sum(len(part.strip()) for part in parts) < 20:
                continue  # a script that is all template would match anything
            regex = _JINJA_VALUE.join(re.escape(part) for part in parts)
            patterns.setdefault(regex, re.compile(regex, re.S))
    return tuple(patterns.values())


def policy(html: str, allowed: tuple[re.Pattern[str], ...] | None = None) -> str:
    """The policy for one page: the theme's inline scripts and the styles allowed by hash.

    ``allowed`` are the theme's script patterns; without them (tests) every inline script of
    ``html`` is allowed.
    """
    codes = _INLINE_SCRIPT.findall(html)
    if allowed is not None:
        codes = [code for code in codes if any(p.fullmatch(code) for p in allowed)]
    scripts = " ".join(dict.fromkeys(_hash(code) for code in codes))
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


def with_policy(
    html: str, allowed: tuple[re.Pattern[str], ...] | None = None, content: str = ""
) -> str:
    """The page with its Content-Security-Policy meta tag first in <head> (after the charset).

    ``content`` is the page's Markdown rendered as HTML: nothing in it gets a hash.
    """
    theme_part = html.replace(content, "", 1) if content.strip() else html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_part, allowed)}">'
    return _HEAD.sub(lambda m: m.group(0) + "\n    " + meta, html, count=1)
