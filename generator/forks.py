"""Run work in a forked process, so that loading and building use both cores.

The child inherits the parent's memory copy-on-write (nothing is pickled on the way in) and
hands its results back through a temporary file, one pickled item at a time.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


def can_fork() -> bool:
    """Whether this platform can fork (Linux, macOS) and has a second core to use."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class ChildFailed(Exception):
    """A forked child stopped with an error; the message says what it was."""


@dataclass(frozen=True)
class _Failure:
    message: str


def run_in_child(produce: Callable[[], Iterable[Any]]) -> Callable[[], Iterator[Any]]:
    """Fork; the child writes what ``produce`` yields to a temporary file and exits.

    Returns a function that waits for the child and yields the items back one at a time
    (raising ``ChildFailed`` if the child failed): items are pickled one by one, so the parent
    never holds all of them twice, as bytes and as objects.
    """
    handle, name = tempfile.mkstemp(prefix="congkhai-", suffix=".pickle")
    # Flush before forking, or text buffered in the parent would be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        with os.fdopen(handle, "wb") as out:
            try:
                for item in produce():
                    pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as failure:
                text = (
                    str(failure)
                    if isinstance(failure, ChildFailed)
                    else "".join(traceback.format_exception_only(failure)).strip()
                )
                pickle.dump(_Failure(text), out)
                code = 1
        # Leave without running the parent's cleanup (atexit, temporary folders, pytest).
        os._exit(code)
    os.close(handle)

    def collect() -> Iterator[Any]:
        try:
            _, status = os.waitpid(pid, 0)
            with open(name, "rb") as data:
                while True:
                    try:
                        item = pickle.load(data)
                    except EOFError:
                        break
                    if isinstance(item, _Failure):
                        raise ChildFailed(item.message)
                    yield item
            if os.waitstatus_to_exitcode(status) != 0:
                raise ChildFailed("tiến trình song song dừng bất thường")
        finally:
            os.unlink(name)

    return collect
