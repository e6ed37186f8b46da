"""What an import did, told to staff in Vietnamese: imported, skipped and why, left for a human."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


class ImportFailed(Exception):
    """Bad input the import cannot use; the message is for staff, in Vietnamese."""


Progress = Callable[[str], None]
"""Where progress lines go (stderr in the command, nowhere in tests)."""


def no_progress(_: str) -> None:
    """Discard progress lines."""


PROGRESS_EVERY = 100
"""Large files report progress every this many rows."""


@dataclass
class Report:
    """Everything one import run has to tell staff, printed at the end."""

    title: str
    written: list[str] = field(default_factory=list)
    """One line per file written (new, updated, or unchanged)."""
    skipped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Reason → where (row numbers, codes)."""
    refused: list[str] = field(default_factory=list)
    """Files not written because the import would change a staff member's values."""
    changes: list[str] = field(default_factory=list)
    """What a merge changed in an existing file."""
    human: list[str] = field(default_factory=list)
    """Fields left for a human, one line each."""
    notes: list[str] = field(default_factory=list)
    """Anything else staff should look at (text the importer could not place, odd units)."""
    errors: list[str] = field(default_factory=list)
    """Inputs that could not be read at all (a bad file among several)."""
    next_steps: list[str] = field(default_factory=list)
    skip_unit: str = "dòng"
    """What a skipped item is ("dòng" of a table, "bản ghi" of a crawler's JSON)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Named counts for tests and the summary ("dòng", "bản nháp", "đã đăng"…)."""

    skipped_rows: dict[str, int] = field(default_factory=dict)
    """Reason → how many rows, when one ``where`` stands for several ("12–20")."""

    def skip(self, reason: str, where: str, rows: int = 1) -> None:
        """Record one skipped row (or record, or ``rows`` rows written as a range) and why."""
        self.skipped[reason].append(where)
        self.skipped_rows[reason] = self.skipped_rows.get(reason, 0) + rows

    def count(self, name: str, by: int = 1) -> None:
        """Add to a named count."""
        self.counts[name] = self.counts.get(name, 0) + by

    @property
    def ok(self) -> bool:
        """True when nothing was refused and every input was read (the command exits 0)."""
        return not self.refused and not self.errors

    def lines(self) -> list[str]:
        """The report as printed, one line each."""
        out = [self.title]
        if self.written:
            out.append(f"Đã ghi {len(self.written)} tệp:")
            out += [f"  {line}" for line in self.written]
        else:
            out.append("Không ghi tệp nào.")
        if self.changes:
            out.append("Thay đổi so với tệp đã có:")
            out += [f"  {line}" for line in self.changes]
        if self.refused:
            out.append(
                f"Không ghi {len(self.refused)} tệp vì sẽ sửa nội dung cán bộ đã nhập "
                "(chạy lại với --force để cập nhật; bản cũ được sao lưu):"
            )
            out += [f"  {line}" for line in self.refused]
        if self.errors:
            out.append("Không đọc được:")
            out += [f"  - {line}" for line in self.errors]
        total = sum(self.skipped_rows.get(r, len(w)) for r, w in self.skipped.items())
        if total:
            out.append(f"Bỏ qua {total} {self.skip_unit}:")
            for reason, where in self.skipped.items():
                count = self.skipped_rows.get(reason, len(where))
                out.append(f"  - {reason}: {count} ({self.skip_unit} {_shorten(where)})")
        if self.human:
            out.append("Để cán bộ điền hoặc kiểm tra:")
            out += [f"  - {line}" for line in self.human]
        if self.notes:
            out.append("Cần xem lại:")
            out += [f"  - {line}" for line in self.notes]
        out += self.next_steps
        return out


def _shorten(items: Iterable[str], limit: int = 12) -> str:
    listed = list(items)
    shown = ", ".join(listed[:limit])
    return shown + (f", … và {len(listed) - limit} nữa" if len(listed) > limit else "")
