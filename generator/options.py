"""How a build differs from the default public site build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    """Choices that change what is built, set by the command line."""

    strict: bool = False
    """Warnings (unknown keys, broken links, MkDocs warnings) fail the build."""
    live_preview: bool = False
    """Built for ``congkhai serve``: no Content-Security-Policy (live reload injects a script)."""
