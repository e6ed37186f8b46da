"""The link check run after every build: what resolves and what is reported."""

from __future__ import annotations

from pathlib import Path

from generator.linkcheck import broken_links


def test_links_anchors_folders_and_absolute_paths(tmp_path: Path) -> None:
    (tmp_path / "thu-tuc" / "1.001193").mkdir(parents=True)
    (tmp_path / "trong").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("")
    (tmp_path / "thu-tuc" / "1.001193" / "index.html").write_text(
        '<h2 id="ho-so">x</h2> <a href="../../index.html#tren">home</a>'
        ' <a href="#ho-so">self</a> <a href="#khong">missing anchor</a>'
        ' <link href="../../assets/a.css"> <a href="../../../ngoai.html">out</a>'
    )
    (tmp_path / "index.html").write_text(
        '<p id="tren"></p> <a href="thu-tuc/1.001193/">folder</a> <a href="trong/">empty</a>'
        ' <a href="/cong-khai/thu-tuc/1.001193/index.html#ho-so">absolute</a>'
        ' <a href="/khac/">other site</a> <a href="https://x.vn/">web</a>'
        ' <a href="mailto:a@b.vn">mail</a> <img src="anh.png">'
    )
    found = [str(link) for link in broken_links(tmp_path, "/cong-khai/")]
    assert found == [
        "index.html: liên kết hỏng tới trong/ (thư mục không có index.html)",
        "index.html: liên kết hỏng tới /khac/ (ngoài trang web)",
        "index.html: liên kết hỏng tới anh.png (không có tệp)",
        'thu-tuc/1.001193/index.html: liên kết hỏng tới #khong (không có mục "#khong")',
        "thu-tuc/1.001193/index.html: liên kết hỏng tới ../../../ngoai.html (không có tệp)",
    ]
