"""The site's compact search index (free of Pelican): what ``theme/static/js/recindex.js`` reads.

Model records are short, structured and numerous (100,000 at national scale); news posts and
documents are long and few (2,000). Pagefind, made for prose pages, stores every word's positions:
at that scale a query fetched 1–7 MB for the records, and still 0.4–1.2 MB for the posts alone. This
index holds both, shaped for search as the site needs it: words are folded syllables, postings are
entry numbers without positions, filters are lists of entry numbers, and the data of a result card
is fetched only for the results shown. Everything is plain files, fetched whole: no server, no range
requests, no service worker.

Format (``*.bin`` files are gzip-compressed, and the page decompresses them itself with the browser's
DecompressionStream, so their size does not depend on the host compressing them):

- Entries (model records, news posts, documents) are numbered 0…N-1 by date, newest first (then by
  address; undated entries last): "newest first" is entry order, and a list of entry numbers is
  sorted by date.
- ``index.json``: ``format``, ``version`` (changes with any file: appended to the other files'
  addresses, so a browser never mixes two builds), ``records`` (N), ``dated`` (entries with a date:
  the first ``dated``), ``shards`` (the shard keys, space separated), ``card_page`` (entries per
  card file), ``prefix_min``, ``filters`` (facet → the slugs of its values that have a file).
- ``t/<key>.bin``, a term shard: every word (lower-cased NFC, ``\w+``) whose folded form
  (``dvk.text.fold``: no diacritics, ``đ`` as ``d``) starts with ``key``, and does not start with a
  longer key. Keys start as the first two folded letters; a shard larger than ``SHARD_BYTES`` is split
  by the next letter (a word equal to the key stays in it). Content: varint count of folded forms; for
  each, sorted: string folded, varint count of spellings; for each spelling: string spelling, then
  three posting lists: the entries with the word in their title (a record's name), in the owner,
  locality or province (a document's issuer, number, type), in the summary or text (an entry is
  listed once per spelling, under its best field). A string is a varint byte length and UTF-8; a
  posting list is a varint count and the entry numbers, delta coded (first number, then gaps), each
  a LEB128 varint.
- ``f/<facet>/<slug>.bin``: the entries with that filter value, a posting list. Facets: ``muc``
  (section), ``linh-vuc``, ``tinh`` (today's province), ``nam``, ``loai``, ``cap``.
- ``c/<n>.bin``: result-card data of entries ``n*card_page`` … as JSON:
  ``[[address, title, section, place, date, summary, image, image alt], …]``.

A shard's file name is its key when the key is ``[a-z0-9]+``, else ``x`` and the key's UTF-8 in hex.
Files are rewritten only when their bytes change, and compressed bytes are cached by content
(``cache``), so a one-record edit recompresses only the files it touches: the shards of the words
it changed and its card file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from .text import fold

FORMAT = 1
INDEX_DIR = "recindex"          # under the site root
SHARD_BYTES = 12_000            # a term shard larger than this (uncompressed) is split by the next letter
CARD_PAGE = 32                  # records per card file
PREFIX_MIN = 2                  # the last word of a query matches as a prefix from this many letters
FACETS = ("muc", "linh-vuc", "tinh", "nam", "loai", "cap")
WORD = re.compile(r"\w+")
NAME, PLACE, SUMMARY = range(3)  # field groups, best first


@dataclass
class Doc:
    """What the index holds of one model record, news post or document."""
    url: str                           # the page's address under the site, "mo-hinh/me-do-dau/"
    title: str                         # a record's name, a post's or a document's title
    section: str = ""                  # what the result card says it is: "Mô hình", "Tin tức", "Văn bản"
    owner: str = ""                    # a record's owner; a document's issuer and number
    locality: str = ""
    places: str = ""                   # today's province and the place as written
    summary: str = ""                  # shown on the result card, with the words found marked
    body: str = ""                     # searched (as the summary), not shown
    date: str = ""                     # ISO date to sort by ("2024-07-22T09:40"; a record: "2022-12-31")
    date_label: str = ""               # the date as the card shows it ("22/7/2024"; a record: "2022")
    place_label: str = ""              # the place as the card shows it
    filters: dict = dc_field(default_factory=dict)     # facet -> list of slugs
    image: str = ""
    image_alt: str = ""

    def groups(self):
        return (self.title, " ".join((self.owner, self.locality, self.places)), self.summary + " " + self.body)


def words(text: str) -> list[str]:
    """The words of ``text`` as the index spells them: lower-case syllables (NFC input)."""
    return WORD.findall(text.lower())


def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def postings(numbers, out: bytearray) -> None:
    """A sorted list of record numbers: count, then first number and gaps, as varints."""
    varint(len(numbers), out)
    prev = 0
    gaps = [n - prev for prev, n in zip([0] + numbers[:-1], numbers)]
    if gaps and max(gaps) < 0x80:
        out += bytes(gaps)
    else:
        for g in gaps:
            varint(g, out)


def string(text: str, out: bytearray) -> None:
    b = text.encode("utf-8")
    varint(len(b), out)
    out += b


def shard_file(key: str) -> str:
    return key if re.fullmatch(r"[a-z0-9]+", key) else "x" + key.encode("utf-8").hex()


def order(docs) -> list[Doc]:
    """Index order: newest first (then by address); undated last."""
    dated = sorted((d for d in docs if d.date), key=lambda d: d.url)
    return sorted(dated, key=lambda d: d.date, reverse=True) + sorted((d for d in docs if not d.date), key=lambda d: d.url)


def plan_keys(sizes: dict[str, int], limit: int | None = None) -> dict[str, str]:
    """Folded word → shard key. ``sizes``: folded word → bytes of its block."""
    limit = limit or SHARD_BYTES
    assign = {f: f[:2] for f in sizes}
    while True:
        totals: dict[str, int] = {}
        longer: dict[str, bool] = {}
        for f, k in assign.items():
            totals[k] = totals.get(k, 0) + sizes[f]
            longer[k] = longer.get(k, False) or len(f) > len(k)
        split = {k for k, t in totals.items() if t > limit and longer[k]}
        if not split:
            return assign
        for f, k in assign.items():
            if k in split and len(f) > len(k):
                assign[f] = f[:len(k) + 1]


@dataclass
class IndexStats:
    records: int
    seconds: float
    bytes: int
    files: int
    written: int          # files whose bytes changed
    compressed: int       # files compressed (not found in the cache)


class _Writer:
    """Writes ``out/rel`` as gzip of ``raw``, only if changed; compressed bytes cached by content."""

    def __init__(self, out: Path, cache: Path | None):
        self.out, self.cache = out, cache
        self.seen: set[str] = set()
        self.digests: list[str] = []
        self.bytes = self.written = self.compressed = 0
        if cache:
            cache.mkdir(parents=True, exist_ok=True)

    def put(self, rel: str, raw: bytes, compress: bool = True) -> None:
        data = raw
        self.digests.append(f"{rel}:{hashlib.sha1(raw).hexdigest()}")
        if compress:
            key = hashlib.sha1(raw).hexdigest()
            cached = self.cache / key[:2] / key if self.cache else None
            if cached and cached.is_file():
                data = cached.read_bytes()
            else:
                data = gzip.compress(raw, compresslevel=9, mtime=0)
                self.compressed += 1
                if cached:
                    cached.parent.mkdir(exist_ok=True)
                    tmp = cached.with_suffix(f".{os.getpid()}")
                    tmp.write_bytes(data)
                    tmp.replace(cached)
        path = self.out / rel
        self.seen.add(rel)
        self.bytes += len(data)
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += 1

    def prune(self) -> None:
        """Remove files of an earlier build that this one did not write."""
        for path in list(self.out.rglob("*")):
            if path.is_file() and path.relative_to(self.out).as_posix() not in self.seen:
                path.unlink()


def write_index(docs, site_dir, cache=None) -> IndexStats:
    """Write the index of ``docs`` into ``site_dir/recindex/`` (see the module docstring)."""
    started = time.perf_counter()
    docs = order(docs)
    out = Path(site_dir) / INDEX_DIR
    writer = _Writer(out, Path(cache) if cache else None)

    # Postings: spelling -> three lists of record numbers (ascending, since records are visited in order).
    post: dict[str, tuple[list, list, list]] = {}
    for n, doc in enumerate(docs):
        best: dict[str, int] = {}
        for g, text in enumerate(doc.groups()):
            for w in words(text):
                if w not in best:
                    best[w] = g
        for w, g in best.items():
            lists = post.get(w)
            if lists is None:
                lists = post[w] = ([], [], [])
            lists[g].append(n)

    by_fold: dict[str, list[str]] = {}
    for w in post:
        by_fold.setdefault(fold(w), []).append(w)
    blocks: dict[str, bytes] = {}
    for f, spellings in by_fold.items():
        b = bytearray()
        string(f, b)
        varint(len(spellings), b)
        for w in sorted(spellings):
            string(w, b)
            for lst in post[w]:
                postings(lst, b)
        blocks[f] = bytes(b)
    keys = plan_keys({f: len(b) for f, b in blocks.items()})
    shards: dict[str, list[str]] = {}
    for f in sorted(blocks):
        shards.setdefault(keys[f], []).append(f)
    for key, folds in shards.items():
        b = bytearray()
        varint(len(folds), b)
        for f in folds:
            b += blocks[f]
        writer.put(f"t/{shard_file(key)}.bin", bytes(b))

    filters: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
    for n, doc in enumerate(docs):
        for facet, slugs in doc.filters.items():
            for slug in slugs:
                filters[facet].setdefault(slug, []).append(n)
    for facet, values in filters.items():
        for slug, numbers in values.items():
            b = bytearray()
            postings(numbers, b)
            writer.put(f"f/{facet}/{slug}.bin", bytes(b))

    for page in range(0, len(docs), CARD_PAGE):
        rows = [[d.url, d.title, d.section, d.place_label, d.date_label, d.summary, d.image, d.image_alt]
                for d in docs[page:page + CARD_PAGE]]
        writer.put(f"c/{page // CARD_PAGE}.bin", json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode())

    dated = sum(1 for d in docs if d.date)
    version = hashlib.sha1("".join(writer.digests).encode()).hexdigest()[:12]
    manifest = {"format": FORMAT, "version": version, "records": len(docs), "dated": dated,
                "shards": " ".join(sorted(shards)), "card_page": CARD_PAGE, "prefix_min": PREFIX_MIN,
                "filters": {facet: sorted(values) for facet, values in filters.items() if values}}
    writer.put("index.json", json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode(), compress=False)
    writer.prune()
    return IndexStats(records=len(docs), seconds=time.perf_counter() - started, bytes=writer.bytes,
                      files=len(writer.seen), written=writer.written, compressed=writer.compressed)


def remove_index(site_dir) -> None:
    shutil.rmtree(Path(site_dir) / INDEX_DIR, ignore_errors=True)
