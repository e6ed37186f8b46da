"""Synthetic wards: N procedures of real-record length, written as a valid congkhai project."""

from __future__ import annotations

import json
import random
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, legal_kind
from bench.pages import slug

TEXT_BYTES_TARGET = 24_000
"""Vietnamese text per procedure, as in a national-portal record (about 24 KB)."""

# Budgets per part, after bo-tu-phap 1.001193 (steps 9 KB, dossier 11 KB, legal basis 3 KB,
# the rest about 1 KB), trimmed so that the mean over many procedures, overshoot of the last
# paragraph or item included, is TEXT_BYTES_TARGET.
_STEPS_BYTES = 8_200
_DOSSIER_BYTES = 10_000
_LEGAL_BYTES = 2_800

FIELDS = (
    "Hộ tịch",
    "Chứng thực",
    "Hòa giải ở cơ sở",
    "Nuôi con nuôi",
    "Bảo trợ xã hội",
    "Người có công",
    "Đất đai",
    "Xây dựng",
    "Thành lập và hoạt động của hộ kinh doanh",
    "Giáo dục và Đào tạo",
    "Y tế dự phòng",
    "Văn hóa cơ sở",
    "Thi đua, khen thưởng",
    "Tín ngưỡng, tôn giáo",
    "Phòng, chống tệ nạn xã hội",
)
"""Fifteen fields (lĩnh vực) of a ward's procedures; a few are much larger than the others."""

_FIELD_WEIGHTS = (30, 18, 6, 5, 12, 10, 14, 8, 9, 6, 4, 5, 4, 3, 3)

_QUALIFIERS = (
    "có yếu tố nước ngoài",
    "cho người Việt Nam định cư ở nước ngoài",
    "tại khu vực biên giới",
    "cho trẻ em bị bỏ rơi",
    "trên môi trường điện tử",
    "theo cơ chế liên thông",
    "đối với người đang cư trú ở nước ngoài",
    "trong trường hợp đã có hồ sơ, giấy tờ cá nhân",
    "đối với hộ gia đình, cá nhân",
    "cho người đã hết thời hạn tạm trú",
    "thực hiện tại Trung tâm Phục vụ hành chính công",
    "đối với tổ chức, doanh nghiệp",
)

_FEES = (0, 0, 0, 5_000, 8_000, 10_000, 20_000, 30_000, 50_000, 100_000)
_ONLINE_URL = "https://dichvucong.gov.vn/"
_ISSUER = "Chủ tịch Ủy ban nhân dân tỉnh An Giang"


@dataclass(frozen=True)
class WardStats:
    """What was generated: files, bytes of YAML, bytes of text per procedure."""

    procedures: int
    fields: int
    yaml_bytes: int
    text_bytes_mean: float
    text_bytes_min: int
    text_bytes_max: int


def procedure_codes(rng: random.Random, size: int) -> list[str]:
    """``size`` distinct procedure codes of the form d.dddddd."""
    return [f"{1 + n // 1_000_000}.{n % 1_000_000:06d}" for n in rng.sample(range(3_000_000), size)]


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(first_year, last_year)}"


def _fill(rng: random.Random, pool: list[str], budget: int, low: int, high: int) -> list[str]:
    """Paragraphs of ``low``..``high`` sentences from ``pool`` until ``budget`` bytes are used."""
    out: list[str] = []
    used = 0
    while used < budget:
        paragraph = " ".join(rng.sample(pool, min(len(pool), rng.randint(low, high))))
        out.append(paragraph)
        used += len(paragraph.encode())
    return out


def make_procedure(
    rng: random.Random, corpus: Corpus, code: str, field: str, replaceable: list[str]
) -> dict[str, Any]:
    """One procedure as congkhai's schema wants it, about 24 KB of recombined sample text."""
    scale = rng.uniform(0.75, 1.25)
    base = rng.choice(corpus.names).removeprefix("Thủ tục ")
    base = base[:1].upper() + base[1:]
    name = f"{base} {rng.choice(_QUALIFIERS)}" if rng.random() < 0.7 else base
    channels: list[dict[str, Any]] = []
    for mode in ("trực tiếp", "trực tuyến", "bưu chính"):
        channel: dict[str, Any] = {
            "mode": mode,
            "time_limit": rng.choice(corpus.time_limits),
            "fee": rng.choice(_FEES),
        }
        if rng.random() < 0.5:
            channel["fee_note"] = rng.choice(corpus.fee_notes)
        if mode == "trực tuyến":
            channel["url"] = _ONLINE_URL
            channel["level"] = rng.choice(("toàn trình", "một phần"))
        channels.append(channel)
    dossier: list[dict[str, Any]] = []
    dossier_bytes = 0
    while dossier_bytes < _DOSSIER_BYTES * scale:
        item: dict[str, Any] = {"name": rng.choice(corpus.dossier_names)}
        item["copies"] = rng.choice(corpus.copies)
        if rng.random() < 0.2:
            item["form"] = {"name": rng.choice(corpus.form_names)}
        item["note"] = " ".join(rng.sample(corpus.dossier_notes, rng.randint(1, 4)))
        dossier.append(item)
        dossier_bytes += sum(len(str(v).encode()) for v in item.values())
    legal: list[dict[str, Any]] = []
    legal_bytes = 0
    while legal_bytes < _LEGAL_BYTES * scale:
        doc = rng.choice(corpus.legal_docs)
        number = f"{rng.randint(1, 199):02d}/{rng.randint(2005, 2025)}/{legal_kind(doc.number)}"
        entry = {"number": number, "title": doc.title}
        if doc.date:
            entry["date"] = _date(rng, 2005, 2025)
        legal.append(entry)
        legal_bytes += len(number.encode()) + len(doc.title.encode())
    procedure: dict[str, Any] = {
        "code": code,
        "name": name,
        "field": field,
        "level": "Cấp xã",
        "summary": rng.choice(corpus.summaries),
        "decision": {
            "number": f"{rng.randint(100, 3999)}/QĐ-UBND",
            "date": _date(rng, 2023, 2025),
            "issuer": _ISSUER,
        },
        "subjects": rng.sample(corpus.subjects, rng.randint(1, 4)),
        "steps": _fill(rng, corpus.step_sentences, int(_STEPS_BYTES * scale), 2, 5),
        "channels": channels,
        "dossier": dossier,
        "conditions": _fill(rng, corpus.condition_sentences, rng.randint(0, 600), 1, 2),
        "legal_basis": legal,
        "result": rng.choice(corpus.results),
        "agencies": {
            "competent": rng.choice(corpus.competent),
            "implementing": rng.choice(corpus.implementing),
        },
    }
    if not procedure["conditions"]:
        del procedure["conditions"]
    if corpus.coordinating and rng.random() < 0.3:
        procedure["agencies"]["coordinating"] = rng.choice(corpus.coordinating)
    roll = rng.random()
    if roll < 0.03 and replaceable:
        procedure["status"] = "được thay thế"
        procedure["status_date"] = _date(rng, 2024, 2025)
        procedure["replaced_by"] = rng.choice(replaceable)
    elif roll < 0.04:
        procedure["status"] = "bãi bỏ"
        procedure["status_date"] = _date(rng, 2024, 2025)
    elif roll < 0.14:
        procedure["status"] = "được sửa đổi"
        procedure["status_date"] = _date(rng, 2024, 2025)
    else:
        procedure["status"] = "còn hiệu lực"
    procedure["updated"] = _date(rng, 2025, 2025)
    return procedure


def text_bytes(value: Any) -> int:
    """UTF-8 bytes of all the text in a nested value (keys excluded)."""
    if isinstance(value, dict):
        return sum(text_bytes(v) for v in value.values())
    if isinstance(value, list):
        return sum(text_bytes(v) for v in value)
    return len(str(value).encode())


# --- A small YAML writer in the style staff use (folded blocks for long text) ----------

_PLAIN = re.compile(r"[0-9A-Za-zÀ-ỹĐđ(][^:#\"'\[\]{}|>&*!%@`\n]*")
_WIDTH = 100


def _scalar(value: Any, indent: int) -> str:
    """A scalar after ``key:`` or ``- ``: plain, quoted, or a folded block for long text."""
    text = str(value)
    if isinstance(value, int):
        return f" {text}"
    if len(text) + indent > _WIDTH - 10:
        lines = textwrap.wrap(
            text,
            width=_WIDTH - indent - 2,
            break_long_words=False,
            break_on_hyphens=False,
        )
        pad = " " * (indent + 2)
        return " >-\n" + "\n".join(pad + line for line in lines)
    if _PLAIN.fullmatch(text) and text == text.strip():
        return f" {text}"
    return " " + json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
            else:
                out.append(f"{pad}{key}:{_scalar(item, indent)}")
        return
    for item in value:
        if isinstance(item, dict):
            first, *rest = _lines_of_mapping(item, indent + 2)
            out.append(f"{pad}- {first.lstrip()}")
            out.extend(rest)
        else:
            out.append(f"{pad}-{_scalar(item, indent)}")


def _lines_of_mapping(value: dict[str, Any], indent: int) -> list[str]:
    out: list[str] = []
    _emit(value, indent, out)
    return out


def to_yaml(procedure: dict[str, Any]) -> str:
    """The procedure as a YAML file a ward's staff could have written."""
    out = ["# yaml-language-server: $schema=../../schema/procedure.schema.json"]
    for key, item in procedure.items():
        if key == "code":
            out.append(f'code: "{item}"')
        elif isinstance(item, dict | list):
            out.append(f"{key}:")
            _emit(item, 2, out)
        else:
            out.append(f"{key}:{_scalar(item, 0)}")
    return "\n".join(out) + "\n"


def write_ward(sample_root: Path, root: Path, size: int, corpus: Corpus, seed: int) -> WardStats:
    """Create a congkhai project at ``root`` with ``size`` synthetic procedures."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "procedures").mkdir(parents=True)
    shutil.copy2(sample_root / "site_config.yml", root / "site_config.yml")
    for folder in ("contacts", "plan"):
        shutil.copytree(sample_root / "content" / folder, root / "content" / folder)
    rng = random.Random(seed * 1_000_003 + size)
    codes = procedure_codes(rng, size)
    fields = rng.choices(FIELDS, weights=_FIELD_WEIGHTS, k=size)
    # Every field appears at least once (a catalogue of 15 fields, as in a real ward).
    for index, field in enumerate(FIELDS[: min(size, len(FIELDS))]):
        fields[index] = field
    yaml_bytes = 0
    sizes: list[int] = []
    for index, (code, field) in enumerate(zip(codes, fields, strict=True)):
        # Replacements point at procedures written before, which stay in force.
        procedure = make_procedure(rng, corpus, code, field, codes[max(0, index - 50) : index])
        sizes.append(text_bytes(procedure))
        text = to_yaml(procedure)
        path = root / "content" / "procedures" / f"{slug(field)}-{code.replace('.', '-')}.yml"
        path.write_text(text, encoding="utf-8")
        yaml_bytes += len(text.encode())
    return WardStats(
        procedures=size,
        fields=len(set(fields)),
        yaml_bytes=yaml_bytes,
        text_bytes_mean=sum(sizes) / len(sizes),
        text_bytes_min=min(sizes),
        text_bytes_max=max(sizes),
    )
