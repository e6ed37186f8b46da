"""``python -m bench.preview``: how fast ``congkhai serve`` shows an edited procedure.

Copies a ward, builds its preview once (as ``congkhai serve`` does on start), then edits one
procedure file several times (its name, as a staff member would) and times each update of
the preview: re-reading the changed file and re-rendering the pages that show it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.errors import quiet_mkdocs
from generator.project import Project
from generator.site.serve import Preview


def measure_preview(project_dir: Path, *, edits: int = 5) -> dict[str, Any]:
    """Seconds for the first preview build and for each update after editing one procedure."""
    quiet_mkdocs()
    with tempfile.TemporaryDirectory(prefix="congkhai-preview-") as scratch:
        root = Path(scratch) / "ward"
        root.mkdir()
        shutil.copy2(project_dir / "site_config.yml", root / "site_config.yml")
        for folder in ("content", "docs", "theme"):
            if (project_dir / folder).is_dir():
                shutil.copytree(project_dir / folder, root / folder)
        preview = Preview(Project(root), Path(scratch) / "site", strict=False)
        started = time.perf_counter()
        _, pages, _ = preview.rebuild()
        first = time.perf_counter() - started
        files = sorted((root / "content" / "procedures").glob("*.yml"))
        target = files[len(files) // 2]
        original = target.read_text(encoding="utf-8")
        updates: list[float] = []
        written: list[int | None] = []
        for number in range(1, edits + 1):
            # Keep the file valid: the name gets a word, as when staff correct a title.
            target.write_text(original.replace("name: ", f"name: (sửa {number}) ", 1))
            started = time.perf_counter()
            result, count, _ = preview.rebuild()
            updates.append(time.perf_counter() - started)
            written.append(count)
            if result.errors:
                raise SystemExit(f"the edited file does not pass check: {result.errors[0]}")
        return {
            "procedures": len(files),
            "first_build_seconds": round(first, 2),
            "first_build_pages": pages,
            "update_seconds_median": round(statistics.median(updates), 2),
            "update_seconds": [round(value, 2) for value in updates],
            "pages_written_per_update": written,
        }


def main(argv: list[str] | None = None) -> None:
    """Command line entry: print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.preview", description=__doc__)
    parser.add_argument("project", type=Path, help="a ward (folder with site_config.yml)")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(measure_preview(args.project, edits=args.edits), ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
