"""Profile one congkhai build of a synthetic ward: where the time and the memory go.

Usage: ``python -m bench.profile --size 2000 [--memory]``. Generates the ward, then loads and
builds it in this process three times and writes ``bench/results/profile-<size>.txt``: a plain
pass (real time and memory high-water mark of each phase), a pass under cProfile (the top
functions by cumulative and by own time) and, with ``--memory``, a pass under tracemalloc
(Python heap peaks, and the source lines holding memory at the peak of loading and after it).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import logging
import pstats
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.corpus import load_corpus
from bench.machine import describe_machine
from bench.report import machine_line
from bench.synth import write_ward
from generator.project import Project, load_project
from generator.site.build import build_site

REPO = Path(__file__).resolve().parent.parent


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, MiB."""
    current = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            current = int(line.split()[1]) / 1024
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _top(profile: cProfile.Profile, key: str, count: int) -> str:
    stream = io.StringIO()
    stats = pstats.Stats(profile, stream=stream)
    stats.strip_dirs().sort_stats(key).print_stats(count)
    text = stream.getvalue()
    # Keep the table, not pstats' preamble of blank lines.
    return text[text.index("   ncalls") :].rstrip() if "   ncalls" in text else text


def _top_code(profile: cProfile.Profile, count: int) -> str:
    """Top functions by cumulative time, without template frames and ``str.join``.

    Jinja templates show as nested ``*.html:N(root)`` / ``block_*`` frames that each hold
    nearly all of the render time; hiding them leaves the Python functions that cost it.
    """
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.items():
        if filename.endswith(".html") or name == "<method 'join' of 'str' objects>":
            continue
        where = f"{'/'.join(Path(filename).parts[-2:])}:{line}({name})" if line else name
        rows.append((cumulative, own, calls, where))
    rows.sort(reverse=True)
    lines = ["   cumtime  tottime    ncalls  function"]
    lines += [
        f"{cumulative:10.3f} {own:8.3f} {calls:9d}  {where}"
        for cumulative, own, calls, where in rows[:count]
    ]
    return "\n".join(lines)


def _by_file(snapshot: tracemalloc.Snapshot, count: int) -> str:
    lines = []
    for stat in snapshot.statistics("lineno")[:count]:
        frame = stat.traceback[0]
        where = "/".join(Path(frame.filename).parts[-2:])
        lines.append(
            f"{stat.size / 1024 / 1024:9.1f} MiB {stat.count:9d} blocks  {where}:{frame.lineno}"
        )
    return "\n".join(lines)


def plain_time(project: Project, site: Path) -> list[str]:
    """Load and build without instrumentation: the real time and memory of each phase."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    started = time.perf_counter()
    result = load_project(project)
    loaded = time.perf_counter() - started
    rss_loaded = _rss_mb()
    if result.content is None:
        raise SystemExit("the synthetic ward does not pass congkhai check")
    started = time.perf_counter()
    build_site(project, result.content, site)
    built = time.perf_counter() - started
    rss_built = _rss_mb()
    return [
        "Without instrumentation (first pass, fresh process):",
        f"  load_project {loaded:.1f} s, RSS after {rss_loaded[0]:.0f} MiB, "
        f"peak {rss_loaded[1]:.0f} MiB",
        f"  build_site   {built:.1f} s, RSS after {rss_built[0]:.0f} MiB, "
        f"peak {rss_built[1]:.0f} MiB",
    ]


def profile_time(project: Project, site: Path, count: int) -> list[str]:
    """Load and build under cProfile; the report's timing sections."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    result = load_project(project)
    profiler.disable()
    loaded = time.perf_counter() - started
    if result.content is None:
        raise SystemExit("the synthetic ward does not pass congkhai check")
    started = time.perf_counter()
    profiler.enable()
    build_site(project, result.content, site)
    profiler.disable()
    built = time.perf_counter() - started
    return [
        "Under cProfile (second pass; pure-Python code is slowed most):",
        f"  load_project {loaded:.1f} s, build_site {built:.1f} s",
        "",
        f"Top {count} functions by cumulative time (load + build; Jinja template frames and "
        "str.join hidden):",
        "",
        _top_code(profiler, count),
        "",
        f"Top {count} by cumulative time as pstats prints it (templates included):",
        "",
        _top(profiler, "cumulative", count),
        "",
        f"Top {count} functions by own time:",
        "",
        _top(profiler, "tottime", count),
    ]


class _Phases:
    """Heap peak during, and heap after, each MkDocs page step and congkhai plugin event."""

    def __init__(self) -> None:
        self.peak: dict[str, int] = {}
        self.after: dict[str, int] = {}
        self.calls: dict[str, int] = {}
        self.snapshot: tracemalloc.Snapshot | None = None
        self.snapshot_where = ""
        self._outer_peak = 0

    def _wrap(self, name: str, original: Any) -> Any:
        def step(*args: Any, **kwargs: Any) -> Any:
            # tracemalloc has one peak: keep the outer one while measuring this call's own.
            self._outer_peak = max(self._outer_peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.reset_peak()
            try:
                return original(*args, **kwargs)
            finally:
                current, peak = tracemalloc.get_traced_memory()
                self.peak[name] = max(self.peak.get(name, 0), peak)
                self.after[name] = max(self.after.get(name, 0), current)
                self.calls[name] = self.calls.get(name, 0) + 1
                self._outer_peak = max(self._outer_peak, peak)
                if self.calls[name] == 1 and current == max(self.after.values()):
                    self.snapshot, self.snapshot_where = tracemalloc.take_snapshot(), name

        return step

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Wrap the steps and events (those this MkDocs and congkhai have) while running."""
        import mkdocs.commands.build as mkdocs_build

        import generator.site.plugin as plugin_module

        targets: list[tuple[Any, str]] = [
            (mkdocs_build, name)
            for name in ("_populate_page", "_build_page")
            if hasattr(mkdocs_build, name)
        ]
        plugin = getattr(plugin_module, "CongkhaiPlugin", None)
        if plugin is not None:
            targets += [(plugin, name) for name in vars(plugin) if name.startswith("on_")]
        originals = [(owner, name, getattr(owner, name)) for owner, name in targets]
        for owner, name, original in originals:
            setattr(owner, name, self._wrap(name, original))
        try:
            yield
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)

    def table(self) -> str:
        """One line per step or event, largest peak first."""
        rows = sorted(self.peak, key=lambda name: -self.peak[name])
        return "\n".join(
            f"{self.peak[name] / 1024 / 1024:9.1f} MiB peak {self.after[name] / 1024 / 1024:9.1f}"
            f" MiB after  {name} ({self.calls[name]} calls)"
            for name in rows
        )


class _Sampler:
    """A thread that snapshots the traced heap whenever it grew 10% past the last snapshot.

    It catches transient peaks no hook sees, and notes what the main thread was doing then.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.size = 0
        self.snapshot: tracemalloc.Snapshot | None = None
        self.stack: list[str] = []
        self._stop = threading.Event()
        self._main = threading.main_thread().ident

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            current = tracemalloc.get_traced_memory()[0]
            if current > max(self.size * 1.10, 32 * 1024 * 1024):
                frame = sys._current_frames().get(self._main or 0)
                self.snapshot = tracemalloc.take_snapshot()
                self.size = tracemalloc.get_traced_memory()[0]
                self.stack = [
                    f"{'/'.join(Path(f.filename).parts[-2:])}:{f.lineno} {f.name}"
                    for f in (traceback.extract_stack(frame) if frame else [])
                    if "/bench/" not in f.filename
                ][-8:]

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Sample while the block runs."""
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        try:
            yield
        finally:
            self._stop.set()
            thread.join()


def profile_memory(project: Project, site: Path, count: int) -> list[str]:
    """Load and build under tracemalloc; the report's memory sections.

    Besides the heap after loading (the validated content that the build keeps), a snapshot
    is taken inside ``load_project`` when it runs the cross-file checks: the moment every
    file's parsed document is still alive, which is where loading peaks.
    """
    import generator.project as project_module

    at_peak: list[tracemalloc.Snapshot] = []
    original = getattr(project_module, "cross_file_problems", None)
    if original is not None:

        def snapshot_then_check(*args: Any, **kwargs: Any) -> Any:
            at_peak.append(tracemalloc.take_snapshot())
            return original(*args, **kwargs)

        project_module.cross_file_problems = snapshot_then_check  # type: ignore[attr-defined]
    tracemalloc.start()
    try:
        result = load_project(project)
    finally:
        if original is not None:
            project_module.cross_file_problems = original  # type: ignore[attr-defined]
    load_current, load_peak = (value / 1024 / 1024 for value in tracemalloc.get_traced_memory())
    loaded = tracemalloc.take_snapshot()
    if result.content is None:
        raise SystemExit("the synthetic ward does not pass congkhai check")
    tracemalloc.reset_peak()
    phases = _Phases()
    sampler = _Sampler()
    with phases.watching(), sampler.running():
        build_site(project, result.content, site)
    build_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    lines = [
        f"Python heap (tracemalloc): peak during load_project {load_peak:.0f} MiB, "
        f"{load_current:.0f} MiB kept after it (the validated content); "
        f"peak during build_site {build_peak:.0f} MiB",
    ]
    if at_peak:
        lines += [
            "",
            f"Top {count} source lines holding memory inside load_project, at the cross-file "
            "checks (every parsed document still alive):",
            "",
            _by_file(at_peak[0], count),
        ]
    lines += [
        "",
        f"Top {count} source lines holding memory after load_project:",
        "",
        _by_file(loaded, count),
    ]
    lines += [
        "",
        "Python heap during build_site, by MkDocs page step and congkhai plugin event "
        "(largest peak during one call; largest heap right after one):",
        "",
        phases.table(),
    ]
    if sampler.snapshot is not None:
        lines += [
            "",
            f"Top {count} source lines holding memory at build_site's sampled high-water mark "
            f"({sampler.size / 1024 / 1024:.0f} MiB), while the build was in:",
            "",
            *(f"    {frame}" for frame in sampler.stack),
            "",
            _by_file(sampler.snapshot, count),
        ]
    if phases.snapshot is not None:
        lines += [
            "",
            f"Top {count} source lines holding memory after the first {phases.snapshot_where} "
            "(the step that left the most behind):",
            "",
            _by_file(phases.snapshot, count),
        ]
    return lines


def main() -> None:
    """Command line entry of the profiler."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--size", type=int, default=2000, help="procedures (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic text")
    parser.add_argument("--top", type=int, default=15, help="rows per table (default 15)")
    parser.add_argument("--memory", action="store_true", help="add a tracemalloc pass")
    parser.add_argument(
        "--out", type=Path, default=REPO / "bench" / "results", help="results folder"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="congkhai-profile-"))
    try:
        corpus = load_corpus(REPO / "content" / "procedures")
        stats = write_ward(REPO, work / "project", args.size, corpus, args.seed)
        project = Project(work / "project")
        lines = [
            f"congkhai build profile, {args.size} procedures "
            f"({stats.yaml_bytes / 1024 / 1024:.1f} MiB YAML, "
            f"{stats.text_bytes_mean / 1024:.1f} KiB text per procedure)",
            f"Machine: {machine_line(describe_machine(REPO))}",
            "",
            *plain_time(project, work / "site"),
            "",
        ]
        shutil.rmtree(work / "site", ignore_errors=True)
        lines += profile_time(project, work / "site", args.top)
        if args.memory:
            shutil.rmtree(work / "site", ignore_errors=True)
            lines += ["", *profile_memory(project, work / "site", args.top)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"profile-{args.size}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
