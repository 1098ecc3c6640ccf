#!/usr/bin/env python3
"""Benchmark (not a test): site search on /tim-kiem/ over the site's own index (``dvk.derive.recindex``,
``recindex/``: model records, news posts, documents), in a real browser.

Builds a synthetic corpus (``dvk.bench.synthetic``) with the project's own build, in a
child process, then times, apart from the build, the index written from the corpus
into a scratch folder: cold (empty cache), again unchanged, and after a one-record
edit (one summary changed). It measures the built site's index on disk (bytes,
files, largest and median file of each kind). With ``--output`` an already-built
site is used and the build is skipped.

The site is then served on 127.0.0.1 (plain files, ordinary caching headers)
and each query is run in headless Chromium:

* cold: a fresh browser context (empty cache) opens /tim-kiem/ with no query;
  once loaded, the query is put in ``#tu-khoa`` and the form is submitted with
  ``form.requestSubmit()`` (the submit handler searches at once, so the 150 ms
  typing debounce is NOT included). t0 is ``performance.now()`` at submit, t1
  when the first ``li.search-result`` is in the page or the status line says
  "Không…" (a MutationObserver records it). Bytes are counted from the moment
  of submit: until first results (responses ended by t1) and in total once the
  network has been idle for 0.5 s (results rendered, card images included);
* warm: in the same context, a second, different query, measured the same way.

The search page fetches the index's ``index.json`` when it loads, before the reader
has typed: those bytes are in the "page KB" column, not the query's.

Network bytes come from Playwright's request events (``request.sizes()``:
response headers + encoded body). ``*_gzip`` figures count each .js/.json/.css
response at its gzip -6 size instead (any real static host compresses text; the
index's .bin files are gzip-compressed inside).

A query may carry filters as in the page's address: ``"dan van kheo&muc=mo-hinh&tinh=lam-dong"``
(each ``name=value`` chooses that option of the form's ``<select name=...>`` before submitting).
Default queries are derived from the corpus' own model records (names, owners,
localities, folded with ``dvk.model.text.fold``), so they are real.

Prints one JSON line per measurement, then a summary table. Never fails on time.

    python tests/benchmarks/bench_search.py --models 100000 --posts 2000 --docs 200
    python tests/benchmarks/bench_search.py --output /tmp/b100k/out-dvk --corpus /tmp/b100k/corpus
    python tests/benchmarks/bench_search.py --output output --queries "dan van kheo" "mẹ đỡ đầu"
"""
from __future__ import annotations

import argparse
import copy
import functools
import gzip
import http.server
import json
import pathlib
import re
import statistics
import sys
import tempfile
import threading
import time
from urllib.parse import parse_qsl, urlsplit

ROOT = pathlib.Path(__file__).resolve().parents[2]
from dvk.bench.runs import build_in_child, fresh_corpus, remove_site   # the same corpus and build as `invoke bench`

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_PATH = "/tim-kiem/"
RECINDEX_KINDS = {"t": "term shard", "p": "prefix file", "f": "filter", "c": "card page"}
GZIP_SUFFIXES = (".js", ".json", ".css")
IDLE_S = 0.5                 # network idle: no request in flight for this long


def emit(row: dict) -> None:
    print(json.dumps(row, ensure_ascii=False), flush=True)


# --------------------------------------------------------------------------
# Build and index
# --------------------------------------------------------------------------

def build_site(corpus: pathlib.Path, out: pathlib.Path) -> dict:
    """Build ``corpus`` into ``out`` in a child process, from nothing, as bench_build.py does."""
    remove_site(out)
    wall, peak = build_in_child(corpus, out)
    return {"step": "site-build", "wall_s": round(wall, 2), "peak_rss_mib": round(peak)}


def index_figures(site: pathlib.Path) -> dict:
    """Size of the search index on disk, and its largest and median file of each kind."""
    row = {"step": "index-size"}
    rec = site / "recindex"
    files = [p for p in rec.rglob("*") if p.is_file()]
    row["bytes"] = sum(p.stat().st_size for p in files)
    row["mib"] = round(row["bytes"] / 2**20, 2)
    row["files"] = len(files)
    if (rec / "index.json").is_file():
        row["manifest_bytes"] = (rec / "index.json").stat().st_size
        row["manifest_bytes_gzip"] = gzip_size(str(rec / "index.json"))
    for folder, kind in RECINDEX_KINDS.items():
        sizes = sorted(p.stat().st_size for p in (rec / folder).rglob("*.bin"))
        row[f"{folder}_files"] = len(sizes)
        row[f"largest_{folder}_bytes"] = sizes[-1] if sizes else 0
        row[f"median_{folder}_bytes"] = sizes[len(sizes) // 2] if sizes else 0
    return row


from dvk.bench.searchcorpus import corpus_docs  # noqa: E402  (a corpus as the index holds it)


def time_index(corpus: pathlib.Path) -> dict:
    """The index written cold (empty cache), again unchanged, after a one-record edit (the summary of one
    record changed), then with a new post (the newest entry) added, from the corpus, into a scratch
    folder: seconds and files rewritten."""
    from dvk.derive import recindex

    t0 = time.perf_counter()
    docs = corpus_docs(corpus)
    loaded = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="dvk-recindex-") as tmp:
        out, cache = pathlib.Path(tmp) / "site", pathlib.Path(tmp) / "cache"
        cold = recindex.write_index(docs, out, cache=cache)
        same = recindex.write_index(docs, out, cache=cache)
        edited = next(d for d in docs[len(docs) // 2:] if d.url.startswith("mo-hinh/"))
        edited.summary += " Năm nay mô hình mở rộng sang thêm hai thôn."
        edit = recindex.write_index(docs, out, cache=cache)
        post = copy.deepcopy(next(d for d in docs if d.url.startswith("tin-tuc/")))     # a new post, the newest entry
        post.url, post.date, post.title = "tin-tuc/bai-moi-nhat/", "2099-01-01T08:00", post.title + " (bài mới)"
        added = recindex.write_index(docs + [post], out, cache=cache)
    return {"step": "index-build", "entries": cold.records, "corpus_load_s": round(loaded, 2),
            "cold_s": round(cold.seconds, 2), "unchanged_s": round(same.seconds, 2),
            "one_edit_s": round(edit.seconds, 2), "one_edit_files_written": edit.written,
            "one_edit_files_compressed": edit.compressed, "one_edit_incremental": edit.incremental,
            "new_post_s": round(added.seconds, 2), "new_post_files_written": added.written,
            "new_post_incremental": added.incremental, "files": cold.files, "bytes": cold.bytes}


# --------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------

FALLBACK_QUERIES = ["dan van kheo", "Dân vận khéo", "nong thon moi", "hoi nong dan", "xa tan lap",
                    "giup ho ngheo thoat ngheo", "dan van kheo&muc=mo-hinh&tinh=lam-dong",
                    "zqxjvw"]
_TRAILING_NUMBER = re.compile(r"\s+\d+$")
_QUOTES = str.maketrans({"“": " ", "”": " ", '"': " ", ",": " "})


def corpus_queries(corpus: pathlib.Path) -> list[str]:
    """About eight real queries taken from the corpus' model records (see the module docstring)."""
    import yaml
    from dvk.model.text import fold

    def clean(text):
        return " ".join(_TRAILING_NUMBER.sub("", text).translate(_QUOTES).split())

    models = corpus / "data" / "models"
    folders = sorted(p for p in models.iterdir() if p.is_dir()) if models.is_dir() else []
    if not folders:
        return list(FALLBACK_QUERIES)
    # A few records spread over the provinces, in a fixed order (the corpus is deterministic).
    picks = []
    for folder in folders[:: max(1, len(folders) // 6)][:6]:
        first = min(folder.glob("*.yaml"), default=None)
        if first:
            picks.append(yaml.safe_load(first.read_text(encoding="utf-8")))
    named = picks[0]
    collective = next((r for r in picks if r.get("kind") == "collective"), picks[-1])
    local = next((r for r in picks if r.get("locality")), picks[-1])
    locality = (local.get("locality") or local.get("province", "")).split(",")[0]
    name = clean(named["name"])
    typing = fold(name).split()
    prefix = " ".join(typing[:2] + [typing[2][:2]] if len(typing) > 2 else typing[:1] + [typing[-1][:2]])
    return [
        "dan",                                       # a single common syllable
        "xa",
        "dan van kheo",                              # common syllables
        fold(name),                                  # a model's name, no diacritics
        name,                                        # the same with diacritics
        fold(clean(collective["owner"])),            # owner
        fold(clean(locality)),                       # locality (commune)
        prefix,                                      # a word being typed
        "dan van kheo&tinh=lam-dong",                # a province filter, as in the page's address
        "dan&linh-vuc=kinh-te",                      # a field filter
        "zqxjvw",                                    # no result
    ]


def split_query(spec: str) -> tuple[str, list[tuple[str, str]]]:
    text, _, rest = spec.partition("&")
    return text.strip(), parse_qsl(rest)


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real static host (and HTTP/2) does: one connection for the index's files, not
    # a new one per file as HTTP/1.0 (http.server's default) makes. And TCP_NODELAY, as nginx and every
    # real host sets it: http.server sends a response's headers and body in two writes, and without it
    # the body waits for the browser's delayed ACK (40 ms per file on Linux).
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


def serve(site: pathlib.Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@functools.lru_cache(maxsize=None)
def gzip_size(path: str) -> int:
    with open(path, "rb") as fh:
        return len(gzip.compress(fh.read(), compresslevel=6))


# --------------------------------------------------------------------------
# Browser measurement
# --------------------------------------------------------------------------

class NetLog:
    """Requests of one browser context (page and its workers), from Playwright's events."""

    def __init__(self, context):
        self.lock = threading.Lock()
        self.entries: list = []         # [request, done]
        self.last_change = time.monotonic()
        context.on("request", self._start)
        context.on("requestfinished", self._end)
        context.on("requestfailed", self._end)

    def _start(self, request):
        with self.lock:
            self.entries.append([request, False])
            self.last_change = time.monotonic()

    def _end(self, request):
        with self.lock:
            for e in self.entries:
                if e[0] is request:
                    e[1] = True
            self.last_change = time.monotonic()

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def wait_idle(self, page, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)       # lets Playwright dispatch events
            with self.lock:
                busy = any(not done for _, done in self.entries)
                quiet = time.monotonic() - self.last_change
            if not busy and quiet >= IDLE_S:
                return

    def figures(self, since: int, site: pathlib.Path, until_epoch_ms: float) -> dict:
        """Bytes and requests since ``since``: in total, and those ended by ``until_epoch_ms``."""
        with self.lock:
            requests = [r for r, _ in self.entries[since:]]
        out = {k: 0 for k in ("first_requests", "first_bytes", "first_bytes_gzip",
                              "total_requests", "total_bytes", "total_bytes_gzip")}
        urls = []
        for r in requests:
            try:
                sizes = r.sizes()
            except Exception:          # failed or aborted request: nothing received
                continue
            body, headers = sizes["responseBodySize"], sizes["responseHeadersSize"]
            n = max(body, 0) + max(headers, 0)
            path = urlsplit(r.url).path
            local = site / path.lstrip("/")
            if path.endswith("/"):
                local = local / "index.html"
            ng = n
            if path.endswith(GZIP_SUFFIXES) and local.is_file() and body > 0:
                ng = gzip_size(str(local)) + max(headers, 0)
            t = r.timing
            ended = t["startTime"] + t["responseEnd"] if t.get("responseEnd", -1) >= 0 else float("inf")
            out["total_requests"] += 1
            out["total_bytes"] += n
            out["total_bytes_gzip"] += ng
            if ended <= until_epoch_ms + 1:
                out["first_requests"] += 1
                out["first_bytes"] += n
                out["first_bytes_gzip"] += ng
            urls.append(path)
        out["kinds"] = {}
        for p in urls:
            k = p.rsplit(".", 1)[-1] if "." in p.rsplit("/", 1)[-1] else "html"
            out["kinds"][k] = out["kinds"].get(k, 0) + 1
        return out


# Runs in the page: choose the filters, put the query in, submit; resolve with t0, t1 and the status.
SUBMIT_JS = """
async ([q, filters, timeoutMs]) => {
  const form = document.querySelector("[data-search-form]");
  const input = document.querySelector("#tu-khoa");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const missing = [];
  form.querySelectorAll("select").forEach((s) => { s.value = ""; });   // no filter left from the last query
  for (const [name, value] of filters) {
    const s = form.querySelector(`select[name="${name}"]`);
    if (s && s.querySelector(`option[value="${CSS.escape(value)}"]`)) s.value = value; else missing.push(name + "=" + value);
  }
  list.textContent = "";           // the previous query's results (warm run) must not count
  status.textContent = "";
  const done = () => list.querySelector("li.search-result") || status.textContent.startsWith("Không");
  const t = await new Promise((resolve) => {
    let t0;
    const obs = new MutationObserver(() => {
      if (done()) { const t1 = performance.now(); obs.disconnect(); clearTimeout(timer); resolve([t0, t1]); }
    });
    obs.observe(document.body, {childList: true, subtree: true, characterData: true});
    const timer = setTimeout(() => { obs.disconnect(); resolve([t0, null]); }, timeoutMs);
    window.__dvkComplete = null;      // when the full answer (every shard searched) is announced
    const obs2 = new MutationObserver(() => {
      if (/^(Tìm thấy|Không)/.test(status.textContent)) { window.__dvkComplete = performance.now(); obs2.disconnect(); }
    });
    obs2.observe(status, {childList: true, subtree: true, characterData: true});
    input.value = q;
    t0 = performance.now();
    form.requestSubmit();
  });
  return {t0: t.at(0), t1: t.at(1), origin: performance.timeOrigin, status: status.textContent, missing};
}
"""


# Typed: choose the filters, clear the box and the results, watch for the first result after typing.
TYPE_SETUP_JS = """
([filters, timeoutMs]) => {
  const form = document.querySelector("[data-search-form]");
  const input = document.querySelector("#tu-khoa");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  form.querySelectorAll("select").forEach((s) => { s.value = ""; });
  for (const [name, value] of filters) {
    const s = form.querySelector(`select[name="${name}"]`);
    if (s && s.querySelector(`option[value="${CSS.escape(value)}"]`)) s.value = value;
  }
  input.value = "";
  input.focus();
  list.textContent = "";
  status.textContent = "";
  window.__dvkTyped = {last: null, first: null};
  input.addEventListener("input", () => { window.__dvkTyped.last = performance.now(); window.__dvkTyped.first = null; });
  // The last query's answer: a result card added, or the status saying "Không…", no sooner than the page's
  // pause after the last key (the page searches for the last query only then; results of an earlier query
  // still on screen, or drawn before, are not its answer).
  const obs = new MutationObserver((records) => {
    const t = window.__dvkTyped, now = performance.now();
    if (t.last === null || t.first !== null || now < t.last + DEBOUNCE) return;
    const card = records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1 && n.matches("li.search-result")));
    const none = records.some((r) => status.contains(r.target)) && status.textContent.startsWith("Không");
    if (card || none) t.first = now;
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}
""".replace("DEBOUNCE", "150")
TYPING_DELAY_MS = 120          # between keys: a quick typist on a phone; below the page's 150 ms pause
DEBOUNCE_MS = 150              # search.js waits this long after the last key


def run_typed(page, net: NetLog, site, spec: str, timeout_ms: int) -> dict:
    """The query typed key by key into the search box: what the reader waits after the page's pause
    (150 ms after the last key) until the first results are on screen. Words finished while typing
    (followed by a space) load during the typing (``engine.prefetch``)."""
    q, filters = split_query(spec)
    page.evaluate(TYPE_SETUP_JS, [filters, timeout_ms])
    since = net.mark()
    page.keyboard.type(q, delay=TYPING_DELAY_MS)
    try:
        page.wait_for_function("() => window.__dvkTyped.first !== null", timeout=timeout_ms)
    except Exception as exc:
        return {"query": spec, "ok": False, "status": f"timeout: {exc}"[:200], "time_to_first_results_ms": None,
                "total_bytes_gzip": None}
    t = page.evaluate("window.__dvkTyped")
    net.wait_idle(page, timeout_ms / 1000)
    row = {"query": spec, "ok": True, "time_to_first_results_ms": round(t["first"] - t["last"] - DEBOUNCE_MS, 1)}
    row.update(net.figures(since, site, float("inf")))
    return row


def run_query(page, net: NetLog, site, spec: str, timeout_ms: int) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    q, filters = split_query(spec)
    since = net.mark()
    res = page.evaluate(SUBMIT_JS, [q, filters, timeout_ms])
    ok = res["t1"] is not None
    if ok:                           # let the rest of the results (and their images) arrive
        net.wait_idle(page, timeout_ms / 1000)
        try:
            page.wait_for_function("!document.querySelector('[data-search-status]').textContent.startsWith('Đang')",
                                   timeout=timeout_ms)
        except PlaywrightTimeout:
            pass
    results = page.locator("li.search-result").count()
    complete = page.evaluate("window.__dvkComplete")
    until = res["origin"] + (res["t1"] if ok else float("inf"))
    row = {"query": spec, "ok": ok, "status": res["status"][:90] if ok else f"timeout after {timeout_ms} ms: "
           + page.inner_text("[data-search-status]")[:60], "results_shown": results,
           "time_to_first_results_ms": round(res["t1"] - res["t0"], 1) if ok else None,
           "time_to_complete_ms": round(complete - res["t0"], 1) if ok and complete else None}
    if res["missing"]:
        row["filters_not_found"] = res["missing"]
    row.update(net.figures(since, site, until))
    return row


def measure(site: pathlib.Path, queries: list[str], timeout_ms: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for i, spec in enumerate(queries):
                warm_spec = queries[(i + 1) % len(queries)] if len(queries) > 1 else spec
                context = browser.new_context()          # fresh: empty cache
                page = context.new_page()
                net = NetLog(context)
                page.goto(base + SEARCH_PATH, wait_until="load")
                net.wait_idle(page)
                page_bytes = net.figures(0, site, float("inf"))
                cold_ok = True
                for phase, s in (("cold", spec), ("warm", warm_spec)):
                    if cold_ok:
                        row = {"step": "search", "phase": phase, **run_query(page, net, site, s, timeout_ms)}
                    else:                  # the page is still busy with the cold query
                        row = {"step": "search", "phase": phase, "query": s, "ok": False, "status": "skipped",
                               "results_shown": 0, "time_to_first_results_ms": None, "total_bytes": None}
                    if phase == "cold":
                        row["search_page_bytes"] = page_bytes["total_bytes"]
                        row["search_page_bytes_gzip"] = page_bytes["total_bytes_gzip"]
                        cold_ok = row["ok"]
                    emit(row)
                    rows.append(row)
                if cold_ok:                    # and the query after it, typed as a reader types it
                    typed_spec = queries[(i + 2) % len(queries)] if len(queries) > 2 else warm_spec
                    row = {"step": "search", "phase": "typed", **run_typed(page, net, site, typed_spec, timeout_ms)}
                    emit(row)
                    rows.append(row)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------

def kb(n):
    return f"{n / 1024:.0f}" if n is not None else "-"


def ms(n):
    return f"{n:.0f}" if n is not None else "timeout"


def summary(rows: list[dict]) -> None:
    cold = [r for r in rows if r["phase"] == "cold"]
    warm = [r for r in rows if r["phase"] == "warm"]
    typed = {r["query"]: r for r in rows if r["phase"] == "typed"}
    head = ["query", "page KB gz", "cold KB 1st gz", "cold KB all gz", "cold ms 1st", "cold ms all", "warm KB gz",
            "warm ms", "typed ms", "results"]
    table = []
    for c, w in zip(cold, warm):
        t = typed.get(c["query"])
        table.append([c["query"][:44], kb(c.get("search_page_bytes_gzip")), kb(c["first_bytes_gzip"]),
                      kb(c["total_bytes_gzip"]), ms(c["time_to_first_results_ms"]), ms(c.get("time_to_complete_ms")),
                      kb(w["total_bytes_gzip"]) if w["status"] != "skipped" else "-",
                      "skipped" if w["status"] == "skipped" else ms(w["time_to_first_results_ms"]),
                      ms(t["time_to_first_results_ms"]) if t else "-",
                      "timeout" if not c["ok"] else
                      str(c["results_shown"]) + ("" if c["results_shown"] else " (none)")])

    def agg(fn, key, rs, fmt):
        vals = [r[key] for r in rs if r[key] is not None]
        return fmt(fn(vals)) if vals else "-"

    for label, fn in (("max", max), ("median", statistics.median)):
        table.append([label, agg(fn, "search_page_bytes_gzip", cold, kb), agg(fn, "first_bytes_gzip", cold, kb),
                      agg(fn, "total_bytes_gzip", cold, kb), agg(fn, "time_to_first_results_ms", cold, ms),
                      agg(fn, "time_to_complete_ms", cold, ms),
                      agg(fn, "total_bytes_gzip", warm, kb), agg(fn, "time_to_first_results_ms", warm, ms),
                      agg(fn, "time_to_first_results_ms", list(typed.values()), ms), ""])
    widths = [max(len(r[i]) for r in [head] + table) for i in range(len(head))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print()
    print(line(head))
    print(line(["-" * w for w in widths]))
    for r in table[:-2]:
        print(line(r))
    print(line(["-" * w for w in widths]))
    for r in table[-2:]:
        print(line(r))
    print("\npage = what the search page fetched when it loaded, before the query (the page, its scripts, the "
          "index.json made ready); KB 1st = fetched after submitting the query until its first results are on screen; "
          "all = until the network is idle (card images included); text files (.js, .json, .css) counted at gzip -6, "
          "index files (.bin) as they are (compressed inside); ms 1st = to first results on screen; ms all = "
          "until the full answer is announced; warm = the next query in the list, same context. Times exclude the "
          "150 ms typing debounce (form submitted). typed = that query typed key by key (120 ms between keys) in the "
          "same context: ms from the end of the 150 ms pause after the last key to the first results; the typed row "
          "is the query shown in its row.")


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=int, default=100000)
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workdir", help="where the corpus and the site are written (default: a temp dir)")
    ap.add_argument("--output", help="an already-built site: skip the build")
    ap.add_argument("--corpus", help="an existing corpus to derive the queries from")
    ap.add_argument("--queries", nargs="+", help="queries, optionally with filters: 'dan van kheo&tinh=lam-dong'")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for a query's first results")
    ap.add_argument("--no-index-timing", action="store_true", help="do not time the index build")
    args = ap.parse_args()

    corpus = pathlib.Path(args.corpus) if args.corpus else None
    if args.output:
        site = pathlib.Path(args.output).resolve()
        if not (site / "recindex" / "index.json").is_file():
            sys.exit(f"no search index in {site}/recindex")
    else:
        work = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="dvk-bench-search-"))
        corpus, row = fresh_corpus(work, args.models, args.posts, args.docs)
        emit(row)
        site = work / "out-dvk"
        emit(build_site(corpus, site))

    if corpus and not args.no_index_timing:
        emit(time_index(corpus))
    emit({**index_figures(site), "site": str(site)})

    queries = args.queries or (corpus_queries(corpus) if corpus else list(FALLBACK_QUERIES))
    emit({"step": "queries", "queries": queries})
    rows = measure(site, queries, int(args.timeout * 1000))
    summary(rows)


if __name__ == "__main__":
    main()
