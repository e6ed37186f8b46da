"""``congkhai serve``: a live preview that rebuilds when a YAML file changes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import IO

from generator.project import Project
from generator.site.serve import Preview

from .conftest import edit_file, free_port, poll_until


def _home(url: str) -> str:
    try:
        with urllib.request.urlopen(url + "index.html", timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_preview_rebuilds_when_content_changes_and_survives_errors(project: Project) -> None:
    port = free_port()
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
    # What the preview prints, read as it comes: its messages are the events waited for.
    lines: list[str] = []

    def read(stream: IO[str]) -> None:
        for line in stream:
            lines.append(line)

    assert server.stdout is not None
    reader = threading.Thread(target=read, args=(server.stdout,), daemon=True)
    reader.start()
    try:
        poll_until(lambda: "Ủy ban nhân dân phường Hòa An" in _home(url), "the preview", 30)
        edit_file(
            project.config_file,
            "authority: Ủy ban nhân dân phường Hòa An",
            "authority: UBND phường Thử Nghiệm",
        )
        poll_until(lambda: "UBND phường Thử Nghiệm" in _home(url), "the rebuilt preview", 30)
        edit_file(project.content_dir / "plan" / "2026.yml", "date: 20/01/2026", "date: 32/01/2026")
        poll_until(
            lambda: any("Bản xem trước chưa được cập nhật" in line for line in lines),
            "the preview to report the bad date",
            30,
        )
        assert "UBND phường Thử Nghiệm" in _home(url), "the last good preview stays up"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        reader.join(timeout=20)
    output = "".join(lines)
    assert re.search(
        r"^content/plan/2026\.yml:\d+:7: date: "
        r'ngày này không có trong lịch, nhận được "32/01/2026"$',
        output,
        re.MULTILINE,
    ), output
    assert "Traceback" not in output


# --- Re-rendering only what changed ---------------------------------------------------------


def _preview(project: Project, tmp: Path) -> Preview:
    preview = Preview(project, tmp / "preview", strict=False)
    _, written, _ = preview.rebuild()
    assert written is not None and written > 50
    return preview


def test_editing_one_procedure_re_renders_only_the_pages_that_show_it(
    project: Project, tmp_path: Path
) -> None:
    preview = _preview(project, tmp_path)
    site = tmp_path / "preview"
    other = site / "thu-tuc" / "1.004873" / "index.html"
    before = other.stat().st_mtime_ns
    edit_file(
        project.root / "content" / "procedures" / "dang-ky-khai-sinh.yml",
        "name: Thủ tục đăng ký khai sinh",
        "name: Thủ tục đăng ký khai sinh <mới>",
    )
    result, written, _ = preview.rebuild()
    assert result.errors == []
    pages = sum(1 for _ in site.rglob("*.html"))
    assert written is not None and written < pages // 2
    for page in ("thu-tuc/1.001193/index.html", "thu-tuc/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "Thủ tục đăng ký khai sinh &lt;mới&gt;" in html and "<mới>" not in html
    assert "mới" in (site / "tim-kiem" / "chi-muc.js").read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == before, "an unchanged procedure is not rendered again"


def test_a_change_every_page_shows_rebuilds_everything(project: Project, tmp_path: Path) -> None:
    preview = _preview(project, tmp_path)
    edit_file(project.config_file, "name: Phường Hòa An", "name: Phường Hòa An Mới")
    _, written, _ = preview.rebuild()
    site = tmp_path / "preview"
    assert written == sum(1 for _ in site.rglob("*.html"))
    assert "Phường Hòa An Mới" in (site / "thu-tuc/1.004873/index.html").read_text(encoding="utf-8")
    # A new theme template is picked up too: that is a full build as well.
    (project.root / "theme").mkdir()
    (project.root / "theme" / "procedure.html").write_text(
        '{% extends "main.html" %}{% block content %}<p>mẫu riêng</p>{% endblock %}'
    )
    _, written, _ = preview.rebuild()
    assert "mẫu riêng" in (site / "thu-tuc/1.004873/index.html").read_text(encoding="utf-8")


def test_a_content_error_leaves_the_preview_as_it_was(project: Project, tmp_path: Path) -> None:
    preview = _preview(project, tmp_path)
    page = tmp_path / "preview" / "thu-tuc" / "1.001193" / "index.html"
    before = page.read_bytes()
    edit_file(
        project.root / "content" / "procedures" / "dang-ky-khai-sinh.yml", "fee: 0", "fee: 0,5"
    )
    result, written, _ = preview.rebuild()
    assert written is None and result.errors
    assert page.read_bytes() == before
    edit_file(
        project.root / "content" / "procedures" / "dang-ky-khai-sinh.yml", "fee: 0,5", "fee: 0"
    )
    result, written, _ = preview.rebuild()
    assert written is not None and result.errors == []
