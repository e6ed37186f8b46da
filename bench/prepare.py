"""Make one synthetic ward and its Markdown twin (run in its own process by the harness).

Usage: ``python -m bench.prepare SAMPLE_ROOT WORK_DIR SIZE SEED``. Prints one JSON object
with what was generated; exits 1 (listing every problem) when congkhai refuses the content.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench.corpus import load_corpus
from bench.pages import groups_by_field, mkdocs_yml, write_docs
from bench.synth import write_ward
from generator.project import Project, load_project


def prepare(sample_root: Path, work: Path, size: int, seed: int) -> dict[str, object]:
    """Generate ``work/project``, validate it like ``congkhai check``, write ``work/docs``."""
    corpus = load_corpus(sample_root / "content" / "procedures")
    started = time.perf_counter()
    stats = write_ward(sample_root, work / "project", size, corpus, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = load_project(Project(work / "project"))
    check_seconds = time.perf_counter() - started
    if result.content is None or result.problems:
        for problem in result.problems[:20]:
            print(problem, file=sys.stderr)
        raise SystemExit(
            f"synthetic ward of {size} procedures does not pass congkhai check "
            f"({len(result.problems)} problems, first above)"
        )
    content = result.content
    docs = work / "docs"
    markdown_bytes = write_docs(content, docs)
    for name, in_nav in (("material", True), ("material-not-in-nav", False)):
        (work / f"mkdocs-{name}.yml").write_text(
            mkdocs_yml(content, docs, in_nav=in_nav), encoding="utf-8"
        )
    return {
        **asdict(stats),
        "in_force": sum(len(group) for _, group in groups_by_field(content)),
        "markdown_bytes": markdown_bytes,
        "generate_seconds": round(generated, 2),
        "check_seconds": round(check_seconds, 2),
        "corpus": corpus.stats(),
    }


def main() -> None:
    """Command line entry of the preparation step."""
    sample_root, work, size, seed = sys.argv[1:5]
    report = prepare(Path(sample_root), Path(work), int(size), int(seed))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
