"""``congkhai import``: bring the portal's data and a plan's appendix table into content files.

Subcommands run on the project folder the parent group was given with ``-C`` (a ``Project``
as the click context object). The report goes to stdout, progress to stderr. Bad input is one
Vietnamese line and exit 1; a file not written because it would change a staff member's
values is listed and also exits 1; wrong usage exits 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .. import click_vi
from ..dates import is_taught
from ..project import CONFIG_FILE, Project
from .plan import PlanOptions, import_plan
from .portal import import_records
from .portal_list import import_procedure_list
from .report import ImportFailed, Progress, Report

EXIT_INPUT = 1
EXIT_USAGE = 2

_force = click.option(
    "--force",
    is_flag=True,
    help="Cho phép sửa giá trị đã có trong tệp hiện có (bản cũ được sao lưu vào "
    ".congkhai/sao-luu/).",
)


def _project(ctx: click.Context) -> Project:
    found = ctx.find_object(Project)
    return found if found is not None else Project(Path(".").resolve())


def _progress(line: str) -> None:
    click.echo(line, err=True)


def _usage(message: str) -> None:
    click.echo(f"Sai cách dùng: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _run(project: Project, work: Callable[[Progress], Report]) -> None:
    """Run one import; print its report; exit 1 on bad input or refused files."""
    if not project.config_file.is_file():
        click.echo(
            f"Không nhập được: không tìm thấy tệp {CONFIG_FILE} trong {project.root}; hãy chạy "
            "lệnh trong thư mục trang web (hoặc ghi -C THƯ_MỤC)",
            err=True,
        )
        sys.exit(EXIT_INPUT)
    try:
        report = work(_progress)
    except ImportFailed as error:
        click.echo(f"Không nhập được: {error}", err=True)
        sys.exit(EXIT_INPUT)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        sys.exit(EXIT_INPUT)


@click.group(
    cls=click_vi.Group,
    name="import",
    short_help="Nhập thủ tục từ Cổng Dịch vụ công và kế hoạch từ bảng phụ lục.",
    help=(
        "Nhập dữ liệu có sẵn thành tệp nội dung: danh sách thủ tục (Excel tải từ Cổng Dịch vụ "
        "công quốc gia), trang chi tiết thủ tục (JSON), bảng phụ lục kế hoạch (xlsx, csv, tsv). "
        "Thông tin còn thiếu không bao giờ được bịa: tệp thiếu thông tin được ghi thành bản nháp "
        "trong content/drafts/ (không đăng lên trang) với các dòng CẦN ĐIỀN."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
)
def import_command() -> None:
    """Nhập thủ tục từ Cổng Dịch vụ công quốc gia và kế hoạch từ bảng phụ lục."""


@import_command.command(
    "procedures", short_help="Nhập danh sách thủ tục (tệp Excel tải từ Cổng) thành bản nháp."
)
@click.argument("file", metavar="TỆP.xlsx", required=False, type=click.Path(path_type=Path))
@click.option(
    "--all", "all_rows", is_flag=True, help="Nhập mọi dòng, không chỉ thủ tục thực hiện ở cấp xã."
)
@_force
@click.pass_context
def procedures(ctx: click.Context, file: Path | None, all_rows: bool, force: bool) -> None:
    """Nhập danh sách thủ tục (danh-sach-tthc-*.xlsx) thành bản nháp (content/drafts/procedures/).

    Chỉ nhập các thủ tục do Ủy ban nhân dân cấp xã thực hiện (trừ khi ghi --all). Thủ tục đã có
    trong content/procedures/ không bị sửa, trừ khi ghi --force.
    """
    if file is None:
        _usage("thiếu tệp cần nhập, ví dụ: congkhai import procedures danh-sach-tthc.xlsx")
        return
    project = _project(ctx)
    _run(
        project,
        lambda say: import_procedure_list(project, file, all_rows=all_rows, force=force, say=say),
    )


@import_command.command(
    "record", short_help="Nhập trang chi tiết thủ tục (JSON của Cổng) thành tệp thủ tục."
)
@click.argument("files", metavar="TỆP.json|THƯ-MỤC...", nargs=-1, type=click.Path(path_type=Path))
@_force
@click.pass_context
def record(ctx: click.Context, files: tuple[Path, ...], force: bool) -> None:
    """Nhập một hay nhiều bản ghi chi tiết thủ tục (JSON) của Cổng Dịch vụ công quốc gia.

    Bản ghi đủ thông tin thành tệp trong content/procedures/; thiếu thông tin (ví dụ ngày của
    quyết định công bố) thì thành bản nháp trong content/drafts/procedures/. Một thư mục thì
    nhập mọi tệp .json trong đó.
    """
    if not files:
        _usage("thiếu tệp cần nhập, ví dụ: congkhai import record 1.001193.json")
        return
    project = _project(ctx)
    _run(project, lambda say: import_records(project, list(files), force=force, say=say))


_YEAR = re.compile(r"20\d\d")


@import_command.command("plan", short_help="Nhập bảng phụ lục kế hoạch (xlsx, csv, tsv).")
@click.argument("file", metavar="TỆP", required=False, type=click.Path(path_type=Path))
@click.option("--year", help="Năm của kế hoạch (mặc định: năm ghi nhiều nhất trong các thời hạn).")
@click.option("--number", help="Số kế hoạch, ví dụ 18/KH-UBND.")
@click.option("--date", "issued", help="Ngày ban hành, ví dụ 17/02/2026.")
@click.option("--title", help="Tên kế hoạch.")
@click.option("--issuer", help="Cơ quan ban hành, ví dụ Ủy ban nhân dân phường Hòa An.")
@_force
@click.pass_context
def plan(
    ctx: click.Context,
    file: Path | None,
    year: str | None,
    number: str | None,
    issued: str | None,
    title: str | None,
    issuer: str | None,
    force: bool,
) -> None:
    """Nhập bảng phụ lục của kế hoạch thành content/plan/<năm>.yml.

    Bảng chép từ Word sang Excel (xlsx), hoặc lưu dạng csv / tsv. Số, ngày, tên kế hoạch và cơ
    quan ban hành không có trong bảng: ghi bằng --number, --date, --title, --issuer; nếu thiếu,
    kế hoạch được ghi thành bản nháp trong content/drafts/plan/.
    """
    if file is None:
        _usage("thiếu tệp cần nhập, ví dụ: congkhai import plan phu-luc.xlsx --year 2026")
        return
    if year is not None and not _YEAR.fullmatch(year.strip()):
        _usage(f'--year cần một năm bốn chữ số, ví dụ 2026, nhận được "{year}"')
    if issued is not None and not is_taught(issued):
        _usage(f'--date cần một ngày dạng 17/02/2026, nhận được "{issued}"')
    options = PlanOptions(
        year=int(year) if year else None,
        number=number.strip() if number else None,
        date=issued.strip() if issued else None,
        title=title.strip() if title else None,
        issuer=issuer.strip() if issuer else None,
    )
    project = _project(ctx)
    _run(project, lambda say: import_plan(project, file, options, force=force, say=say))
