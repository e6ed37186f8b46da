"""``python -m bench``: generate synthetic wards, build each with every builder, report."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.builders import BUILDERS, Builder, Workspace
from bench.machine import describe_machine, source_digest
from bench.measure import MB, procedure_page_stats, site_bytes
from bench.report import (
    RunResult,
    growth,
    growth_table,
    load_results,
    machine_line,
    ratios_table,
    results_table,
    sort_results,
    targets,
    targets_table,
    write_results,
)
from bench.runner import log_tail, run_measured

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "200,1000,2000,5000"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be numbers, got {text!r}") from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sorted(set(sizes))


def _builders(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in BUILDERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown builder(s) {unknown}; choose from {','.join(BUILDERS)}"
        )
    return names


def _skips(text: str) -> set[tuple[str, int]]:
    skips: set[tuple[str, int]] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, size = part.partition("@")
        if name not in BUILDERS or not size.isdigit():
            raise argparse.ArgumentTypeError(f"--skip wants builder@size, got {part!r}")
        skips.add((name, int(size)))
    return skips


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Build synthetic wards with congkhai, plain MkDocs-Material (default nav and "
        "not_in_nav) and a Markdown+Jinja floor; measure time, memory and output sizes.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=_sizes(DEFAULT_SIZES),
        help=f"procedures per ward, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument(
        "--builders",
        type=_builders,
        default=list(BUILDERS),
        help=f"builders to run, comma-separated (default {','.join(BUILDERS)})",
    )
    parser.add_argument(
        "--skip",
        type=_skips,
        default=set(),
        help="builder@size pairs to leave out, e.g. material@5000 (recorded as skipped)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800.0,
        help="seconds one build may take before it is killed and recorded as timeout "
        "(default 1800; 0 = no limit)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="builds per builder and size; time is the median, memory the maximum (default 1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic text")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated projects, Markdown docs, built sites and logs",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="folder for generated wards and sites (default: a new temporary folder)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "bench" / "results",
        help="folder for the results (default bench/results)",
    )
    parser.add_argument(
        "--name", default="latest", help="results file stem: <out>/<name>.json, .md"
    )
    parser.add_argument(
        "--experience-size",
        type=int,
        default=2000,
        help="ward size at which to measure search and page weight in Chromium and the live "
        "preview's update time (default 2000; 0 = skip)",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the results of <out>/<name>.json for the builder and size pairs this run "
        "does not build (e.g. re-run congkhai alone without re-running Material)",
    )
    return parser.parse_args(argv)


def prepare_ward(ws: Workspace, size: int, seed: int) -> dict[str, Any]:
    """Generate and validate one ward in a child process; stop the run if it is invalid."""
    command = [sys.executable, "-m", "bench.prepare", str(REPO), str(ws.root), str(size)]
    done = subprocess.run(
        [*command, str(seed)], cwd=REPO, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        _say(done.stderr.rstrip())
        raise SystemExit(f"could not make the synthetic ward of {size} procedures (see above)")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def run_builder(
    builder: Builder, ws: Workspace, size: int, *, repeat: int, timeout: float | None, keep: bool
) -> RunResult:
    # Keep the site: the caller may measure it in Chromium before removing it.
    """Build ``repeat`` times in fresh processes, then measure the last site."""
    env = {**os.environ, "CONGKHAI_DEBUG": "1"}
    site = ws.site(builder.name)
    digest = source_digest(REPO)
    measured_at = datetime.now().astimezone().isoformat(timespec="seconds")
    outcomes = []
    load_before = os.getloadavg()[0]
    for attempt in range(1, repeat + 1):
        shutil.rmtree(site, ignore_errors=True)
        log = ws.log(builder.name, attempt)
        outcome = run_measured(builder.command(ws), log=log, cwd=REPO, timeout=timeout, env=env)
        outcomes.append(outcome)
        if outcome.status != "ok":
            result = RunResult(size, builder.name, builder.label, outcome.status)
            result.seconds_all = [round(o.seconds, 3) for o in outcomes]
            result.returncode = outcome.returncode
            result.load_before = load_before
            result.source_digest = digest
            result.measured_at = measured_at
            result.error = log_tail(log) if outcome.status == "error" else ""
            shutil.rmtree(site, ignore_errors=True)
            return result
    total, html = site_bytes(site)
    pages = procedure_page_stats(site, builder.procedure_glob)
    search = builder.search(site)
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
    return RunResult(
        size=size,
        builder=builder.name,
        label=builder.label,
        status="ok",
        seconds=round(statistics.median(o.seconds for o in outcomes), 3),
        seconds_all=[round(o.seconds, 3) for o in outcomes],
        cpu_seconds=round(statistics.median(o.cpu_seconds or 0.0 for o in outcomes), 3),
        load_before=round(load_before, 2),
        peak_mb=round(max(o.peak_mb or 0.0 for o in outcomes), 1),
        peak_sum_mb=round(max(o.peak_sum_mb or 0.0 for o in outcomes), 1),
        pss_mb=round(max(o.pss_mb or 0.0 for o in outcomes), 1),
        processes=max(o.processes or 0 for o in outcomes),
        site_mb=round(total / MB, 2),
        html_files=html,
        procedure_pages=pages.count,
        html_median_kb=round(pages.median_kb, 1),
        html_max_kb=round(pages.max_kb, 1),
        search_kb=round(search.kb, 1),
        search_gzip_kb=round(search.gzip_kb, 1),
        search_note=search.note,
        search_files=search.files,
        returncode=0,
        source_digest=digest,
        measured_at=measured_at,
    )


EXPERIENCED = ("congkhai", "material-not-in-nav")
"""Builders whose site is opened in Chromium at the experience size."""


def measure_experience(ws: Workspace, size: int, builders: list[str]) -> dict[str, Any]:
    """Search and page weight in Chromium, and the live preview's update time."""
    from bench.browser import markdown_table, measure_site
    from bench.preview import measure_preview

    browser: dict[str, Any] = {}
    for name in EXPERIENCED:
        if name in builders and ws.site(name).is_dir():
            _say(f"[{size}] {BUILDERS[name].label}: measuring in Chromium…")
            if name == "congkhai":
                browser[name] = measure_site(ws.site(name), "congkhai")
            else:
                browser[name] = measure_site(ws.site(name), "material")
    experience: dict[str, Any] = {"size": size, "browser": browser}
    parts = [f"## What people wait for ({size:,} procedures)", ""]
    if len(browser) == len(EXPERIENCED):
        parts += [markdown_table(browser["congkhai"], browser["material-not-in-nav"]), ""]
    if "congkhai" in builders:
        _say(f"[{size}] congkhai serve: timing updates after an edit…")
        preview = measure_preview(ws.root / "project")
        experience["preview"] = preview
        parts += [
            f"`congkhai serve`: first build {preview['first_build_seconds']} s; after editing "
            f"one procedure file, the preview is updated in {preview['update_seconds_median']} s "
            f"(median of {len(preview['update_seconds'])}; "
            f"{preview['pages_written_per_update'][0]} pages re-rendered).",
        ]
    experience["markdown"] = "\n".join(parts)
    return experience


def _describe(result: RunResult) -> str:
    if result.status != "ok":
        return result.status
    return (
        f"{result.seconds:.1f} s ({result.cpu_seconds:.1f} s CPU, load before "
        f"{result.load_before:.1f}), {result.peak_sum_mb:.0f} MB peak of "
        f"{result.processes} processes (PSS {result.pss_mb:.0f} MB), site {result.site_mb:.1f} MB, "
        f"median page {result.html_median_kb:.1f} KB, search {result.search_kb:.1f} KB"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the results; 0 when every requested build finished."""
    args = parse_args(argv)
    timeout = args.timeout or None
    work = args.work or Path(tempfile.mkdtemp(prefix="congkhai-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    machine = describe_machine(REPO)
    options = {
        "sizes": args.sizes,
        "builders": args.builders,
        "skip": sorted(f"{name}@{size}" for name, size in args.skip),
        "timeout": timeout,
        "repeat": args.repeat,
        "seed": args.seed,
        "merge": args.merge,
    }
    _say(f"Machine: {machine_line(machine)}")
    _say(f"Work folder: {work}")
    results: list[RunResult] = []
    wards: dict[int, dict[str, Any]] = {}
    kept: list[RunResult] = []
    kept_wards: dict[int, dict[str, Any]] = {}
    experience: dict[str, Any] = {}
    if args.merge:
        kept, kept_wards = load_results(args.out / f"{args.name}.json")
        earlier = args.out / f"{args.name}.json"
        if earlier.is_file():
            experience.update(json.loads(earlier.read_text(encoding="utf-8")).get("experience", {}))
        _say(f"Merging into {args.out / args.name}.json ({len(kept)} earlier results)")

    def save() -> tuple[Path, Path]:
        # A pair skipped this time keeps its earlier result, if there is one.
        earlier = {(r.size, r.builder) for r in kept}
        fresh = [r for r in results if r.status != "skipped" or (r.size, r.builder) not in earlier]
        done = {(r.size, r.builder) for r in fresh}
        merged = [r for r in kept if (r.size, r.builder) not in done] + fresh
        for size, ward in wards.items():
            earlier = kept_wards.get(size, {}).get("corpus", {}).get("digest")
            if earlier and earlier != ward["corpus"]["digest"]:
                _say(
                    f"warning: the {size}-procedure ward's sample text changed since the kept runs"
                )
        all_wards = {**kept_wards, **wards}
        ordered = sort_results(merged, list(BUILDERS))
        return write_results(args.out, args.name, ordered, machine, all_wards, options, experience)

    try:
        for size in args.sizes:
            ws = Workspace(work / f"ward-{size}")
            started = time.perf_counter()
            wards[size] = prepare_ward(ws, size, args.seed)
            ward = wards[size]
            earlier = kept_wards.get(size, {}).get("corpus", {}).get("digest")
            if earlier and earlier != ward["corpus"]["digest"]:
                _say(f"warning: the sample text behind the {size}-procedure ward has changed")
            _say(
                f"[{size}] ward ready in {time.perf_counter() - started:.1f} s: "
                f"{ward['yaml_bytes'] / MB:.1f} MB YAML, "
                f"{ward['text_bytes_mean'] / 1024:.1f} KB text/procedure, "
                f"{ward['fields']} fields, check {ward['check_seconds']} s"
            )
            for name in args.builders:
                builder = BUILDERS[name]
                if (name, size) in args.skip:
                    results.append(RunResult(size, name, builder.label, "skipped"))
                    _say(f"[{size}] {builder.label}: skipped")
                    continue
                _say(f"[{size}] {builder.label}: building…")
                keep_site = args.keep or (size == args.experience_size and name in EXPERIENCED)
                result = run_builder(
                    builder, ws, size, repeat=args.repeat, timeout=timeout, keep=keep_site
                )
                results.append(result)
                _say(f"[{size}] {builder.label}: {_describe(result)}")
                if result.error:
                    _say(result.error)
            if size == args.experience_size:
                experience.update(measure_experience(ws, size, args.builders))
            save()
            if not args.keep:
                shutil.rmtree(ws.root, ignore_errors=True)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    machine["load_average_end"] = list(os.getloadavg())
    json_path, md_path = save()
    shown, _ = load_results(json_path)
    print(results_table(shown))
    print()
    print(ratios_table(shown))
    if growth(shown):
        print()
        print(growth_table(shown))
    print()
    print(targets_table(targets(shown, experience)))
    print()
    print(f"Written: {json_path}, {md_path}")
    return 0 if all(r.status in ("ok", "skipped") for r in results) else 1
