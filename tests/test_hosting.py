"""The built site on a real web server (Debian's nginx), as a ward's host would serve it.

nginx runs its workers as ``www-data`` when the tests run as root (as in CI), so a site that
only its owner can read (mode 0700) answers 403 here, as it would on the ward's server.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from generator.project import load_project
from generator.site.build import build_site

from .conftest import copy_project, free_port, wait_for_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_PATH = "/cong-khai/"  # the path of the sample ward's site URL


@dataclass(frozen=True)
class Host:
    """A running nginx serving one built site."""

    origin: str
    site: Path
    root: Path


def _config(root: Path, site: Path, port: int) -> str:
    user = "user www-data www-data;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"  {kind}_temp_path {root}/tmp-{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp}
  gzip on;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml
             text/xml application/xml;
  gzip_min_length 256;
  server {{
    listen 127.0.0.1:{port};
    location {SITE_PATH} {{
      alias {site}/;
      error_page 404 {SITE_PATH}404.html;
    }}
  }}
}}
"""


@pytest.fixture(scope="module")
def host() -> Iterator[Host]:
    """The sample ward built under umask 022 and served by nginx under the site URL's path."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run `make test`, which installs Debian's nginx-light")
    # Not under pytest's tmp folder, which only its owner may enter.
    root = Path(tempfile.mkdtemp(prefix="congkhai-nginx-"))
    root.chmod(0o755)
    project = copy_project(root)
    result = load_project(project)
    assert result.content is not None
    previous = os.umask(0o022)
    try:
        site = build_site(project, result.content, root / "site").site_dir
    finally:
        os.umask(previous)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(_config(root, site, port), encoding="utf-8")
    server = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, server, "nginx")
        yield Host(f"http://127.0.0.1:{port}", site, root)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body as sent (compressed when the server chose gzip)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _text(headers: dict[str, str], sent: bytes) -> str:
    plain = gzip.decompress(sent) if headers.get("Content-Encoding") == "gzip" else sent
    return plain.decode("utf-8")


def _local(host: Host, public_url: str) -> str:
    return host.origin + urlsplit(public_url).path


def test_every_page_of_the_sitemap_is_served(host: Host) -> None:
    status, headers, body = _get(f"{host.origin}{SITE_PATH}sitemap.xml")
    assert status == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.fromstring(_text(headers, body))
    urls = [loc.text or "" for loc in sitemap.findall(".//s:loc", namespace)]
    assert len(urls) > 50
    failed = [(url, code) for url in urls if (code := _get(_local(host, url))[0]) != 200]
    assert failed == []


def test_the_site_is_readable_by_the_web_server_user(host: Host) -> None:
    assert oct(host.site.stat().st_mode & 0o777) == oct(0o755)
    modes = {oct(path.stat().st_mode & 0o777) for path in host.site.rglob("*")}
    assert modes == {oct(0o755), oct(0o644)}


def test_pages_are_sent_compressed_and_their_sizes_recorded(host: Host, output_dir: Path) -> None:
    lines = []
    for name, path in [
        ("trang chủ", "index.html"),
        ("thủ tục 1.001193", "thu-tuc/1.001193/index.html"),
        ("chỉ mục tìm kiếm", "tim-kiem/chi-muc.js"),
    ]:
        status, headers, body = _get(f"{host.origin}{SITE_PATH}{path}")
        assert status == 200, path
        assert headers.get("Content-Encoding") == "gzip", path
        plain = gzip.decompress(body)
        assert plain == (host.site / path).read_bytes()
        lines.append(f"{name}: {len(body):,} B gzip / {len(plain):,} B ({path})")
    report = output_dir / "nginx-gzip.txt"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["khong-co.html", "thu-tuc/9.999999/ho-so/mau/index.html"])
def test_a_missing_address_at_any_depth_gets_the_working_404_page(
    host: Host, browser: Any, missing: str
) -> None:
    from playwright.sync_api import expect

    status, headers, body = _get(f"{host.origin}{SITE_PATH}{missing}")
    assert status == 404
    assert "Không tìm thấy trang" in _text(headers, body)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != url else 0)
    url = f"{host.origin}{SITE_PATH}{missing}"
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    # Styled: Material's and congkhai's stylesheets loaded from the site's root.
    header = page.locator(".md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert failed == []
    # Every link of the page (menu, body, footer) leads to a page that exists.
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for href in {h for h in hrefs if h.startswith(host.origin)}:
        assert _get(href.split("#")[0])[0] == 200, href
    page.get_by_role("link", name="Danh mục thủ tục hành chính").click()
    expect(page).to_have_url(f"{host.origin}{SITE_PATH}thu-tuc/index.html")
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính")
    context.close()
