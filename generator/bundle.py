"""The offline bundle: the whole site in one zip that works unzipped, opened from file://."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import git
from .clock import build_date
from .model import Content
from .options import BuildOptions
from .project import Project
from .site.build import build_site
from .text import fold


def bundle_name(content: Content, today: date | None = None) -> str:
    """A file name such as ``cong-khai-phuong-hoa-an-2026-11-25.zip`` (ASCII, for any system)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(content.config.ward.name)).strip("-")
    return f"cong-khai-{slug}-{(today or build_date()).isoformat()}.zip"


def make_bundle(
    project: Project, content: Content, target: Path, options: BuildOptions
) -> tuple[Path, int]:
    """Build the site and zip it into ``target``; return the zip and its number of files.

    Entries are sorted and stamped with the build date, so the same content and date give
    the same zip. The zip is written beside ``target`` and renamed: a failure leaves no half zip.
    """
    options = replace(options, bundle_revision=git.revision(project.root))
    year, month, day = (options.today or build_date()).timetuple()[:3]
    folder = target.stem
    with tempfile.TemporaryDirectory(prefix="congkhai-bundle-") as scratch:
        site = build_site(project, content, Path(scratch) / "site", options).site_dir
        files = sorted(path for path in site.rglob("*") if path.is_file())
        partial = target.with_name(target.name + ".part")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                for path in files:
                    entry = zipfile.ZipInfo(
                        f"{folder}/{path.relative_to(site).as_posix()}", (year, month, day, 0, 0, 0)
                    )
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    entry.external_attr = 0o644 << 16
                    archive.writestr(entry, path.read_bytes())
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return target, len(files)
