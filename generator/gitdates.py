"""When each content file last changed, from git history (for "Cập nhật lần cuối")."""

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
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
