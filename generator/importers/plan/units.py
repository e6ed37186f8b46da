"""Units of a plan: split a "chủ trì" / "phối hợp" cell into unit names, give each a short id.

A cell lists units with commas, but a unit's own name may hold commas too ("Các cơ quan, đơn
vị, bộ phận chuyên môn, các nhóm"). A comma therefore starts a new unit only when what follows
starts like a unit ("Văn phòng…", "Bộ phận…", "Công chức…", "các …"); once a collective "các …"
has begun, only a capitalised unit word starts another one.

A unit's name is the cell's text, exactly: two spellings share an id only when they differ in
case or spacing ("Đài Truyền thanh" = "Đài truyền thanh"), and the report lists them. Spellings
that differ in more ("Văn phòng" / "Văn phòng UBND xã") stay two units, as the plan wrote them,
and the report asks staff whether they are one. A unit of the ward's other plans lends only its
id (when the folded words match, ``unit_key``); the name always comes from this table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ...text import fold
from ..cells import one_line

# Words a unit's name starts with (folded). "cac" starts a collective ("các đơn vị…").
_HEADS = (
    "van phong",
    "bo phan",
    "cong chuc",
    "can bo",
    "chu tich",
    "pho chu tich",
    "ubnd",
    "uy ban",
    "dai ",
    "cong an",
    "ban ",
    "phong ",
    "trung tam",
    "hoi ",
    "mat tran",
    "doan ",
    "tram ",
    "truong ",
    "to cong tac",
    "to truong",
    "chi cuc",
    "kho bac",
    "bao hiem",
    "so ",
    "co quan",
    "buu dien",
    "quan su",
    "thu truong",
    "lanh dao",
    "nguoi dung dau",
    "cac ",
)
_SEPARATOR = re.compile(r"\s*(?:[,;]|\.(?=\s)|\s-\s|\s+và\s+)\s*")
# Dropped from the end of a name to find the unit: "Văn phòng UBND phường" is "Văn phòng".
_TRAILING = ("uy ban nhan dan", "ubnd", "phuong", "thi tran", "cap xa", "xa", "va")
_LEADING_ROLE = ("bo phan", "cong chuc", "can bo")
_STOP = {"va", "cac"}


def _starts_unit(piece: str) -> bool:
    folded = fold(piece) + " "
    return any(folded.startswith(head) for head in _HEADS)


def _pieces(text: str) -> list[str]:
    """The cell cut at every possible separator: text, separator, text, …"""
    pieces: list[str] = []
    position = 0
    for match in _SEPARATOR.finditer(text):
        pieces.append(text[position : match.start()])
        pieces.append(match.group())
        position = match.end()
    pieces.append(text[position:])
    return pieces


def other_separators(text: str) -> list[str]:
    """Separators other than a comma that seem to start another unit ("; Văn phòng",
    " và Bộ phận"): the cell is kept as one unit, since the page joins units with ", "."""
    pieces = _pieces(one_line(text).strip(" .;,"))
    found = []
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        mark = separator.strip()
        if mark == "," or not _starts_unit(piece) or not piece[:1].isupper():
            continue
        if mark == "và" and fold(piece).startswith(("ubnd", "uy ban", "hdnd")):
            continue
        found.append(mark)
    return found


def split_units(text: str) -> list[str]:
    """The unit names one cell lists, in order: cut only at a comma before a unit's first
    word, so the page, which joins them with ", ", shows the cell as written."""
    text = one_line(text).strip(" .;,")
    if not text:
        return []
    pieces: list[str] = []
    position = 0
    names: list[str] = []
    for match in _SEPARATOR.finditer(text):
        pieces.append(text[position : match.start()])
        pieces.append(match.group())
        position = match.end()
    pieces.append(text[position:])
    current = pieces[0]
    collective = fold(current).startswith("cac ")
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        starts = _starts_unit(piece) and bool(piece.strip())
        if collective:
            starts = starts and piece[:1].isupper()
        if separator.strip() != ",":
            starts = False
        if starts:
            names.append(current)
            current = piece
            collective = fold(piece).startswith("cac ")
        else:
            current += separator if separator.strip() != "." else ". "
            current += piece
    names.append(current)
    return [stripped for name in names if (stripped := name.strip(" .;,-"))]


def exact_key(name: str) -> str:
    """What makes two spellings one unit: the same text but for case and spacing."""
    return " ".join(name.casefold().split())


def unit_key(name: str) -> str:
    """What identifies a unit: folded words, without the trailing "UBND phường" / "xã" and
    the leading "Công chức" ("Công chức Tài chính kế toán" = "Tài chính-Kế toán")."""
    full = " ".join(re.findall(r"[a-z0-9]+", fold(name)))
    key = full
    for role in ("cong chuc ", "can bo "):
        if key.startswith(role) and len(key) > len(role):
            key = key[len(role) :]
    while True:
        shorter = next(
            (
                key[: -len(end)].strip()
                for end in _TRAILING
                if key == end or key.endswith(" " + end)
            ),
            None,
        )
        if shorter is None:
            return key or full
        if not shorter:
            return full
        key = shorter


def make_id(name: str) -> str:
    """A short id from a unit's name: "Bộ phận Một cửa phường" → "mot-cua"."""
    key = unit_key(name)
    for role in _LEADING_ROLE:
        if key.startswith(role + " ") and len(key.split()) > len(role.split()) + 1:
            key = key[len(role) + 1 :]
            break
    words = [w for w in key.split() if w not in _STOP] or key.split()
    result = ""
    for word in words[:6]:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > 32:
            break
        result = candidate
    return result or "don-vi"


@dataclass
class Units:
    """The plan's units: id → name as this table writes it; case/spacing variants share an id."""

    names: dict[str, str] = field(default_factory=dict)
    by_exact: dict[str, str] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    """Ids declared by an existing plan: their names are the staff's, never replaced."""
    known: dict[str, str] = field(default_factory=dict)
    """Ids of the ward's other plans, by ``unit_key``: reused for the same unit (never the name)."""
    used: set[str] = field(default_factory=set)
    """Ids the imported table names."""

    def declare(self, unit_id: str, name: str) -> None:
        """An existing unit (from the plan file being updated): same spelling, same id."""
        self.names[unit_id] = name
        self.by_exact.setdefault(exact_key(name), unit_id)
        self.kept.add(unit_id)

    def suggest(self, unit_id: str, name: str) -> None:
        """A unit of another plan: its id is reused when this table names the same unit."""
        self.known.setdefault(unit_key(name), unit_id)

    def add(self, name: str) -> str:
        """The id of the unit ``name``, declared now (with this spelling) if it is new."""
        key = exact_key(name)
        if key in self.by_exact:
            unit_id = self.by_exact[key]
            spellings = self.variants.setdefault(unit_id, [self.names[unit_id]])
            if name not in spellings:
                spellings.append(name)
            return unit_id
        borrowed = self.known.get(unit_key(name))
        if borrowed and borrowed not in self.names:
            unit_id = borrowed
        else:
            base = make_id(name)
            unit_id, suffix = base, 2
            while unit_id in self.names:
                unit_id, suffix = f"{base}-{suffix}", suffix + 1
        self.names[unit_id] = name
        self.by_exact[key] = unit_id
        return unit_id

    def ids(self, text: str) -> list[str]:
        """The ids of every unit one cell lists."""
        found: list[str] = []
        for name in split_units(text):
            unit_id = self.add(name)
            self.used.add(unit_id)
            if unit_id not in found:
                found.append(unit_id)
        return found

    def merged_spellings(self) -> list[str]:
        """Units written with other case or spacing, shown under the first spelling."""
        return [
            f'{unit_id}: hiển thị "{spellings[0]}"; bảng còn viết '
            + ", ".join(f'"{v}"' for v in spellings[1:])
            for unit_id, spellings in self.variants.items()
            if len(spellings) > 1
        ]

    def look_alike(self) -> list[str]:
        """Distinct units that may be one ("Văn phòng" / "Văn phòng UBND xã" / "Văn phòng
        Thống kê"): the same folded words, or one name the start of another."""
        keys = sorted(
            (unit_key(name), unit_id)
            for unit_id, name in self.names.items()
            if unit_id in self.used or unit_id not in self.kept
        )
        out = []
        for (key, unit_id), (other, other_id) in itertools.pairwise(keys):
            if other == key or other.startswith(key + " "):
                out.append(
                    f'"{self.names[unit_id]}" ({unit_id}) và "{self.names[other_id]}" '
                    f"({other_id}): bảng viết khác nhau nên giữ là hai đơn vị — một đơn vị hay "
                    "hai?"
                )
        return out
