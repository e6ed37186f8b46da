"""``python -m bench.search_quality``: how well and how fast the search answers citizens.

1. The query table (tests/fixtures/search_queries.tsv) over the 547-procedure fixture, in Node,
   with congkhai's ranker (theme/assets/javascripts/search-rank.js) and, when ``--minisearch``
   names a ``node_modules`` folder holding it, with MiniSearch set up for Vietnamese
   (bench/minisearch_engine.js): hit@1, hit@3, queries with no result, per category.
2. At 2,000 procedures (the portal's real Excel lists in ``--reference``, with a summary and
   time limit per row as a built index has): the index size, and in headless Chromium with
   4× CPU throttling, the time from each key to the results on screen, typed key by key.

Writes ``bench/results/search-quality.md``. Needs Node and, for part 2, the reference folder
and Chromium; it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.importers.portal_list import read_list
from generator.importers.report import Report
from generator.search import PROCEDURE, index_data
from tests.search_fixture import catalogue, fixture_index, queries

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "bench" / "search_quality.js"
RESULTS = REPO / "bench" / "results" / "search-quality.md"
REFERENCE = REPO.parent / "shared" / "reference" / "national-portal"
TYPED = [
    "dang ky khai sinh",
    "giay chung sinh",
    "ddawng kys keets hoon",
    "so do",
    "CCCD",
    "chung thuc ban sao",
    "xin phep xay nha",
    "tien gia",
    "1.001193",
    "dang ky tam tru",
]
"""Queries typed key by key for the timing (letters 1 to the end of each)."""

Table = list[tuple[str, str, list[str]]]


def run_node(index: dict[str, object], table: Table, engine: str, modules: Path | None) -> Any:
    """Each query's top codes, result count and milliseconds, as bench/search_quality.js
    returns them."""
    with tempfile.TemporaryDirectory() as folder:
        index_file, table_file = Path(folder) / "index.json", Path(folder) / "table.json"
        index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        table_file.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, NODE_PATH=str(modules)) if modules else None
        command = ["node", str(RUNNER), str(index_file), str(table_file), engine]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout)


def quality(table: Table, results: Any) -> dict[str, Any]:
    """hit@1, hit@3 and zero-result counts, overall and per category."""
    total: dict[str, int] = defaultdict(int)
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses = []
    for (category, query, acceptable), (_, top, count, _ms) in zip(table, results, strict=True):
        hit1 = bool(top) and top[0] in acceptable
        hit3 = any(code in acceptable for code in top[:3])
        for bucket in (total, per[category]):
            bucket["n"] += 1
            bucket["hit1"] += hit1
            bucket["hit3"] += hit3
            bucket["zero"] += count == 0
        if not hit1:
            misses.append(f"`{query}` → {', '.join(top[:3]) or 'nothing'}")
    times = [row[3] for row in results]
    return {
        "total": dict(total),
        "per": {k: dict(v) for k, v in per.items()},
        "misses": misses,
        "median_ms": statistics.median(times),
        "max_ms": max(times),
    }


def reference_index(folder: Path, size: int) -> dict[str, object]:
    """``size`` real procedures from the portal's lists, with a summary and time limit like a
    built index's rows (so the size is realistic)."""
    rows: list[list[object]] = []
    fields: list[str] = []
    rng = random.Random(1)
    sentences = [str(row["name"]) for row in catalogue()]
    for path in sorted(folder.glob("danh-sach-tthc-*.xlsx")):
        for item in read_list(path, Report("đo"))[0]:
            if item.field not in fields:
                fields.append(item.field)
            summary = " ".join(rng.sample(sentences, 2))[:160]
            time = "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
            rows.append(
                [PROCEDURE, item.code, item.name, fields.index(item.field), time, summary, ""]
            )
    return index_data(fields, rows[:size])


def typing_latency(index: dict[str, object], throttle: float) -> dict[str, float]:
    """Milliseconds from each key to the results drawn, typing TYPED into a built page."""
    from playwright.sync_api import sync_playwright

    from generator.project import load_project
    from generator.site.build import build_site
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, copy_project

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        project = copy_project(Path(folder))
        content = load_project(project).content
        assert content is not None
        site = build_site(project, content, Path(folder) / "site").site_dir
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.add_init_script(f"window.congkhaiIndex = {json.dumps(index, ensure_ascii=False)};")
        page.goto((site / "index.html").as_uri())
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        box = page.get_by_role("searchbox", name="Tìm thủ tục hành chính")
        box.focus()
        page.wait_for_function("window.congkhaiSearch !== undefined")
        # Preparing the index happens on focus, before the first key; count it separately.
        prepare = page.evaluate(
            "() => { const copy = JSON.parse(JSON.stringify(window.congkhaiIndex));"
            " const start = performance.now(); congkhaiSearch.prepare(copy);"
            " return performance.now() - start; }"
        )
        # The search box's own listener runs first; this one notes when it has drawn.
        page.evaluate(
            """() => { window.ckLatency = [];
              document.querySelector('[data-ck-search] input').addEventListener('input',
                (event) => window.ckLatency.push(performance.now() - event.timeStamp)); }"""
        )
        last = []
        for query in TYPED:
            box.fill("")
            page.evaluate("window.ckLatency = []")
            box.press_sequentially(query)
            latencies = page.evaluate("window.ckLatency")
            last.append(latencies[-1])
        every = page.evaluate("window.ckLatency")
        browser.close()
    return {
        "prepare_ms": prepare,
        "last_key_median_ms": statistics.median(last),
        "last_key_max_ms": max(last),
        "any_key_max_ms": max(every + last),
    }


def _table_rows(name: str, measured: dict[str, Any]) -> str:
    total = measured["total"]
    return (
        f"| {name} | {total['hit1']}/{total['n']} | {total['hit3']}/{total['n']} | "
        f"{total['zero']} | {measured['median_ms']:.1f} | {measured['max_ms']:.1f} |"
    )


def report(
    own: dict[str, Any],
    mini: dict[str, Any] | None,
    scale: dict[str, Any] | None,
) -> str:
    """The results as Markdown."""
    lines = [
        "# Search quality",
        "",
        "Written by `python -m bench.search_quality` (see its docstring). Query table:",
        "`tests/fixtures/search_queries.tsv` (typed as citizens type: no diacritics, i/y,",
        "telex leftovers, typos, gi/d, everyday names, abbreviations, filler words, partial",
        "queries, codes) over `tests/fixtures/search_catalogue.csv` (547 real procedures: the",
        "Ministry of Justice's whole list and the commune-level procedures of other ministries).",
        "A hit is an acceptable procedure first (hit@1) or in the first three (hit@3). Times are",
        "Node on this machine, one query at a time, for the whole query.",
        "",
        "| Ranker | hit@1 | hit@3 | zero results | median ms | max ms |",
        "|---|---|---|---|---|---|",
        _table_rows("congkhai (search-rank.js)", own),
    ]
    if mini:
        lines.append(_table_rows("MiniSearch 7.2 (same folding, OR, prefix, fuzzy 0.2)", mini))
    lines += ["", "## congkhai per category", "", "| Category | n | hit@1 | hit@3 | zero |"]
    lines.append("|---|---|---|---|---|")
    for category, counts in own["per"].items():
        cells = [category, *(str(counts[k]) for k in ("n", "hit1", "hit3", "zero"))]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Not first: " + ("; ".join(own["misses"]) or "none") + "."]
    if scale:
        lines += [
            "",
            "## At 2,000 procedures",
            "",
            "Index (`tim-kiem/chi-muc.js` data, real names of the portal's lists, 160-character "
            f"summaries): {scale['index_kb']:.0f} KB, of which the lexicon "
            f"{scale['lexicon_kb']:.0f} KB; with search-rank.js and search.js "
            f"{scale['payload_kb']:.0f} KB before the first result (target ≤ 1,024 KB).",
            "",
            f"Headless Chromium, {scale['throttle']:.0f}× CPU throttling, typed key by key "
            f"({len(TYPED)} queries): preparing the index (on focus, before the first key) "
            f"{scale['prepare_ms']:.0f} ms; from the last key to the results drawn: median "
            f"{scale['last_key_median_ms']:.0f} ms, max {scale['last_key_max_ms']:.0f} ms; "
            f"slowest key of all {scale['any_key_max_ms']:.0f} ms (target ≤ 150 ms).",
        ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    lines += [
        "",
        f"Machine: {os.cpu_count()} CPUs, load average {load:.1f} while measuring (shared with"
        " other work: times are upper bounds).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure and write bench/results/search-quality.md."""
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality")
    parser.add_argument("--minisearch", type=Path, help="node_modules folder holding minisearch")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    table, index = queries(), fixture_index()
    own = quality(table, run_node(index, table, "own", None))
    mini = None
    if args.minisearch:
        mini = quality(table, run_node(index, table, "minisearch", args.minisearch))
    scale = None
    if args.reference.is_dir():
        big = reference_index(args.reference, args.size)
        data = json.dumps(big, ensure_ascii=False, separators=(",", ":")).encode()
        lexicon = json.dumps(big["synonyms"], ensure_ascii=False, separators=(",", ":")).encode()
        scripts = REPO / "theme" / "assets" / "javascripts"
        engine = sum((scripts / n).stat().st_size for n in ("search-rank.js", "search.js"))
        scale = {
            "index_kb": len(data) / 1024,
            "lexicon_kb": len(lexicon) / 1024,
            "payload_kb": (len(data) + engine) / 1024,
            "throttle": args.throttle,
            **typing_latency(big, args.throttle),
        }
    text = report(own, mini, scale)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
