"""``python -m bench.province``: a province of many wards sharing one catalogue, built at once.

Generates a synthetic provincial catalogue (``bench.synth``, the same realistic procedures as
the ward benchmark) and ``--wards`` wards under ``wards/<slug>/``, each with the sample
ward's contacts and plan, its own ``site_config.yml`` and a ``procedures.yml`` choosing
``--procedures`` catalogue procedures (with the replacements of any replaced one, and a local
note on a few). Then times ``congkhai check --all`` and ``congkhai build --all`` in fresh
processes and writes ``bench/results/province.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import load_corpus
from bench.machine import describe_machine
from bench.measure import MB, site_bytes
from bench.report import machine_line
from bench.runner import log_tail, run_measured
from bench.synth import write_ward
from generator.project import Project, load_catalogue

REPO = Path(__file__).resolve().parent.parent
SAMPLE_NAME = "Phường Hòa An"


def write_province(
    root: Path, *, wards: int, per_ward: int, catalogue_size: int, seed: int
) -> dict[str, Any]:
    """Create a province repository at ``root``; return what was generated."""
    if root.exists():
        shutil.rmtree(root)
    corpus = load_corpus(REPO / "content" / "procedures")
    scratch = root.parent / f"{root.name}-catalogue"
    stats = write_ward(REPO, scratch, catalogue_size, corpus, seed)
    (root / "content").mkdir(parents=True)
    shutil.move(str(scratch / "content" / "procedures"), root / "content" / "procedures")
    shutil.rmtree(scratch)
    catalogue = load_catalogue(Project(root))
    replaced = {p.code: p.replaced_by for _, p in catalogue.valid if p.replaced_by}
    codes = sorted(p.code for _, p in catalogue.valid)
    rng = random.Random(seed)
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    chosen_total = 0
    for number in range(1, wards + 1):
        slug = f"phuong-{number:03d}"
        folder = root / "wards" / slug
        (folder / "content").mkdir(parents=True)
        name = f"Phường Mẫu {number:03d}"
        (folder / "site_config.yml").write_text(
            config.replace(SAMPLE_NAME, name).replace("phường Hòa An", name.lower()),
            encoding="utf-8",
        )
        for part in ("contacts", "plan"):
            shutil.copytree(REPO / "content" / part, folder / "content" / part)
        chosen = set(rng.sample(codes, min(per_ward, len(codes))))
        # A replaced procedure's page links to its replacement: the ward must publish both.
        while missing := {replaced[code] for code in chosen if code in replaced} - chosen:
            chosen |= missing
        chosen_total += len(chosen)
        lines = ["procedures:"]
        for index, code in enumerate(sorted(chosen)):
            lines.append(f'  - code: "{code}"')
            if index % 40 == 0:
                lines.append(f"    note: Lệ phí theo Nghị quyết số {number}/2025/NQ-HĐND tỉnh.")
        (folder / "procedures.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "wards": wards,
        "catalogue": catalogue_size,
        "procedures_per_ward_mean": round(chosen_total / wards, 1),
        "catalogue_yaml_mb": round(stats.yaml_bytes / MB, 1),
        "text_kb_per_procedure": round(stats.text_bytes_mean / 1024, 1),
    }


def measure(root: Path, logs: Path, jobs: int | None, timeout: float) -> dict[str, Any]:
    """Time ``check --all`` and ``build --all`` on ``root``, each in a fresh process."""
    congkhai = [sys.executable, "-m", "generator", "-C", str(root)]
    figures: dict[str, Any] = {}
    for step, arguments in (
        ("check", ["check", "--all"]),
        ("build", ["build", "--all", *(["--jobs", str(jobs)] if jobs else [])]),
    ):
        outcome = run_measured(
            [*congkhai, *arguments], log=logs / f"{step}.log", cwd=REPO, timeout=timeout
        )
        figures[step] = {
            "status": outcome.status,
            "seconds": round(outcome.seconds, 1),
            "cpu_seconds": (
                round(outcome.cpu_seconds, 1) if outcome.cpu_seconds is not None else None
            ),
            "peak_mb": round(outcome.peak_mb, 0) if outcome.peak_mb is not None else None,
            "peak_sum_mb": _rounded(outcome.peak_sum_mb),
            "pss_mb": _rounded(outcome.pss_mb),
            "processes": outcome.processes,
        }
        if outcome.status != "ok":
            figures[step]["log"] = log_tail(logs / f"{step}.log")
    site = root / "site"
    if site.is_dir():
        total, _ = site_bytes(site)
        figures["site_mb"] = round(total / MB, 1)
        figures["pages"] = sum(1 for _ in site.rglob("*.html"))
        figures["wards_built"] = sum(1 for p in site.iterdir() if (p / "index.html").is_file())
    return figures


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 0)


def markdown(report: dict[str, Any]) -> str:
    """The results as a short Markdown section."""
    generated, figures = report["generated"], report["figures"]
    build, check = figures["build"], figures["check"]
    per_ward = build["seconds"] / max(figures.get("wards_built", 0), 1)
    return "\n".join(
        [
            "# congkhai province benchmark",
            "",
            f"Machine: {report['machine_line']}",
            "",
            f"{generated['wards']} wards share a catalogue of {generated['catalogue']} "
            f"procedures ({generated['catalogue_yaml_mb']} MB of YAML, "
            f"{generated['text_kb_per_procedure']} KB of text each); each ward publishes "
            f"{generated['procedures_per_ward_mean']} of them on average.",
            "",
            "| Step | Wall s | CPU s | Peak MB (one process) | Peak MB (all, summed) | PSS MB |",
            "|---|---|---|---|---|---|",
            *(
                f"| `congkhai {name} --all` | {step['seconds']} | {step['cpu_seconds']} | "
                f"{step['peak_mb']} | {step.get('peak_sum_mb', '–')} | {step.get('pss_mb', '–')} |"
                for name, step in (("check", check), ("build", build))
            ),
            "",
            f"Built {figures.get('wards_built', 0)} ward sites, {figures.get('pages', 0)} pages, "
            f"{figures.get('site_mb', 0)} MB in all: {per_ward:.2f} s per ward on "
            f"{report['jobs'] or 'all'} processes. The catalogue is read and checked once; the "
            "wards are built in forked worker processes. CPU s includes the workers; the first "
            "peak is the largest single process, the second adds up every process's own peak "
            "(shared copy-on-write pages counted in each), PSS is what they held together at "
            "once (shared pages divided between them).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """Command line entry."""
    parser = argparse.ArgumentParser(prog="python -m bench.province", description=__doc__)
    parser.add_argument("--wards", type=int, default=100)
    parser.add_argument("--procedures", type=int, default=400, help="per ward")
    parser.add_argument("--catalogue", type=int, default=2000, help="procedures in the catalogue")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--work", type=Path, default=None, help="where to generate (kept)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--name", default="province")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="congkhai-province-"))
    root = work / "province"
    print(f"Generating {args.wards} wards in {root} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    generated = write_province(
        root,
        wards=args.wards,
        per_ward=args.procedures,
        catalogue_size=args.catalogue,
        seed=args.seed,
    )
    generated["generate_seconds"] = round(time.perf_counter() - started, 1)
    print("Checking and building …", file=sys.stderr, flush=True)
    figures = measure(root, work / "logs", args.jobs, args.timeout)
    machine = describe_machine(REPO)
    report = {
        "machine": machine,
        "machine_line": machine_line(machine),
        "jobs": args.jobs,
        "generated": generated,
        "figures": figures,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    text = markdown(report)
    (args.out / f"{args.name}.md").write_text(text, encoding="utf-8")
    print(text)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
