"""Crawler files → records → procedure files or drafts, through the shared store."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ...project import Project
from ..cells import clean_field
from ..report import PROGRESS_EVERY, ImportFailed, Progress, Report, no_progress
from ..store import Saver, place_procedure, procedures_by_code
from .build import NOT_IMPORTED, record_code, recover

MAX_RECORD_BYTES = 50 * 1024 * 1024


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records of one crawler file: one object, or a list of them."""
    if not path.is_file():
        raise ImportFailed(f"không tìm thấy tệp {path}")
    raw = path.read_bytes()
    if len(raw) > MAX_RECORD_BYTES:
        raise ImportFailed(f"tệp {path.name} quá lớn cho bản ghi thủ tục")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(f"tệp {path.name} không lưu bằng mã UTF-8") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{path.name}:{error.lineno}:{error.colno}: tệp không phải JSON hợp lệ "
            "(có thể bị cắt ngang khi tải về)"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return data
    raise ImportFailed(
        f"tệp {path.name} cần một bản ghi thủ tục (một đối tượng JSON {{…}}) hoặc danh sách bản ghi"
    )


def expand_folders(paths: list[Path]) -> list[Path]:
    """Each folder given becomes the .json files under it (sorted); files stay as they are."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                raise ImportFailed(f"thư mục {path} không có tệp .json nào")
            out += found
        else:
            out.append(path)
    return out


def import_records(
    project: Project,
    paths: list[Path],
    *,
    force: bool = False,
    say: Progress = no_progress,
) -> Report:
    """Import detail records: a procedure file when complete, a draft otherwise."""
    report = Report("", skip_unit="bản ghi")
    records: list[tuple[str, dict[str, Any]]] = []
    paths = expand_folders(paths)
    for path in paths:
        try:
            loaded = load_records(path)
        except ImportFailed as error:
            if len(paths) == 1:
                raise
            report.errors.append(str(error))
            continue
        label = path.name
        records += [
            (label if len(loaded) == 1 else f"{label}#{n}", record)
            for n, record in enumerate(loaded, start=1)
        ]
    existing = procedures_by_code(project)
    saver = Saver(project, report)
    taken: set[Path] = set()
    done: set[str] = set()
    for number, (label, record) in enumerate(records, start=1):
        if number % PROGRESS_EVERY == 0:
            say(f"Đã xử lý {number}/{len(records)} bản ghi…")
        code = record_code(record)
        if code is None:
            report.skip("không có mã thủ tục (ma_thu_tuc) hợp lệ", label)
            continue
        if code in done:
            report.skip("mã đã nhập từ một bản ghi trước", f"{label} ({code})")
            continue
        done.add(code)
        recovered = recover(record)
        placed = place_procedure(
            project,
            saver,
            recovered.data,
            source=f"bản ghi {label} của Cổng Dịch vụ công quốc gia"
            + (f" ({url})" if (url := clean_field(record.get("detail_url"))) else ""),
            existing=existing.get(code),
            force=force,
            taken=taken,
            review=recovered.issues.review,
        )
        report.notes += [f"{code}: {line}" for line in recovered.issues.review]
        if placed.path is not None and placed.blanks:
            report.human += [f"{code} {project.display(placed.path)}: {b}" for b in placed.blanks]
    present = Counter(
        key for _, record in records for key in NOT_IMPORTED if clean_field(record.get(key))
    )
    report.notes += [
        f"Không nhập trường {key} ({count} bản ghi): {NOT_IMPORTED[key]}."
        for key, count in sorted(present.items())
    ]
    if records and not report.written and not report.refused:
        report.errors.append("không có bản ghi nào có mã thủ tục (ma_thu_tuc) hợp lệ")
    published = report.counts.get("đã đăng", 0)
    drafts = report.counts.get("bản nháp", 0)
    report.title = (
        f"Nhập {len(records)} bản ghi chi tiết thủ tục: {published} đủ thông tin, "
        f"{drafts} bản nháp cần cán bộ điền thêm"
        + (f", {len(report.refused)} không ghi." if report.refused else ".")
    )
    if drafts:
        report.next_steps.append(
            "Tiếp theo: mở từng bản nháp trong content/drafts/procedures/, điền các dòng CẦN ĐIỀN "
            "theo quyết định công bố, rồi chuyển sang content/procedures/ và chạy congkhai check."
        )
    if published:
        report.next_steps.append(
            "Thủ tục đã đủ thông tin nằm trong content/procedures/: đối chiếu với Cổng rồi chạy "
            "congkhai build."
        )
    return report
