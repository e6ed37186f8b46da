"""Make one synthetic ward and its Markdown twin (run in its own process by the harness).

Usage: ``python -m bench.prepare SAMPLE_ROOT WORK_DIR SIZE SEED``. Prints one JSON object
with what was generated; exits 1 (listing every problem) when congkhai refuses the content.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench.corpus import load_corpus
from bench.pages import groups_by_field, mkdocs_yml, write_docs
from bench.synth import write_ward
from generator.errors import Severity
from generator.project import Project, load_project

GIT_MONTHS = 12
"""Commits after the first one in the git copy: one a month, each editing 5% of procedures."""


def make_git_copy(project: Path, target: Path, seed: int) -> dict[str, object]:
    """Copy ``project`` into ``target`` as a git repository with a year of history, so that
    "last updated" dates come from ``git log`` as in a ward's real repository."""
    started = time.perf_counter()
    shutil.copytree(project, target)
    procedures = sorted((target / "content" / "procedures").glob("*.yml"))
    chosen = random.Random(seed)

    def git(*args: str, day: str = "2025-01-02") -> None:
        when = f"{day}T09:00:00+07:00"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "bench",
            "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@example.invalid",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        subprocess.run(["git", "-C", str(target), *args], env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "initial")
    for month in range(1, GIT_MONTHS + 1):
        # A YAML comment changes the file, not the content: the ward stays valid.
        for path in chosen.sample(procedures, max(1, len(procedures) // 20)):
            with path.open("a", encoding="utf-8") as out:
                out.write(f"# sửa đổi tháng {month}\n")
        day = f"2025-{month:02d}-15"
        git("commit", "-q", "-a", "-m", f"tháng {month}", day=day)
    return {"git_commits": GIT_MONTHS + 1, "git_seconds": round(time.perf_counter() - started, 2)}


def prepare(sample_root: Path, work: Path, size: int, seed: int) -> dict[str, object]:
    """Generate ``work/project``, validate it like ``congkhai check``, write ``work/docs``."""
    corpus = load_corpus(sample_root / "content" / "procedures")
    started = time.perf_counter()
    stats = write_ward(sample_root, work / "project", size, corpus, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = load_project(Project(work / "project"))
    check_seconds = time.perf_counter() - started
    # Notes are information only (the sample's quick answers name codes a synthetic ward
    # does not have); errors and warnings stop the run.
    refused = [p for p in result.problems if p.severity is not Severity.NOTE]
    if result.content is None or refused:
        for problem in refused[:20]:
            print(problem, file=sys.stderr)
        raise SystemExit(
            f"synthetic ward of {size} procedures does not pass congkhai check "
            f"({len(refused)} problems, first above)"
        )
    content = result.content
    git = make_git_copy(work / "project", work / "project-git", seed)
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
        **git,
        "corpus": corpus.stats(),
    }


def main() -> None:
    """Command line entry of the preparation step."""
    sample_root, work, size, seed = sys.argv[1:5]
    report = prepare(Path(sample_root), Path(work), int(size), int(seed))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
