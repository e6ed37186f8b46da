"""Measure the portal detail-record importer on real records: ``python -m bench.portal``.

Imports every record of ``../shared/reference/national-portal/records/`` into a fresh ward,
classifies each source field of each record as exact (every word of the source is in the
imported field and nothing was flagged), needs staff (a blank or a note for staff) or lost
(words missing and nothing flagged), checks the issue's "done when" counts, then fills each
draft's blanks with visible markers and builds the site. Writes ``bench/results/portal-records.md``.
Not part of ``make test``: the records are reference data outside the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.importers.cells import clean_field
from generator.importers.portal import NOT_IMPORTED, import_records, recover
from generator.importers.writer import Note
from generator.load import read_document
from generator.project import Project
from generator.text import fold

REPO = Path(__file__).resolve().parent.parent
RECORDS = REPO.parent / "shared" / "reference" / "national-portal" / "records"
RESULT = REPO / "bench" / "results" / "portal-records.md"
VARIANTS = REPO / "bench" / "results" / "portal-variants.md"
"""Written by ``python -m bench.portal_variants``; copied into RESULT's last section."""

# Source field → the procedure keys it becomes.
TARGETS: dict[str, tuple[str, ...]] = {
    "ma_thu_tuc": ("code",),
    "ten_thu_tuc": ("name",),
    "linh_vuc": ("field",),
    "cap_thuc_hien": ("level",),
    "so_quyet_dinh": ("decision",),
    "doi_tuong_thuc_hien": ("subjects",),
    "trinh_tu_thuc_hien": ("steps", "step_notes"),
    "cach_thuc_thuc_hien": ("channels",),
    "thanh_phan_ho_so": ("dossier",),
    "yeu_cau_dieu_kien": ("conditions",),
    "can_cu_phap_ly": ("legal_basis",),
    "ket_qua_xu_ly": ("result",),
    "co_quan_co_tham_quyen": ("agencies.competent",),
    "co_quan_thuc_hien": ("agencies.implementing", "operating_body"),
    "co_quan_phoi_hop": ("agencies.coordinating",),
    "dia_chi_tiep_nhan": ("submit_at",),
    "detail_url": ("channels",),
}
# Table headers and interface text of the portal: not facts, so not counted as lost.
_NOT_FACTS = re.compile(
    r"Hình thức nộp|Thời gian|Phí, lệ phí|Mô tả|Tên giấy tờ|Mẫu đơn, tờ khai|Số lượng"
    r"|Tên văn bản pháp lý|Mã văn bản|Không có thông tin|Từ khóa|Mã:"
    r"|Miễn phí|Việt Nam Đồng|VNĐ|Đồng"  # a fee is written as a number: 0, 20000
    r"|Dịch vụ bưu chính"  # the mode "bưu chính"
    r"|(?:Chọn cơ quan thực hiện|Hệ thống chỉ hiển thị|--\s*Chọn|Tỉnh/\s*Thành phố).*$",
    re.S,
)
_MONEY = re.compile(r"đồng|VNĐ|Việt Nam Đồng|\bphí\b|Không có thông tin", re.I)
_ENDS_IN_QUANTITY = re.compile(r"\d+\s*bản(?: chính| sao| chụp| gốc)?\W*$", re.I)
_CITED = re.compile(
    r"(?:Luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết)(?: số)?\s+"
    r"(\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)"
)
_GLUED_TYPE = re.compile(
    r"(?<=[^\W\d_])(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết) số (?=\d+/)"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*")


def words(text: str) -> set[str]:
    """Folded words, glued cells split apart ("chínhb" → "chinh", "b")."""
    text = re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", text)  # 20,000 and 20.000 → 20000
    text = re.sub(r"(?<!\d)0\s*bản (?:chính|sao|chụp|gốc)", " ", text)  # a 0 is not written
    text = re.sub(r"(bản (?:chính|sao|chụp|gốc))", r" \1 ", text)
    # Cells glued after a document number: "NĐ-CPLuật", "QH1354/2014/QH13".
    text = re.sub(
        r"(?<=QH\d\d)(?=\d)|(?<=[ /-](?:19|20)\d\d)(?=\d)|(?<=-CP|-TC|-CA|-TP|-XH)(?=[A-ZĐ])",
        " ",
        text,
    )
    text = re.sub(r"(?<=\D)(?=\d)|(?<=\d)(?=\D)", " ", text)
    # A quantity of 0 is not written ("0 bản chính, 1 bản sao" → "1 bản sao").
    found = re.findall(r"\w+", fold(_split_case(text)))
    return {w for w in found if (len(w) > 1 or w.isdigit()) and w != "0"}


def _split_case(text: str) -> str:
    """A space where glued cells change case: "nhânNghị", "CPLuật" (Vietnamese letters too)."""
    out = []
    for position, char in enumerate(text):
        before = text[position - 1] if position else ""
        after = text[position + 1 : position + 2]
        if char.isupper() and (before.islower() or (before.isupper() and after.islower())):
            out.append(" ")
        out.append(char)
    return "".join(out)


def strings(value: Any) -> Iterator[str]:
    """Every text in imported data, comments and notes included."""
    if isinstance(value, Note):
        yield from strings(value.value)
        if value.comment:
            yield value.comment
        yield from value.above
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif value is not None:
        yield str(value)


def classify(record: dict[str, Any]) -> dict[str, str]:
    """Each non-empty source field of a record: "exact", "staff" or "lost"."""
    recovered = recover(record)
    notes = recovered.issues.unparsed + recovered.issues.review
    out: dict[str, str] = {}
    for key, value in record.items():
        source = clean_field(value) if isinstance(value, str) else str(value or "")
        if not source:
            continue
        if key not in TARGETS:
            out[key] = "named" if key in NOT_IMPORTED else "lost"
            continue
        targets = [_get(recovered.data, target) for target in TARGETS[key]]
        imported = " ".join(text for target in targets for text in strings(target))
        if key == "detail_url" and "url" not in imported and "http" not in imported:
            out[key] = "named"  # no online channel: the portal's own page, in the header
            continue
        flagged = any(n.startswith(key) for n in notes) or any(
            isinstance(v, Note) and v.value is None for target in targets for v in _notes(target)
        )
        # A word glued in the source ("QH1354/2014") may be inside a word of the import,
        # read in the portal's column order (a legal document's title, then its number).
        joined = re.sub(r"\s+", "", fold(imported + " " + _in_source_order(key, recovered.data)))
        if key == "can_cu_phap_ly":
            # "…cá nhânNghị định số 117/2025/NĐ-CP": the number column's type word, which the
            # number's symbol (NĐ-CP) states; the entry keeps the number.
            source = _GLUED_TYPE.sub(" ", source)
        missing = {
            w for w in words(_NOT_FACTS.sub(" ", source)) - words(imported) if w not in joined
        }
        if flagged:
            out[key] = "staff"
        elif missing:
            out[key] = "lost"
        else:
            out[key] = "exact"
    return out


def _in_source_order(key: str, data: dict[str, Any]) -> str:
    """The legal basis as the portal's table reads: each title followed by its number."""
    legal = data.get("legal_basis") if key == "can_cu_phap_ly" else None
    if not isinstance(legal, list):
        return ""
    return "".join(f"{d.get('title', '')}{d.get('number', '')}" for d in legal)


def _get(data: dict[str, Any], path: str) -> Any:
    """data["agencies"]["competent"] for "agencies.competent" (Notes looked through)."""
    value: Any = data
    for part in path.split("."):
        while isinstance(value, Note) and isinstance(value.value, dict):
            value = value.value
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _notes(value: Any) -> Iterator[Any]:
    if isinstance(value, Note):
        yield value
        yield from _notes(value.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _notes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _notes(item)


def _same(cited: str, number: str) -> bool:
    """ "10/2018/QĐ-TT" (cut before the "g" of TTg) names "10/2018/QĐ-TTg", and so on."""
    return cited.startswith(number) or number.startswith(cited)


DONE_WHEN = (
    "thời hạn chứa tiền hoặc 'Không có thông tin'",
    "tên giấy tờ kết thúc bằng số lượng",
    "số văn bản không có mục riêng",
    "số văn bản dính năm",
    "trích yếu chỉ là loại văn bản",
    "đối tượng bị cắt trong ngoặc",
    "có chữ 'Không có thông tin'",
)
"""The counts ``done_when`` returns, in the order results list them."""


def done_when(drafts: list[dict[str, Any]], records: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The issue's "done when" counts over the imported files (each should be 0)."""
    counts: Counter[str] = Counter()
    for data in drafts:
        for channel in data.get("channels") or []:
            if _MONEY.search(str(channel.get("time_limit") or "")):
                counts["thời hạn chứa tiền hoặc 'Không có thông tin'"] += 1
        for item in data.get("dossier") or []:
            if _ENDS_IN_QUANTITY.search(str(item.get("name") or "")):
                counts["tên giấy tờ kết thúc bằng số lượng"] += 1
        for subject in data.get("subjects") or []:
            if subject.count("(") != subject.count(")"):
                counts["đối tượng bị cắt trong ngoặc"] += 1
        published = " ".join(strings(data))
        if "Không có thông tin" in published:
            counts["có chữ 'Không có thông tin'"] += 1
        legal = data.get("legal_basis") or []
        numbers = {str(d.get("number")) for d in legal}
        for document in legal:
            # "Thông tư 56/2017/TT-BYT…", "Nghị định số 120/2025/NĐ-CP ngày…": the number
            # the title starts with is a document the portal lists, so it has an entry.
            cited = _CITED.match(str(document.get("title")))
            if cited and not any(_same(cited.group(1), n) for n in numbers):
                counts["số văn bản không có mục riêng"] += 1
        for document in legal:
            if re.match(r"(?:19|20)\d{2}\d+/", str(document.get("number"))):
                counts["số văn bản dính năm"] += 1
            if re.fullmatch(
                r"(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết)( số)?",
                str(document.get("title")),
            ):
                counts["trích yếu chỉ là loại văn bản"] += 1
    return counts


_FILL = {
    "date": "01/01/2026",
    "fee": "9999999",  # shown as 9.999.999 đồng: a blank, never a real fee
    "level": "một phần",
    "legal_basis": '\n  - number: "[CẦN ĐIỀN]"\n    title: "[CẦN ĐIỀN]"',
    "dossier": '\n  - name: "[CẦN ĐIỀN]"',
    "subjects": '\n  - "[CẦN ĐIỀN]"',
    "steps": '\n  - "[CẦN ĐIỀN]"',
    "channels": '\n  - mode: trực tiếp\n    time_limit: "[CẦN ĐIỀN]"\n    fee: 0',
    "decision": '\n  number: "[CẦN ĐIỀN]"\n  date: 01/01/2026',
}
"""What the measurement writes in place of each blank, so that a draft builds (never published)."""


def publish_drafts(root: Path) -> int:
    """Fill each draft's blanks with a visible marker and move it into content/procedures/."""
    target = root / "content" / "procedures"
    target.mkdir(parents=True, exist_ok=True)
    moved = 0
    for path in sorted((root / "content" / "drafts" / "procedures").glob("*.yml")):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"^(\s*(?:- )?)([a-z_]+):\s+# CẦN ĐIỀN", line):
                key = match.group(2)
                value = _FILL.get(key, '"[CẦN ĐIỀN]"')
                line = f"{match.group(1)}{key}: {value}"
            lines.append(line)
        text = "\n".join(lines) + "\n"
        (target / path.name).write_text(text, encoding="utf-8")
        path.unlink()
        moved += 1
    return moved


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and write the result file."""
    parser = argparse.ArgumentParser(prog="python -m bench.portal", description=__doc__)
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--out", type=Path, default=RESULT)
    parser.add_argument("--keep", type=Path, help="keep the imported ward and its site here")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    paths = sorted(args.records.glob("**/*.json"))
    if not paths:
        print(f"no records in {args.records}", file=sys.stderr)
        return 2
    records = {}
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        records[str(record.get("ma_thu_tuc"))] = record
    root = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "plan").mkdir(parents=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copy(REPO / "content" / "plan" / "2026.yml", root / "content" / "plan" / "2026.yml")
    started = time.perf_counter()
    report = import_records(Project(root), paths)
    import_seconds = time.perf_counter() - started

    figures: dict[str, Counter[str]] = {}
    for record in records.values():
        for key, verdict in classify(record).items():
            figures.setdefault(key, Counter())[verdict] += 1
    drafts = []
    for path in sorted((root / "content" / "drafts" / "procedures").glob("*.yml")):
        drafts.append(read_document(path, path.name).data)
    counts = done_when(drafts, records)
    bodies = Counter(str(d.get("operating_body") or "ủy ban nhân dân") for d in drafts)
    channels = [c for d in drafts for c in d.get("channels") or [] if isinstance(c, dict)]
    fee_cases = sum(1 for c in channels if c.get("fee_cases"))

    pages = 0
    build_seconds = 0.0
    build_note = "not run"
    if not args.no_build:
        publish_drafts(root)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "generator", "-C", str(root), "build"],
            capture_output=True,
            text=True,
            check=False,
        )
        build_seconds = time.perf_counter() - started
        pages = sum(1 for _ in (root / "site").rglob("*.html")) if done.returncode == 0 else 0
        build_note = "ok" if done.returncode == 0 else done.stdout[-2000:] + done.stderr[-2000:]

    lines = [
        "# Portal detail records at a commune's scale",
        "",
        f"`python -m bench.portal` on {len(paths)} records of `{args.records.name}/` "
        f"(import {import_seconds:.1f} s; build {build_seconds:.1f} s, {pages} pages, "
        f"{build_note}).",
        "",
        report.title,
        "",
        "## Per source field (records where the field is not empty)",
        "",
        "exact: every word of the source is in the imported field, nothing flagged; needs staff: "
        "a blank or a note for staff in the file; lost: words missing, nothing flagged; named: "
        "not imported, named in the report with the reason.",
        "",
        "| Field | Records | Exact | Needs staff | Lost | Named |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(figures, key=lambda k: (k not in TARGETS, k)):
        c = figures[key]
        lines.append(
            f"| `{key}` | {sum(c.values())} | {c['exact']} | {c['staff']} | {c['lost']} "
            f"| {c['named']} |"
        )
    lines += ["", "## Done when (each should be 0)", ""]
    lines += [f"- {name}: {counts[name]}" for name in DONE_WHEN]
    lines += [
        "",
        f"Channels with fee cases (`fee_cases`): {fee_cases} of {len(channels)}. "
        "A sample of 20 pages read against the portal: `bench/results/portal-sample.md`.",
    ]
    lines += ["", "## Who carries the procedures out (`operating_body`)", ""]
    lines += [f"- {body}: {count}" for body, count in bodies.most_common()]
    lines += [
        "",
        "## Mutation check (records the 514 do not contain)",
        "",
        "The same records rewritten as another ministry's page or another crawler plausibly "
        "writes them; each count should be 0 (`python -m bench.portal_variants`, last run below). "
        "The importer before this check (main at 2c5a889) changed the records' structure under "
        "HTML entities and 'Quyết định số' before the decision number (514 records each), "
        "lower-case units (512; 55 pages with 'Không có thông "
        "tin'), legal dates in words (233), time limits in words (214; 41 pages with 'Không có "
        "thông tin'), 'và' between quantities (104), lower-case 'không có thông tin' (25), "
        "'20.000đ' and spaced amounts (22 each) and 'Bản chính: N - Bản sao: M' (18).",
        "",
    ]
    if VARIANTS.is_file():
        lines += VARIANTS.read_text(encoding="utf-8").rstrip("\n").split("\n")
    else:
        lines.append("Not run yet.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
