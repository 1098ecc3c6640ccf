r"""The site's compact search index (free of Pelican): what ``theme/static/js/recindex.js`` reads.

Model records are short, structured and numerous (100,000 at national scale); news posts and
documents are long and few (2,000). Pagefind, made for prose pages, stores every word's positions:
at that scale a query fetched 1–7 MB for the records, and still 0.4–1.2 MB for the posts alone. This
index holds both, shaped for search as the site needs it: words are folded syllables, postings are
entry numbers without positions, filters are lists of entry numbers, and the data of a result card
is fetched only for the results shown. Everything is plain files, fetched whole: no server, no range
requests, no service worker.

Format (``*.bin`` files are gzip-compressed, and the page decompresses them itself with the browser's
DecompressionStream, so their size does not depend on the host compressing them):

- Entries (model records, news posts, documents) are numbered 0…N-1: undated entries first (by address),
  then by date, oldest first (then by address). "Newest first" is descending entry numbers, and a
  list of entry numbers is sorted by date. Oldest first, so that a new post, the newest entry,
  takes the next number and no other entry is renumbered: its edit is incremental (below).
- ``index.json``: ``format``, ``version`` (changes with any file: appended to the other files'
  addresses, so a browser never mixes two builds), ``records`` (N), ``undated`` (entries without a
  date: the first ``undated``), ``shards`` (the shard keys, space separated), ``card_page`` (entries per
  card file), ``prefix_min``, ``filters`` (facet → the slugs of its values that have a file).
- ``t/<key>.bin``, a term shard: every word (lower-cased NFC, ``\w+``) whose folded form
  (``dvk.model.text.fold``: no diacritics, ``đ`` as ``d``) starts with ``key``, and does not start with a
  longer key. Keys start as the first two folded letters; a shard larger than ``SHARD_BYTES`` is split
  by the next letter (a word equal to the key stays in it). Content: varint count of folded forms; for
  each, sorted: string folded, varint count of spellings; for each spelling: string spelling, then
  three posting lists: the entries with the word in their title (a record's name), in the owner,
  locality or province (a document's issuer, number, type), in the summary or text (an entry is
  listed once per spelling, under its best field). A string is a varint byte length and UTF-8; a
  posting list is a varint ``2 × count``, then the entry numbers, delta coded (first number, then
  gaps), each a LEB128 varint; a list denser than one entry in eight is a bitmap instead: varint
  ``2 × count + 1``, varint byte length ``m``, ``m`` bytes (entry ``n`` is bit ``n % 8`` of byte ``n // 8``).
- ``p/<prefix>.bin``, a prefix file, for each prefix of ``PREFIX_MIN`` letters or more that is a proper prefix of
  two shard keys or more (``prefix_keys``; the page works the set out from ``shards``): three posting lists, the
  entries with a word longer than the prefix that starts with it, by the best field group of those words
  (each entry in one list). A last word typed so needs its own shard (whole words) and this file, not every
  shard under it: only a prefix, a word scores by its field alone (×0.75; never spelt as typed).
- ``f/<facet>/<slug>.bin``: the entries with that filter value, a posting list. Facets: ``muc``
  (section), ``linh-vuc``, ``tinh`` (today's province), ``nam``, ``loai``, ``cap``.
- ``c/<n>.bin``: result-card data of entries ``n*card_page`` … as JSON:
  ``[[address, title, section, place, date, summary, image, image alt], …]``.

A shard's (or a prefix file's) name is its key when the key is ``[a-z0-9]+``, else ``_`` and the key's UTF-8
in hex. Files are rewritten only when their bytes change, and compressed bytes are cached by content
(``cache``), so a one-record edit recompresses only the files it touches: the shards of the words it
changed, the prefix files under which its best field changed (changed entry by entry; a prefix new to
the set, after a split, is made from its shards) and its card file; so does an entry added after all
others (a new post). An entry removed, re-dated or added among the others renumbers the entries after
it: a full build.
"""
from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import marshal
import os
import re
import shutil
import time
from dataclasses import dataclass, field as dc_field, fields as dc_fields
from operator import attrgetter
from pathlib import Path

from dvk.model import urls
from dvk.model.text import fold

FORMAT = 4
INDEX_DIR = urls.SEARCH_INDEX.rstrip("/")   # under the site root
SHARD_BYTES = 12_000            # a term shard larger than this (uncompressed) is split by the next letter
CARD_PAGE = 32                  # records per card file
PREFIX_MIN = 2                  # the last word of a query matches as a prefix from this many letters
FACETS = ("muc", "linh-vuc", "tinh", "nam", "loai", "cap")
WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Doc:
    """What the index holds of one model record, news post or document. (Slots: a national site keeps
    102,000 of them between builds, a third less memory without a ``__dict__`` each.)"""
    url: str                           # the page's address under the site, "mo-hinh/me-do-dau/"
    title: str                         # a record's name, a post's or a document's title
    section: str = ""                  # what the result card says it is: "Mô hình", "Tin tức", "Văn bản"
    owner: str = ""                    # a record's owner; a document's issuer and number
    locality: str = ""
    places: str = ""                   # today's province and the place as written
    summary: str = ""                  # shown on the result card, with the words found marked
    body: str = ""                     # searched (as the summary), not shown
    date: str = ""                     # ISO date to sort by ("2024-07-22T09:40"; a record: its year, "2022-01-01")
    date_label: str = ""               # the date as the card shows it ("22/7/2024"; a record: "2022")
    place_label: str = ""              # the place as the card shows it
    filters: dict = dc_field(default_factory=dict)     # facet -> list of slugs
    image: str = ""
    image_alt: str = ""

    def groups(self):
        return (self.title, " ".join((self.owner, self.locality, self.places)), self.summary + " " + self.body)


_FIELDS = tuple(f.name for f in dc_fields(Doc))


class PackedDoc:
    """A ``Doc`` kept compactly between builds: its address, date and print (``_print``) as they are, every
    field in one ``marshal`` blob. A national site keeps 102,000 entries, and an edit reads them all for the
    order and the prints but only a few whole (the changed ones, their card files): about 90 MiB packed,
    280 MiB as ``Doc``s. Reads as the ``Doc`` it packs (any other field unpacks it); a loop over every entry
    unpacks each once (``unpacked``)."""

    __slots__ = ("url", "date", "print", "blob")

    def __init__(self, url: str, date: str, digest: bytes, blob: bytes):
        self.url, self.date, self.print, self.blob = url, date, digest, blob

    @classmethod
    def of(cls, doc: Doc) -> "PackedDoc":
        return cls(doc.url, doc.date, _print(doc), marshal.dumps(tuple(getattr(doc, f) for f in _FIELDS)))

    def unpack(self) -> Doc:
        return Doc(*marshal.loads(self.blob))

    def __getattr__(self, name):        # only for what is not a slot: the packed fields, ``groups``
        if name in _FIELDS or name == "groups":
            return getattr(self.unpack(), name)
        raise AttributeError(name)

    def __reduce__(self):
        return PackedDoc, (self.url, self.date, self.print, self.blob)


def pack(doc: Doc) -> PackedDoc:
    return doc if isinstance(doc, PackedDoc) else PackedDoc.of(doc)


def unpacked(doc) -> Doc:
    return doc.unpack() if isinstance(doc, PackedDoc) else doc


def words(text: str) -> list[str]:
    """The words of ``text`` as the index spells them: lower-case syllables (NFC input)."""
    return WORD.findall(text.lower())


def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def postings(numbers, out: bytearray) -> None:
    """A sorted list of entry numbers: ``2 × count`` as a varint, then the first number and the gaps, as
    varints; or, when the list is denser than one entry in eight (a common word), ``2 × count + 1``,
    the bitmap's byte length ``m`` (the last number // 8 + 1) and ``m`` bytes, entry ``n`` at bit
    ``n % 8`` of byte ``n // 8``."""
    count = len(numbers)
    if count and numbers[-1] // 8 + 1 < count:
        bitmap = bytearray(numbers[-1] // 8 + 1)
        for n in numbers:
            bitmap[n >> 3] |= 1 << (n & 7)
        varint(2 * count + 1, out)
        varint(len(bitmap), out)
        out += bitmap
        return
    varint(2 * count, out)
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
    return key if re.fullmatch(r"[a-z0-9]+", key) else "_" + key.encode("utf-8").hex()


def order(docs) -> list[Doc]:
    """Index order: undated first (by address), then oldest first (then by address)."""
    by_url = sorted(docs, key=attrgetter("url"))
    return [d for d in by_url if not d.date] + sorted((d for d in by_url if d.date), key=attrgetter("date"))


def plan_keys(sizes: dict[str, int], limit: int | None = None, start: str | None = None) -> dict[str, str]:
    """Folded word → shard key. ``sizes``: folded word → bytes of its block; ``start``: the key all of them
    start in (default: their first two letters)."""
    limit = limit or SHARD_BYTES
    assign = {f: start if start is not None else f[:2] for f in sizes}
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
    written: int          # files made anew (not linked from the cache)
    compressed: int       # files compressed (their content not in the cache)
    incremental: bool     # the last build's files updated, not a full build


class _Writer:
    """Writes ``out/rel`` as gzip of ``raw``; compressed bytes are cached by the content's SHA-1, and a file
    whose content is in the cache is linked from there (``link``), not compressed again."""

    def __init__(self, out: Path, cache: Path | None):
        self.out, self.cache = out, cache
        self.existed = out.exists()              # files of an earlier build may be there
        self.folders: set[str] = set()
        self.files: dict[str, str] = {}          # rel -> SHA-1 of the uncompressed content
        self.bytes = self.written = self.compressed = 0
        if cache:
            cache.mkdir(parents=True, exist_ok=True)

    def _target(self, rel: str) -> str:
        path = os.path.join(self.out, rel)
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if self.existed and os.path.lexists(path):
            os.unlink(path)                      # never write through a link into the cache
        return path

    def put(self, rel: str, raw: bytes, compress: bool = True) -> None:
        digest = hashlib.sha1(raw).hexdigest()
        if compress and self.cache and (self.cache / digest[:2] / digest).is_file():
            return self.link(rel, digest)
        data = gzip.compress(raw, compresslevel=9, mtime=0) if compress else raw
        if compress:
            self.compressed += 1
            if self.cache:
                cached = self.cache / digest[:2] / digest
                cached.parent.mkdir(exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}")
                tmp.write_bytes(data)
                tmp.replace(cached)
        with open(self._target(rel), "wb") as fh:
            fh.write(data)
        self.files[rel] = digest
        self.bytes += len(data)
        self.written += 1

    def link(self, rel: str, digest: str, size: int | None = None) -> None:
        cached = os.path.join(self.cache, digest[:2], digest)
        path = self._target(rel)
        try:
            os.link(cached, path)
        except OSError:
            shutil.copyfile(cached, path)
        self.files[rel] = digest
        self.bytes += size if size is not None else os.stat(cached).st_size

    def raw(self, digest: str) -> bytes:
        return gzip.decompress((self.cache / digest[:2] / digest).read_bytes())

    def finish(self, docs) -> None:
        """``index.json``, then remove files of an earlier build that this one did not write."""
        version = hashlib.sha1("".join(f"{r}:{d}" for r, d in sorted(self.files.items())).encode()).hexdigest()[:12]
        shards = sorted(_key_of_file(rel) for rel in self.files if rel.startswith("t/"))
        filters: dict[str, list[str]] = {}
        for rel in sorted(self.files):
            if rel.startswith("f/"):
                _, facet, name = rel.split("/")
                filters.setdefault(facet, []).append(name[:-4])
        manifest = {"format": FORMAT, "version": version, "records": len(docs), "undated": sum(1 for d in docs if not d.date),
                    "shards": " ".join(shards), "card_page": CARD_PAGE, "prefix_min": PREFIX_MIN, "filters": filters}
        with open(self._target("index.json"), "wb") as fh:
            fh.write(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode())
        if not self.existed:
            return
        top = len(str(self.out)) + 1
        for folder, _, names in os.walk(self.out):
            for name in names:
                path = os.path.join(folder, name)
                rel = path[top:].replace(os.sep, "/")
                if rel != "index.json" and rel not in self.files:
                    os.unlink(path)


def _key_of_file(rel: str) -> str:
    name = rel[2:-4]
    return bytes.fromhex(name[1:]).decode("utf-8") if name.startswith("_") else name


def _best_words(doc) -> dict[str, int]:
    """The entry's words, each with its best field group."""
    best: dict[str, int] = {}
    for g, text in enumerate(doc.groups()):
        for w in words(text):
            if w not in best:
                best[w] = g
    return best


def _print(doc) -> bytes:
    """A digest of everything the index holds of an entry. (``marshal`` format 0: from format 3 on, a text met
    twice is written as a reference to the first, so equal entries, one made anew and one read back from a
    cache that shares equal texts, gave other bytes, and the next build a full index.)"""
    if isinstance(doc, PackedDoc):
        return doc.print
    return hashlib.sha1(marshal.dumps((doc.url, doc.title, doc.section, doc.owner, doc.locality, doc.places,
                                       doc.summary, doc.body, doc.date, doc.date_label, doc.place_label, doc.image,
                                       doc.image_alt, doc.filters), 0)).digest()


def _prints(docs) -> bytes:
    """The entries' digests, 20 bytes each. (In one process: forked workers cost more than they save
    here, copying the pages of every entry they touch.)"""
    return b"".join(map(_print, docs))


def _encode_block(f: str, spellings: dict) -> bytes:
    """One folded word's block: ``spellings`` is spelling -> three sorted lists of entry numbers."""
    b = bytearray()
    string(f, b)
    varint(len(spellings), b)
    for w in sorted(spellings):
        string(w, b)
        for lst in spellings[w]:
            postings(lst, b)
    return bytes(b)


def _encode_shard(blocks: list[bytes]) -> bytes:
    b = bytearray()
    varint(len(blocks), b)
    for block in blocks:
        b += block
    return bytes(b)


class _Reader:
    """Reads back what this module writes: varints, strings and posting lists (sorted deltas, or a bitmap)."""

    def __init__(self, raw: bytes):
        self.raw, self.i = raw, 0

    def v(self) -> int:
        x = shift = 0
        while True:
            c = self.raw[self.i]
            self.i += 1
            x |= (c & 0x7F) << shift
            shift += 7
            if c < 0x80:
                return x

    def text(self) -> str:
        n = self.v()
        self.i += n
        return self.raw[self.i - n:self.i].decode("utf-8")

    def plist(self) -> list[int]:
        head = self.v()
        if head & 1:                               # a bitmap
            size = self.v()
            self.i += size
            return [8 * k + bit for k, byte in enumerate(self.raw[self.i - size:self.i]) if byte for bit in _BITS[byte]]
        out, p = [], 0
        for _ in range(head >> 1):
            p += self.v()
            out.append(p)
        return out


_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def _parse_shard(raw: bytes) -> dict:
    """A term shard's content: folded word -> spelling -> three lists of entry numbers."""
    r = _Reader(raw)
    shard = {}
    for _ in range(r.v()):
        f = r.text()
        shard[f] = {}
        for _ in range(r.v()):
            w = r.text()
            shard[f][w] = [r.plist(), r.plist(), r.plist()]
    return shard


def prefix_keys(keys) -> set[str]:
    """The prefixes that have a prefix file: ``PREFIX_MIN`` letters or more, and a proper prefix of two shard keys
    or more (a last word typed so, "xa", would otherwise fetch every one of those shards)."""
    count: dict[str, int] = {}
    for k in keys:
        for length in range(PREFIX_MIN, len(k)):
            count[k[:length]] = count.get(k[:length], 0) + 1
    return {p for p, c in count.items() if c >= 2}


def _prefix_lists(pairs) -> list[list[int]]:
    """From (field group, entry numbers) pairs of the words under a prefix: the entries by their best group."""
    seen: list[set] = [set(), set(), set()]
    for g, numbers in pairs:
        seen[g].update(numbers)
    first, second = seen[0], seen[1] - seen[0]
    return [sorted(first), sorted(second), sorted(seen[2] - first - second)]


def _encode_lists(lists) -> bytes:
    b = bytearray()
    for numbers in lists:
        postings(numbers, b)
    return bytes(b)


def _parse_lists(raw: bytes, count: int = 3) -> list[list[int]]:
    """``count`` posting lists, one after the other (a prefix file: three)."""
    r = _Reader(raw)
    return [r.plist() for _ in range(count)]


def _under(best: dict[str, int], prefixes) -> dict[str, int]:
    """An entry's words (word -> best field group) seen from the prefix files: prefix -> the best group of its
    words that are longer than the prefix and start with it."""
    out: dict[str, int] = {}
    for w, g in best.items():
        f = fold(w)
        for length in range(PREFIX_MIN, len(f)):
            p = f[:length]
            if p in prefixes and out.get(p, 3) > g:
                out[p] = g
    return out


def _cards(writer, docs, page: int) -> None:
    rows = [[d.url, d.title, d.section, d.place_label, d.date_label, d.summary, d.image, d.image_alt]
            for d in map(unpacked, docs[page * CARD_PAGE:(page + 1) * CARD_PAGE])]
    writer.put(f"c/{page}.bin", json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode())


def _filters(writer, docs) -> None:
    filters: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
    for n, doc in enumerate(docs):
        for facet, slugs in unpacked(doc).filters.items():
            for slug in slugs:
                filters[facet].setdefault(slug, []).append(n)
    for facet, values in filters.items():
        for slug, numbers in values.items():
            b = bytearray()
            postings(numbers, b)
            writer.put(f"f/{facet}/{slug}.bin", bytes(b))


STATE = "state.marshal"         # in the cache: what the last build indexed, for the next one
EDITS_MAX = 200                 # more changed or added entries than this (or any removed, reordered): a full build
PRUNE_AT = 2                    # the cache is pruned when it holds this many times the files in use
STATE_CHUNK = 256               # entries per file of the state's words and filters (an edit rewrites one)
CHUNKS = "state"                # the folder of those files, in the cache


def _config():
    """What a state must have been made with to be reused."""
    return (FORMAT, CARD_PAGE, PREFIX_MIN, FACETS, SHARD_BYTES, STATE_CHUNK, 2)      # 2: the state's own layout


def write_index(docs, site_dir, cache=None) -> IndexStats:
    """Write the index of ``docs`` into ``site_dir/recindex/`` (see the module docstring).

    With ``cache``, the compressed files are kept there by content, with what this build indexed; when
    the next build has the same entries in the same order, only a few of them changed (an edit) and
    perhaps a few added after all the others (a new post), only the term shards of the words that
    changed, the card files of the changed and added entries and, if filters changed, the filter
    files are made again: the rest is linked from the cache. A changed shard grown past
    ``SHARD_BYTES`` is split as a full build splits it. The cache keeps the files of the last builds
    and is pruned to the files in use once it holds ``PRUNE_AT`` times as many.
    """
    started = time.perf_counter()
    docs = order(docs)
    out = Path(site_dir) / INDEX_DIR
    writer = _Writer(out, Path(cache) if cache else None)
    prints = _prints(docs)
    state = _load_state(writer.cache)
    incremental = bool(state) and _incremental(writer, docs, prints, state)
    if not incremental:
        state = _full(writer, docs, prints)
    writer.finish(docs)
    if writer.cache and (state.get("files") != writer.files or state.pop("dirty", False)):
        state["files"] = writer.files
        tmp = writer.cache / f"{STATE}.{os.getpid()}"
        with open(tmp, "wb") as fh:
            marshal.dump(state, fh)
        tmp.replace(writer.cache / STATE)
        _prune(writer.cache, set(writer.files.values()), set(state["chunks"]))
    return IndexStats(records=len(docs), seconds=time.perf_counter() - started, bytes=writer.bytes,
                      files=len(writer.files) + 1, written=writer.written, compressed=writer.compressed,
                      incremental=incremental)


def _load_state(cache: Path | None):
    if cache is None:
        return None
    try:
        with open(cache / STATE, "rb") as fh:
            state = marshal.load(fh)
        return state if isinstance(state, dict) and state.get("config") == _config() else None
    except (OSError, EOFError, TypeError, ValueError):
        return None


def _prune(cache: Path, used: set[str], chunks: set[str]) -> None:
    """Remove the compressed files (and the state's chunk files, in ``state/``) no longer in use, once
    the cache holds ``PRUNE_AT`` times as many (kept until then: an edit undone links its old files
    again)."""
    names = [(folder.path, entry.name) for folder in os.scandir(cache) if folder.is_dir() and len(folder.name) == 2
             for entry in os.scandir(folder.path)]
    if len(names) >= PRUNE_AT * max(len(used), 1):
        for folder, name in names:
            if name not in used:
                os.unlink(os.path.join(folder, name))
    states = list(os.scandir(cache / CHUNKS)) if (cache / CHUNKS).is_dir() else []
    if len(states) >= PRUNE_AT * max(len(chunks), 1):
        for entry in states:
            if entry.name not in chunks:
                os.unlink(entry.path)


def _full(writer, docs, prints) -> dict:
    post: dict[str, tuple[list, list, list]] = {}
    lines = []
    reprs = []                               # each entry's filters, for the state
    for n, doc in enumerate(docs):
        doc = unpacked(doc)
        best = _best_words(doc)
        reprs.append(repr(doc.filters))
        lines.append(" ".join(f"{w}:{g}" for w, g in best.items()))
        for w, g in best.items():
            lists = post.get(w)
            if lists is None:
                lists = post[w] = ([], [], [])
            lists[g].append(n)
    by_fold: dict[str, dict] = {}
    for w, lists in post.items():
        by_fold.setdefault(fold(w), {})[w] = lists
    blocks = {f: _encode_block(f, spellings) for f, spellings in by_fold.items()}
    keys = plan_keys({f: len(b) for f, b in blocks.items()})
    shards: dict[str, list[str]] = {}
    for f in sorted(blocks):
        shards.setdefault(keys[f], []).append(f)
    for key, folds in shards.items():
        writer.put(f"t/{shard_file(key)}.bin", _encode_shard([blocks[f] for f in folds]))
    sizes = {key: sum(len(blocks[f]) for f in folds) for key, folds in shards.items()}
    ordered = sorted(by_fold)
    for p in sorted(prefix_keys(shards)):
        under = ordered[bisect.bisect_right(ordered, p):bisect.bisect_left(ordered, p + "\U0010ffff")]
        writer.put(f"p/{shard_file(p)}.bin", _encode_lists(_prefix_lists(
            (g, numbers) for f in under for spelling in by_fold[f].values() for g, numbers in enumerate(spelling))))
    _filters(writer, docs)
    for page in range(0, (len(docs) + CARD_PAGE - 1) // CARD_PAGE):
        _cards(writer, docs, page)
    return {"config": _config(), "urls": "\n".join(d.url for d in docs), "prints": prints,
            "chunks": _save_chunks(writer.cache, lines, reprs, range(len(docs))),
            "sizes": sizes}


def _incremental(writer, docs, prints, state) -> bool:
    """Apply a few edited entries, and a few added after all others, to the last build's files (see
    ``write_index``); False: not possible."""
    if writer.cache is None:
        return False
    urls_now, urls_then = "\n".join(d.url for d in docs), state["urls"]
    if urls_now == urls_then:
        kept = len(docs)
    elif urls_then and urls_now.startswith(urls_then + "\n"):       # entries added after all the others
        kept = urls_then.count("\n") + 1
    else:
        return False
    old_prints = state["prints"]
    changed = [] if prints == old_prints else [n for n in range(kept) if prints[20 * n:20 * n + 20]
                                               != old_prints[20 * n:20 * n + 20]]
    changed += range(kept, len(docs))
    if len(changed) > EDITS_MAX or not all(os.path.exists(os.path.join(writer.cache, d[:2], d))
                                           for d in state["files"].values()):
        return False
    keys = {_key_of_file(rel) for rel in state["files"] if rel.startswith("t/")}
    parents = {k[:-1] for k in keys if len(k) > 2}          # keys a full build split by the next letter

    def key_for(f):
        """The shard a full build puts ``f`` in, given the shards it made."""
        for length in range(len(f), 1, -1):
            k = f[:length]
            if k in parents and len(f) > length:
                return f[:length + 1]
            if k in keys:
                return k
        return f[:2]

    edits: dict[str, list] = {}              # shard key -> [(spelling, entry, old group, new group)]
    lines, filters = _load_chunks(writer.cache, state["chunks"], changed, len(docs))
    if lines is None:
        return False
    filters_changed = False
    bests = []                               # (entry, its words then, now): for the prefix files
    for n in changed:
        old = dict(item.rsplit(":", 1) for item in lines[n].split()) if lines[n] else {}
        old = {w: int(g) for w, g in old.items()}
        doc = unpacked(docs[n])
        new = _best_words(doc)
        bests.append((n, old, new))
        lines[n] = " ".join(f"{w}:{g}" for w, g in new.items())
        for w in old.keys() | new.keys():
            if old.get(w) != new.get(w):
                edits.setdefault(key_for(fold(w)), []).append((w, n, old.get(w), new.get(w)))
        f = repr(doc.filters)
        filters_changed |= f != filters[n]
        filters[n] = f
    sizes = dict(state["sizes"])             # shard key -> bytes of its words' blocks
    made: dict[str, dict[str, bytes]] = {}   # shard key -> its words' blocks, for the shards made again
    done = set()                              # the last build's shards not to link
    for key, changes in edits.items():
        rel = f"t/{shard_file(key)}.bin"
        shard = _parse_shard(writer.raw(state["files"][rel])) if rel in state["files"] else {}
        for w, n, old_g, new_g in changes:
            spellings = shard.setdefault(fold(w), {})
            lists = spellings.setdefault(w, [[], [], []])
            if old_g is not None:
                lists[old_g].remove(n)
            if new_g is not None:
                bisect.insort(lists[new_g], n)
            if not any(lists):
                del spellings[w]
            if not spellings:
                del shard[fold(w)]
        done.add(rel)
        sizes.pop(key, None)
        _plan(made, sizes, {f: _encode_block(f, shard[f]) for f in shard}, key)   # grown too large: split
    # A family of shards split by the next letter that is now small enough is one shard, as in a full
    # build: merged under its shortest such prefix.
    roots = set()
    for key in made.keys() | edits.keys():
        for length in range(2, len(key) + 1):
            a = key[:length]
            family = [k for k in sizes if k.startswith(a)]
            if any(k != a for k in family) and sum(sizes[k] for k in family) <= SHARD_BYTES:
                roots.add(a)
                break
    for a in sorted(roots, key=len):
        family = [k for k in sizes if k.startswith(a)]
        if not family:                        # merged under a shorter root already
            continue
        blocks = {}
        for k in family:
            if k in made:
                blocks.update(made.pop(k))
            else:
                rel = f"t/{shard_file(k)}.bin"
                shard = _parse_shard(writer.raw(state["files"][rel]))
                blocks.update((f, _encode_block(f, shard[f])) for f in shard)
                done.add(rel)
            del sizes[k]
        _plan(made, sizes, blocks, a)
    for k, blocks in made.items():
        writer.put(f"t/{shard_file(k)}.bin", _encode_shard([blocks[f] for f in sorted(blocks)]))
    # Prefix files: a prefix new to the set (shards split) is made from its shards; one already there is
    # changed entry by entry, where an entry's best group under it changed; one no longer in the set goes.
    before, now = prefix_keys(keys), prefix_keys(sizes)
    prefix_edits: dict[str, list] = {}
    for n, old, new in bests:
        then_, after = _under(old, now), _under(new, now)
        for p in then_.keys() | after.keys():
            if then_.get(p) != after.get(p):
                prefix_edits.setdefault(p, []).append((n, then_.get(p), after.get(p)))
    done.update(f"p/{shard_file(p)}.bin" for p in before - now)
    for p in sorted(now):
        rel = f"p/{shard_file(p)}.bin"
        if p not in before:
            lists = _prefix_lists(pair for k in sorted(sizes) if len(k) > len(p) and k.startswith(p)
                                  for pair in _shard_groups(writer, state, made, k))
        elif p in prefix_edits:
            lists = _parse_lists(writer.raw(state["files"][rel]))
            for n, old_g, new_g in prefix_edits[p]:
                if old_g is not None:
                    del lists[old_g][bisect.bisect_left(lists[old_g], n)]
                if new_g is not None:
                    bisect.insort(lists[new_g], n)
        else:
            continue
        writer.put(rel, _encode_lists(lists))
    if filters_changed:
        _filters(writer, docs)
    pages = {n // CARD_PAGE for n in changed}
    for page in pages:
        _cards(writer, docs, page)
    for rel, digest in state["files"].items():
        if rel not in writer.files and rel not in done and not (filters_changed and rel.startswith("f/")):
            writer.link(rel, digest)
    if changed:
        chunks = state["chunks"] + [""] * (-(-len(docs) // STATE_CHUNK) - len(state["chunks"]))
        for k, digest in _save_chunks(writer.cache, lines, filters, changed).items():
            chunks[k] = digest
        state.update(urls=urls_now, prints=prints, chunks=chunks, sizes=sizes, dirty=True)
    return True


def _shard_groups(writer, state, made, key) -> list:
    """(field group, entry numbers) of every spelling of every word of a shard, as this build writes it."""
    if key in made:
        shard = _parse_shard(_encode_shard([made[key][f] for f in sorted(made[key])]))
    else:
        shard = _parse_shard(writer.raw(state["files"][f"t/{shard_file(key)}.bin"]))
    return [(g, numbers) for spellings in shard.values() for lists in spellings.values() for g, numbers in enumerate(lists)]


def _save_chunks(cache: Path | None, lines, filters, entries) -> list[str] | dict[int, str]:
    """The state's words and filters of the chunks holding ``entries``, as files in the cache named by
    their digest: a list of digests when ``entries`` is a range from 0, else chunk number -> digest."""
    digests = {}
    for k in sorted({n // STATE_CHUNK for n in entries}):
        part = slice(k * STATE_CHUNK, (k + 1) * STATE_CHUNK)
        data = marshal.dumps((lines[part], filters[part]))
        digest = hashlib.sha1(data).hexdigest()
        digests[k] = digest
        if cache is not None:
            path = cache / CHUNKS / digest
            if not path.is_file():
                path.parent.mkdir(exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}")
                tmp.write_bytes(data)
                tmp.replace(path)
    return [digests[k] for k in sorted(digests)] if isinstance(entries, range) else digests


def _load_chunks(cache: Path, chunks: list[str], changed: list[int], count: int):
    """Lists of ``count`` words lines and filters, read from the chunks holding the ``changed`` entries
    (other entries' stay empty; entries past the last build's are new: empty). None: a chunk is missing."""
    lines, filters = [""] * count, [""] * count
    for k in sorted({n // STATE_CHUNK for n in changed}):
        if k >= len(chunks):
            continue
        try:
            part_lines, part_filters = marshal.loads((cache / CHUNKS / chunks[k]).read_bytes())
        except (OSError, EOFError, TypeError, ValueError):
            return None, None
        lines[k * STATE_CHUNK:k * STATE_CHUNK + len(part_lines)] = part_lines
        filters[k * STATE_CHUNK:k * STATE_CHUNK + len(part_filters)] = part_filters
    return lines, filters


def _plan(made: dict, sizes: dict, blocks: dict[str, bytes], start: str) -> None:
    """Shards for ``blocks`` (folded word -> block), all starting with ``start``, split as a full build
    splits them, into ``made`` and ``sizes``."""
    for f, k in plan_keys({f: len(b) for f, b in blocks.items()}, start=start).items():
        made.setdefault(k, {})[f] = blocks[f]
        sizes[k] = sizes.get(k, 0) + len(blocks[f])
