"""Load and validate everything under ``content/`` and ``data/``.

``load_corpus()`` reads every model record, report, news post and official
document, checks each against the content model (``schema``) and against each
other (ids, province names, topics, referenced models and images), and returns
a ``Corpus``. Every problem in every file is collected; nothing is written.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from urllib.parse import unquote

from dvk import cachefile
from dvk.load import safety, sanitize
from dvk.parallel import map_items
from dvk.model import content, schema
from dvk.model.taxonomy import Field, Taxonomy, Topic, parse_taxonomy
from dvk.model.problems import InvalidContent, Problem
from dvk.model.provinces import ProvinceRef, province_problem, resolve
from dvk.model.text import fold, typographic
from dvk.load.yamlsrc import FileTooLarge, Source, YamlSyntaxError, read_text, split_front_matter

YAML_SUFFIXES = (".yaml", ".yml")
NOT_UTF8 = "tệp không ở mã UTF-8; hãy lưu lại tệp với mã UTF-8"
# Addresses the build makes itself, which a post, document, page, record or topic may not take.
RESERVED = {
    "post": {"luu-tru", "trang"},          # /tin-tuc/luu-tru/, /tin-tuc/trang/N/ (and years, below)
    "document": {"trang"},
    "page": set(),
    "model": {"trang", "loai", "cap", "nam", "chi-muc"},   # /mo-hinh/trang/N/, /mo-hinh/loai/…
    "topic": {"tat-ca", "trang", "chu-de-khac"},          # /linh-vuc/<field>/tat-ca/ …
}


class ModelRecord:
    """One model (mô hình) record, validated."""

    __slots__ = ("id", "path", "data", "place", "field", "topics", "stamp", "folded")

    def __init__(self, id, path, data, place: ProvinceRef, field: Field, topics: list[Topic], stamp=None,
                 folded: str | None = None):
        self.id, self.path, self.data, self.place, self.field, self.topics = id, path, data, place, field, topics
        self.stamp = stamp      # (size, modification time in ns) of its file when it was read, if known
        self.folded = folded    # its name folded (``text.fold``), if the parse cache had it

    def __getattr__(self, key):   # record keys read as attributes: record.name, record.owner …
        try:
            return self.data.get(key)
        except KeyError:
            raise AttributeError(key) from None

    @property
    def recognized_year(self) -> int | None:
        return (self.data.get("recognized") or {}).get("year")

    @property
    def recognized_level(self) -> str | None:
        return (self.data.get("recognized") or {}).get("level")


@dataclass
class Report:
    id: str
    path: str
    data: dict
    place: ProvinceRef | None


@dataclass
class Entry:
    """A news post or an official document, as its front matter describes it."""

    kind: str            # "post" | "document" | "page"
    path: str            # relative to the project root
    source_path: str     # absolute
    meta: dict
    slug: str
    date: dt.datetime | None
    place: ProvinceRef | None
    front: dict | None = None   # the front matter as written (the reader gives it to Pelican)
    body: str = ""              # the Markdown below the front matter

    @property
    def published(self) -> bool:
        """Public in a production build: not a draft, not scheduled for later (``dvk.model.visibility``)."""
        from dvk.model.visibility import is_public
        return is_public(self)


@dataclass
class Corpus:
    """Everything under content/ and data/.

    ``models`` holds the records the site publishes: in a production build,
    records marked ``draft: true`` are checked but left out (``drafts`` keeps
    them); a preview build (``preview=True``) publishes them too.
    """

    root: Path
    taxonomy: Taxonomy | None
    preview: bool = False
    models: dict[str, ModelRecord] = dc_field(default_factory=dict)
    drafts: dict[str, ModelRecord] = dc_field(default_factory=dict)
    reports: list[Report] = dc_field(default_factory=list)
    posts: list[Entry] = dc_field(default_factory=list)
    documents: list[Entry] = dc_field(default_factory=list)
    pages: list[Entry] = dc_field(default_factory=list)
    problems: list[Problem] = dc_field(default_factory=list)
    warnings: list[Problem] = dc_field(default_factory=list)   # shown to the editor; the build goes on

    def entry_at(self, source_path: str) -> Entry | None:
        """The post, document or page read from ``source_path`` (absolute), if this corpus has it."""
        if getattr(self, "_by_path", None) is None:
            self._by_path = {e.source_path: e for e in self.posts + self.documents + self.pages}
        return self._by_path.get(source_path)

    def raise_if_invalid(self):
        if self.problems:
            raise InvalidContent(self.problems)


class _FileChecker:
    """Collects the problems of one file, finding line numbers only when needed."""

    def __init__(self, corpus: Corpus, rel: str, source: Source | None = None):
        self.corpus, self.rel, self.source = corpus, rel, source

    def add(self, path: tuple, message: str, line: int | None = None):
        if line is None and self.source is not None:
            line = self.source.line_of(path)
        self.corpus.problems.append(Problem(self.rel, line, schema.dotted(path) or None, message))


def _rel(root: Path, path: str) -> str:
    base = str(root) + os.sep
    if path.startswith(base) and os.sep + ".." + os.sep not in path:
        return path[len(base):].replace(os.sep, "/")
    return Path(os.path.relpath(path, root)).as_posix()


def walk_files(folder: Path, suffixes: tuple[str, ...], root: Path | None = None):
    """Files below ``folder`` with one of ``suffixes``, in a stable order. A symbolic link leading out of
    ``root`` (default: ``folder``) is left out here; ``_check_files`` reports it. (The editors' tools list
    existing records with it too.)"""
    return sorted(p for p, problem in safety.walk(Path(root or folder), Path(folder))
                  if problem is None and p.endswith(suffixes))


def _check_files(corpus: Corpus, content_dir: Path, data_dir: Path):
    """Every file under content/ and data/: no symbolic link leading out of the repository, and under
    content/ only what the site knows how to publish safely (Markdown, images, allowed attachments)."""
    for folder, is_content in ((content_dir, True), (data_dir, False)):
        # A link must stay inside its own folder: content/ is published, and a link from it to anywhere
        # else in the repository (.git/config, a draft's data) would publish that.
        for path, problem in safety.walk(folder, folder, hidden_is_problem=is_content):
            if problem is None and is_content:
                problem = safety.content_file_problem(content_dir, path)
            elif problem is None and not path.endswith(YAML_SUFFIXES + (".json", ".md", ".txt", ".csv")):
                problem = f"tệp “{os.path.basename(path)}” không phải tệp dữ liệu YAML (.yaml)"
            if problem:
                corpus.problems.append(Problem(_rel(corpus.root, path), None, None, problem))


def _parse_file(path: str):
    """Worker: one model record's file as ``(data, None, problems, record, folded)``: the parsed YAML, its
    problems against the schema, and, with none, the record's data as the build sees it (coerced,
    typographic apostrophes) and its name folded for the catalog's order (``fold``); or
    ``(None, (line, message), None, None, None)`` when it cannot be parsed.
    ``data`` is None when the checks that follow read the same in ``record`` (a list of topics, no
    markup in the description to warn about): a national site's parse cache holds one copy of each record.
    The record's description (Markdown, half of a record) is kept as UTF-8 bytes: the parse cache reads back
    a national corpus a third quicker, it takes less memory, and only the model page reads it (``prose``).
    Everything here depends on the file alone, so it is cached with the file's stamp."""
    try:
        data = Source(read_text(path)).load()
    except YamlSyntaxError as exc:
        return None, (exc.line, exc.message), None, None, None
    except UnicodeDecodeError:
        return None, (None, NOT_UTF8), None, None, None
    except FileTooLarge as exc:
        return None, (None, exc.message), None, None, None
    problems = schema.check(schema.MODEL, data)
    if problems:
        return data, None, problems, None, None
    typeset = _typeset(schema.coerce(schema.MODEL, data))
    if isinstance(typeset.get("description"), str):     # kept as UTF-8 until its page is rendered (``prose``)
        typeset["description"] = typeset["description"].encode("utf-8", "surrogatepass")
    description = data.get("description")
    if isinstance(data.get("topics"), (list, type(None))) and not (
            isinstance(description, str) and ("<" in description or "](" in description)):
        data = None     # what ``_load_models`` checks reads the same in ``typeset``: one copy kept, not two
    return data, None, problems, typeset, fold(typeset["name"]) if isinstance(typeset.get("name"), str) else None


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """Changes with the code that makes a cached record: the loader, the schema, the text rules."""
    from dvk.model import text
    digest = hashlib.sha1()
    for module in (schema, text):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()




def _parse_all(paths: list[str], cache: Path | None = None, seen: dict | None = None):
    """Parse many YAML files, on every core when there are many (YAML parsing dominates loading): each
    file's ``(stamp, _parse_file(path))``, its stamp (size, modification time) known only with ``cache``.

    With ``cache`` (a folder), what each file parsed to is kept in ``<cache>/parsed-records.pickle`` with
    the file's size and modification time (``cachefile.Journaled``: an edit rewrites a journal of the
    changes, not the whole file); a file unchanged since is not parsed again. (Like ``make``, this
    trusts modification times; ``--full`` builds do not read the cache.) ``seen``: files' stamps already
    known (``incremental.input_stamp``'s scan), by path; any other file is asked for its own."""
    if cache is None:
        return [(None, parsed) for parsed in map_items(_parse_file, paths)]
    store = cachefile.Journaled(cache / "parsed-records.pickle", _code_version())
    old = store.value
    stamps = {}
    seen = seen or {}
    for p in paths:
        stamp = seen.get(p)
        if stamp is None:
            try:
                st = os.stat(p)
                stamp = (st.st_size, st.st_mtime_ns)
            except OSError:
                pass
        stamps[p] = stamp
    todo = [p for p in paths if stamps[p] is None or old.get(p, (None, None))[0] != stamps[p]]
    if len(todo) >= PARSE_APART and _parse_in_child(store, paths, todo, stamps):
        store = old = None      # let go before the new file is read: its objects take their place
        store = cachefile.Journaled(cache / "parsed-records.pickle", _code_version())
        if all(store.value.get(p, (None, None))[0] == stamps[p] for p in paths):
            return [store.value[p] for p in paths]
        old = store.value       # changed meanwhile (or the file could not be read back): parse here
        todo = [p for p in paths if stamps[p] is None or old.get(p, (None, None))[0] != stamps[p]]
    merged = _merge(old, paths, todo, stamps)
    if todo or len(old) != len(merged):
        store.save(merged)
    return [merged[p] for p in paths]


# From this many files to parse (a first build, a new code version), parsing happens in a forked child that
# writes the parse cache and ends; the build then reads the cache as a later build would. A national corpus
# parsed in this process left its heap about 100 MiB larger than the same records read from the cache
# (objects unpickled from many workers' answers, and the garbage between them), and every process forked
# later inherits that heap: it made the difference between a first build's peak and 1 GiB.
PARSE_APART = 5000


def _merge(old: dict, paths: list[str], todo: list[str], stamps: dict) -> dict:
    """Every path's ``(stamp, parsed)``: those in ``todo`` parsed now, the others as in ``old``."""
    fresh = dict(zip(todo, map(_shared, map_items(_parse_file, todo))))
    return {p: (stamps[p], fresh[p]) if p in fresh else old[p] for p in paths}   # (an entry kept: the same object)


def _parse_in_child(store: cachefile.Journaled, paths: list[str], todo: list[str], stamps: dict) -> bool:
    """Parse ``todo`` in a forked child that saves the merged entries to ``store`` and ends; True when it
    did. False (nothing forked, the child failed, or the cache could not be written) means parse here."""
    if not hasattr(os, "fork"):
        return False
    pid = os.fork()
    if pid == 0:                 # the child: never returns, never runs the parent's cleanup
        ok = False
        try:
            ok = store.save(_merge(store.value, paths, todo, stamps))
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _shared(value, _intern=sys.intern):
    """``value`` (a parsed record) with its short strings interned: every key, and values such as a field's
    id or a province's name, become one object each across 100,000 records. The parse cache then writes
    each once and refers to it after (pickle's memo), and reads back a tenth fewer strings, faster."""
    if isinstance(value, str):
        return _intern(value) if len(value) <= 32 else value
    if isinstance(value, dict):
        return {(_intern(k) if isinstance(k, str) else k): _shared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shared(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_shared(v) for v in value)
    return value


class _LazySource(Source):
    """The text of a file already parsed elsewhere, read again only to find a line number."""

    def __init__(self, path: str):
        self.path, self.first_line = path, 1

    @property
    def text(self):
        return read_text(self.path)


def _load_yaml_file(corpus: Corpus, path: str):
    rel = _rel(corpus.root, path)
    try:
        source = Source(read_text(path))
        return rel, source, source.load()
    except YamlSyntaxError as exc:
        corpus.problems.append(Problem(rel, exc.line, None, exc.message))
    except UnicodeDecodeError:
        corpus.problems.append(Problem(rel, None, None, NOT_UTF8))
    except FileTooLarge as exc:
        corpus.problems.append(Problem(rel, None, None, exc.message))
    return rel, None, None


def _check_content_file(corpus: Corpus, check: _FileChecker, path: tuple, src, what: str = "tệp ảnh",
                        types=safety.IMAGE_TYPES):
    """A file named by a record or front matter: inside content/, present, of an allowed type."""
    if isinstance(src, (int, float)) and not isinstance(src, bool):
        src = str(src)
    if not isinstance(src, str) or not src:
        return
    content = corpus.root / "content"
    target = safety.inside(content, src)
    if target is not None and any(p.startswith(".") for p in target.relative_to(os.path.realpath(content)).parts):
        target = None     # a hidden file is never published
    if target is None:
        check.add(path, f"đường dẫn “{src}” ra ngoài thư mục content/; cần một {what} trong content/, "
                        "ví dụ images/mo-hinh/anh.jpg")
    elif os.path.splitext(src)[1].lower() not in types:
        check.add(path, f"“{src}” không phải loại tệp được phép; cần một trong: "
                        f"{', '.join(sorted(t.lstrip('.').upper() for t in types))}")
    elif not target.is_file():
        check.add(path, f"không tìm thấy {what} content/{src.lstrip('/')}")


def _check_image(corpus: Corpus, check: _FileChecker, path: tuple, src):
    _check_content_file(corpus, check, path, src)


def _load_taxonomy(corpus: Corpus, data_dir: Path):
    path = data_dir / "fields.yaml"
    if not path.is_file():
        corpus.problems.append(Problem(_rel(corpus.root, str(path)), None, None,
                                       "thiếu tệp định nghĩa lĩnh vực và chủ đề data/fields.yaml"))
        return
    rel, source, data = _load_yaml_file(corpus, str(path))
    if source is None:
        return
    taxonomy, problems = parse_taxonomy(data)
    check = _FileChecker(corpus, rel, source)
    for p, message in problems:
        check.add(p, message)
    corpus.taxonomy = taxonomy


# Record keys read as prose: their apostrophes become typographic (K'Ho → K’Ho). Ids, paths,
# addresses and the province as written (kept for the open data) stay as they are.
_PROSE_KEYS = ("name", "owner", "locality", "summary", "description")
_PROSE_SUBKEYS = {"results": ("label", "unit"), "images": ("alt", "caption", "credit"), "sources": ("title",)}


def _typeset(data: dict) -> dict:
    for key in _PROSE_KEYS:
        if isinstance(data.get(key), str):
            data[key] = typographic(data[key])
    for key, subkeys in _PROSE_SUBKEYS.items():
        for item in data.get(key) or []:
            for sub in subkeys:
                if isinstance(item, dict) and isinstance(item.get(sub), str):
                    item[sub] = typographic(item[sub])
    return data


def _load_models(corpus: Corpus, data_dir: Path, cache: Path | None = None, stamps: dict | None = None):
    seen: dict[str, str] = {}
    paths = walk_files(data_dir / "models", YAML_SUFFIXES, data_dir)
    for path, (stamp, parsed) in zip(paths, _parse_all(paths, cache, stamps)):
        _add_model(corpus, seen, path, stamp, parsed)


def read_record(corpus: Corpus, path: str) -> tuple[ModelRecord | None, list[Problem]]:
    """One model record's file, read and checked alone as ``load_corpus`` checks it against ``corpus``'s
    taxonomy (the checks across files, an id used twice, aside): the record as the site would show it, or
    None, and the file's problems. The dev server's quick page after a save (``dvk.tools.devserver``)."""
    alone = Corpus(root=corpus.root, taxonomy=corpus.taxonomy, preview=corpus.preview)
    try:
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None
    _add_model(alone, {}, path, stamp, _parse_file(path))
    record_id = os.path.basename(path).rsplit(".", 1)[0]
    return alone.models.get(record_id) or alone.drafts.get(record_id), alone.problems


def _add_model(corpus: Corpus, seen: dict[str, str], path: str, stamp, parsed) -> None:
    """Check one record's parsed file (``_parse_file``) and add it to ``corpus`` (or its problems)."""
    taxonomy = corpus.taxonomy
    fields = taxonomy.by_id if taxonomy else {}
    topics = taxonomy.topics if taxonomy else {}
    data, error, problems, typeset, folded = parsed
    rel = _rel(corpus.root, path)
    if data is None and typeset is not None:
        data = typeset
    if error:
        corpus.problems.append(Problem(rel, error[0], None, error[1]))
        return
    source = _LazySource(path)
    check = _FileChecker(corpus, rel, source)
    record_id = os.path.basename(path).rsplit(".", 1)[0]
    if not schema.re.fullmatch(schema.SLUG, record_id):
        check.add((), f"tên tệp “{os.path.basename(path)}” không dùng được làm mã mô hình; cần {schema.SLUG_HINT}", line=1)
    if record_id in seen:
        check.add((), f"mã mô hình “{record_id}” bị trùng với {seen[record_id]}; mỗi mô hình cần một tên tệp riêng", line=1)
        return
    seen[record_id] = rel
    if record_id in RESERVED["model"]:
        check.add((), f"mã mô hình “{record_id}” trùng với một địa chỉ trang của trang web (/mo-hinh/{record_id}/); "
                      "hãy đặt tên tệp khác", line=1)
        return
    for p, message in problems:
        check.add(p, message)
    if problems and not isinstance(data, dict):
        return
    place = resolve(data["province"]) if isinstance(data.get("province"), str) else None
    if place is None and isinstance(data.get("province"), str):
        check.add(("province",), province_problem(data["province"]))
    field = fields.get(data["field"]) if isinstance(data.get("field"), str) else None
    record_topics = []
    raw_topics = data.get("topics") or []
    for i, t in enumerate(raw_topics if isinstance(raw_topics, list) else [raw_topics]):
        if not isinstance(t, str):
            continue   # reported by the schema check
        topic = topics.get(t)
        tpath = ("topics", i) if isinstance(raw_topics, list) else ("topics",)
        if topic is None:
            check.add(tpath, f"chủ đề “{t}” không có trong data/fields.yaml; cần một trong: "
                             f"{', '.join(x.id for x in (field.topics if field else topics.values()))}")
        elif field and topic.field_id != field.id:
            check.add(tpath, f"chủ đề “{t}” thuộc lĩnh vực “{topic.field_id}”, không thuộc lĩnh vực "
                             f"“{field.id}” của mô hình; các chủ đề của lĩnh vực này: "
                             f"{', '.join(x.id for x in field.topics)}")
        else:
            record_topics.append(topic)
    recognized = data.get("recognized") if isinstance(data.get("recognized"), dict) else None
    if recognized and data.get("status") == "registered":
        check.add(("status",), "mô hình đã có mục “recognized” (công nhận) nên tình trạng cần là "
                               "recognized hoặc replicated, không phải registered")
    if recognized and isinstance(recognized.get("year"), int) and isinstance(data.get("registered"), int) \
            and recognized["year"] < data["registered"]:
        check.add(("recognized", "year"), f"năm công nhận {recognized['year']} sớm hơn năm đăng ký {data['registered']}")
    for i, image in enumerate(data["images"] if isinstance(data.get("images"), list) else []):
        if isinstance(image, dict) and isinstance(image.get("src"), str):
            _check_image(corpus, check, ("images", i, "src"), image["src"])
    description = data.get("description")
    if isinstance(description, str) and ("<" in description or "](" in description):
        key_line = source.line_of(("description",)) or 1
        header = source.text.splitlines()[key_line - 1] if key_line <= source.text.count("\n") + 1 else ""
        block = bool(re.search(r":\s*[|>][+-]?\d*\s*(#.*)?$", header))   # "description: |": text starts below
        _warn_removed(corpus, rel, description, key_line + block, "description")
    if not problems and place is not None and field is not None and len(record_topics) == len(
            raw_topics if isinstance(raw_topics, list) else [raw_topics]):
        record = ModelRecord(record_id, rel, typeset, place, field, record_topics, stamp, folded)
        (corpus.drafts if data.get("draft") and not corpus.preview else corpus.models)[record_id] = record


class _FrontMatterCache:
    """Parsed front matter by the SHA-1 of its text, kept in ``<cache>/parsed-front-matter.pickle``
    (what a file's text parses to does not depend on anything else). Only what this run used is kept."""

    def __init__(self, cache: Path | None):
        self.store = cache / "parsed-front-matter.pickle" if cache else None
        self.old: dict[bytes, object] = cachefile.load(self.store, _code_version()) or {}
        self.used: dict[bytes, object] = {}

    def load(self, source: Source):
        key = hashlib.sha1(source.text.encode("utf-8")).digest()
        if key in self.old and key not in self.used:     # (two files alike get objects of their own)
            self.used[key] = self.old[key]
            return self.old[key]
        data = source.load()
        self.used.setdefault(key, data)
        return data

    def save(self):
        if self.used.keys() != self.old.keys():
            cachefile.save(self.store, _code_version(), self.used)


def _load_entries(corpus: Corpus, content_dir: Path, cache: Path | None = None):
    parsed = _FrontMatterCache(cache)
    try:
        _read_entries(corpus, content_dir, parsed)
    finally:
        parsed.save()


def _read_entries(corpus: Corpus, content_dir: Path, parsed: _FrontMatterCache):
    for path in walk_files(content_dir, (".md", ".markdown"), content_dir):
        rel = _rel(corpus.root, path)
        kind = content.kind_of(Path(os.path.relpath(path, content_dir)).parts[0])
        spec = {"document": schema.DOCUMENT, "page": schema.PAGE, "post": schema.POST}[kind]
        try:
            text = read_text(path)
        except UnicodeDecodeError:
            corpus.problems.append(Problem(rel, None, None, NOT_UTF8))
            continue
        except FileTooLarge as exc:
            corpus.problems.append(Problem(rel, None, None, exc.message))
            continue
        parts = split_front_matter(text)
        if parts is None:
            corpus.problems.append(Problem(rel, 1, None, "tệp cần bắt đầu bằng phần thông tin (front matter) YAML "
                                                         "nằm giữa hai dòng “---”, ví dụ “title: …”"))
            continue
        source = parts[0]
        try:
            meta = parsed.load(source)
        except YamlSyntaxError as exc:
            corpus.problems.append(Problem(rel, exc.line, None, exc.message))
            continue
        check = _FileChecker(corpus, rel, source)
        problems = schema.check(spec, meta)
        for p, message in problems:
            check.add(p, message)
        if not isinstance(meta, dict):
            continue
        place = None
        if isinstance(meta.get("province"), str):
            place = resolve(meta["province"])
            if place is None:
                check.add(("province",), province_problem(meta["province"]))
        slug = content.slug_of(kind, meta, Path(path).stem)
        when = schema.parse_datetime(meta.get("date")) or (
            dt.datetime.combine(d, dt.time()) if (d := schema.parse_date(meta.get("date"))) else None)
        if meta.get("image"):
            _check_image(corpus, check, ("image",), meta["image"])
        attachments = meta.get("attachments")
        for i, att in enumerate(attachments if isinstance(attachments, list) else []):
            if isinstance(att, dict):
                _check_content_file(corpus, check, ("attachments", i, "file"), att.get("file"), "tệp đính kèm",
                                    safety.ATTACHMENT_TYPES)
        _check_links(corpus, check, parts[1], parts[2], path)
        _warn_removed(corpus, rel, parts[1], parts[2])
        if slug in RESERVED[kind] or (kind == "post" and slug.isdigit()):
            check.add(("slug",) if "slug" in meta else ("title",),
                      f"địa chỉ trang “{slug}” trùng với một trang do trang web tự tạo; hãy đặt “slug” khác")
        front = meta
        if not problems:
            meta = schema.coerce(spec, meta)
        entry = Entry(kind, rel, path, meta, slug, when, place, front, parts[1])
        entry.checker = check  # kept for the cross-checks below
        {"document": corpus.documents, "page": corpus.pages, "post": corpus.posts}[kind].append(entry)
    for entries, what in ((corpus.posts, "bài tin tức"), (corpus.documents, "văn bản"), (corpus.pages, "trang")):
        seen: dict[str, str] = {}
        for e in entries:
            if e.slug in seen:
                e.checker.add(("slug",) if "slug" in e.meta else ("title",),
                              f"địa chỉ trang “{e.slug}” trùng với {what} {seen[e.slug]}; hãy đặt “slug” khác")
            seen.setdefault(e.slug, e.path)


_LINK = re.compile(r"""(!\[[^\]]*\]\(\s*<?|\b(?:src)\s*=\s*["']?)([^)\s"'>]*)""")
_MARKED = re.compile(r"""(\{(?:static|attach|filename)\}|\|(?:static|attach|filename)\|)([^\s"'<>)\]]*)""")


def _check_links(corpus: Corpus, check: _FileChecker, body: str, first_line: int, source_path: str):
    """Files a Markdown body names must stay inside content/ and be visible: every ``{static}``-style link
    wherever it stands (inline, reference definition, raw HTML over several lines), and images without
    a marker, which are read beside the file. ``{attach}`` is refused: it moves the file, and a document
    listing it as an attachment would lose it."""
    content = Path(os.path.realpath(corpus.root / "content"))
    found = [(m.start(), m.group(1), m.group(2)) for m in _MARKED.finditer(body)]
    found += [(m.start(), "", m.group(2)) for m in _LINK.finditer(body)
              if not _MARKED.match(m.group(2)) and m.group(2)]
    for offset, marker, target in found:
        line = first_line + body.count("\n", 0, offset)
        if marker in ("{attach}", "|attach|"):
            check.add((), f"liên kết “{marker}{target}” dùng {{attach}}, việc này chuyển tệp đi chỗ khác; hãy dùng "
                          "{static}, ví dụ {static}/files/ke-hoach.pdf", line=line)
            continue
        if "://" in target or target.startswith(("#", "mailto:", "tel:", "//", "?", "data:")):
            continue
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue
        base = content if (marker or path.startswith("/")) else Path(source_path).parent
        full = os.path.realpath(base / path.lstrip("/"))
        inside = full.startswith(str(content) + os.sep)
        if not inside or any(part.startswith(".") for part in Path(full).relative_to(content).parts):
            check.add((), f"liên kết “{marker}{target}” trỏ ra ngoài thư mục content/ hoặc tới tệp ẩn; chỉ được "
                          "dẫn tới tệp trong content/, ví dụ {static}/images/anh.jpg", line=line)


def _warn_removed(corpus: Corpus, rel: str, markdown: str, first_line: int, field: str | None = None):
    for line, what in sanitize.removed(markdown, first_line):
        corpus.warnings.append(Problem(rel, line, field, f"{what} sẽ bị bỏ khi đăng"))


def _check_references(corpus: Corpus, data_dir: Path):
    """Posts naming models, reports naming posts: every reference must resolve."""
    known_models = corpus.models.keys() | corpus.drafts.keys()
    existing_files = None
    for e in corpus.posts:
        models = e.meta.get("models") or []
        for i, mid in enumerate(models if isinstance(models, list) else [models]):
            if not isinstance(mid, str) or mid in known_models:   # a value of the wrong kind is reported already
                continue
            if existing_files is None:   # a model with problems is reported in its own file
                existing_files = {os.path.basename(p).rsplit(".", 1)[0] for p in walk_files(data_dir / "models", YAML_SUFFIXES, data_dir)}
            if mid not in existing_files:
                e.checker.add(("models", i) if isinstance(models, list) else ("models",),
                              f"không có mô hình mã “{mid}” (cần tệp data/models/…/{mid}.yaml)")
    post_slugs = {e.slug for e in corpus.posts}
    for r in corpus.reports:
        source = r.data.get("source")
        post = source.get("post") if isinstance(source, dict) else None
        if post and post not in post_slugs:
            r.checker.add(("source", "post"), f"không có bài tin tức với địa chỉ “{post}” trong content/")


def _load_reports(corpus: Corpus, data_dir: Path):
    topics = corpus.taxonomy.topics if corpus.taxonomy else {}
    for path in walk_files(data_dir / "reports", YAML_SUFFIXES, data_dir):
        rel, source, data = _load_yaml_file(corpus, path)
        if source is None:
            continue
        check = _FileChecker(corpus, rel, source)
        problems = schema.check(schema.REPORT, data)
        for p, message in problems:
            check.add(p, message)
        if not isinstance(data, dict):
            continue
        scope = data.get("scope") if isinstance(data.get("scope"), dict) else {}
        place = None
        if isinstance(data.get("scope"), dict) and not scope.get("province") and not scope.get("unit"):
            check.add(("scope",), "cần ít nhất “province” (tỉnh, thành phố) hoặc “unit” (đơn vị)")
        if isinstance(scope.get("province"), str):
            place = resolve(scope["province"])
            if place is None:
                check.add(("scope", "province"), province_problem(scope["province"]))
        for t in (data.get("by_topic") or {}) if isinstance(data.get("by_topic"), dict) else ():
            if t not in topics:
                check.add(("by_topic", t), f"chủ đề “{t}” không có trong data/fields.yaml")
        period = data.get("period") if isinstance(data.get("period"), dict) else {}
        if isinstance(period.get("from"), int) and isinstance(period.get("to"), int) and period["from"] > period["to"]:
            check.add(("period", "to"), f"năm kết thúc {period['to']} sớm hơn năm bắt đầu {period['from']}")
        totals = data.get("totals") if isinstance(data.get("totals"), dict) else {}
        if isinstance(data.get("totals"), dict) and not totals:
            check.add(("totals",), "cần ít nhất “recognized” hoặc “registered”")
        recognized = totals.get("recognized")
        for key, label in (("by_kind", "loại mô hình"), ("by_field", "lĩnh vực"), ("by_level", "cấp công nhận")):
            part = data.get(key)
            if isinstance(part, dict) and isinstance(recognized, int) and \
                    all(isinstance(v, int) for v in part.values()) and sum(part.values()) > recognized:
                check.add((key,), f"tổng theo {label} ({sum(part.values())}) lớn hơn tổng số được công nhận ({recognized})")
        report = Report(os.path.basename(path).rsplit(".", 1)[0], rel, data, place)
        report.checker = check
        corpus.reports.append(report)


def load_corpus(root, content_dir=None, data_dir=None, preview: bool = False, cache=None,
                stamps: dict | None = None) -> Corpus:
    """Read and check everything; the returned corpus lists every problem found. ``cache``: a folder where
    parsed records and front matter are kept between runs (only files changed since are parsed again).
    ``stamps``: the size and modification time of files under ``data/`` already read, by path (the build's
    input stamp reads them all just before)."""
    root = Path(root).resolve()
    content_dir = Path(content_dir or root / "content").resolve()
    data_dir = Path(data_dir or root / "data").resolve()
    corpus = Corpus(root=root, taxonomy=None, preview=preview)
    _check_files(corpus, content_dir, data_dir)
    _load_taxonomy(corpus, data_dir)
    _load_models(corpus, data_dir, Path(cache) if cache else None, stamps)
    _load_reports(corpus, data_dir)
    _load_entries(corpus, content_dir, Path(cache) if cache else None)
    _check_references(corpus, data_dir)
    return corpus


def prose(value) -> str | None:
    """A record's text kept as UTF-8 bytes (its description, see ``_parse_file``), or any text, as text."""
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value
