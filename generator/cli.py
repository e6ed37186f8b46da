"""The ``congkhai`` command: check, build, serve and schema.

Staff never see a Python traceback: content problems are listed one per line and exit 1,
wrong usage exits 2, and an internal failure is logged to a file and explained in one line.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import traceback
import webbrowser
from pathlib import Path
from typing import NoReturn

import click

from . import click_vi
from . import format as fmt
from .changes import changes_since, markdown
from .errors import BuildFailed, quiet_mkdocs, summary
from .importers.command import import_command
from .jsonschema import write_json_schemas
from .model import Content
from .options import BuildOptions
from .project import LoadResult, Project, load_project
from .province import WardOutcome, build_all, check_all, write_index
from .scaffold import add_checked_task, plan_units, procedure_file
from .schema import plan_year
from .text import did_you_mean

EXIT_CONTENT = 1
EXIT_INTERNAL = 3

_project_root = Path(".")
"""The project folder of this run (-C), where an internal failure's details are written."""


def _say(text: str) -> None:
    click.echo(text)


def _report(result: LoadResult, *, building: bool = False, github: bool = False) -> None:
    """Print every problem, one per line, then the summary line.

    With ``github``, problems are also GitHub Actions annotations, which appear on the file
    and line in a pull request.
    """
    for problem in result.problems:
        click.echo(str(problem), err=True)
        if github:
            click.echo(problem.as_github())
    if result.problems or result.content is None:
        click.echo(summary(result.problems, building=building), err=True)


def _fail(*lines: str) -> NoReturn:
    """Print why the command stopped, on stderr, and exit with the content-error status."""
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_CONTENT)


def _load(
    project: Project,
    *,
    strict: bool = False,
    building: bool = False,
    github: bool = False,
    warnings: bool = True,
) -> tuple[LoadResult, Content]:
    """Load the project and report its problems; exit if its content cannot be used.

    With ``warnings`` off, problems are printed only when they stop the command.
    """
    result = load_project(project, strict=strict)
    if warnings or result.content is None:
        _report(result, building=building, github=github)
    if result.content is None:
        sys.exit(EXIT_CONTENT)
    return result, result.content


def _describe(content: Content) -> str:
    tasks = len(content.tasks())
    parts = [
        f"{len(content.procedures)} thủ tục",
        f"{len(content.contacts)} đầu mối phản ánh kiến nghị",
        f"kế hoạch năm {plan_year(content.plan)} "
        f"({tasks} nhiệm vụ, {len(content.plan.kpis)} chỉ tiêu)",
    ]
    if len(content.plans) > 1:
        parts.append(f"{len(content.plans) - 1} kế hoạch các năm trước")
    if content.results:
        parts.append(f"số liệu {len(content.results)} tháng")
    if content.apologies:
        parts.append(f"{len(content.apologies)} phiếu xin lỗi")
    return ", ".join(parts[:-1]) + " và " + parts[-1]


@click.group(
    cls=click_vi.Group,
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
    if not project.is_dir():
        where = "không có thư mục" if not project.exists() else "không phải thư mục"
        raise click.UsageError(f"-C {project}: {where} này", ctx)
    ctx.obj = Project(project.resolve())
    global _project_root
    _project_root = project
    quiet_mkdocs()


_strict = click.option(
    "--strict", is_flag=True, help="Coi cảnh báo là lỗi (dùng trong kiểm tra tự động, CI)."
)


_github = click.option(
    "--github", is_flag=True, help="Ghi thêm lỗi dạng chú thích của GitHub Actions (dùng trong CI)."
)


def _pick_ward(project: Project, ward: str | None, *, all_allowed: bool = False) -> Project:
    """The project seen from one ward of a province repository, or as it is."""
    if ward is None:
        if project.is_province:
            either = " hoặc tất cả (--all)" if all_allowed else ""
            raise click.UsageError(
                f"đây là kho của tỉnh: chọn một phường (--ward PHƯỜNG){either}. "
                f"Các phường: {', '.join(project.wards())}"
            )
        return project
    known = project.wards()
    if ward not in known:
        hint = did_you_mean(ward, known)
        listed = (
            f"; các phường: {', '.join(known)}" if known else "; kho này không có thư mục wards/"
        )
        raise click.BadParameter(f'không có phường "{ward}"{hint}{listed}', param_hint="--ward")
    return project.for_ward(ward)


_ward = click.option(
    "--ward",
    "ward",
    metavar="PHƯỜNG",
    default=None,
    help="Kho của tỉnh: làm việc với một phường (tên thư mục trong wards/).",
)
_all_wards = click.option(
    "--all", "all_wards", is_flag=True, help="Kho của tỉnh: mọi phường trong wards/."
)


def _province_mode(project: Project, ward: str | None, all_wards: bool) -> bool:
    """Whether a command should run over every ward of a province repository."""
    if all_wards and ward:
        raise click.UsageError("chọn --ward hoặc --all, không chọn cả hai")
    if all_wards and not project.wards():
        raise click.UsageError("--all chỉ dùng trong kho của tỉnh (có thư mục wards/)")
    return all_wards


@cli.command(short_help="Kiểm tra toàn bộ nội dung, không xây dựng trang.")
@_strict
@_github
@_ward
@_all_wards
@click.pass_obj
def check(project: Project, strict: bool, github: bool, ward: str | None, all_wards: bool) -> None:
    """Kiểm tra toàn bộ nội dung (site_config.yml và content/), báo mọi lỗi trong một lần."""
    if _province_mode(project, ward, all_wards) or (project.is_province and not ward):
        _check_province(project, strict=strict, github=github)
        return
    result, content = _load(_pick_ward(project, ward), strict=strict, github=github)
    _say(f"Đã kiểm tra: {_describe(content)}. {summary(result.problems, building=False)}")


def _check_province(project: Project, *, strict: bool, github: bool) -> None:
    catalogue, checked = check_all(project, strict=strict)
    problems = list(catalogue.problems) + [p for _, found, _ in checked for p in found]
    if problems:
        _report(LoadResult(None, problems), github=github)
    failed = [ward for ward, _, valid in checked if not valid]
    count = len(catalogue.procedures)
    _say(
        f"Đã kiểm tra danh mục {count} thủ tục và {len(checked)} phường: "
        f"{len(checked) - len(failed)} phường hợp lệ"
        + (f", {len(failed)} phường có lỗi ({', '.join(failed)})." if failed else ".")
    )
    if failed or catalogue.has_errors:
        sys.exit(EXIT_CONTENT)


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
@_ward
@_all_wards
@click.option(
    "--jobs",
    type=click_vi.Count(),
    default=None,
    help="Với --all: số phường xây dựng cùng lúc (mặc định: số nhân CPU).",
)
@click.pass_obj
def build(
    project: Project,
    strict: bool,
    site_dir: Path | None,
    open_after: bool,
    kiosk: bool,
    ward: str | None,
    all_wards: bool,
    jobs: int | None,
) -> None:
    """Kiểm tra nội dung rồi xây dựng trang web; nếu có lỗi, trang web cũ được giữ nguyên."""
    if _province_mode(project, ward, all_wards):
        if site_dir or kiosk:
            raise click.UsageError(
                "--all ghi vào site/<phường>/; không dùng cùng --site-dir, --kiosk"
            )
        _build_province(project, BuildOptions(strict=strict), jobs)
        return
    project = _pick_ward(project, ward, all_allowed=True)
    default = project.site_dir
    target = site_dir or (default.with_name(default.name + "-kiosk") if kiosk else default)
    home = _build_ward(project, target, BuildOptions(strict=strict, kiosk=kiosk))
    preview = f"congkhai serve --ward {ward}" if ward else "congkhai serve"
    _say(f"Hoặc xem trước có tự cập nhật: {preview}  →  http://127.0.0.1:8000/")
    if open_after and _has_display():
        webbrowser.open(home.as_uri())


def _build_ward(project: Project, target: Path, options: BuildOptions) -> Path:
    """Load, check and build one ward's site into ``target``; its home page."""
    _, content = _load(project, strict=options.strict, building=True)
    from .site.build import build_site  # MkDocs is loaded only by the commands that build

    try:
        built = build_site(project, content, target, options)
    except BuildFailed as error:
        _fail(f"Không xây dựng được trang web: {error}", "Trang web cũ được giữ nguyên.")
    for link in built.broken_links:
        click.echo(f"cảnh báo: {link}", err=True)
    home = built.site_dir / "index.html"
    seconds = fmt.decimal(built.seconds, 1)
    _say(f"Đã xây dựng {built.pages} trang ({_describe(content)}) trong {seconds} giây.")
    _say(f"Mở trang chủ: {home.as_uri()}")
    return home


def _build_province(project: Project, options: BuildOptions, jobs: int | None) -> None:
    started = time.perf_counter()
    catalogue, outcomes = build_all(project, options, jobs=jobs)
    for problem in catalogue.problems:
        click.echo(str(problem), err=True)
    if catalogue.has_errors:
        _fail(summary(catalogue.problems, building=True))
    done: list[WardOutcome] = []
    for outcome in outcomes:
        done.append(outcome)
        for problem in outcome.problems:
            click.echo(str(problem), err=True)
        if outcome.built:
            seconds = fmt.decimal(outcome.seconds, 1)
            _say(f"{outcome.ward}: {outcome.pages} trang, {seconds} giây")
        else:
            click.echo(
                f"{outcome.ward}: không xây dựng được ({outcome.failure}); "
                "trang cũ được giữ nguyên",
                err=True,
            )
    index = write_index(project)
    failed = [o.ward for o in done if not o.built]
    seconds = fmt.decimal(time.perf_counter() - started, 1)
    _say(
        f"Đã xây dựng {len(done) - len(failed)}/{len(done)} phường trong {seconds} giây. "
        f"Danh sách: {index.as_uri()}"
    )
    if failed:
        _fail(f"Phường có lỗi: {', '.join(failed)}")


@cli.command(short_help="Liệt kê các phường của kho tỉnh (dùng cho ma trận CI).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON (một mảng tên thư mục).")
@click.option(
    "--index",
    "write_list",
    is_flag=True,
    help="Ghi site/index.html liệt kê các phường đã có trang trong site/ (sau khi CI ghép lại).",
)
@click.pass_obj
def wards(project: Project, as_json: bool, write_list: bool) -> None:
    """In tên thư mục của từng phường trong wards/, mỗi dòng một phường."""
    names = project.wards()
    if not names:
        _fail("Kho này không có thư mục wards/ (không phải kho của tỉnh).")
    if write_list:
        _say(f"Đã ghi {project.display(write_index(project))}")
    elif as_json:
        _say(json.dumps(names))
    else:
        _say("\n".join(names))


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
@_ward
@click.pass_obj
def serve(project: Project, strict: bool, dev_addr: str, ward: str | None) -> None:
    """Xem trước trang web tại máy mình; tự xây dựng lại khi một tệp YAML hoặc mẫu thay đổi."""
    from .site.serve import serve as run_server

    project = _pick_ward(project, ward)
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
@_ward
@click.pass_obj
def bundle(project: Project, strict: bool, out: Path | None, kiosk: bool, ward: str | None) -> None:
    """Tạo một tệp zip chứa toàn bộ trang web: giải nén rồi mở index.html, không cần mạng."""
    project = _pick_ward(project, ward, all_allowed=True)
    _, content = _load(project, strict=strict, building=True)
    from .bundle import bundle_name, make_bundle  # loads MkDocs

    target = out or project.root / bundle_name(content)
    try:
        path, count = make_bundle(
            project, content, target, BuildOptions(strict=strict, kiosk=kiosk)
        )
    except BuildFailed as error:
        _fail(f"Không tạo được bản ngoại tuyến: {error}")
    size = fmt.decimal(path.stat().st_size / 1024 / 1024, 1)
    _say(f"Đã tạo {project.display(path)} ({count} tệp, {size} MB).")
    _say("Giải nén rồi mở tệp index.html trong thư mục vừa giải nén bằng trình duyệt bất kỳ.")


@cli.command(short_help="Tóm tắt thay đổi nội dung công khai so với một phiên bản git.")
@click.option("--base", required=True, help="Phiên bản git để so sánh, ví dụ origin/main.")
@_ward
@click.pass_obj
def changes(project: Project, base: str, ward: str | None) -> None:
    """Liệt kê thủ tục thêm, sửa, bãi bỏ, nhiệm vụ đổi tình trạng so với phiên bản ghi ở --base."""
    project = _pick_ward(project, ward)
    _, content = _load(project, warnings=False)
    try:
        found = changes_since(project, base, content)
    except LookupError:
        raise click.BadParameter(
            f"không đọc được phiên bản git {base!r}", param_hint="--base"
        ) from None
    if found is None:
        _say(f"Không đọc được nội dung ở phiên bản {base} (có lỗi); không so sánh được.")
        return
    _say(markdown(found))


@cli.group(short_help="Tạo tệp thủ tục mới hoặc thêm nhiệm vụ vào kế hoạch, đúng mẫu.")
def new() -> None:
    """Tạo nội dung mới đúng mẫu, có chú thích tiếng Việt."""


@new.command("procedure", short_help="Tạo tệp thủ tục mới (bản nháp) với mã đã cho.")
@click.argument("code", metavar="MÃ")
@click.option("--name", help="Tên thủ tục.")
@click.option("--field", "field_name", help="Lĩnh vực, ví dụ Hộ tịch.")
@click.pass_obj
def new_procedure(project: Project, code: str, name: str | None, field_name: str | None) -> None:
    """Tạo content/procedures/thu-tuc-<mã>.yml, một bản nháp có chú thích để điền."""
    if not re.fullmatch(r"\d\.\d{6}", code):
        raise click.BadParameter("cần mã dạng 1.001193", param_hint="CODE")
    try:
        path = procedure_file(project, code, name, field_name)
    except FileExistsError as error:
        raise click.BadParameter(f"tệp {project.display(Path(str(error)))} đã có") from None
    _say(f"Đã tạo {project.display(path)} (bản nháp, chưa công bố).")
    _say('Điền nội dung, chạy "congkhai check", rồi xóa dòng "draft: có" để công bố.')


@new.command("task", short_help="Thêm một nhiệm vụ vào một phần của kế hoạch năm nay.")
@click.option("--section", type=int, prompt="Phần số (1, 2, …)", help="Số thứ tự phần, từ 1.")
@click.option("--content", "task_content", prompt="Nội dung nhiệm vụ", help="Nội dung nhiệm vụ.")
@click.option("--lead", prompt="Mã đơn vị chủ trì", help="Mã đơn vị chủ trì (phần units).")
@click.option("--deadline", prompt="Thời gian hoàn thành", help='Ví dụ "Quý II/2026".')
@click.option("--cooperating", default="", help="Mã đơn vị phối hợp, cách nhau bằng dấu phẩy.")
@click.option("--output", "expected", default="", help="Kết quả dự kiến.")
@click.option("--number", "task_number", default="", help='Số thứ tự trong kế hoạch, ví dụ "1.2".')
@_ward
@click.pass_obj
def new_task(
    project: Project,
    section: int,
    task_content: str,
    lead: str,
    deadline: str,
    cooperating: str,
    expected: str,
    task_number: str,
    ward: str | None,
) -> None:
    """Thêm nhiệm vụ (tình trạng "chưa bắt đầu") vào cuối một phần của kế hoạch năm nay."""
    project = _pick_ward(project, ward)
    _, content = _load(project, warnings=False)
    plan_path = project.ward_root / content.config.site.plan
    task: dict[str, object] = {
        "number": task_number.strip(),
        "content": task_content,
        "lead": lead.strip(),
        "cooperating": [unit.strip() for unit in cooperating.split(",") if unit.strip()],
        "deadline": deadline,
        "output": expected,
        "status": "chưa bắt đầu",
    }
    problems = add_checked_task(project, plan_path, section, task)
    if problems:
        _fail(
            *(str(problem) for problem in problems),
            f"Các đơn vị đã khai báo: {', '.join(plan_units(plan_path))}",
            "Chưa thêm nhiệm vụ; tệp kế hoạch được giữ nguyên.",
        )
    _say(f"Đã thêm nhiệm vụ vào phần {section} của {project.display(plan_path)}.")


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


cli.add_command(import_command)


def main() -> None:
    """Entry point: run the command group; turn any internal failure into one clear line."""
    try:
        cli(prog_name="congkhai")
    except Exception:
        if os.environ.get("CONGKHAI_DEBUG"):
            raise
        log = _project_root / ".congkhai" / "loi-noi-bo.log"
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
