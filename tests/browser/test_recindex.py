"""The site's search index (dvk.derive.recindex, theme/static/js/recindex.js) against a brute-force search,
its ranking as a reader sees it, and its incremental rebuild.

The property test writes the index of a synthetic corpus (records, posts, documents) with tiny shards,
so that words are spread over many of them, and runs random queries and filters through the page's
own engine in Chromium; the expected set of results comes from a plain scan of the same entries,
written here without the index's code.
"""
import functools
import gzip
import hashlib
import http.server
import json
import random
import re
import shutil
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT

WORD = re.compile(r"\w+")


def plain_fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


_WORDS: dict[int, tuple] = {}


def words_of(e) -> set:
    """The folded words of an entry's texts, worked out once per entry (the entry is kept, so its id stays its own)."""
    if id(e) not in _WORDS:
        _WORDS[id(e)] = (e, {plain_fold(w) for text in (e.title, e.owner, e.locality, e.places, e.summary, e.body)
                             for w in WORD.findall(text.lower())})
    return _WORDS[id(e)][1]


def brute_force(entries, query: str, filters: dict) -> set:
    """Addresses of the entries that have every word of the query (folded; the last word of two letters or
    more may be the start of a word) and every filter value."""
    typed = [plain_fold(w) for w in WORD.findall(unicodedata.normalize("NFC", query).lower())]
    found = set()
    for e in entries:
        if any(slug not in e.filters.get(facet, []) for facet, slug in filters.items()):
            continue
        have = words_of(e)
        ok = True
        for i, t in enumerate(typed):
            prefix = i == len(typed) - 1 and len(t) >= 2
            if t not in have and not (prefix and any(h.startswith(t) for h in have)):
                ok = False
                break
        if ok:
            found.add(e.url)
    return found


def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    from dvk.tools.devserver import QuietServer      # no traceback when a browser goes away mid-answer
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory):
    """The index of a small synthetic corpus, with shards of at most 300 bytes, served with the engine."""
    import dvk.derive.recindex as recindex
    from dvk.bench.searchcorpus import corpus_docs
    from dvk.bench.synthetic import write_corpus
    tmp = tmp_path_factory.mktemp("recindex")
    write_corpus(tmp / "corpus", 300, 40, 8, seed=7)
    entries = corpus_docs(tmp / "corpus")
    site = tmp / "site"
    (site / "js").mkdir(parents=True)
    for script in ("site.js", "recindex.js"):      # site.js: the site's one folding rule (DvkFold)
        shutil.copy(ROOT / "theme" / "static" / "js" / script, site / "js" / script)
    (site / "index.html").write_text('<!doctype html><meta charset="utf-8"><script src="js/site.js"></script>'
                                     '<script src="js/recindex.js"></script>', encoding="utf-8")
    saved = recindex.SHARD_BYTES
    recindex.SHARD_BYTES = 300
    try:
        recindex.write_index(entries, site)
    finally:
        recindex.SHARD_BYTES = saved
    httpd, url = serve(site)
    yield entries, url, site
    httpd.shutdown()


RUN_QUERIES = """
async (queries) => {
  const ix = await window.DvkIndex("recindex/");
  const urls = [];
  for (let n = 0; n < ix.records; n++) urls.push((await ix.card(n))[0]);
  const out = [];
  for (const [q, filters] of queries) {
    const answer = {};
    for (const order of ["", "moi-nhat", "cu-nhat"]) {      // each order: its first 1 and 10, then all
      const a = await ix.search(q, filters, order), first = [a.first(1), a.first(10)], all = a.all();
      answer[order] = {count: a.count, all: Array.from(all, (n) => urls[n]),
                       first: first.map((f) => Array.from(f, (n) => urls[n]))};
    }
    out.push(answer);
  }
  return {urls: urls, answers: out};
}
"""


def entry_order(entries) -> list:
    """Addresses in entry-number order, as the index's format says: undated first (by address), then oldest
    first (then by address)."""
    return ([e.url for e in sorted(entries, key=lambda e: e.url) if not e.date]
            + [e.url for e in sorted((e for e in entries if e.date), key=lambda e: (e.date, e.url))])


def best_fields(e) -> dict:
    """An entry's words as spelt (lower case), each with its best field: 0 name, 1 owner, locality and
    province, 2 summary and text."""
    best = {}
    for g, text in enumerate((e.title, " ".join((e.owner, e.locality, e.places)), e.summary + " " + e.body)):
        for w in WORD.findall(text.lower()):
            best.setdefault(w, g)
    return best


def brute_force_ranked(entries, query: str, filters: dict) -> list:
    """The addresses of ``brute_force``, best first, by the ranking the search page documents: per word typed,
    the best of the entry's words matching it (name 4, owner 2, summary 1; ×1.5 spelt as typed; ×0.75 when
    only the start of the word); the sum over the words typed; ties newest first (the higher entry number)."""
    typed = WORD.findall(unicodedata.normalize("NFC", query).lower())
    number = {url: n for n, url in enumerate(entry_order(entries))}
    found = brute_force(entries, query, filters)
    ranked = []
    for e in entries:
        if e.url not in found:
            continue
        best, total = best_fields(e), 0.0
        for i, t in enumerate(typed):
            ft, prefix = plain_fold(t), i == len(typed) - 1 and len(plain_fold(t)) >= 2
            scores = [[4, 2, 1][g] * (1.5 if w == t else 1) * (1 if plain_fold(w) == ft else 0.75)
                      for w, g in best.items() if plain_fold(w) == ft or (prefix and plain_fold(w).startswith(ft))]
            total += max(scores, default=0)
        ranked.append((-total, -number[e.url], e.url))
    return [url for _, _, url in sorted(ranked)]


def random_queries(entries, count: int, seed: int = 13):
    rnd = random.Random(seed)
    facets = sorted({f for e in entries for f in e.filters})
    queries = []
    for _ in range(count):
        e = rnd.choice(entries)
        text = rnd.choice([e.title, e.owner, e.locality, e.places, e.summary, e.body or e.summary])
        ws = WORD.findall(text) or WORD.findall(e.title)
        start = rnd.randrange(len(ws))
        picked = ws[start:start + rnd.randint(1, 3)]
        if rnd.random() < 0.2:
            picked.append(rnd.choice(WORD.findall(rnd.choice(entries).title)))
        if rnd.random() < 0.4:
            picked = [plain_fold(w) for w in picked]
        if rnd.random() < 0.2:
            picked = [w.upper() for w in picked]
        if rnd.random() < 0.3 and len(picked[-1]) > 2:
            picked[-1] = picked[-1][:rnd.randint(2, len(picked[-1]) - 1)]
        query = " ".join(picked)
        if rnd.random() < 0.2:
            query = unicodedata.normalize("NFD", query)
        filters = {}
        for facet in rnd.sample(facets, rnd.choice([0, 0, 1, 2])):
            source = e if rnd.random() < 0.7 else rnd.choice(entries)
            if source.filters.get(facet):
                filters[facet] = rnd.choice(source.filters[facet])
        queries.append([query, filters])
    for _ in range(15):                      # filters alone
        e = rnd.choice(entries)
        queries.append(["", {f: e.filters[f][0] for f in rnd.sample(sorted(e.filters), 2) if e.filters[f]}])
    return queries


def test_the_index_finds_what_a_brute_force_search_finds(synthetic_index, browser):  # noqa: F811
    entries, url, site = synthetic_index
    assert len(list((site / "recindex" / "t").glob("*.bin"))) > 100           # words spread over many shards
    queries = random_queries(entries, 250)
    # The last word typed as the start of words whose shards the index split by the next letters: such a
    # start has a prefix file, which stands for those shards.
    keys = [p.stem for p in (site / "recindex" / "t").glob("*.bin") if not p.stem.startswith("_")]
    starts = sorted({k[:n] for k in keys for n in range(2, len(k)) if sum(j.startswith(k[:n]) and len(j) > n for j in keys) >= 2})
    assert len(starts) > 10 and all((site / "recindex" / "p" / f"{p}.bin").is_file() for p in starts)
    rnd = random.Random(17)
    for start in rnd.sample(starts, 10):
        queries.append([start, {}])
        e = rnd.choice([e for e in entries if any(plain_fold(w).startswith(start) for w in WORD.findall(e.summary.lower()))]
                       or entries)
        queries.append([" ".join(WORD.findall(e.title)[:1] + [start.upper() if rnd.random() < 0.5 else start]), {}])
    page = browser.new_page()
    page.goto(url + "/index.html")
    run = page.evaluate(RUN_QUERIES, queries)
    page.close()
    assert run["urls"] == entry_order(entries)
    by_url, number = {e.url: e for e in entries}, {u: n for n, u in enumerate(run["urls"])}
    nonempty = 0
    for (query, filters), answer in zip(queries, run["answers"]):
        expected = brute_force_ranked(entries, query, filters)
        got = answer[""]["all"]
        assert got == expected, (query, filters)
        assert answer[""]["count"] == len(expected) and answer[""]["first"] == [expected[:1], expected[:10]]
        undated = sorted((u for u in expected if not by_url[u].date), key=number.get)
        dated = sorted((u for u in expected if by_url[u].date), key=number.get)
        for order, want in (("moi-nhat", dated[::-1] + undated), ("cu-nhat", dated + undated)):
            assert answer[order]["all"] == want, (query, order)
            assert answer[order]["first"] == [want[:1], want[:10]], (query, order)
        nonempty += bool(expected)
    assert nonempty > 150                  # most queries find something: the test is not vacuous


def test_a_start_of_words_spread_over_shards_fetches_one_prefix_file_not_those_shards(synthetic_index, browser):  # noqa: F811
    entries, url, site = synthetic_index
    keys = [p.stem for p in (site / "recindex" / "t").glob("*.bin") if not p.stem.startswith("_")]
    start = max((k[:2] for k in keys), key=lambda s: sum(k.startswith(s) and len(k) > 2 for k in keys))
    under = sorted(k for k in keys if k.startswith(start) and len(k) > 2)
    assert len(under) >= 3
    page = browser.new_page()
    page.goto(url + "/index.html")
    fetched = page.evaluate("""async (q) => {
      const ix = await window.DvkIndex("recindex/");
      const found = await ix.search(q, {});
      return {count: found.count, files: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)
        .filter((p) => /[/](t|p)[/]/.test(p)).map((p) => p.split("/recindex/")[1]).sort()};
    }""", start)
    page.close()
    assert fetched["files"] == sorted([f"p/{start}.bin"] + ([f"t/{start}.bin"] if start in keys else []))
    assert fetched["count"] == len(brute_force(entries, start, {})) > 0


# ------------------------------------------------------------------ ranking, as a reader sees it

def results(browser, server, query, **params):  # noqa: F811
    from test_search import run
    page, status, found = run(browser, server, query, **params)
    page.context.close()
    return status, [r["title"] for r in found]


@pytest.fixture(scope="module")
def ranked_site(tmp_path_factory):
    """Four records sharing the word "hòa giải" in different fields, and two names differing only by tone marks."""
    from conftest import Site
    site = Site(tmp_path_factory.mktemp("ranked") / "site")
    site.model("trong-ten", name="Tổ hòa giải ở cơ sở", owner="Mặt trận thôn Một", locality="Xã Yên Bình",
               summary="Giúp bà con giữ tình làng nghĩa xóm.")
    site.model("trong-don-vi", name="Ngày thứ bảy tình nguyện", owner="Tổ hòa giải thôn Hai", locality="Xã Yên Bình",
               summary="Thanh niên sửa đường mỗi tuần.")
    site.model("trong-tom-tat", name="Bếp ăn nghĩa tình", owner="Hội Phụ nữ xã", locality="Xã Yên Bình",
               summary="Các thành viên tổ hòa giải nấu cơm cho người bệnh.")
    site.model("khong-co", name="Đường hoa nông thôn", owner="Đoàn Thanh niên", locality="Xã Yên Bình",
               summary="Trồng hoa hai bên đường.")
    site.model("dau-huyen", name="Nhà tình thương cho hộ nghèo", owner="Hội Cựu chiến binh", locality="Xã Đông Sơn",
               summary="Dựng nhà cho hộ khó khăn.")
    site.model("dau-ngang", name="Nhà tình thường trực của khối phố", owner="Công an phường", locality="Phường Bắc Sơn",
               summary="Trực đêm giữ an ninh khối phố.")
    site.build()
    httpd, url = serve(site.output)
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("typed", ["hoa giai", "Hòa giải", "HOA GIAI"])
def test_a_name_ranks_above_an_owner_and_an_owner_above_a_summary(browser, ranked_site, typed):  # noqa: F811
    status, titles = results(browser, ranked_site, typed)
    assert status == f"Tìm thấy 3 kết quả cho “{typed}”."
    assert titles == ["Tổ hòa giải ở cơ sở", "Ngày thứ bảy tình nguyện", "Bếp ăn nghĩa tình"]


def test_the_exact_spelling_ranks_above_the_same_word_with_other_marks(browser, ranked_site):  # noqa: F811
    assert results(browser, ranked_site, "tình thường")[1][:2] == ["Nhà tình thường trực của khối phố",
                                                                 "Nhà tình thương cho hộ nghèo"]
    assert results(browser, ranked_site, "tình thương")[1][:2] == ["Nhà tình thương cho hộ nghèo",
                                                                 "Nhà tình thường trực của khối phố"]


def test_the_word_being_typed_matches_as_a_prefix(browser, ranked_site):  # noqa: F811
    assert results(browser, ranked_site, "to hoa gi")[1] == ["Tổ hòa giải ở cơ sở", "Ngày thứ bảy tình nguyện",
                                                             "Bếp ăn nghĩa tình"]
    assert results(browser, ranked_site, "nha tinh thuong tr")[1] == ["Nhà tình thường trực của khối phố"]
    # Only the last word: "nh" is no word of any record.
    assert results(browser, ranked_site, "nh tinh thuong")[0].startswith("Không tìm thấy kết quả nào")


# ------------------------------------------------------------------ incremental rebuild

def test_an_edited_record_recompresses_only_its_card_file_and_the_shards_of_its_words(site, tmp_path):
    for i in range(40):
        site.model(f"mo-hinh-{i:02d}", name=f"Mô hình số {i} giúp dân", summary=f"Tóm tắt của mô hình {i}.")
    site.build()

    def snapshot():
        return {p.relative_to(site.output / "recindex").as_posix(): p.read_bytes()
                for p in (site.output / "recindex").rglob("*") if p.is_file()}

    cache = tmp_path / "site" / ".cache" / "recindex"

    def cached():
        return {(p, p.stat().st_mtime_ns) for p in cache.glob("[0-9a-f][0-9a-f]/*") if p.is_file()}     # compressed files

    before, compressed = snapshot(), cached()
    site.build()
    assert snapshot() == before and cached() == compressed     # nothing changed: nothing compressed again
    site.model("mo-hinh-07", name="Mô hình số 7 giúp dân", summary="Tóm tắt của mô hình 7, nay có vườn xoài.")
    site.build()
    after = snapshot()
    changed = {rel for rel in after if after[rel] != before.get(rel)} | (before.keys() - after.keys())
    assert len(cached() - compressed) == len(changed - {"index.json"})    # only the changed files were compressed
    cards = {rel for rel in changed if rel.startswith("c/")}
    shards = {rel for rel in changed if rel.startswith("t/")}
    assert len(cards) == 1 and "mo-hinh/mo-hinh-07/" in gzip.decompress(after[cards.pop()]).decode("utf-8")
    assert shards == {f"t/{plain_fold(w)[:2]}.bin" for w in ("nay", "có", "vườn", "xoài")}   # the record's new words
    assert changed - {"index.json"} == {rel for rel in changed if rel.startswith(("c/", "t/"))}
    assert json.loads(after["index.json"])["records"] == 40
    shutil.rmtree(cache)                                       # a cold build makes the same index
    site.build()
    assert snapshot() == after


@pytest.mark.parametrize("seed, packed", [(5, False), (2, False), (3, True)])
def test_a_rebuild_after_edits_equals_a_cold_build(synthetic_index, tmp_path, monkeypatch, seed, packed):
    """Random edits (words added and removed: shards grow and split, shrink and merge) and new posts. With
    ``packed``, the builds that keep their files get the entries packed, as the site's build keeps them
    (``recindex.PackedDoc``), and the cold builds the entries as they are."""
    import copy
    import dvk.derive.recindex as recindex
    entries, _, _ = synthetic_index
    entries = copy.deepcopy(entries)
    monkeypatch.setattr(recindex, "SHARD_BYTES", 300)          # edits make shards grow past it, and split
    rnd = random.Random(seed)

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "recindex").rglob("*") if p.is_file()}

    def kept(entries):
        return [recindex.pack(e) for e in entries] if packed else entries

    recindex.write_index(kept(entries), tmp_path / "kept", cache=tmp_path / "cache")
    if packed:
        recindex.write_index(entries, tmp_path / "cold")
        assert files(tmp_path / "kept") == files(tmp_path / "cold")
    newest = max(e.date for e in entries)
    for round_ in range(12):
        for e in rnd.sample(entries, 3):
            other = rnd.choice(entries)
            e.summary = " ".join(WORD.findall(other.summary)[:5] + [f"từmới{round_}", f"nghiêngww{round_}", f"ngw{round_}", "nay"])
            e.title = e.title + " " + rnd.choice(WORD.findall(other.title))
            e.filters = dict(e.filters, loai=other.filters.get("loai", []))
        if round_ % 2:                   # a new post, the newest entry: it takes the next number
            post = copy.deepcopy(rnd.choice([e for e in entries if e.section == "Tin tức"]))
            newest = f"2099-01-{round_:02d}T08:00"
            post.url, post.date = f"tin-tuc/bai-moi-so-{round_}/", newest
            post.title += f" mớiđăng{round_}"
            post.summary, post.body = " ".join(WORD.findall(post.summary)[:6]), ""
            post.filters = dict(post.filters, nam=["2099"])
            entries.append(post)
        incremental = recindex.write_index(kept(entries), tmp_path / "kept", cache=tmp_path / "cache")
        assert incremental.incremental and incremental.written < incremental.files / 4     # not a full build
        shutil.rmtree(tmp_path / "cold", ignore_errors=True)
        recindex.write_index(entries, tmp_path / "cold")
        assert files(tmp_path / "kept") == files(tmp_path / "cold"), round_


def test_entries_read_back_from_a_cache_are_the_same_entries(synthetic_index, tmp_path):
    """A build's entries come from its cache (read back by pickle, which shares equal texts) after a build
    that made them anew: the same entries, so one edit rewrites a few files, not the whole index."""
    import copy
    import pickle
    import dvk.derive.recindex as recindex
    entries, _, _ = synthetic_index
    recindex.write_index(copy.deepcopy(entries), tmp_path / "site", cache=tmp_path / "cache")
    again = pickle.loads(pickle.dumps(entries))
    again[3].summary += " có thêm vườn xoài"
    rebuilt = recindex.write_index(again, tmp_path / "site", cache=tmp_path / "cache")
    assert rebuilt.incremental and rebuilt.written <= 6, (rebuilt.incremental, rebuilt.written, rebuilt.files)
    # Packed (as the site keeps them), read back, one edited: the same.
    packed = pickle.loads(pickle.dumps([recindex.pack(e) for e in again]))
    assert [p.unpack() for p in packed] == again
    again[5].title += " mới"
    packed[5] = recindex.pack(again[5])
    rebuilt = recindex.write_index(packed, tmp_path / "site", cache=tmp_path / "cache")
    assert rebuilt.incremental and rebuilt.written <= 6, (rebuilt.incremental, rebuilt.written, rebuilt.files)


def test_shards_split_by_the_next_letter_merge_again_when_their_words_are_edited_away(synthetic_index, tmp_path,
                                                                                      monkeypatch):
    import copy
    import dvk.derive.recindex as recindex
    entries = copy.deepcopy(synthetic_index[0])
    monkeypatch.setattr(recindex, "SHARD_BYTES", 300)
    recindex.write_index(entries, tmp_path / "kept", cache=tmp_path / "cache")
    keys = [p.stem for p in (tmp_path / "kept" / "recindex" / "t").glob("*.bin") if not p.stem.startswith("_")]
    fields = ("title", "owner", "locality", "places", "summary", "body")

    def holders(root):
        return [e for e in entries if any(plain_fold(w).startswith(root) for f in fields for w in WORD.findall(getattr(e, f)))]
    split = [r for r in {k[:2] for k in keys} if sum(k.startswith(r) and len(k) > 2 for k in keys) >= 2]
    root = min(split, key=lambda r: len(holders(r)))         # a family of shards, split by the next letter
    touched = holders(root)
    assert 2 <= len(touched) <= 150
    for e in touched[1:]:                                     # its words stay in one entry only
        for f in fields:
            setattr(e, f, " ".join(w for w in WORD.findall(getattr(e, f)) if not plain_fold(w).startswith(root)))
    rebuilt = recindex.write_index(entries, tmp_path / "kept", cache=tmp_path / "cache")
    recindex.write_index(entries, tmp_path / "cold")
    kept = sorted(p.name for p in (tmp_path / "kept" / "recindex" / "t").glob(root + "*.bin"))
    assert rebuilt.incremental and kept == [root + ".bin"]             # one shard again, as a cold build makes
    for rel in ("t/" + root + ".bin", "index.json"):
        assert (tmp_path / "kept" / "recindex" / rel).read_bytes() == (tmp_path / "cold" / "recindex" / rel).read_bytes()


def test_the_cache_drops_unused_files_once_it_holds_twice_those_in_use(synthetic_index, tmp_path):
    import copy
    import dvk.derive.recindex as recindex
    entries = copy.deepcopy(synthetic_index[0])
    cache = tmp_path / "cache"

    def cached():
        return {p.name for p in cache.glob("[0-9a-f][0-9a-f]/*")}

    recindex.write_index(entries, tmp_path / "site", cache=cache)
    in_use = cached()
    for n in range(len(in_use)):                                   # edits leave unused files behind
        entries[n % len(entries)].summary += f" lầnsửa{n}"
        recindex.write_index(entries, tmp_path / "site", cache=cache)
        if len(cached()) < len(in_use) + n:                       # pruned
            break
    on_disk = {hashlib.sha1(gzip.decompress(p.read_bytes())).hexdigest()
               for p in (tmp_path / "site" / "recindex").rglob("*.bin")}
    assert cached() == on_disk                                     # what is left is exactly what the site uses
    assert n + 1 < len(in_use)                                     # pruned before the cache grew to twice its size


# ------------------------------------------------------------------ what the index holds

def test_drafts_are_searchable_in_a_preview_only(site):
    from dvk.site.build import build
    site.model("cong-khai", name="Mô hình công khai xoài")
    site.model("ban-nhap", name="Mô hình nháp xoài", draft=True)
    site.build()
    cards = b"".join(gzip.decompress(p.read_bytes()) for p in (site.output / "recindex" / "c").glob("*.bin"))
    assert "Mô hình công khai xoài".encode() in cards and "nháp".encode() not in cards
    preview = site.root / "preview"
    build(site.root, preview, settings_file=ROOT / "pelican.conf.py", preview=True)
    cards = b"".join(gzip.decompress(p.read_bytes()) for p in (preview / "recindex" / "c").glob("*.bin"))
    assert "Mô hình nháp xoài".encode() in cards


def test_a_query_in_the_address_shows_its_results_without_shifting_the_page(browser, ranked_site):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    page = ctx.new_page()
    page.add_init_script("""window.__cls = 0; new PerformanceObserver((l) => { for (const e of l.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: "layout-shift", buffered: true});""")
    page.goto(f"{ranked_site}/tim-kiem/?q={quote('hoa giai')}")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 3")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") <= 0.1
    ctx.close()


def test_a_browser_too_old_for_search_says_so(browser, ranked_site):  # noqa: F811
    ctx = browser.new_context()
    page = ctx.new_page()
    page.add_init_script("delete window.DecompressionStream;")
    page.goto(f"{ranked_site}/tim-kiem/?q=hoa+giai")
    assert page.inner_text("[data-search-status]").startswith("Trình duyệt này quá cũ nên không tìm kiếm được.")
    assert not page.locator("form[data-search-form]").is_visible()
    ctx.close()


FOLDED = [   # typed → folded, written out by hand: lower case, no diacritics, "đ" as "d"
    ("Mẹ đỡ đầu", "me do dau"), ("ĐẮK NÔNG", "dak nong"), ("Hòa giải", "hoa giai"),
    ("Ho\u0300a gia\u0309i", "hoa giai"),          # tone marks typed as combining characters (NFD)
    ("K’Ho Quảng Trị", "k’ho quang tri"), ("Phường Ấp Bắc 2025", "phuong ap bac 2025"),
]


def test_scripts_and_the_build_fold_text_alike(synthetic_index, browser):  # noqa: F811
    """One folding rule: site.js's DvkFold (catalog and search scripts) and dvk.model.text.fold."""
    from dvk.model.text import fold
    _, url, _ = synthetic_index
    page = browser.new_page()
    page.goto(url + "/index.html")
    in_browser = page.evaluate("(texts) => texts.map((t) => window.DvkFold(t))", [t for t, _ in FOLDED])
    page.close()
    assert in_browser == [f for _, f in FOLDED]
    assert [fold(t) for t, _ in FOLDED] == [f for _, f in FOLDED]
