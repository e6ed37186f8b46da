"""``congkhai import`` as staff run it: Vietnamese messages, exit codes, no traceback ever.

The group is registered under a parent built here the way ``generator/cli.py`` builds its own
(``-C`` gives the project as the click context object).
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.importers.command import import_command
from generator.project import Project

from .test_import_procedures import bare_project, write_portal_list

RECORDS = Path(__file__).parent / "cases" / "import" / "records"
PLANS = Path(__file__).parent / "cases" / "import" / "plans"


@click.group()
@click.option("-C", "--project", "root", type=click.Path(path_type=Path), default=".")
@click.pass_context
def congkhai(ctx: click.Context, root: Path) -> None:
    """A parent like generator.cli.cli."""
    ctx.obj = Project(root.resolve())


congkhai.add_command(import_command)


def run(project: Project | Path, *args: str) -> tuple[int, str, str]:
    root = project.root if isinstance(project, Project) else project
    result = CliRunner().invoke(congkhai, ["-C", str(root), "import", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_help_is_in_vietnamese() -> None:
    result = CliRunner().invoke(congkhai, ["--help"])
    assert "import  Nhập thủ tục từ Cổng Dịch vụ công và kế hoạch từ bảng phụ lục." in result.stdout
    result = CliRunner().invoke(congkhai, ["import", "--help"])
    for line in (
        "plan        Nhập bảng phụ lục kế hoạch (xlsx, csv, tsv).",
        "procedures  Nhập danh sách thủ tục (tệp Excel tải từ Cổng) thành bản nháp.",
        "record      Nhập trang chi tiết thủ tục (JSON của Cổng) thành tệp thủ tục.",
    ):
        assert line in result.stdout


def test_procedures_report_on_stdout_progress_on_stderr(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    rows: list[list[object]] = [
        [f"1.{n:06d}", f"Thủ tục số {n}", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"]
        for n in range(1, 121)
    ]
    source = write_portal_list(tmp_path / "ds.xlsx", rows)
    code, out, err = run(project, "procedures", str(source))
    assert code == 0
    assert err == "Đã đọc 100 dòng…\nĐã ghi 100/120 thủ tục…\n"
    assert out.startswith(
        "Nhập danh sách thủ tục từ ds.xlsx: 120 dòng dữ liệu, 120 thủ tục được chọn (cấp xã).\n"
        "Đã ghi 120 tệp:\n"
    )
    assert "Để cán bộ điền hoặc kiểm tra:\n  - 120 bản nháp trong content/drafts/procedures/" in out


def test_record_then_plan_into_the_sample_ward(project: Project) -> None:
    code, out, _ = run(project, "record", str(RECORDS / "giam-sat-giam-ho.json"))
    assert code == 0
    assert "content/procedures/dang-ky-giam-sat-viec-giam-ho.yml [đã đăng]" in out
    code, out, _ = run(
        project,
        "plan",
        str(PLANS / "phu-luc-2027.tsv"),
        "--number",
        "20/KH-UBND",
        "--date",
        "15/01/2027",
        "--title",
        "Kế hoạch năm 2027",
        "--issuer",
        "Ủy ban nhân dân phường Hòa An",
    )
    assert code == 0
    assert "kế hoạch năm 2027 → content/plan/2027.yml [đã đăng]" in out


def test_refused_files_exit_1(project: Project) -> None:
    code, out, _ = run(project, "record", str(RECORDS / "khai-sinh-loi.json"))
    assert code == 1
    assert "Không ghi 1 tệp vì sẽ sửa nội dung cán bộ đã nhập" in out
    assert "1.001193 (content/procedures/dang-ky-khai-sinh.yml): decision.number:" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["procedures", "khong-co.xlsx"],
            1,
            "Không nhập được: không tìm thấy tệp khong-co.xlsx\n",
        ),
        (
            ["record", str(RECORDS / "bi-cat-ngang.json")],
            1,
            "Không nhập được: bi-cat-ngang.json:4:20: tệp không phải JSON hợp lệ (có thể bị cắt "
            "ngang khi tải về)\n",
        ),
        (
            ["procedures"],
            2,
            "Sai cách dùng: thiếu tệp cần nhập, ví dụ: congkhai import procedures "
            "danh-sach-tthc.xlsx\n",
        ),
        (
            ["record"],
            2,
            "Sai cách dùng: thiếu tệp cần nhập, ví dụ: congkhai import record 1.001193.json\n",
        ),
        (
            ["plan", str(PLANS / "phu-luc-2027.tsv"), "--year", "hai nghìn"],
            2,
            'Sai cách dùng: --year cần một năm bốn chữ số, ví dụ 2026, nhận được "hai nghìn"\n',
        ),
        (
            ["plan", str(PLANS / "phu-luc-2027.tsv"), "--date", "15 tháng 1"],
            2,
            'Sai cách dùng: --date cần một ngày dạng 17/02/2026, nhận được "15 tháng 1"\n',
        ),
    ],
)
def test_bad_input_is_one_vietnamese_line(
    project: Project, args: list[str], code: int, message: str
) -> None:
    got, out, err = run(project, *args)
    assert (got, out, err) == (code, "", message)


def test_outside_a_ward_folder(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "record", str(RECORDS / "giam-sat-giam-ho.json"))
    assert code == 1 and out == ""
    assert err == (
        f"Không nhập được: không tìm thấy tệp site_config.yml trong {tmp_path.resolve()}; hãy "
        "chạy lệnh trong thư mục trang web (hoặc ghi -C THƯ_MỤC)\n"
    )


def test_invoked_with_a_project_object_directly(project: Project) -> None:
    result = CliRunner().invoke(
        import_command, ["record", str(RECORDS / "giam-sat-giam-ho.json")], obj=project
    )
    assert result.exit_code == 0, result.output
    assert (project.content_dir / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml").is_file()


GARBAGE = [
    ("plan", "rac.tsv", b"\x00\x01\x02\tSTT\x00\n\xff\xfe\xfd"),
    ("plan", "rac.csv", 'STT;Nội dung;Chủ trì;Thời hạn\n1;"không đóng ngoặc;x;y\n'.encode()),
    ("plan", "rac.xlsx", b"PK\x03\x04 not really a zip"),
    ("plan", "rong.tsv", b""),
    ("procedures", "rong.xlsx", b""),
    ("record", "so.json", b"42"),
    ("record", "rong.json", b"{}"),
    (
        "record",
        "kieu-la.json",
        '{"ma_thu_tuc": 1.00119, "ten_thu_tuc": ["Thủ tục", "lạ"], '
        '"cach_thuc_thuc_hien": {"a": "Trực tiếp"}, "can_cu_phap_ly": 7, '
        '"thanh_phan_ho_so": null}'.encode(),
    ),
    (
        "record",
        "latin1.json",
        '{"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Đăng ký"}'.encode("utf-16"),
    ),
]


@pytest.mark.parametrize(("command", "name", "content"), GARBAGE, ids=[g[1] for g in GARBAGE])
def test_garbage_never_gives_a_traceback(
    tmp_path: Path, command: str, name: str, content: bytes
) -> None:
    project = bare_project(tmp_path / "ward")
    (tmp_path / name).write_bytes(content)
    code, out, err = run(
        project, command, str(tmp_path / name), *(["--year", "2026"] if command == "plan" else [])
    )
    assert code in (0, 1)
    assert (out + err).strip()
    if code == 1 and not out:
        assert err.startswith("Không nhập được: ")


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "huong-dan" / "nhap-du-lieu.md"


def test_the_staff_guide_shows_what_the_importer_writes(tmp_path: Path) -> None:
    """The draft excerpt in the guide is what the command writes, line for line."""
    project = bare_project(tmp_path / "ward")
    rows: list[list[object]] = [
        [
            "3.000323",
            "Đăng ký giám sát việc giám hộ",
            "Bộ Tư pháp",
            "Ủy ban nhân dân cấp xã",
            "Hộ tịch",
        ]
    ]
    source = write_portal_list(tmp_path / "danh-sach-tthc-BoTuPhap.xlsx", rows)
    assert run(project, "procedures", str(source))[0] == 0
    draft = project.content_dir / "drafts" / "procedures" / "dang-ky-giam-sat-viec-giam-ho.yml"
    written = draft.read_text(encoding="utf-8").splitlines()
    guide = GUIDE.read_text(encoding="utf-8")
    excerpt = guide.split("```yaml\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line for line in excerpt if line != "…"] == [
        line for line in written if line in excerpt
    ]
    for command in ("import procedures", "import record", "import plan", "--force", "--all"):
        assert command in guide
