"""``congkhai serve``: a live preview that rebuilds when a YAML file changes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable

from generator.content import Project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("timed out")


def _home(url: str) -> str:
    try:
        with urllib.request.urlopen(url + "index.html", timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_preview_rebuilds_when_content_changes_and_survives_errors(project: Project) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "-C",
            str(project.root),
            "serve",
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_for(lambda: "Ủy ban nhân dân phường Hòa An" in _home(url))
        config = project.config_file.read_text(encoding="utf-8")
        project.config_file.write_text(
            config.replace(
                "authority: Ủy ban nhân dân phường Hòa An", "authority: UBND phường Thử Nghiệm"
            ),
            encoding="utf-8",
        )
        _wait_for(lambda: "UBND phường Thử Nghiệm" in _home(url))
        plan = project.content_dir / "plan" / "2026.yml"
        plan.write_text(
            plan.read_text(encoding="utf-8").replace("date: 20/01/2026", "date: 32/01/2026"),
            encoding="utf-8",
        )
        time.sleep(3)
        assert "UBND phường Thử Nghiệm" in _home(url), "the last good preview stays up"
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    assert re.search(
        r"^content/plan/2026\.yml:\d+:7: date: "
        r'ngày này không có trong lịch, nhận được "32/01/2026"$',
        output,
        re.MULTILINE,
    ), output
    assert "Bản xem trước chưa được cập nhật" in output
    assert "Traceback" not in output
