"""Mutation check of the portal importer: ``python -m bench.portal_variants``.

Records of other ministries and provinces have the portal's layout but not the exact words of
the 514 we hold. Each perturbation rewrites every record the way another crawler or portal page
plausibly would (decomposed diacritics, no-break spaces, Windows newlines, "." for "," in
amounts, "VNĐ" for "Việt Nam Đồng", the channel rows in another order, lower-case units, HTML
entities), imports the result and counts the issue's "done when" measures, and how many records
come out different from the unperturbed import. Writes ``bench/results/portal-variants.md``, which
``python -m bench.portal`` copies into its own result. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.portal import DONE_WHEN, RECORDS, REPO, VARIANTS, done_when
from generator.importers.portal import import_records, recover
from generator.importers.writer import Note
from generator.load import read_document
from generator.project import Project

_ROW = re.compile(r"(?=(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?:\d|[A-ZĐ]))")
_HEADER = re.compile(r"^\s*Hình thức nộp\s*Thời gian\s*Phí,?\s*lệ phí\s*(?:Mô tả)?")


def _swap_rows(text: str) -> str:
    """The channel table's rows in reverse order, after its header."""
    header = _HEADER.match(text)
    head = header.group(0) if header else ""
    rows = [row for row in _ROW.split(text[len(head) :]) if row]
    return head + "".join(reversed(rows))


def _text_fields(change: Callable[[str], str]) -> Callable[[str, str], str]:
    return lambda _key, value: change(value)


def _only(key: str, change: Callable[[str], str]) -> Callable[[str, str], str]:
    return lambda field, value: change(value) if field == key else value


PERTURBATIONS: dict[str, Callable[[str, str], str]] = {
    "NFD (decomposed diacritics)": _text_fields(lambda v: unicodedata.normalize("NFD", v)),
    "no-break spaces": _text_fields(lambda v: v.replace(" ", "\u00a0")),
    "Windows newlines": _text_fields(lambda v: v.replace("\n", "\r\n")),
    "HTML entities (&nbsp;)": _text_fields(lambda v: v.replace(" ", "&nbsp;")),
    '"." ↔ "," in amounts': _only(
        "cach_thuc_thuc_hien",
        lambda v: re.sub(r"(?<=\d)([.,])(?=\d{3})", lambda m: "." if m.group(1) == "," else ",", v),
    ),
    '"VNĐ" for "Việt Nam Đồng"': _only(
        "cach_thuc_thuc_hien", lambda v: v.replace("Việt Nam Đồng", "VNĐ")
    ),
    '"đồng" for "Việt Nam Đồng"': _only(
        "cach_thuc_thuc_hien", lambda v: v.replace("Việt Nam Đồng", "đồng")
    ),
    '"20.000đ" for "20,000 Việt Nam Đồng"': _only(
        "cach_thuc_thuc_hien",
        lambda v: re.sub(
            r"(\d{1,3}(?:,\d{3})+) Việt Nam Đồng", lambda m: m.group(1).replace(",", ".") + "đ", v
        ),
    ),
    'spaces in amounts ("1 000 000 đồng")': _only(
        "cach_thuc_thuc_hien",
        lambda v: re.sub(
            r"(\d{1,3}(?:,\d{3})+)(?= Việt Nam Đồng)", lambda m: m.group(1).replace(",", " "), v
        ),
    ),
    '"Bản chính: N - Bản sao: M" for "N bản chính,M bản sao"': _only(
        "thanh_phan_ho_so",
        lambda v: re.sub(
            r"(?:(?<=\d{4})|(?<!\d))(\d{1,2}) bản chính,\s*(\d+) bản sao",
            r"Bản chính: \1 - Bản sao: \2",
            v,
        ),
    ),
    '"không có thông tin" in lower case': _only(
        "cach_thuc_thuc_hien", lambda v: v.replace("Không có thông tin", "không có thông tin")
    ),
    '"Không thu phí" for "Miễn phí"': _only(
        "cach_thuc_thuc_hien", lambda v: v.replace("Miễn phí", "Không thu phí")
    ),
    'time limits in words ("5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")': _only(
        "cach_thuc_thuc_hien",
        lambda v: re.sub(
            r"(?<=\d )Ngày làm việc", "ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", v
        ),
    ),
    '"N bản chính và M bản sao"': _only(
        "thanh_phan_ho_so",
        lambda v: re.sub(r"(?<=bản chính),\s*(?=\d+ bản sao)", " và ", v),
    ),
    'legal dates "ngày D tháng M năm Y"': _only(
        "can_cu_phap_ly",
        lambda v: re.sub(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})", r"ngày \1 tháng \2 năm \3", v),
    ),
    '"UBND" for "Ủy ban nhân dân"': lambda key, v: (
        re.sub(r"(?i)U[ỷy] ban nhân dân", "UBND", v) if key.startswith("co_quan") else v
    ),
    '"Lệ phí: 20.000 đồng" for "20,000 Việt Nam Đồng"': _only(
        "cach_thuc_thuc_hien",
        lambda v: re.sub(
            r"(\d{1,3}(?:,\d{3})+) Việt Nam Đồng",
            lambda m: "Lệ phí: " + m.group(1).replace(",", ".") + " đồng",
            v,
        ),
    ),
    '"Quyết định số …" before the decision number': _only(
        "so_quyet_dinh", lambda v: f"Quyết định số {v}" if v.strip() else v
    ),
    "channel rows in reverse order": _only("cach_thuc_thuc_hien", _swap_rows),
    'lower-case units ("ngày", "bản chính" → "Bản chính")': lambda key, v: (
        re.sub(r"(?<=\d )Ngày", "ngày", v)
        if key == "cach_thuc_thuc_hien"
        else v.replace("bản chính", "Bản chính").replace("bản sao", "Bản sao")
        if key == "thanh_phan_ho_so"
        else v
    ),
}
"""Name → how it rewrites one text field of a record (raw_text is left as it is)."""


def shape(data: dict[str, Any]) -> str:
    """What a perturbation must not change: each channel's mode, fee(s) and whether its time
    limit is read; dossier items and their copies; legal numbers and dates; subjects; body."""

    def plain(value: Any) -> Any:
        return value.value if isinstance(value, Note) else value

    channels = [
        (
            c.get("mode"),
            plain(c.get("fee")),
            isinstance(plain(c.get("time_limit")), str),
            [case.get("fee") for case in c.get("fee_cases") or []],
        )
        for c in plain(data.get("channels")) or []
    ]
    dossier = [(bool(i.get("name")), i.get("copies")) for i in plain(data.get("dossier")) or []]
    legal = [(d.get("number"), d.get("date")) for d in plain(data.get("legal_basis")) or []]
    subjects = len(plain(data.get("subjects")) or [])
    decision = plain(data.get("decision"))
    number = decision.get("number") if isinstance(decision, dict) else None
    return repr((channels, dossier, legal, subjects, data.get("operating_body"), number))


def perturb(record: dict[str, Any], change: Callable[[str, str], str]) -> dict[str, Any]:
    """The record with every text field but ``raw_text`` rewritten."""
    return {
        key: change(key, value) if isinstance(value, str) and key != "raw_text" else value
        for key, value in record.items()
    }


def _drafts(records: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """Import the records into a fresh ward under ``work`` and read back its drafts."""
    if work.exists():
        shutil.rmtree(work)
    (work / "records").mkdir(parents=True)
    (work / "ward" / "content" / "plan").mkdir(parents=True)
    shutil.copy(REPO / "site_config.yml", work / "ward" / "site_config.yml")
    shutil.copy(
        REPO / "content" / "plan" / "2026.yml", work / "ward" / "content" / "plan" / "2026.yml"
    )
    paths = []
    for number, record in enumerate(records):
        path = work / "records" / f"{number:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    import_records(Project(work / "ward"), paths)
    folder = work / "ward" / "content" / "drafts" / "procedures"
    return [read_document(p, p.name).data for p in sorted(folder.glob("*.yml"))]


def main(argv: list[str] | None = None) -> int:
    """Run every perturbation and print (or write) the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.portal_variants", description=__doc__)
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--out", type=Path, default=VARIANTS)
    args = parser.parse_args(argv)
    paths = sorted(args.records.glob("**/*.json"))
    if not paths:
        print(f"no records in {args.records}", file=sys.stderr)
        return 2
    records = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    baseline = [shape(recover(r).data) for r in records]
    work = Path(tempfile.mkdtemp(prefix="portal-variants-"))
    lines = [
        f"`python -m bench.portal_variants` on {len(records)} records: each perturbation "
        "rewrites every record, then the import is measured. Columns: the done-when counts "
        "(time limit with money, item name ending in a quantity, number without entry, number "
        "glued to a year, title only a type, subject cut in brackets, 'Không có thông tin' "
        "published), and records whose structure (channels' modes, fees and time limits; "
        "dossier items and copies; legal numbers and dates; subjects; body; decision number) "
        "differs from the unperturbed import.",
        "",
        "| Perturbation | Money in time | Qty in name | No entry | Year glued | Type only "
        "| Subject cut | 'Không có thông tin' | Records changed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    try:
        for label, change in PERTURBATIONS.items():
            changed = [perturb(r, change) for r in records]
            counts = done_when(_drafts(changed, work), {})
            differ = sum(
                shape(recover(r).data) != before
                for r, before in zip(changed, baseline, strict=True)
            )
            cells = " | ".join(str(counts[name]) for name in DONE_WHEN)
            lines.append(f"| {label} | {cells} | {differ} |")
            print(lines[-1], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
