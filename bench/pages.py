"""The same procedures as Markdown pages, for plain MkDocs-Material and for the floor.

Each page carries the text congkhai's ``procedure.html`` shows, in the same order: the
facts box as a list, steps as an ordered list, channels and dossier as tables, legal basis,
agencies and decision as lists. The index page is the catalogue (one table per field).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml

from generator.schema import Channel, Procedure

IN_FORCE = ("còn hiệu lực", "được sửa đổi")
"""Statuses whose procedures the catalogue lists (as congkhai's catalogue does)."""

PROCEDURE_DIR = "thu-tuc"
"""Folder of the procedure pages in the Markdown docs (one subfolder per field)."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def slug(text: str) -> str:
    """ASCII slug of Vietnamese text: "Hộ tịch" -> "ho-tich"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def md(text: str) -> str:
    """Text escaped for Markdown: no emphasis, link, table or HTML syntax survives."""
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def money(amount: int, unit: str | None = None) -> str:
    """A fee as congkhai writes it: "Miễn phí" or "50.000 đồng[/unit]"."""
    if amount == 0:
        return "Miễn phí"
    text = f"{amount:,}".replace(",", ".") + " đồng"
    return f"{text}/{unit}" if unit else text


def fee_summary(channels: tuple[Channel, ...] | list[Channel]) -> str:
    """One phrase for the fees across channels, as congkhai's facts box shows it."""
    fees = sorted({(channel.fee, channel.fee_unit) for channel in channels})
    if len(fees) == 1:
        return money(*fees[0])
    return f"{money(*fees[0])} – {money(*fees[-1])}"


def vn_date(value: date | None) -> str:
    """A date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


class Content(Protocol):
    """What the Markdown pages need of congkhai's validated content."""

    @property
    def config(self) -> Any:
        """The validated site_config.yml."""

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """Every procedure."""


def site_title(content: Content) -> str:
    """The site title as congkhai makes it."""
    ward = content.config.ward.name
    return str(content.config.site.title or f"Công khai thủ tục hành chính – {ward}")


def groups_by_field(content: Content) -> list[tuple[str, list[Procedure]]]:
    """Procedures in force, grouped by field, in folded alphabetical order."""
    groups: dict[str, list[Procedure]] = {}
    for procedure in sorted(content.procedures, key=lambda p: (slug(p.field), slug(p.name))):
        if procedure.status in IN_FORCE:
            groups.setdefault(procedure.field, []).append(procedure)
    return list(groups.items())


def procedure_path(procedure: Procedure) -> str:
    """Source path of a procedure page in the Markdown docs."""
    return f"{PROCEDURE_DIR}/{slug(procedure.field)}/{procedure.code}.md"


def procedure_markdown(
    procedure: Procedure, content: Content, by_code: dict[str, Procedure]
) -> str:
    """One procedure page in Markdown, with the text of congkhai's procedure page."""
    p = procedure
    office = content.config.ward.service_centre
    lines: list[str] = []
    if p.status in ("được thay thế", "bãi bỏ"):
        verb = "được thay thế" if p.status == "được thay thế" else "bị bãi bỏ"
        since = f" từ ngày {vn_date(p.status_date)}" if p.status_date else ""
        lines.append(f"> **Thủ tục này đã {verb}{since}.** Nội dung dưới đây chỉ để tra cứu.")
        replacement = by_code.get(p.replaced_by) if p.replaced_by else None
        if replacement is not None:
            link = "../../" + procedure_path(replacement)
            lines += [
                ">",
                f"> Thủ tục thay thế: [{md(replacement.name)}]({link}) (mã {replacement.code}).",
            ]
        lines.append("")
    lines += [f"# {md(p.name)}", ""]
    lines += [f"Mã thủ tục {p.code} · Lĩnh vực {md(p.field)} · {md(p.level)}", ""]
    if p.summary:
        lines += [md(p.summary), ""]
    online = next((c for c in p.channels if c.mode == "trực tuyến"), None)
    if online and online.url:
        online_text = f"<{online.url}>"
    elif online:
        online_text = "Có (trên Cổng Dịch vụ công quốc gia)"
    else:
        online_text = "Chưa áp dụng"
    where = p.submit_at or f"{office.name}, {office.address}"
    lines += [
        f"- **Thời hạn giải quyết:** {md(p.channels[0].time_limit)}",
        f"- **Phí, lệ phí:** {fee_summary(p.channels)}",
        f"- **Nơi nộp hồ sơ:** {md(where)}",
        f"- **Nộp trực tuyến:** {online_text}",
        f"- **Ai thực hiện:** {md('; '.join(p.subjects))}",
        "",
        "## Trình tự thực hiện",
        "",
    ]
    lines += [f"{number}. {md(step)}" for number, step in enumerate(p.steps, start=1)]
    lines += [
        "",
        "## Cách thức thực hiện",
        "",
        "| Cách nộp | Thời hạn giải quyết | Phí, lệ phí |",
        "| --- | --- | --- |",
    ]
    for channel in p.channels:
        fee = money(channel.fee, channel.fee_unit)
        if channel.fee_note:
            fee += f"<br>{md(channel.fee_note)}"
        lines.append(f"| {channel.mode.capitalize()} | {md(channel.time_limit)} | {fee} |")
    lines += ["", "## Thành phần hồ sơ", "", "| STT | Giấy tờ | Số lượng |", "| --- | --- | --- |"]
    for number, item in enumerate(p.dossier, start=1):
        cell = md(item.name)
        if item.form:
            form = md(item.form.name)
            cell += f"<br>Mẫu: [{form}]({item.form.url})" if item.form.url else f"<br>Mẫu: {form}"
        if item.note:
            cell += f"<br>{md(item.note)}"
        lines.append(f"| {number} | {cell} | {md(item.copies or '')} |")
    if p.conditions:
        lines += ["", "## Yêu cầu, điều kiện", ""]
        lines += [f"- {md(condition)}" for condition in p.conditions]
    lines += ["", "## Kết quả thực hiện", "", md(p.result), "", "## Căn cứ pháp lý", ""]
    for law in p.legal_basis:
        when = f" (ngày {vn_date(law.date)})" if law.date else ""
        lines.append(f"- **{md(law.number)}** – {md(law.title)}{when}")
    lines += [
        "",
        "## Cơ quan thực hiện",
        "",
        f"- **Cơ quan có thẩm quyền:** {md(p.agencies.competent)}",
        f"- **Cơ quan thực hiện:** {md(p.agencies.implementing)}",
    ]
    if p.agencies.coordinating:
        lines.append(f"- **Cơ quan phối hợp:** {md(p.agencies.coordinating)}")
    lines += [f"- **Đối tượng thực hiện:** {md('; '.join(p.subjects))}", ""]
    issuer = f" của {md(p.decision.issuer)}" if p.decision.issuer else ""
    status_since = f" (từ ngày {vn_date(p.status_date)})" if p.status_date else ""
    lines += [
        "## Quyết định công bố",
        "",
        f"- **Quyết định công bố:** Số {md(p.decision.number)} ngày "
        f"{vn_date(p.decision.date)}{issuer}",
        f"- **Tình trạng:** {p.status.capitalize()}{status_since}",
    ]
    if p.updated:
        lines.append(f"- **Cập nhật lần cuối:** {vn_date(p.updated)}")
    return "\n".join(lines) + "\n"


def index_markdown(content: Content) -> str:
    """The catalogue page: every procedure in force, one table per field, linked."""
    groups = groups_by_field(content)
    current = sum(len(procedures) for _, procedures in groups)
    lines = [
        "# Thủ tục hành chính",
        "",
        f"{current} thủ tục hành chính đang được tiếp nhận, giải quyết tại "
        f"{md(content.config.ward.name)}, thuộc {len(groups)} lĩnh vực.",
        "",
    ]
    lines += [
        f"- [{md(field)}](#{slug(field)}) ({len(procedures)})" for field, procedures in groups
    ]
    for field, procedures in groups:
        lines += [
            "",
            f"## {md(field)} – {len(procedures)} thủ tục {{#{slug(field)}}}",
            "",
            "| Mã số | Tên thủ tục | Thời hạn giải quyết | Phí, lệ phí | Cách nộp |",
            "| --- | --- | --- | --- | --- |",
        ]
        for p in procedures:
            modes = ", ".join(channel.mode for channel in p.channels)
            lines.append(
                f"| {p.code} | [{md(p.name)}]({procedure_path(p)}) | "
                f"{md(p.channels[0].time_limit)} | {fee_summary(p.channels)} | {modes} |"
            )
    return "\n".join(lines) + "\n"


def write_docs(content: Content, docs_dir: Path) -> int:
    """Write the index page and one Markdown page per procedure; return the bytes written."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    by_code = {p.code: p for p in content.procedures}
    pages = [("index.md", index_markdown(content))]
    pages += [
        (procedure_path(p), procedure_markdown(p, content, by_code)) for p in content.procedures
    ]
    for relative, text in pages:
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode()
        path.write_bytes(data)
        written += len(data)
    return written


def mkdocs_yml(content: Content, docs_dir: Path, *, in_nav: bool) -> str:
    """A plain Material mkdocs.yml; ``in_nav=False`` keeps procedures out of the navigation."""
    settings: dict[str, Any] = {
        "site_name": site_title(content),
        "site_url": content.config.site.url,
        "docs_dir": str(docs_dir),
        "theme": {"name": "material", "language": "vi"},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "tables", "toc"],
    }
    if not in_nav:
        settings["nav"] = [{"Thủ tục hành chính": "index.md"}]
        settings["not_in_nav"] = f"/{PROCEDURE_DIR}/\n"
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
