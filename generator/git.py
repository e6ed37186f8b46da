"""Every git call: when each content file last changed, older versions, the revision.

Outside a git repository, or without git installed, each answer says "unknown" (an empty
map, False, "không rõ") and the build goes on.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_commit_dates(root: Path) -> dict[str, date]:
    """Map each committed, unmodified file under ``root`` (posix path) to its last commit date.

    Files with uncommitted changes are left out, so callers fall back to the file's own
    ``updated`` field; outside a git repository (or without git) the map is empty.
    """
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", ".")
    changed = _git(root, "ls-files", "--modified", "--others", "--exclude-standard")
    staged = _git(root, "diff", "--cached", "--name-only", "--relative")
    if log is None or changed is None or staged is None:
        return {}
    dirty = set(changed.splitlines()) | set(staged.splitlines())
    dates: dict[str, date] = {}
    current: date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None and line not in dates and line not in dirty:
            dates[line] = current
    return dates


def _git(root: Path, *args: str) -> str | None:
    """Git's output as text, or None if git failed or is missing."""
    data = _git_bytes(root, *args)
    return None if data is None else data.decode()


def _git_bytes(root: Path, *args: str) -> bytes | None:
    """Git's output as bytes (a file's content), or None if git failed or is missing."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def export_revision(root: Path, revision: str, target: Path) -> bool:
    """Write the project's site_config.yml and content/ as of ``revision`` into ``target``."""
    listing = _git(root, "ls-tree", "-r", "--name-only", revision, "--", ".")
    if listing is None:
        return False
    for name in listing.splitlines():
        if name != "site_config.yml" and not name.startswith("content/"):
            continue
        data = _git_bytes(root, "show", f"{revision}:./{name}")
        if data is None:
            return False
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    return (target / "site_config.yml").is_file()


def revision(root: Path) -> str:
    """The content's git revision, marked when files have changed since; "không rõ" without git."""
    head = _git(root, "rev-parse", "--short=10", "HEAD")
    if head is None:
        return "không rõ"
    status = _git(root, "status", "--porcelain", "--", ".") or ""
    short = head.strip()
    return f"{short} (có thay đổi chưa commit)" if status.strip() else short
