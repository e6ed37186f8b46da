"""Province mode: a shared catalogue, wards with their own config and procedure list."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import FIXTURE_WARD, PINNED_EPOCH


def make_province(root: Path) -> Path:
    """Two wards sharing the fixture ward's five procedures; returns ``root``."""
    shutil.copytree(FIXTURE_WARD / "content" / "procedures", root / "content" / "procedures")
    shutil.copytree(FIXTURE_WARD / "content" / "forms", root / "content" / "forms")
    for ward, name in (("hoa-an", "Phường Hòa An"), ("my-hoa", "Phường Mỹ Hòa")):
        folder = root / "wards" / ward
        (folder / "content").mkdir(parents=True)
        config = (FIXTURE_WARD / "site_config.yml").read_text(encoding="utf-8")
        (folder / "site_config.yml").write_text(
            config.replace("Phường Hòa An", name).replace(
                "phường Hòa An", name.replace("Phường", "phường")
            ),
            encoding="utf-8",
        )
        for part in ("contacts", "plan"):
            shutil.copytree(FIXTURE_WARD / "content" / part, folder / "content" / part)
    (root / "wards" / "hoa-an" / "procedures.yml").write_text(
        "all: có\nprocedures:\n"
        '  - code: "1.001193"\n'
        "    note: Lệ phí theo Nghị quyết số 12/2025/NQ-HĐND tỉnh <b>miễn</b> cho trẻ em.\n",
        encoding="utf-8",
    )
    (root / "wards" / "my-hoa" / "procedures.yml").write_text(
        'procedures:\n  - code: "1.001193"\n  - code: "2.001023"\n', encoding="utf-8"
    )
    return root


def congkhai(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in ``root`` as staff or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": PINNED_EPOCH},
    )


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """A fresh province repository."""
    return make_province(tmp_path)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_build_all_builds_every_ward_with_its_own_procedures(province: Path) -> None:
    # Strict: wards without results or apologies yet must still have no broken link.
    done = congkhai(province, "build", "--all", "--strict")
    assert done.returncode == 0, done.stderr
    assert "Đã xây dựng 2/2 phường" in done.stdout
    site = province / "site"
    # Hòa An takes the whole catalogue, Mỹ Hòa two procedures.
    assert (site / "hoa-an" / "thu-tuc" / "1.004873" / "index.html").is_file()
    assert not (site / "my-hoa" / "thu-tuc" / "1.004873").exists()
    my_hoa = _soup(site / "my-hoa" / "thu-tuc" / "index.html")
    assert sorted(td.get_text(strip=True) for td in my_hoa.select("td.ck-code")) == [
        "1.001193",
        "2.001023",
    ]
    assert "Phường Mỹ Hòa" in _soup(site / "my-hoa" / "index.html").get_text()
    # The local note is the ward's own, and escaped.
    page = (site / "hoa-an" / "thu-tuc" / "1.001193" / "index.html").read_text(encoding="utf-8")
    assert "Tại Phường Hòa An:" in page
    assert "&lt;b&gt;miễn&lt;/b&gt;" in page and "<b>miễn</b>" not in page
    assert "Nghị quyết số 12/2025" not in (
        site / "my-hoa" / "thu-tuc" / "1.001193" / "index.html"
    ).read_text(encoding="utf-8")
    links = [a["href"] for a in _soup(site / "index.html").select("a")]
    assert links == ["hoa-an/index.html", "my-hoa/index.html"]


def test_one_ward_is_built_with_ward(province: Path) -> None:
    done = congkhai(province, "build", "--ward", "my-hoa")
    assert done.returncode == 0, done.stderr
    assert (province / "site" / "my-hoa" / "index.html").is_file()
    assert not (province / "site" / "hoa-an").exists()
    assert "congkhai serve --ward my-hoa" in done.stdout


def test_a_province_needs_a_ward_or_all(province: Path) -> None:
    done = congkhai(province, "build")
    assert done.returncode == 2
    assert "đây là kho của tỉnh" in done.stderr and "hoa-an, my-hoa" in done.stderr
    wrong = congkhai(province, "build", "--ward", "my-hao")
    assert wrong.returncode == 2
    assert 'không có phường "my-hao" — có phải "my-hoa"?' in wrong.stderr
    listed = congkhai(province, "wards", "--json")
    assert json.loads(listed.stdout) == ["hoa-an", "my-hoa"]


def test_check_reports_every_ward_and_the_catalogue_once(province: Path) -> None:
    (province / "wards" / "my-hoa" / "procedures.yml").write_text(
        'procedures:\n  - code: "1.001139"\n  - code: "2.000986"\n  - code: "1.001193"\n'
        '  - code: "1.001193"\n',
        encoding="utf-8",
    )
    procedure = province / "content" / "procedures" / "cap-giay-xac-nhan-tinh-trang-hon-nhan.yml"
    procedure.write_text(
        procedure.read_text(encoding="utf-8").replace("fee: 15000", "fee: 15.000", 1),
        encoding="utf-8",
    )
    done = congkhai(province, "check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    fee = [line for line in lines if "channels[1].fee" in line]
    assert len(fee) == 1, "a catalogue problem is reported once, not once per ward"
    assert fee[0].startswith("content/procedures/cap-giay-xac-nhan-tinh-trang-hon-nhan.yml:")
    assert [line for line in lines if line.startswith("wards/")] == [
        "wards/my-hoa/procedures.yml:2:11: procedures[1].code: không có thủ tục nào mang mã"
        ' "1.001139" trong danh mục của tỉnh — có phải "1.001193"?',
        'wards/my-hoa/procedures.yml:3:11: procedures[2].code: thủ tục "2.000986" đã được thay'
        ' thế bởi "2.001023"; cần thêm mã "2.001023" vào danh sách để trang cũ dẫn được tới'
        " thủ tục mới",
        'wards/my-hoa/procedures.yml:5:11: procedures[4].code: cảnh báo: mã "1.001193" đã có ở'
        " trên; mỗi thủ tục ghi một lần",
    ]
    assert "0 phường hợp lệ, 2 phường có lỗi (hoa-an, my-hoa)" in done.stdout


def test_a_broken_ward_keeps_its_old_site_and_the_others_are_built(province: Path) -> None:
    assert congkhai(province, "build", "--all").returncode == 0
    old = (province / "site" / "my-hoa" / "index.html").read_bytes()
    (province / "wards" / "my-hoa" / "procedures.yml").write_text("procedures: []\n")
    (province / "wards" / "hoa-an" / "site_config.yml").write_text(
        (province / "wards" / "hoa-an" / "site_config.yml")
        .read_text(encoding="utf-8")
        .replace("Phường Hòa An", "Phường Hòa An Mới", 1),
        encoding="utf-8",
    )
    done = congkhai(province, "build", "--all", "--jobs", "2")
    assert done.returncode == 1
    assert (
        "wards/my-hoa/procedures.yml:1:13: procedures: cần danh sách thủ tục phường tiếp nhận,"
        ' hoặc "all: có"' in done.stderr
    )
    assert "my-hoa: không xây dựng được (nội dung có lỗi); trang cũ được giữ nguyên" in done.stderr
    assert (province / "site" / "my-hoa" / "index.html").read_bytes() == old
    assert "Phường Hòa An Mới" in (province / "site" / "hoa-an" / "index.html").read_text(
        encoding="utf-8"
    )


def test_catalogue_errors_stop_every_ward(province: Path) -> None:
    procedure = province / "content" / "procedures" / "dang-ky-khai-sinh.yml"
    procedure.write_text("code: [\n", encoding="utf-8")
    done = congkhai(province, "build", "--all")
    assert done.returncode == 1
    assert done.stderr.count("content/procedures/dang-ky-khai-sinh.yml") == 1
    assert not (province / "site").exists()


def test_the_sample_ward_is_not_a_province() -> None:
    from generator.project import Project

    root = Path(__file__).resolve().parent.parent
    assert not Project(root).is_province
    assert Project(root).wards() == []
