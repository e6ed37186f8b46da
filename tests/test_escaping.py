"""Staff content is untrusted input: hostile text must come out as text, never as markup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.content import Project, load_project

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
        task[0]["content"] = task[0]["deadline"] = HOSTILE

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
