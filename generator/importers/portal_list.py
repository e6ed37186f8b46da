"""Import the national portal's Excel list of procedures (``danh-sach-tthc-*.xlsx``).

The export has a title block, then the header ``Mã số | Tên | Cơ quan ban hành | Cơ quan thực
hiện | Lĩnh vực``. It says nothing about steps, channels, fees, dossier, legal basis, result or
the publishing decision, so every row becomes a draft in ``content/drafts/procedures/`` with
those fields left empty and marked "CẦN ĐIỀN"; nothing is published with invented values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project import Project
from ..text import fold
from .cells import clean, one_line
from .report import PROGRESS_EVERY, ImportFailed, Progress, Report, no_progress
from .store import Saver, place_procedure, procedures_by_code
from .tables import Row, read_table
from .writer import blank

HEADER_SEARCH_ROWS = 30

# Column roles and the folded header texts that name them (exact, or followed by more words).
_ROLES: dict[str, tuple[str, ...]] = {
    "code": ("ma so", "ma thu tuc", "ma tthc", "ma so tthc", "ma"),
    "name": ("ten thu tuc", "ten tthc", "ten"),
    "issuer": ("co quan ban hanh",),
    "implementing": ("co quan thuc hien",),
    "field": ("linh vuc",),
}
_REQUIRED = ("code", "name", "implementing", "field")
_ROLE_NAMES = {
    "code": "Mã số",
    "name": "Tên",
    "implementing": "Cơ quan thực hiện",
    "field": "Lĩnh vực",
}

# The commune level, by meaning: "Ủy ban nhân dân cấp xã", "UBND cấp xã", "Chủ tịch UBND cấp
# xã", "Ủy ban nhân dân xã, phường, thị trấn", "UBND cấp huyện, cấp xã" (folded text).
_COMMUNE = re.compile(
    r"\b(?:uy ban nhan dan|ubnd)\s+(?:cap\s+)?(?:xa|phuong|thi tran)\b"
    r"|\b(?:uy ban nhan dan|ubnd)\b[^;\n]{0,40}\bcap xa\b"
)
_MENTIONS_COMMUNE = re.compile(r"\bcap xa\b|\b(?:xa|phuong), (?:phuong|thi tran)\b")
_CODE = re.compile(r"(\d\.\d{6})(?:\.[\w.]+)?")


@dataclass(frozen=True)
class ListRow:
    """One procedure of the list, cleaned."""

    row: int
    code: str
    name: str
    field: str
    issuer: str
    bodies: tuple[str, ...]
    """Implementing bodies, one per line of the cell, duplicates removed."""

    @property
    def commune(self) -> bool:
        """Whether a commune-level body implements it (by meaning, folded)."""
        return any(_COMMUNE.search(fold(body)) for body in self.bodies)

    @property
    def mentions_commune(self) -> bool:
        """Whether "cấp xã" appears without the commune People's Committee being named."""
        return not self.commune and any(_MENTIONS_COMMUNE.search(fold(b)) for b in self.bodies)


def header_roles(row: Row) -> dict[str, int]:
    """The column of each role this row names, if it is a header row."""
    roles: dict[str, int] = {}
    for index, value in enumerate(row.values):
        text = fold(one_line(clean(value))).rstrip(" :.")
        for role, names in _ROLES.items():
            if role in roles:
                continue
            if any(text == n or (len(n) > 2 and text.startswith(n + " ")) for n in names):
                roles[role] = index
                break
    return roles


def procedure_code(value: object) -> str | None:
    """The code in a cell: "1.001193", a long portal code, or a number Excel made of it."""
    if isinstance(value, float):
        # Excel turns 1.001190 into the number 1.00119: codes always have six decimals.
        return f"{value:.6f}" if 0 < value < 10 else None
    text = clean(value).strip("'\" ")
    match = _CODE.fullmatch(text)
    return match.group(1) if match else None


def read_list(path: Path, report: Report, say: Progress = no_progress) -> tuple[list[ListRow], int]:
    """Every procedure row of the export, and the number of data rows read."""
    table = read_table(path)
    report.notes += table.notes
    roles: dict[str, int] | None = None
    rows: list[ListRow] = []
    seen: dict[str, int] = {}
    data_rows = 0
    for row in table.rows:
        if roles is None:
            found = header_roles(row)
            if all(role in found for role in _REQUIRED):
                roles = found
            elif row.number >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(clean(v) for v in row.values):
            continue
        if header_roles(row).keys() >= set(_REQUIRED):
            report.skip("dòng tiêu đề lặp lại", str(row.number))
            continue
        data_rows += 1
        if data_rows % PROGRESS_EVERY == 0:
            say(f"Đã đọc {data_rows} dòng…")
        item = _list_row(row, roles, report)
        if item is None:
            continue
        if item.code in seen:
            report.skip("mã trùng với một dòng trước", f"{row.number} ({item.code})")
            continue
        seen[item.code] = row.number
        rows.append(item)
    if roles is None:
        raise ImportFailed(
            f"không tìm thấy dòng tiêu đề của danh sách trong {HEADER_SEARCH_ROWS} dòng đầu tệp "
            f"{path.name}; cần các cột {', '.join(_ROLE_NAMES.values())} (như tệp tải từ "
            "Cổng Dịch vụ công quốc gia)"
        )
    report.count("dòng", data_rows)
    return rows, data_rows


def _list_row(row: Row, roles: dict[str, int], report: Report) -> ListRow | None:
    raw_code = row.value(roles["code"])
    code = procedure_code(raw_code)
    if code is None:
        reason = "không có mã số" if not clean(raw_code) else "mã số không đúng dạng 1.001193"
        report.skip(reason, str(row.number))
        return None
    bodies: list[str] = []
    for line in clean(row.value(roles["implementing"])).split("\n"):
        body = one_line(line).rstrip(" .")
        if body and fold(body) not in {fold(b) for b in bodies}:
            bodies.append(body)
    return ListRow(
        row=row.number,
        code=code,
        name=one_line(clean(row.value(roles["name"]))),
        field=one_line(clean(row.value(roles["field"]))),
        issuer=one_line(clean(row.value(roles.get("issuer")))),
        bodies=tuple(bodies),
    )


def skeleton(item: ListRow) -> dict[str, Any]:
    """The draft of one row: what the list says, and a "CẦN ĐIỀN" placeholder for the rest."""
    implementing = "; ".join(item.bodies)
    return {
        "code": item.code,
        "name": item.name or blank("tên thủ tục (ô Tên trong danh sách bị trống)"),
        "field": item.field or blank("lĩnh vực (ô Lĩnh vực trong danh sách bị trống)"),
        # The list has no level column: "Ủy ban nhân dân cấp xã" as implementing body does not
        # say whether the province or ministry also carries it out ("Cấp tỉnh, Cấp xã").
        "level": blank("cấp thực hiện (danh sách không có cột cấp; xem trang chi tiết trên Cổng)"),
        "decision": blank(
            "quyết định công bố thủ tục: number (số, ví dụ 1542/QĐ-UBND) và date (ngày)"
        ),
        "subjects": blank("đối tượng thực hiện, mỗi đối tượng một mục"),
        "steps": blank("trình tự thực hiện, mỗi bước một mục"),
        "channels": blank(
            "cách thức thực hiện: mỗi cách một mục gồm mode, time_limit, fee "
            '(và level với "trực tuyến")'
        ),
        "dossier": blank("thành phần hồ sơ: mỗi giấy tờ một mục gồm name, copies"),
        "legal_basis": blank("căn cứ pháp lý: mỗi văn bản một mục gồm number, title"),
        "result": blank("kết quả thực hiện thủ tục"),
        "agencies": {
            "competent": blank("cơ quan có thẩm quyền quyết định"),
            "implementing": implementing or blank("cơ quan thực hiện (ô trong danh sách bị trống)"),
        },
    }


def import_procedure_list(
    project: Project,
    path: Path,
    *,
    all_rows: bool = False,
    force: bool = False,
    say: Progress = no_progress,
) -> Report:
    """Import the portal's procedure list into drafts; the report says what happened."""
    report = Report(f"Nhập danh sách thủ tục từ {path.name}.")
    items, data_rows = read_list(path, report, say)
    chosen: list[ListRow] = []
    for item in items:
        if all_rows or item.commune:
            chosen.append(item)
        elif item.mentions_commune:
            report.skip(
                "có nhắc cấp xã nhưng không phải Ủy ban nhân dân cấp xã (xem lại; nhập với --all)",
                f"{item.row} ({item.code})",
            )
        elif not item.bodies:
            report.skip("không ghi cơ quan thực hiện (nhập với --all nếu cần)", str(item.row))
        else:
            report.skip("không thực hiện ở cấp xã", str(item.row))
    report.title = (
        f"Nhập danh sách thủ tục từ {path.name}: {data_rows} dòng dữ liệu, "
        f"{len(chosen)} thủ tục được chọn" + (" (--all)." if all_rows else " (cấp xã).")
    )
    if not all_rows:
        report.notes.append(
            "Cách chọn: danh sách của Cổng không có cột cấp thực hiện, nên chỉ chọn dòng có cơ "
            "quan thực hiện là Ủy ban nhân dân (hoặc Chủ tịch UBND) cấp xã, phường, thị trấn. "
            "Thủ tục cấp xã do cơ quan khác thực hiện (công an xã, hải quan, thuế, bảo hiểm xã "
            "hội…) không nhận ra được từ danh sách: nhập trang chi tiết (congkhai import record) "
            "hoặc dùng --all. Cấp thực hiện để trống cho cán bộ điền theo trang chi tiết."
        )
    existing = procedures_by_code(project)
    saver = Saver(project, report)
    taken: set[Path] = set()
    missing: Counter[str] = Counter()
    for number, item in enumerate(chosen, start=1):
        if number % PROGRESS_EVERY == 0:
            say(f"Đã ghi {number}/{len(chosen)} thủ tục…")
        draft = skeleton(item)
        found = existing.get(item.code)
        incoming = draft
        if found is not None:
            # Only what the list knows for sure is merged into a file staff already have.
            keys = ["code", "name", "field"]
            incoming = {key: draft[key] for key in keys}
        source = f"{path.name}, dòng {item.row}"
        if item.issuer:
            source += f" (cơ quan ban hành: {item.issuer})"
        placed = place_procedure(
            project,
            saver,
            incoming,
            source=source,
            existing=found,
            force=force,
            taken=taken,
        )
        if placed.path is not None and not placed.published:
            missing.update(line.split(":", 1)[0] for line in placed.blanks)
    drafts = report.counts.get("bản nháp", 0)
    if missing:
        report.human.append(
            f"{drafts} bản nháp trong content/drafts/procedures/ còn thiếu những gì danh sách "
            "không có: " + ", ".join(f"{path} ({count})" for path, count in missing.items())
        )
    if drafts:
        report.next_steps.append(
            "Tiếp theo: lấy trang chi tiết từng thủ tục trên Cổng (nhập bằng: congkhai import "
            "record TỆP.json) hoặc điền tay theo quyết định công bố của tỉnh; điền xong thì "
            "chuyển tệp sang content/procedures/ và chạy congkhai check."
        )
    return report
