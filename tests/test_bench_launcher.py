"""The benchmark's launcher counts the processes a build forks: their CPU time and memory."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.runner import run_measured

FORKING_BUILD = """
import os, resource
pid = os.fork()
if pid == 0:
    held = bytearray(60 << 20)
    for i in range(0, len(held), 4096):
        held[i] = 1  # touch every page: resident, not only reserved
    # getrusage, not time.process_time: faketime (make test-dates) moves the clocks, not this.
    while sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) < 0.3:
        pass
    os._exit(0)
os.waitpid(pid, 0)
"""
"""A parent that forks a child holding 60 MB and using 0.3 s of CPU, and waits for it."""


def test_cpu_and_memory_of_a_forked_child_are_counted(tmp_path: Path) -> None:
    outcome = run_measured(
        [sys.executable, "-c", FORKING_BUILD], log=tmp_path / "build.log", cwd=tmp_path, timeout=60
    )
    assert outcome.status == "ok"
    assert outcome.processes == 2
    assert outcome.cpu_seconds is not None and outcome.cpu_seconds >= 0.3
    # The child alone holds 60 MB; the parent's own peak comes on top of it.
    assert outcome.peak_mb is not None and outcome.peak_mb >= 60
    assert outcome.peak_sum_mb is not None and outcome.peak_sum_mb >= outcome.peak_mb + 5
    assert outcome.pss_mb is not None and outcome.pss_mb >= 60
