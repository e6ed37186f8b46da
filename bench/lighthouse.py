"""Lighthouse scores (mobile preset, Debian's Chromium) of the sample site served with gzip.

``make lighthouse`` runs it: it builds the sample ward, serves it over http with gzip (as any web
server does), runs Lighthouse on the home page, the catalogue, a procedure and the search page,
and writes ``bench/results/lighthouse.json`` and ``lighthouse.md``. A benchmark, not a test:
scores move with the machine's load, so nothing fails on them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
LIGHTHOUSE = REPO / ".tools" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "Trang chủ": "index.html",
    "Danh mục thủ tục": "thu-tuc/index.html",
    "Thủ tục đăng ký khai sinh": "thu-tuc/1.001193/index.html",
    "Tìm kiếm": "tim-kiem/index.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser asks for it (as nginx's gzip_static)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in _COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """A finished response body that ``SimpleHTTPRequestHandler`` can copy and close."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(site: Path) -> Path:
    """The sample ward's site, built into ``site``."""
    from generator.project import Project, load_project
    from generator.site.build import build_site

    project = Project(REPO)
    result = load_project(project)
    assert result.content is not None
    return build_site(project, result.content, site).site_dir


def audit(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse on one URL; the four category scores out of 100."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    scores["cls_milli"] = round(
        1000 * data["audits"]["cumulative-layout-shift"].get("numericValue", 0)
    )
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        scores[f"{metric}_ms"] = round(data["audits"][metric].get("numericValue", 0))
    return scores


def main() -> int:
    """Build, serve, audit the four pages, write the results."""
    if not LIGHTHOUSE.exists():
        print("Thiếu Lighthouse: chạy `make lighthouse`.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        site = build(Path(folder) / "site")
        handler = functools.partial(GzipHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results: dict[str, dict[str, Any]] = {}
        try:
            for name, path in PAGES.items():
                results[name] = {"path": path, **audit(base + path, Path(folder) / "report.json")}
        finally:
            server.shutdown()
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(
        json.dumps({"lighthouse": version, "preset": "mobile", "pages": results}, indent=2) + "\n",
        encoding="utf-8",
    )
    lines = [
        f"# Lighthouse {version}, mobile preset, Debian Chromium, served with gzip",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | CLS | FCP | LCP | TBT |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, scores in results.items():
        lines.append(
            f"| {name} (`{scores['path']}`) | {scores['performance']} | "
            f"{scores['accessibility']} | {scores['best-practices']} | {scores['seo']} | "
            f"{scores['cls_milli'] / 1000:.3f} | {scores['first-contentful-paint_ms']} ms | "
            f"{scores['largest-contentful-paint_ms']} ms | {scores['total-blocking-time_ms']} ms |"
        )
    lines += [
        "",
        "Lighthouse simulates a slow phone by scaling the CPU time it measures: on a busy machine",
        "(the shared 2-core build machine) total blocking time and performance move by 10 points",
        "from run to run. Accessibility, best practices, SEO and CLS do not.",
    ]
    (RESULTS / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
