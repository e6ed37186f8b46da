"""How a build differs from the default public site build."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BuildOptions:
    """Choices that change what is built, set by the command line."""

    strict: bool = False
    """Warnings (unknown keys, broken links, MkDocs warnings) fail the build."""
    kiosk: bool = False
    """The one-stop office's touch screen: large type, idle reset, no way off the site."""
    idle_seconds: int | None = None
    """Override of site_config.yml's kiosk.idle_seconds (tests use a few seconds)."""
    bundle_revision: str | None = None
    """Set for an offline bundle: the content's git revision, shown on the home page."""
    live_preview: bool = False
    """Built for ``congkhai serve``: no Content-Security-Policy (live reload injects a script)."""
    jobs: int | None = None
    """Processes rendering pages: 1, 2, or None to use both cores when the site is large."""
    today: date | None = None
    """The build date; None reads it once from the clock (or SOURCE_DATE_EPOCH)."""
