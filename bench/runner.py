"""Run one build in its own process and measure its wall time and peak memory.

Linux starts a child's ``ru_maxrss`` at the high-water mark of the memory it ran in before
``exec``: a child of the harness would report at least the harness's own peak (e.g. after it
read a 200 MB search index). So every build is started by a small launcher process, whose
own memory (about 10 MB) is the only floor under the build's figure; the launcher waits for
the build with ``os.wait4`` and hands back its wall time and peak memory as JSON.
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

LAUNCHER = """
import json, os, sys, time
result, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawnp(command[0], command, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(result, "w") as out:
    cpu = usage.ru_utime + usage.ru_stime
    json.dump({"seconds": seconds, "cpu": cpu, "maxrss_kb": usage.ru_maxrss, "status": status}, out)
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""
"""Runs the build, waits for it, writes {"seconds", "cpu", "maxrss_kb", "status"} to argv[1]."""


@dataclass(frozen=True)
class Outcome:
    """How a measured build ended."""

    status: str
    """"ok", "timeout" or "error"."""
    seconds: float
    cpu_seconds: float | None
    """User + system CPU time of the build: less sensitive than wall time to other load."""
    peak_mb: float | None
    """The build's ru_maxrss (its largest resident set, descendants included), in MiB."""
    returncode: int | None


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
            [sys.executable, "-c", LAUNCHER, str(result_file), *command],
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
    )


def log_tail(log: Path, lines: int = 15) -> str:
    """The last lines of a build log, to show why a build failed."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
