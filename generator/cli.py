"""The ``congkhai`` command: check, build, serve and schema.

Staff never see a Python traceback: content problems are listed one per line and exit 1,
wrong usage exits 2, and an internal failure is logged to a file and explained in one line.
"""

from __future__ import annotations

import os
import sys
import traceback
import webbrowser
from pathlib import Path

import click

from .build import BuildFailed, build_site, quiet_mkdocs
from .bundle import bundle_name, make_bundle
from .content import LoadResult, Project, load_project
from .errors import summary
from .jsonschema import write_json_schemas
from .options import BuildOptions
from .tracking import plan_year

EXIT_CONTENT = 1
EXIT_INTERNAL = 3


def _say(text: str) -> None:
    click.echo(text)


def _report(result: LoadResult, *, building: bool = False) -> None:
    """Print every problem, one per line, then the summary line."""
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.problems or result.content is None:
        click.echo(summary(result.problems, building=building), err=True)


def _describe(result: LoadResult) -> str:
    content = result.content
    assert content is not None
    tasks = len(content.tasks())
    return (
        f"{len(content.procedures)} thủ tục, {len(content.contacts)} đầu mối phản ánh kiến nghị, "
        f"kế hoạch năm {plan_year(content.plan)} "
        f"({tasks} nhiệm vụ, {len(content.plan.kpis)} chỉ tiêu)"
        + (f" và {len(content.plans) - 1} kế hoạch các năm trước" if len(content.plans) > 1 else "")
    )


@click.group(
    help="congkhai – tạo trang công khai thủ tục hành chính của phường từ các tệp YAML.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "-C",
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Thư mục của trang web (nơi có site_config.yml).",
)
@click.version_option(package_name="congkhai")
@click.pass_context
def cli(ctx: click.Context, project: Path) -> None:
    """Command group; the project folder is shared by every command."""
    ctx.obj = Project(project.resolve())
    quiet_mkdocs()


_strict = click.option(
    "--strict", is_flag=True, help="Coi cảnh báo là lỗi (dùng trong kiểm tra tự động, CI)."
)


@cli.command(short_help="Kiểm tra toàn bộ nội dung, không xây dựng trang.")
@_strict
@click.pass_obj
def check(project: Project, strict: bool) -> None:
    """Kiểm tra toàn bộ nội dung (site_config.yml và content/), báo mọi lỗi trong một lần."""
    result = load_project(project, strict=strict)
    _report(result)
    if result.content is None:
        sys.exit(EXIT_CONTENT)
    _say(f"Đã kiểm tra: {_describe(result)}. {summary(result.problems, building=False)}")


@cli.command(short_help="Kiểm tra nội dung rồi xây dựng trang web vào site/.")
@_strict
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Thư mục đầu ra (mặc định: site/ trong thư mục trang web).",
)
@click.option("--open", "open_after", is_flag=True, help="Mở trang chủ trong trình duyệt nếu có.")
@click.option(
    "--kiosk",
    is_flag=True,
    help="Bản cho màn hình tra cứu tại Trung tâm (chữ lớn, tự về trang chủ), vào site-kiosk/.",
)
@click.pass_obj
def build(
    project: Project, strict: bool, site_dir: Path | None, open_after: bool, kiosk: bool
) -> None:
    """Kiểm tra nội dung rồi xây dựng trang web; nếu có lỗi, trang web cũ được giữ nguyên."""
    result = load_project(project, strict=strict)
    _report(result, building=True)
    if result.content is None:
        sys.exit(EXIT_CONTENT)
    target = site_dir or project.root / ("site-kiosk" if kiosk else "site")
    try:
        built = build_site(
            project, result.content, target, BuildOptions(strict=strict, kiosk=kiosk)
        )
    except BuildFailed as error:
        click.echo(f"Không xây dựng được trang web: {error}", err=True)
        click.echo("Trang web cũ được giữ nguyên.", err=True)
        sys.exit(EXIT_CONTENT)
    for link in built.broken_links:
        click.echo(f"cảnh báo: {link}", err=True)
    home = built.site_dir / "index.html"
    seconds = f"{built.seconds:.1f}".replace(".", ",")
    _say(f"Đã xây dựng {built.pages} trang ({_describe(result)}) trong {seconds} giây.")
    _say(f"Mở trang chủ: {home.as_uri()}")
    _say("Hoặc xem trước có tự cập nhật: congkhai serve  →  http://127.0.0.1:8000/")
    if open_after and _has_display():
        webbrowser.open(home.as_uri())


def _has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


@cli.command(short_help="Xem trước trang web, tự xây dựng lại khi sửa tệp.")
@_strict
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Địa chỉ:cổng để xem trước.",
)
@click.pass_obj
def serve(project: Project, strict: bool, dev_addr: str) -> None:
    """Xem trước trang web tại máy mình; tự xây dựng lại khi một tệp YAML hoặc mẫu thay đổi."""
    from .serve import serve as run_server

    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(
            "cần dạng địa chỉ:cổng, ví dụ 127.0.0.1:8000", param_hint="--dev-addr"
        )
    run_server(project, host, int(port), strict=strict, report=_report, say=_say)


@cli.command(short_help="Đóng gói cả trang web vào một tệp zip để dùng không cần mạng.")
@_strict
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp zip (mặc định: cong-khai-<phường>-<ngày>.zip trong thư mục trang web).",
)
@click.option("--kiosk", is_flag=True, help="Đóng gói bản cho màn hình tra cứu (kiosk).")
@click.pass_obj
def bundle(project: Project, strict: bool, out: Path | None, kiosk: bool) -> None:
    """Tạo một tệp zip chứa toàn bộ trang web: giải nén rồi mở index.html, không cần mạng."""
    result = load_project(project, strict=strict)
    _report(result, building=True)
    if result.content is None:
        sys.exit(EXIT_CONTENT)
    target = out or project.root / bundle_name(result.content)
    try:
        path, count = make_bundle(
            project, result.content, target, BuildOptions(strict=strict, kiosk=kiosk)
        )
    except BuildFailed as error:
        click.echo(f"Không tạo được bản ngoại tuyến: {error}", err=True)
        sys.exit(EXIT_CONTENT)
    size = f"{path.stat().st_size / 1024 / 1024:.1f}".replace(".", ",")
    _say(f"Đã tạo {project.display(path)} ({count} tệp, {size} MB).")
    _say("Giải nén rồi mở tệp index.html trong thư mục vừa giải nén bằng trình duyệt bất kỳ.")


@cli.command(short_help="Xuất JSON Schema của nội dung cho trình soạn thảo.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Thư mục ghi (mặc định: schema/ trong thư mục trang web).",
)
@click.pass_obj
def schema(project: Project, out: Path | None) -> None:
    """Ghi JSON Schema của từng loại nội dung để VS Code gợi ý và báo lỗi khi đang gõ."""
    for path in write_json_schemas(out or project.root / "schema"):
        _say(f"Đã ghi {project.display(path)}")


def main() -> None:
    """Entry point: run the command group; turn any internal failure into one clear line."""
    try:
        cli(prog_name="congkhai")
    except Exception:
        if os.environ.get("CONGKHAI_DEBUG"):
            raise
        log = Path(".congkhai") / "loi-noi-bo.log"
        try:
            log.parent.mkdir(exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" Chi tiết kỹ thuật đã ghi vào {log}."
        except OSError:
            where = ""
        click.echo(
            "Lỗi nội bộ của congkhai (không phải do nội dung bạn viết)."
            f"{where} Hãy gửi tệp đó cho người phụ trách kỹ thuật.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
