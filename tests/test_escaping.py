"""Staff content is untrusted input: hostile text must come out as text, never as markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import copy_project, serve_folder

HOSTILE = '</title><script>alert("x")</script><img src=x onerror=alert(1)>&amp;"\''


def _edit(path: Path, change: Any) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_hostile_text_everywhere_is_escaped(project: Project) -> None:
    def site(data: dict[str, Any]) -> None:
        data["ward"]["name"] = data["ward"]["authority"] = HOSTILE
        data["ward"]["service_centre"]["hours"][0]["hours"] = HOSTILE
        data["site"]["notice"] = data["site"]["description"] = HOSTILE

    def procedure(data: dict[str, Any]) -> None:
        data["name"] = data["field"] = data["result"] = data["summary"] = HOSTILE
        data["steps"][0] = HOSTILE
        data["dossier"][0]["note"] = HOSTILE
        data["channels"][0]["fee_note"] = HOSTILE

    def contact(data: dict[str, Any]) -> None:
        data["name"] = data["address"] = data["officers"][0]["role"] = HOSTILE

    def plan(data: dict[str, Any]) -> None:
        data["title"] = data["issuer"] = data["sections"][0]["title"] = HOSTILE
        data["kpis"][0]["name"] = HOSTILE
        data["units"][next(iter(data["units"]))] = HOSTILE
        task = data["sections"][0].get("tasks") or data["sections"][0]["subsections"][0]["tasks"]
        task[0]["content"] = task[0]["deadline"] = task[0]["number"] = HOSTILE
        data["sections"][0]["number"] = HOSTILE

    _edit(project.config_file, site)
    _edit(project.content_dir / "procedures" / "dang-ky-khai-sinh.yml", procedure)
    _edit(project.content_dir / "contacts" / "ubnd-phuong.yml", contact)
    _edit(project.content_dir / "plan" / "2026.yml", plan)
    result = load_project(project)
    assert result.content is not None, result.problems
    built = build_site(project, result.content, project.root / "site").site_dir

    pages = list(built.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # A data block: the hostile text is there as JSON data, with no "<" to end it.
                assert "<" not in script.get_text(), page
                json.loads(script.get_text())
                continue
            assert "alert" not in script.get_text(), page
        for tag in soup.find_all(True):
            assert not any(name.lower().startswith("on") for name in tag.attrs), (page, tag)
        assert "</title><script>" not in html, page
    soup = BeautifulSoup(
        (built / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.h1 is not None and soup.h1.get_text() == HOSTILE
    assert soup.title is not None and HOSTILE in soup.title.get_text()
    home = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert HOSTILE in home.get_text()


PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>',
    "javascript:window.__xss=1",
    "[bấm vào đây](javascript:window.__xss=1)",
    "{{ 7*7 }} {% if true %}lộ mẫu{% endif %}",
    "</title></textarea></style><script>window.__xss=1</script>",
]


def _poison_every_text_field(path: Path, model: Any, payload_at: Any) -> int:
    """Put a payload in every string of ``path`` that the schema still accepts as text."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    count = 0

    def accepts() -> bool:
        try:
            model.model_validate(data)
        except ValueError:
            return False
        return True

    def visit_checked(node: Any) -> None:
        nonlocal count
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, dict | list):
                visit_checked(value)
            elif isinstance(value, str) and key not in ("file", "pdf"):  # paths, checked on disk
                node[key] = payload_at(count)
                if accepts():
                    count += 1
                else:
                    node[key] = value

    visit_checked(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ward with a payload of the corpus in every text field the schema accepts."""
    from generator.schema import Contact, Plan, Procedure

    project = copy_project(tmp_path_factory.mktemp("poisoned"))

    def payload(index: int) -> str:
        return PAYLOADS[index % len(PAYLOADS)]

    poisoned = sum(
        _poison_every_text_field(project.content_dir / relative, model, payload)
        for relative, model in [
            ("procedures/dang-ky-khai-sinh.yml", Procedure),
            ("contacts/ubnd-phuong.yml", Contact),
            ("plan/2026.yml", Plan),
        ]
    )
    assert poisoned > 100
    result = load_project(project)
    assert result.content is not None, result.problems
    return build_site(project, result.content, project.root / "site").site_dir


def test_xss_corpus_in_every_text_field_stays_text_in_the_html(poisoned_site: Path) -> None:
    site = poisoned_site
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "window.__xss=1</script>" not in html.replace("&lt;/script&gt;", ""), page
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(True):
            assert not any(name.lower().startswith("on") for name in tag.attrs), (page, tag)
    template_text = BeautifulSoup(
        (site / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text()
    assert "{{ 7*7 }} {% if true %}lộ mẫu{% endif %}" in template_text


@pytest.mark.browser
def test_xss_corpus_in_every_text_field_stays_text_in_chromium(
    poisoned_site: Path, browser: Any
) -> None:
    site = poisoned_site
    server = serve_folder(site)
    pages = [
        "index.html",
        "thu-tuc/index.html",
        "thu-tuc/1.001193/index.html",
        "phan-anh-kien-nghi/index.html",
        "ke-hoach/2026/index.html",
        "ke-hoach/2026/quy-1/index.html",
        "tim-kiem/index.html",
    ]
    try:
        for base in (f"http://127.0.0.1:{server.server_address[1]}/", site.as_uri() + "/"):
            page = browser.new_page()
            dialogs: list[str] = []

            def record(dialog: Any, seen: list[str] = dialogs) -> None:
                seen.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", record)
            for path in pages:
                page.goto(base + path)
                assert page.evaluate("window.__xss") is None, (base, path)
            page.goto(base + "tim-kiem/index.html?q=" + "dang ky khai sinh")
            page.wait_for_selector("[data-ck-results] li")
            assert page.evaluate("window.__xss") is None
            assert dialogs == []
            procedure = page.goto(base + "thu-tuc/1.001193/index.html")
            assert procedure is not None
            text = page.locator("body").inner_text()
            assert PAYLOADS[0] in text or PAYLOADS[1] in text
            page.close()
    finally:
        server.shutdown()
