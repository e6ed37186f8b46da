"""What a citizen meets in a browser: time to the first search result and bytes per page.

Headless Chromium (Debian's, through Playwright) opens a built site served over http from a
local server. ``python -m bench.browser --site DIR --kind congkhai`` prints the figures as JSON;
``--compare CONGKHAI_DIR MATERIAL_DIR`` measures both and adds a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal, cast

from playwright.sync_api import Browser, Page, Request, sync_playwright
from playwright.sync_api import Error as PlaywrightError

Kind = Literal["congkhai", "material"]
KINDS: tuple[Kind, ...] = ("congkhai", "material")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
DEFAULT_QUERY = "khai sinh"
DEFAULT_MORE_QUERIES = ("dang ky ket hon", "đăng ký kết hôn")
"""Further queries typed in the same page once search is ready: without and with diacritics."""
READY_TIMEOUT_MS = 120_000
"""Material's worker builds its index in the browser; for thousands of pages that takes long."""
RESULT_TIMEOUT_MS = 30_000
PAGE_TIMEOUT_MS = 120_000
NO_RESULT_PREFIX = "Không tìm thấy"
"""How both sites start their "nothing found" message in Vietnamese (congkhai's status line,
Material's ``search.result.none`` for ``vi``): a query with no result ends the wait too."""
SERVER_NOTE = "Python http.server on 127.0.0.1, no compression: bytes are uncompressed"
CODE = re.compile(r"^\d\.\d{6}$")


@dataclass(frozen=True)
class _Spec:
    """Where each kind of site keeps its search box and results."""

    search_page: str
    input: str
    result: str
    status: str


_SPECS: dict[Kind, _Spec] = {
    "congkhai": _Spec(
        "tim-kiem/index.html",
        "[data-ck-search] input[type=search]",
        "ol.ck-results li",
        "[data-ck-status]",
    ),
    "material": _Spec(
        "index.html",
        "input.md-search__input",
        "li.md-search-result__item",
        ".md-search-result__meta",
    ),
}

# Installed before any page script runs. Records, in the page's own clock (performance.now(),
# 0 = navigation start), when search became usable, when the query reached the box and when
# the first result (or the "nothing found" message) was put into the page.
_INIT_SCRIPT = """
(kind) => {
  const bb = window.__bb = {kind, ready: null, input: null, keyup: null, result: null,
                            none: null, armed: false};
  performance.setResourceTimingBufferSize(10000);
  if (kind === "material" && window.Worker) {
    // Material's search worker posts {type: 1} (READY) once its lunr index is built.
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (event) => {
          if (bb.ready === null && event.data && event.data.type === 1) {
            bb.ready = performance.now();
          }
        });
      }
    };
  }
  if (kind === "congkhai") {
    // congkhai's search.js unhides [data-ck-search] once its index is prepared. Only the
    // hidden attribute is watched, so the parser's insertions cost the observer nothing.
    new MutationObserver((records, observer) => {
      if (document.querySelector("[data-ck-search]:not([hidden])")) {
        bb.ready = performance.now();
        observer.disconnect();
      }
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ["hidden"]});
  }
  for (const type of ["input", "keyup"]) {
    window.addEventListener(type, () => {
      if (bb.armed && bb[type] === null) {
        bb[type] = performance.now();
      }
    }, true);
  }
}
"""

# Starts watching for results. Only result items added from now on count (congkhai may still
# show the results of the query typed so far), and a "nothing found" line only when it changes.
_ARM = """
([result, status, none]) => {
  const bb = window.__bb;
  Object.assign(bb, {input: null, keyup: null, result: null, none: null, armed: true});
  const isResult = (node) => node.nodeType === 1 &&
    (node.matches(result) || node.querySelector(result) !== null);
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    if (bb.input === null && bb.keyup === null) {
      return;  // still the page's answer to something typed before the last keystroke
    }
    if (records.some((record) => [...record.addedNodes].some(isResult))) {
      bb.result = now;
    } else {
      const line = document.querySelector(status);
      if (line && records.some((record) => line.contains(record.target)) &&
          line.textContent.trim().startsWith(none)) {
        bb.none = now;
      }
    }
    if (bb.result !== null || bb.none !== null) {
      observer.disconnect();
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""

# A fixed loop on the main thread and in a worker, to see what the CPU throttling slows.
_THROTTLE_PROBE = """
async () => {
  const loop = "let s = 0; for (let i = 0; i < 1e8; i++) { s += i % 7; } return s;";
  const timeMain = () => {
    const t = performance.now();
    new Function(loop)();
    return performance.now() - t;
  };
  const main = Math.min(timeMain(), timeMain());
  const source = "onmessage = () => { const t = performance.now(); (function () {" + loop +
    "})(); postMessage(performance.now() - t); };";
  const worker = new Worker(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
  const once = () => new Promise((done) => {
    worker.onmessage = (e) => done(e.data);
    worker.postMessage(0);
  });
  const inWorker = Math.min(await once(), await once());
  worker.terminate();
  return [main, inWorker];
}
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site without a log line per request."""

    # Keep-alive, as a real web server offers; http.server defaults to one request per
    # connection (HTTP/1.0).
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing."""


class _QuietServer(ThreadingHTTPServer):
    """A threading server that does not print the broken pipes of closed browser contexts."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) in a thread; yield its base address."""
    handler = partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="bench-browser-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def procedure_page(site: Path, kind: Kind) -> str | None:
    """The first procedure page of ``site`` (a folder named like a code ``d.dddddd``)."""
    root = site / "thu-tuc"
    if not root.is_dir():
        return None
    if kind == "congkhai":
        pages = sorted(root.glob("*/index.html"))
    else:
        pages = sorted(root.rglob("*.html"))
    coded = [page for page in pages if CODE.match(page.parent.name)]
    chosen = coded or pages
    return chosen[0].relative_to(site).as_posix() if chosen else None


def _pages(site: Path, kind: Kind) -> dict[str, str | None]:
    """The pages whose transfer is measured, by role (``None``: the site has none)."""
    procedure = procedure_page(site, kind)
    if kind == "congkhai":
        return {
            "home": "index.html",
            "catalogue": "thu-tuc/index.html",
            "search_page": _SPECS[kind].search_page,
            "procedure": procedure,
        }
    # Plain Material: the home page is the catalogue and carries the search box.
    return {"home": "index.html", "procedure": procedure}


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _error(exc: BaseException) -> str:
    """A measurement failure as one line of text (a timeout says so first)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "Timeout" in type(exc).__name__ or "Timeout" in text:
        return "timeout: " + text
    return f"{type(exc).__name__}: {text}"


def _throttled_page(browser: Browser, kind: Kind, throttle: float) -> Page:
    """A page in a new (cold-cache) context, CPU-throttled and instrumented before it loads."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.add_init_script(script=f"({_INIT_SCRIPT})({json.dumps(kind)})")
    return page


def _settle(page: Page) -> None:
    """Wait 300 ms, then until the page's main thread is idle (at most 5 s more)."""
    page.wait_for_timeout(300)
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => done(), {timeout: 5000}))")


class WaitTimeout(Exception):
    """Something the page should have done did not happen in time."""


def _wait_until(
    page: Page, expression: str, timeout_ms: float, what: str, *, interval_ms: float = 50
) -> None:
    """Evaluate ``expression`` in the page every ``interval_ms`` until it is true."""
    # Polled from here rather than with page.wait_for_function: Playwright evaluates that
    # predicate with eval() inside the page, which congkhai's Content-Security-Policy (no
    # 'unsafe-eval') forbids; page.evaluate goes through the DevTools protocol instead.
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise WaitTimeout(f"{what} after {timeout_ms / 1000:.0f} s")
        page.wait_for_timeout(interval_ms)


def _type_query(page: Page, spec: _Spec, query: str) -> dict[str, Any]:
    """Type ``query`` in the search box and time, in the page, until its first result shows."""
    # All but the last letter go in at once; the clock starts with the last keystroke, as
    # when a citizen finishes typing. Its key events come from one real key press: congkhai
    # searches on input, Material on keyup.
    head, last = query[:-1], query[-1:]
    # Focus first and let it settle: Material reads the box 1 ms after a focus change (later
    # on a busy, throttled page), and must not search the partial query while being timed.
    page.focus(spec.input)
    _settle(page)
    page.fill(spec.input, head)
    _settle(page)
    page.evaluate(_ARM, [spec.result, spec.status, NO_RESULT_PREFIX])
    if last.isascii() and last.isprintable():
        page.keyboard.type(last)
    else:
        # No key for this letter (Playwright inserts it without key events): a harmless End
        # key gives Material the keyup it reads the box on.
        page.keyboard.insert_text(last)
        page.keyboard.press("End")
    _wait_until(
        page,
        "window.__bb.result !== null || window.__bb.none !== null",
        RESULT_TIMEOUT_MS,
        "no result",
        interval_ms=20,
    )
    bb: dict[str, Any] = page.evaluate("window.__bb")
    found = page.locator(spec.result).count()
    done = bb["result"] if bb["result"] is not None else bb["none"]
    typed = bb["input"] if bb["input"] is not None else bb["keyup"]
    if typed is None:
        return {"query": query, "error": "the page saw no input or keyup event"}
    return {
        "query": query,
        "type_to_result_ms": round(done - typed, 1),
        "keyup_lag_ms": round(bb["keyup"] - typed, 1) if bb["keyup"] is not None else None,
        "results": found,
        "at_ms": round(done, 1),
    }


def _clear(page: Page, spec: _Spec) -> None:
    """Empty the search box and wait until the previous results are gone."""
    page.fill(spec.input, "")
    page.keyboard.press("End")
    _wait_until(
        page,
        f"!document.querySelector({json.dumps(spec.result)})",
        RESULT_TIMEOUT_MS,
        "results not cleared",
    )


def _search_run(
    browser: Browser, base: str, kind: Kind, queries: Sequence[str], throttle: float
) -> dict[str, Any]:
    """One cold-cache visit of the search page: readiness, then each query typed in turn."""
    spec = _SPECS[kind]
    page = _throttled_page(browser, kind, throttle)
    run: dict[str, Any] = {}
    try:
        page.goto(base + spec.search_page, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        run["load_ms"] = round(
            page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"), 1
        )
        try:
            _wait_until(page, "window.__bb.ready !== null", READY_TIMEOUT_MS, "search not ready")
        except (PlaywrightError, WaitTimeout) as exc:
            run["error"] = _error(exc)
            return run
        run["ready_ms"] = round(page.evaluate("window.__bb.ready"), 1)
        run["queries"] = []
        for number, query in enumerate(queries):
            try:
                if number:
                    _clear(page, spec)
                typed = _type_query(page, spec, query)
            except (PlaywrightError, WaitTimeout) as exc:
                run["queries"].append({"query": query, "error": _error(exc)})
                continue
            run["queries"].append(typed)
            if number == 0 and "error" not in typed:
                # A citizen who types the moment search is ready. The first result's own
                # timestamp (observed) also holds the harness's latency between readiness
                # and typing (Playwright's checks run in the throttled page).
                run["total_ms"] = round(run["ready_ms"] + typed["type_to_result_ms"], 1)
                run["observed_total_ms"] = typed["at_ms"]
    except PlaywrightError as exc:
        run["error"] = _error(exc)
    finally:
        page.context.close()
    return run


def _summarise(runs: list[dict[str, Any]], queries: Sequence[str]) -> dict[str, Any]:
    """Medians over the runs that got that far, and the errors of the others."""

    def values(key: str) -> list[float]:
        return [run[key] for run in runs if run.get(key) is not None]

    summary: dict[str, Any] = {
        "runs": len(runs),
        "ready_ms": _median(values("ready_ms")),
        "total_ms": _median(values("total_ms")),
        "observed_total_ms": _median(values("observed_total_ms")),
        "load_ms": _median(values("load_ms")),
        "queries": [],
        "errors": [run["error"] for run in runs if "error" in run],
    }
    for number, query in enumerate(queries):
        typed = [
            run["queries"][number]
            for run in runs
            if len(run.get("queries", [])) > number and "error" not in run["queries"][number]
        ]
        failed = [
            run["queries"][number]["error"]
            for run in runs
            if len(run.get("queries", [])) > number and "error" in run["queries"][number]
        ]
        lags = [item["keyup_lag_ms"] for item in typed if item["keyup_lag_ms"] is not None]
        summary["queries"].append(
            {
                "query": query,
                "type_to_result_ms": _median([item["type_to_result_ms"] for item in typed]),
                "keyup_lag_ms": _median(lags),
                "results": typed[0]["results"] if typed else None,
                "measured_runs": len(typed),
                "errors": failed,
            }
        )
    first = summary["queries"][0] if summary["queries"] else {}
    summary["type_to_first_result_ms"] = first.get("type_to_result_ms")
    if summary["total_ms"] is None and summary["errors"]:
        summary["total_ms"] = "timeout" if "timeout" in summary["errors"][0] else "error"
    return summary


def _measure_search(
    browser: Browser,
    base: str,
    kind: Kind,
    queries: Sequence[str],
    runs: int,
    throttle: float,
) -> dict[str, Any]:
    """``runs`` cold-cache searches; stops early when search never became ready."""
    done: list[dict[str, Any]] = []
    for _ in range(runs):
        run = _search_run(browser, base, kind, queries, throttle)
        done.append(run)
        # A site whose search did not get ready in READY_TIMEOUT_MS will not the next time
        # either: the remaining runs would only keep the shared machine busy.
        if "error" in run and "ready_ms" not in run:
            break
    summary = _summarise(done, queries)
    summary["per_run"] = done
    return summary


def _request_bytes(request: Request) -> tuple[int, int]:
    """Bytes of one finished request on the wire: (response, request), headers included."""
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if body <= 0:
        # Chromium gives no body size for a worker's own script (Material's search worker);
        # the local server sends every file whole, uncompressed, with its Content-Length.
        response = request.response()
        length = response.headers.get("content-length", "") if response else ""
        body = int(length) if length.isdigit() else 0
    sent = sizes["requestHeadersSize"] + max(sizes["requestBodySize"], 0)
    return sizes["responseHeadersSize"] + body, sent


_PERF_BYTES = """
() => {
  const entries = [...performance.getEntriesByType("navigation"),
                   ...performance.getEntriesByType("resource")];
  let bytes = 0;
  for (const entry of entries) {
    bytes += entry.transferSize || entry.encodedBodySize || 0;
  }
  return [bytes, entries.length];
}
"""


def _path_of(address: str, page: str) -> str:
    """An address of the local server as a path in the site; any other address as it is."""
    base = page.split("/", 3)[:3]
    local = "/".join(base) + "/"
    return address.removeprefix(local) if address.startswith(local) else address


def _measure_page(browser: Browser, url: str) -> dict[str, Any]:
    """Cold-cache transfer of one page: every request of the page and its workers."""
    context = browser.new_context()
    finished: list[Request] = []
    failed: list[str] = []
    # A lambda: Playwright cannot register a builtin method such as list.append as a handler.
    context.on("requestfinished", lambda request: finished.append(request))
    context.on("requestfailed", lambda request: failed.append(request.url))
    result: dict[str, Any] = {}
    try:
        page = context.new_page()
        page.add_init_script(script="performance.setResourceTimingBufferSize(10000)")
        started = time.perf_counter()
        page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        try:
            page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
        except PlaywrightError as exc:
            result["error"] = "network never idle: " + _error(exc)
        page.wait_for_timeout(300)
        result["load_s"] = round(time.perf_counter() - started, 2)
        perf_bytes, perf_count = page.evaluate(_PERF_BYTES)
        files: list[tuple[str, int]] = []
        request_bytes = 0
        for request in list(finished):
            down, up = _request_bytes(request)
            files.append((_path_of(request.url, url), down))
            request_bytes += up
        response_bytes = sum(size for _, size in files)
        result.update(
            {
                "bytes": response_bytes,
                "kb": round(response_bytes / 1024, 1),
                "requests": len(finished),
                "request_bytes_sent": request_bytes,
                "failed_requests": failed,
                # The page's own Resource Timing: the main thread only, without what a
                # worker fetches itself.
                "perf_transfer_bytes": perf_bytes,
                "perf_entries": perf_count,
            }
        )
        result["files"] = sorted(files, key=lambda item: -item[1])
    except PlaywrightError as exc:
        result["error"] = _error(exc)
    finally:
        context.close()
    return result


def _throttle_check(browser: Browser, throttle: float) -> dict[str, Any]:
    """Whether Chromium's CPU throttling also slows a web worker (where Material searches)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        page.goto("about:blank")
        main, worker = page.evaluate(_THROTTLE_PROBE)
    except PlaywrightError as exc:
        return {"error": _error(exc)}
    finally:
        context.close()
    return {
        "main_thread_loop_ms": round(main, 1),
        "worker_loop_ms": round(worker, 1),
        # Unthrottled, both take about as long; throttled by T, the main thread takes T times
        # longer. Halfway (in ratio) between the two is the line.
        "worker_throttled": None if throttle <= 1 else bool(worker * throttle**0.5 >= main),
    }


def _measure_with(
    browser: Browser,
    site: Path,
    kind: Kind,
    queries: Sequence[str],
    runs: int,
    throttle: float,
) -> dict[str, Any]:
    """Every figure of ``site`` with an already running browser."""
    result: dict[str, Any] = {
        "site": str(site),
        "kind": kind,
        "query": queries[0],
        "more_queries": list(queries[1:]),
        "throttle": throttle,
        "runs": runs,
        "chromium": browser.version,
        "server": SERVER_NOTE,
    }
    result["throttle_check"] = _throttle_check(browser, throttle)
    with serve(site) as base:
        search_page = site / _SPECS[kind].search_page
        if search_page.is_file():
            result["search"] = _measure_search(browser, base, kind, queries, runs, throttle)
        else:
            result["search"] = {"error": f"no {_SPECS[kind].search_page} in the site"}
        result["pages"] = {}
        for role, path in _pages(site, kind).items():
            if path is None or not (site / path).is_file():
                result["pages"][role] = {"error": "no such page in the site"}
                continue
            result["pages"][role] = {"path": path, **_measure_page(browser, base + path)}
    return result


def measure_site(
    site: Path,
    kind: Literal["congkhai", "material"],
    *,
    query: str = DEFAULT_QUERY,
    runs: int = 5,
    throttle: float = 4,
    more_queries: Sequence[str] = DEFAULT_MORE_QUERIES,
) -> dict[str, Any]:
    """Time to first search result (CPU-throttled) and cold-cache bytes of a built site."""
    site = site.resolve()
    queries = [query, *more_queries]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _measure_with(browser, site, kind, queries, runs, throttle)
            finally:
                browser.close()
    except Exception as exc:  # a failed measurement is recorded, never raised
        return {"site": str(site), "kind": kind, "query": query, "error": _error(exc)}


def _ms(search: dict[str, Any], key: str) -> str:
    """A median in milliseconds, or why there is none."""
    value = search.get(key)
    if isinstance(value, float | int):
        return f"{value:,.0f}"
    errors = [search["error"]] if "error" in search else search.get("errors", [])
    if any("timeout" in error for error in errors):
        return "timeout"
    return str(value) if value is not None else ("error" if errors else "–")


def _typed_cell(item: dict[str, Any] | None) -> str:
    """Keystroke to first result of one query, and how many results the page showed."""
    if item is None:
        return "–"
    if item.get("type_to_result_ms") is None:
        errors = item.get("errors", [])
        return "timeout" if any("timeout" in error for error in errors) else "error"
    if item.get("results") == 0:
        return f"nothing found ({item['type_to_result_ms']:,.0f})"
    return f"{item['type_to_result_ms']:,.0f} ({item['results']} shown)"


def _page_cell(result: dict[str, Any], role: str) -> str:
    """Transferred KB and request count of one page, or why there is none."""
    page = result.get("pages", {}).get(role)
    if page is None:
        return "–"
    if "kb" not in page:
        return str(page.get("error", "–"))
    return f"{page['kb']:,.0f} KB / {page['requests']} req"


def markdown_table(congkhai: dict[str, Any], material: dict[str, Any]) -> str:
    """A small Markdown table comparing the figures of a congkhai and a Material site."""
    search_c = congkhai.get("search", {})
    search_m = material.get("search", {})
    rows: list[tuple[str, str, str]] = [
        (
            "Search ready (ms after navigation start)",
            _ms(search_c, "ready_ms"),
            _ms(search_m, "ready_ms"),
        )
    ]
    queries_c = search_c.get("queries", [])
    queries_m = search_m.get("queries", [])
    for number, item in enumerate(queries_c):
        other = queries_m[number] if number < len(queries_m) else None
        label = f"Last keystroke → first result, “{item['query']}” (ms)"
        rows.append((label, _typed_cell(item), _typed_cell(other)))
    rows.append(
        (
            f"Navigation → first result, “{congkhai.get('query')}” (ms; ready + keystroke)",
            _ms(search_c, "total_ms"),
            _ms(search_m, "total_ms"),
        )
    )
    roles = [("home", "Home page"), ("catalogue", "Catalogue page")]
    roles += [("search_page", "Search page"), ("procedure", "One procedure page")]
    for role, label in roles:
        cell_c, cell_m = _page_cell(congkhai, role), _page_cell(material, role)
        if role in ("catalogue", "search_page") and cell_m == "–":
            cell_m = "(= home page)"
        rows.append((f"{label}, transferred", cell_c, cell_m))
    lines = [
        f"CPU throttling {congkhai.get('throttle')}×, median of {congkhai.get('runs')} "
        "cold-cache runs; bytes uncompressed (local http.server, no gzip).",
        "",
        "| | congkhai | Material |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {left} | {right} |" for label, left, right in rows]
    check = congkhai.get("throttle_check", {})
    if check.get("worker_throttled") is False:
        lines += [
            "",
            "Chromium's CPU throttling slows the page's main thread only, not web workers "
            f"(probe loop: {check['main_thread_loop_ms']:.0f} ms on the main thread, "
            f"{check['worker_loop_ms']:.0f} ms in a worker): Material builds its index and "
            "searches in a worker, at full speed.",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: measure one site, or compare a congkhai site with a Material one."""
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__)
    parser.add_argument("--site", type=Path, help="built site folder")
    parser.add_argument("--kind", choices=KINDS, help="which generator built --site")
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("CONGKHAI_DIR", "MATERIAL_DIR"),
        help="measure a congkhai site and a Material site and print a Markdown table",
    )
    parser.add_argument(
        "--query",
        action="append",
        help=f"query to type (repeatable; the first gives the total time; default "
        f"{DEFAULT_QUERY!r} then {', '.join(map(repr, DEFAULT_MORE_QUERIES))})",
    )
    parser.add_argument("--runs", type=int, default=5, help="cold-cache runs (default 5)")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slowdown factor (default 4)")
    args = parser.parse_args(argv)
    queries: list[str] = args.query or [DEFAULT_QUERY, *DEFAULT_MORE_QUERIES]
    options: dict[str, Any] = {
        "query": queries[0],
        "more_queries": queries[1:],
        "runs": args.runs,
        "throttle": args.throttle,
    }
    if args.compare:
        congkhai_dir, material_dir = cast(list[Path], args.compare)
        congkhai = measure_site(congkhai_dir, "congkhai", **options)
        material = measure_site(material_dir, "material", **options)
        print(
            json.dumps({"congkhai": congkhai, "material": material}, ensure_ascii=False, indent=2)
        )
        print()
        print(markdown_table(congkhai, material))
        failed = "error" in congkhai or "error" in material
        return 1 if failed else 0
    if args.site is None or args.kind is None:
        parser.error("give --site DIR --kind KIND, or --compare CONGKHAI_DIR MATERIAL_DIR")
    result = measure_site(args.site, args.kind, **options)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
