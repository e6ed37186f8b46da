"""Results: one record per (size, builder), the tables, the ratios and the files written."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BASELINE = "congkhai"
METRICS = (
    ("seconds", "Build time"),
    ("cpu_seconds", "CPU time"),
    ("peak_sum_mb", "Peak memory, all processes"),
    ("pss_mb", "PSS, all processes"),
    ("site_mb", "Site size"),
    ("html_median_kb", "Median page"),
    ("search_kb", "Search payload"),
)
"""The metrics that ratios and growth compare, with their column titles."""


@dataclass
class RunResult:
    """One builder on one ward size."""

    size: int
    builder: str
    label: str
    status: str
    """"ok", "timeout", "error" or "skipped"."""
    seconds: float | None = None
    seconds_all: list[float] = field(default_factory=list)
    cpu_seconds: float | None = None
    load_before: float | None = None
    """The machine's 1-minute load average just before the build (other work running)."""
    peak_mb: float | None = None
    """ru_maxrss: the largest resident set of the build or of one process it forked."""
    peak_sum_mb: float | None = None
    """Every process's own peak resident set (the build and what it forked), added up."""
    pss_mb: float | None = None
    """The largest proportional set size of the build and its children at one moment."""
    processes: int | None = None
    """Processes the build ran, itself included."""
    site_mb: float | None = None
    html_files: int | None = None
    procedure_pages: int | None = None
    html_median_kb: float | None = None
    html_max_kb: float | None = None
    search_kb: float | None = None
    search_gzip_kb: float | None = None
    search_note: str = ""
    search_files: list[str] = field(default_factory=list)
    returncode: int | None = None
    error: str = ""
    source_digest: str = ""
    """Hash of congkhai's generator/ and theme/ when this build ran (the code may move)."""
    measured_at: str = ""

    def value(self, metric: str) -> float | None:
        """A metric's value, or None when the build did not finish."""
        value = getattr(self, metric)
        return float(value) if self.status == "ok" and value is not None else None


def load_results(path: Path) -> tuple[list[RunResult], dict[int, dict[str, Any]]]:
    """The results and wards of an earlier results file (nothing if there is none)."""
    if not path.is_file():
        return [], {}
    data = json.loads(path.read_text(encoding="utf-8"))
    known = set(RunResult.__dataclass_fields__)
    results = [
        RunResult(**{k: v for k, v in item.items() if k in known}) for item in data["results"]
    ]
    wards = {int(size): ward for size, ward in data.get("wards", {}).items()}
    return results, wards


def sort_results(results: list[RunResult], order: Sequence[str]) -> list[RunResult]:
    """Results by size, then in builder order."""
    rank = {name: index for index, name in enumerate(order)}
    return sorted(results, key=lambda r: (r.size, rank.get(r.builder, len(rank))))


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _cell(result: RunResult, metric: str, digits: int = 1) -> str:
    if result.status != "ok":
        return result.status
    return _number(getattr(result, metric), digits)


def _processes(result: RunResult) -> str:
    return f" ({result.processes} processes)" if result.processes and result.processes > 1 else ""


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _table(header: Sequence[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def results_table(results: list[RunResult]) -> str:
    """All builders at all sizes: time, memory, site, page sizes, search payload."""
    header = [
        "Procedures",
        "Builder",
        "Build s",
        "CPU s",
        "Peak MB, all processes",
        "PSS MB",
        "Largest process MB",
        "Site MB",
        "Median page KB",
        "Max page KB",
        "Search KB",
        "Search gzip KB",
        "Search",
    ]
    rows = [
        [
            str(r.size),
            r.label,
            _cell(r, "seconds"),
            _cell(r, "cpu_seconds"),
            _cell(r, "peak_sum_mb", 0) + _processes(r),
            _cell(r, "pss_mb", 0),
            _cell(r, "peak_mb", 0),
            _cell(r, "site_mb"),
            _cell(r, "html_median_kb"),
            _cell(r, "html_max_kb"),
            _cell(r, "search_kb"),
            _cell(r, "search_gzip_kb"),
            r.search_note if r.status == "ok" else "",
        ]
        for r in results
    ]
    return _table(header, rows)


def ratios(results: list[RunResult]) -> list[dict[str, Any]]:
    """congkhai divided by each other builder, per size and metric."""
    out: list[dict[str, Any]] = []
    for size in sorted({r.size for r in results}):
        at_size = {r.builder: r for r in results if r.size == size}
        base = at_size.get(BASELINE)
        if base is None:
            continue
        for name, other in at_size.items():
            if name == BASELINE:
                continue
            row: dict[str, Any] = {"size": size, "versus": name, "label": other.label}
            for metric, _ in METRICS:
                top, bottom = base.value(metric), other.value(metric)
                row[metric] = round(top / bottom, 3) if top and bottom else None
            out.append(row)
    return out


def ratios_table(results: list[RunResult]) -> str:
    """The ratios as a table (below 1 means congkhai is cheaper)."""
    rows = [
        [str(row["size"]), f"congkhai / {row['label']}"]
        + [_times(row[metric]) for metric, _ in METRICS]
        for row in ratios(results)
    ]
    return _table(["Procedures", "Ratio", *(title for _, title in METRICS)], rows)


def growth(results: list[RunResult]) -> list[dict[str, Any]]:
    """Per builder, each metric at its largest finished size over its second-largest one."""
    out: list[dict[str, Any]] = []
    for builder in dict.fromkeys(r.builder for r in results):
        done = sorted((r.size, r) for r in results if r.builder == builder and r.status == "ok")
        if len(done) < 2:
            continue
        (low, before), (high, after) = done[-2], done[-1]
        row: dict[str, Any] = {
            "builder": builder,
            "label": after.label,
            "from": low,
            "to": high,
            "size_ratio": round(high / low, 3),
        }
        for metric, _ in METRICS:
            top, bottom = after.value(metric), before.value(metric)
            row[metric] = round(top / bottom, 3) if top and bottom else None
        out.append(row)
    return out


def growth_table(results: list[RunResult]) -> str:
    """Growth between each builder's two largest sizes (linear growth = the size ratio)."""
    rows = [
        [row["label"], f"{row['from']} → {row['to']} (×{row['size_ratio']:g})"]
        + [_times(row[metric]) for metric, _ in METRICS]
        for row in growth(results)
    ]
    return _table(["Builder", "Procedures", *(title for _, title in METRICS)], rows)


def _find(results: list[RunResult], size: int, builder: str) -> RunResult | None:
    return next(
        (r for r in results if r.size == size and r.builder == builder and r.status == "ok"),
        None,
    )


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def targets(results: list[RunResult], experience: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured figure and whether it is met."""
    rows: list[dict[str, Any]] = []

    def add(
        target: str, value: float | None, limit: float, unit: str = "×", **beside: float | None
    ) -> None:
        rows.append(
            {
                "target": target,
                "value": None if value is None else round(value, 3),
                "limit": limit,
                "unit": unit,
                "met": None if value is None else value <= limit,
                **{k: None if v is None else round(v, 3) for k, v in beside.items()},
            }
        )

    ours = {r.size: r for r in results if r.builder == BASELINE and r.status == "ok"}
    at = ours.get(2000)
    seconds = at.seconds if at else None
    for builder, limit, text in (
        ("material", 1 / 8, "2,000: build time / default Material"),
        ("material-not-in-nav", 2 / 3, "2,000: build time / Material not_in_nav"),
        ("floor", 1.2, "2,000: build time / floor"),
    ):
        other = _find(results, 2000, builder)
        add(
            text,
            _ratio(seconds, other.seconds if other else None),
            limit,
            cpu=_ratio(at.cpu_seconds if at else None, other.cpu_seconds if other else None),
        )
    big = ours.get(5000)
    add(
        "5,000 / 2,000 build time",
        _ratio(big.seconds if big else None, seconds),
        2.7,
        cpu=_ratio(big.cpu_seconds if big else None, at.cpu_seconds if at else None),
    )
    biggest = max((r.html_max_kb or 0.0 for r in ours.values()), default=None)
    add("largest procedure page, any size", biggest or None, 60, "KB")
    add("2,000: search payload before the first result", at.search_kb if at else None, 1024, "KB")
    for size, limit in ((2000, 250), (5000, 500)):
        run = ours.get(size)
        add(
            f"{size:,}: peak memory of all processes (each one's peak, added up)",
            run.peak_sum_mb if run else None,
            limit,
            "MB",
            pss=run.pss_mb if run else None,
        )
    search = experience.get("browser", {}).get(BASELINE, {}).get("search", {})
    first = search.get("type_to_first_result_ms")
    add(
        "2,000: keystroke to first search result, 4× CPU throttling",
        first if isinstance(first, float | int) else None,
        150,
        "ms",
    )
    preview = experience.get("preview", {})
    add(
        "2,000: `congkhai serve` update after editing one procedure",
        preview.get("update_seconds_median"),
        2,
        "s",
    )
    return rows


def targets_table(rows: list[dict[str, Any]]) -> str:
    """The targets as a Markdown table."""

    def shown(row: dict[str, Any]) -> str:
        if row["value"] is None:
            return "not measured"
        unit = row["unit"]
        if unit != "×":
            pss = f" (PSS {row['pss']:,.1f} {unit})" if row.get("pss") is not None else ""
            return f"{row['value']:,.1f} {unit}{pss}"
        cpu = f", CPU time {row['cpu']:.2f}×" if row.get("cpu") is not None else ""
        return f"wall {row['value']:.2f}×{cpu}"

    def limit(row: dict[str, Any]) -> str:
        unit = row["unit"]
        return f"≤ {row['limit']:.3g}{unit}" if unit == "×" else f"≤ {row['limit']:,} {unit}"

    verdict = {True: "met", False: "**not met**", None: "–"}
    return _table(
        ["Target", "Measured", "Limit", ""],
        [[row["target"], shown(row), limit(row), verdict[row["met"]]] for row in rows],
    )


def machine_line(machine: dict[str, Any]) -> str:
    """The machine in one line."""
    versions = machine["versions"]
    return (
        f"{machine['cpu_model']} × {machine['cpu_count']} CPUs, {machine['ram_gb']} GB RAM, "
        f"{machine['os']}, Python {machine['python']}, mkdocs {versions.get('mkdocs')}, "
        f"mkdocs-material {versions.get('mkdocs-material')}, "
        f"congkhai source {machine['congkhai_source_digest']}, {machine['date']}"
    )


def markdown_report(
    results: list[RunResult],
    machine: dict[str, Any],
    wards: dict[int, dict[str, Any]],
    experience: dict[str, Any] | None = None,
) -> str:
    """The short Markdown summary written next to the JSON."""
    ward_lines = [
        f"- {size} procedures: {ward['yaml_bytes'] / 1024 / 1024:.1f} MB of YAML, "
        f"{ward['text_bytes_mean'] / 1024:.1f} KB of text per procedure on average, "
        f"{ward['fields']} fields, {ward['in_force']} in force; `congkhai check` "
        f"(in-process load_project) {ward['check_seconds']} s"
        for size, ward in sorted(wards.items())
    ]
    loads = [r.load_before for r in results if r.load_before is not None]
    load_line = (
        f" 1-minute load average before the builds: {min(loads):.1f}–{max(loads):.1f} "
        f"(on {machine['cpu_count']} CPUs; above 0 means other work shared the machine, "
        "so compare CPU s as well as build s)."
        if loads
        else ""
    )
    parts = [
        "# congkhai benchmark",
        "",
        f"Machine: {machine_line(machine)}.{load_line}",
        "",
        "Synthetic wards:",
        "",
        *ward_lines,
        "",
        "## Results",
        "",
        results_table(results),
        "",
        "## congkhai relative to the others (below 1× = congkhai cheaper)",
        "",
        ratios_table(results),
    ]
    if growth(results):
        parts += [
            "",
            "## Growth between the two largest wards each builder finished",
            "",
            growth_table(results),
        ]
    versions: dict[str, list[str]] = {}
    for r in results:
        if r.source_digest and r.builder == BASELINE:
            versions.setdefault(r.source_digest, []).append(f"{r.builder}@{r.size}")
    if len(versions) > 1:
        parts += ["", "congkhai changed during the runs; its source (generator/ + theme/):", ""]
        parts += [f"- `{digest}`: {', '.join(runs)}" for digest, runs in versions.items()]
    experience = experience or {}
    parts += ["", "## Targets", "", targets_table(targets(results, experience))]
    if experience.get("markdown"):
        parts += ["", str(experience["markdown"]).rstrip()]
    notes = Path(__file__).parent / "results" / "notes.md"
    if notes.is_file():
        parts += ["", notes.read_text(encoding="utf-8").rstrip()]
    failures = [r for r in results if r.status == "error" and r.error]
    for r in failures:
        parts += ["", f"### {r.label} at {r.size} failed", "", "```text", r.error, "```"]
    return "\n".join(parts) + "\n"


def write_results(
    out_dir: Path,
    name: str,
    results: list[RunResult],
    machine: dict[str, Any],
    wards: dict[int, dict[str, Any]],
    options: dict[str, Any],
    experience: dict[str, Any] | None = None,
) -> tuple[Path, Path]:
    """Write ``<name>.json`` and ``<name>.md`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "machine": machine,
        "options": options,
        "wards": {str(size): ward for size, ward in sorted(wards.items())},
        "results": [asdict(r) for r in results],
        "ratios": ratios(results),
        "growth": growth(results),
        "experience": experience or {},
        "targets": targets(results, experience or {}),
    }
    json_path = out_dir / f"{name}.json"
    md_path = out_dir / f"{name}.md"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown_report(results, machine, wards, experience), encoding="utf-8")
    return json_path, md_path
