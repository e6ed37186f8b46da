"""The floor: Python-Markdown + Jinja2 in one process, a minimal template, no theme.

Usage: ``python -m bench.floor DOCS_DIR SITE_DIR``. Renders every ``*.md`` under DOCS_DIR
with the extensions MkDocs always enables (plus attr_list) and writes ``<page>/index.html``
like MkDocs' directory URLs. This is the least any generator must do for the same pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown  # type: ignore[import-untyped]
from jinja2 import Environment

TEMPLATE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ site_name }}</title>
</head>
<body>
<main>
{{ body }}
</main>
</body>
</html>
"""

EXTENSIONS = ["attr_list", "tables", "toc", "fenced_code"]
"""MkDocs always loads toc, tables and fenced_code; attr_list is in the Material configs."""


def output_path(site_dir: Path, relative: Path) -> Path:
    """Where MkDocs (directory URLs) writes the page built from ``relative``."""
    if relative.name == "index.md":
        return site_dir / relative.parent / "index.html"
    return site_dir / relative.with_suffix("") / "index.html"


def build(docs_dir: Path, site_dir: Path, site_name: str = "Floor") -> int:
    """Render every Markdown page of ``docs_dir`` into ``site_dir``; return the page count."""
    converter = markdown.Markdown(extensions=EXTENSIONS)
    template = Environment(autoescape=False).from_string(TEMPLATE)
    pages = 0
    for source in sorted(docs_dir.rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        body = converter.reset().convert(text)
        title = next(
            (line[2:].strip() for line in text.splitlines() if line.startswith("# ")), source.stem
        )
        target = output_path(site_dir, source.relative_to(docs_dir))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            template.render(title=title, site_name=site_name, body=body), encoding="utf-8"
        )
        pages += 1
    return pages


def main() -> None:
    """Command line entry of the floor builder."""
    docs_dir, site_dir = Path(sys.argv[1]), Path(sys.argv[2])
    pages = build(docs_dir, site_dir)
    print(f"floor: {pages} pages written to {site_dir}")


if __name__ == "__main__":
    main()
