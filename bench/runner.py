"""Run one build in its own process and measure its wall time, CPU time and memory.

Linux starts a child's ``ru_maxrss`` at the high-water mark of the memory it ran in before
``exec``: a child of the harness would report at least the harness's own peak (e.g. after it
read a 200 MB search index). So every build is started by a small launcher process, whose
own memory (about 10 MB) is the only floor under the build's figure; the launcher waits for
the build with ``os.wait4`` and hands back its wall time, the CPU time of the build and of
the processes it forked, and the memory of all of them (``bench/launcher.py``) as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).with_name("launcher.py")
"""Runs the build, waits for it and writes what it measured as JSON (see its docstring)."""


@dataclass(frozen=True)
class Outcome:
    """How a measured build ended."""

    status: str
    """"ok", "timeout" or "error"."""
    seconds: float
    cpu_seconds: float | None
    """User + system CPU time of the build: less sensitive than wall time to other load."""
    peak_mb: float | None
    """The build's ru_maxrss: the largest resident set of the build or of one child, MiB."""
    returncode: int | None
    peak_sum_mb: float | None = None
    """Each process's peak resident set (the build and what it forked), added up, MiB."""
    pss_mb: float | None = None
    """The largest proportional set size of the build and its children at once, MiB."""
    processes: int | None = None
    """How many processes the build ran, itself included."""


def run_measured(
    command: list[str],
    *,
    log: Path,
    cwd: Path,
    timeout: float | None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """Run ``command`` with output to ``log``; kill it (and its group) after ``timeout`` s."""
    log.parent.mkdir(parents=True, exist_ok=True)
    result_file = log.with_suffix(".rusage.json")
    result_file.unlink(missing_ok=True)
    timed_out = threading.Event()
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(result_file), *command],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            process.wait()
        finally:
            if timer:
                timer.cancel()
        seconds = time.perf_counter() - started
    if timed_out.is_set():
        return Outcome("timeout", seconds, None, None, None)
    try:
        measured = json.loads(result_file.read_text())
    except (OSError, ValueError):
        return Outcome("error", seconds, None, None, process.returncode)
    returncode = os.waitstatus_to_exitcode(measured["status"])
    return Outcome(
        "ok" if returncode == 0 else "error",
        measured["seconds"],
        measured["cpu"],
        measured["maxrss_kb"] / 1024,  # Linux reports kilobytes
        returncode,
        measured["hwm_sum_kb"] / 1024,
        measured["pss_peak_kb"] / 1024 or None,
        measured["processes"],
    )


def log_tail(log: Path, lines: int = 15) -> str:
    """The last lines of a build log, to show why a build failed."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
