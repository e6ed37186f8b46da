"""Run one build and measure it with the processes it forks: ``python -m bench.launcher OUT CMD…``.

The harness starts this small launcher (standard library only, about 10 MB) in a session of its
own; it spawns the build, waits for it with ``os.wait4`` and writes JSON to OUT:

- ``seconds``: wall time from spawn to exit;
- ``cpu``: user + system CPU time of the build and of every process it forked and waited for
  (``getrusage(RUSAGE_CHILDREN)`` of the launcher after the wait: a forked renderer's or
  reader's time is in it);
- ``maxrss_kb``: ``ru_maxrss`` from ``wait4``, the largest resident set of the build process or
  of one of its children, whichever was larger (the figure earlier runs reported);
- ``hwm_sum_kb``: the sum over the build and its children of each one's peak resident set
  (``VmHWM``), read from /proc every 10 ms: parent and child memory together. Children share
  the parent's pages copy-on-write, so this counts shared pages twice (an upper bound);
- ``pss_peak_kb``: the largest sum of proportional set sizes (``Pss``, shared pages divided
  between the processes sharing them) seen at once, read every 50 ms: what they used together;
- ``processes``: how many processes the build ran (itself included).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time


def _session_members(session: int, skip: int) -> list[int]:
    """The processes of ``session`` except ``skip`` (the launcher itself)."""
    members = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == skip:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # after "pid (comm)": state ppid pgrp session
            members.append(int(name))
    return members


def _field_kb(path: str, key: bytes) -> int | None:
    """The figure of the ``key`` line ("Pss:   123 kB") of a /proc file; None if unreadable."""
    try:
        with open(path, "rb") as lines:
            for line in lines:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Sampler(threading.Thread):
    """Reads the memory of every process of the launcher's session until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.session = os.getsid(0)
        self.me = os.getpid()
        self.hwm: dict[int, int] = {}
        self.pss_peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self.stopped.is_set():
            members = _session_members(self.session, self.me)
            for pid in members:
                peak = _field_kb(f"/proc/{pid}/status", b"VmHWM:")
                if peak is not None:
                    self.hwm[pid] = max(self.hwm.get(pid, 0), peak)
            if tick % 5 == 0:
                pss = (_field_kb(f"/proc/{pid}/smaps_rollup", b"Pss:") or 0 for pid in members)
                self.pss_peak = max(self.pss_peak, sum(pss))
            tick += 1
            # A relative sleep, not Event.wait(timeout): under faketime (make test-dates) a
            # timed wait's deadline is computed on the faked clock and may never come.
            time.sleep(0.01)


def main() -> int:
    """Spawn the build, measure it, write the JSON; exit with the build's status."""
    result, command = sys.argv[1], sys.argv[2:]
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result, "w") as out:
        json.dump(
            {
                "seconds": seconds,
                "cpu": children.ru_utime + children.ru_stime,
                "maxrss_kb": usage.ru_maxrss,
                "hwm_sum_kb": sum(sampler.hwm.values()) or usage.ru_maxrss,
                "pss_peak_kb": sampler.pss_peak,
                "processes": len(sampler.hwm),
                "status": status,
            },
            out,
        )
    return os.waitstatus_to_exitcode(status) & 0xFF


if __name__ == "__main__":
    raise SystemExit(main())
