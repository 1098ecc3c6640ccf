"""Incremental builds: after any sequence of edits, the site is byte for byte the site a cold build makes.

A synthetic corpus of 300 records, 40 posts and 6 documents is built once; then random edits
(change, add, rename, delete, draft, future date, change of province or field, post edits) are applied
step by step. After each step the incremental build (reusing the previous site's unchanged pages) and a
cold build (``full=True`` into another folder) must hold the same files with the same bytes.
"""
from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest
import yaml

from dvk.bench.synthetic import write_corpus
from dvk.site.build import build

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = ["Đắk Nông", "Lâm Đồng", "Hà Giang", "Bến Tre", "Hà Nội", "Thừa Thiên Huế", "Quảng Bình"]
FIELDS = {"economy": [], "culture-society": ["children"], "defense-security": [], "party-building": []}


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict, b: dict) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(k for k in set(a) & set(b) if a[k] != b[k])


class Editor:
    """Random edits to a corpus, as editors make them."""

    def __init__(self, root: Path, seed: int):
        self.root, self.rng = root, random.Random(seed)
        self.counter = 0

    def records(self) -> list[Path]:
        return sorted((self.root / "data" / "models").rglob("*.yaml"))

    def posts(self) -> list[Path]:
        return sorted((self.root / "content" / "tin-tuc").glob("*.md"))

    def _load(self, path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    def _save(self, path: Path, data: dict):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def _post(self, path: Path):
        front, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        return yaml.safe_load(front.removeprefix("---\n")), body

    def _save_post(self, path: Path, meta: dict, body: str):
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                        encoding="utf-8")

    def edit(self) -> str:
        self.counter += 1
        kind = self.rng.choice(["change", "change", "add", "rename", "delete", "draft", "province", "field",
                                "post-title", "post-future", "post-delete", "post-province"])
        rec = self.rng.choice(self.records())
        if kind in ("rename", "delete"):        # a record a post names cannot go: validation would refuse it
            named = {m for p in self.posts() for m in (self._post(p)[0].get("models") or [])}
            rec = self.rng.choice([r for r in self.records() if r.stem not in named])
        if kind == "change":
            data = self._load(rec)
            data["name"] = f"{data['name']} (sửa lần {self.counter})"
            data["summary"] = "Tóm tắt mới: " + data["summary"]
            self._save(rec, data)
        elif kind == "add":
            data = self._load(rec)
            data["name"] = f"Mô hình mới thêm số {self.counter}"
            self._save(rec.with_name(f"moi-them-{self.counter}.yaml"), data)
        elif kind == "rename":
            rec.rename(rec.with_name(f"doi-ten-{self.counter}.yaml"))
        elif kind == "delete":
            rec.unlink()
        elif kind == "draft":
            data = self._load(rec)
            data["draft"] = True
            self._save(rec, data)
        elif kind == "province":
            data = self._load(rec)
            data["province"] = self.rng.choice(PROVINCES)
            self._save(rec, data)
        elif kind == "field":
            data = self._load(rec)
            field = self.rng.choice(sorted(FIELDS))
            data["field"], data["topics"] = field, FIELDS[field]
            self._save(rec, data)
        else:
            post = self.rng.choice(self.posts())
            meta, body = self._post(post)
            if kind == "post-title":
                meta["title"] = f"{meta['title']} (cập nhật {self.counter})"
                self._save_post(post, meta, body)
            elif kind == "post-future":
                meta["date"] = (dt.datetime.now() + dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
                self._save_post(post, meta, body)
            elif kind == "post-province":
                meta["province"] = self.rng.choice(PROVINCES)
                self._save_post(post, meta, body)
            else:
                post.unlink()
        return kind


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental") / "corpus"
    write_corpus(root, 300, 40, 6, seed=11)
    return root


@pytest.fixture
def emptied_at_once(monkeypatch):
    """The site a build replaces emptied before the build returns (not in a process of its own), so that each
    next build writes into the site before last, among the pages kept there (``incremental.take_kept``)."""
    import dvk.site.build
    monkeypatch.setattr(dvk.site.build, "EMPTY_AT_ONCE", True)


@pytest.mark.parametrize("seed, forked", [(5, False), (7, True)])
def test_incremental_builds_equal_cold_builds_after_random_edits(corpus, tmp_path, monkeypatch, seed, forked,
                                                                 emptied_at_once):
    """``forked``: pages rendered in forked workers however few there are, and the showcase, open data and
    search index written by children while the build goes on, as a national site builds them. From the
    third build on, each build writes into the site before last (``emptied_at_once``)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")       # the same build date for both builds
    if forked:
        import dvk.parallel
        import dvk.site.showcase
        monkeypatch.setattr(dvk.parallel, "MIN_ITEMS", 1)
        monkeypatch.setattr(dvk.parallel, "BACKGROUND_MIN", 0)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        monkeypatch.setattr(dvk.site.showcase, "LISTINGS_MIN", 1)
    cache, output = tmp_path / "cache", tmp_path / "incremental" / "output"
    settings = ROOT / "pelican.conf.py"
    build(corpus, output, settings_file=settings, cache=cache)
    editor = Editor(corpus, seed=seed)
    carried_any = False
    for step in range(4):
        done = [editor.edit() for _ in range(editor.rng.randint(1, 3))]
        messages = []
        build(corpus, output, settings_file=settings, cache=cache, progress=messages.append)
        carried_any |= any("giữ nguyên" in m for m in messages)
        cold = tmp_path / f"cold-{step}" / "output"
        build(corpus, cold, settings_file=settings, cache=tmp_path / f"cold-cache-{step}", full=True)
        assert differences(tree(output), tree(cold)) == [], (step, done)
    assert carried_any        # the incremental builds did reuse pages


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.read_bytes()) for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_build_into_the_site_before_last_never_changes_the_live_site(corpus, tmp_path, monkeypatch,
                                                                       emptied_at_once):
    """The pages kept in the site before last are mostly hard links shared with the live site. A build that
    writes among them and then fails (here: at the sitemap) leaves every file of the live site as it was,
    and the next build is byte for byte a cold one."""
    import shutil
    import dvk.site.seo
    from dvk.site.build import BuildFailed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")
    root = tmp_path / "corpus"
    shutil.copytree(corpus, root)
    cache, output, settings = tmp_path / "cache", tmp_path / "site" / "output", ROOT / "pelican.conf.py"
    editor = Editor(root, seed=3)
    build(root, output, settings_file=settings, cache=cache)
    record = editor.records()[0]
    data = editor._load(record)
    data["name"] = "Tên thứ nhất"
    editor._save(record, data)
    build(root, output, settings_file=settings, cache=cache)       # the first site now kept for the next build
    assert list((output.parent / ".output.versions").glob("folders-*/.dvk-kept"))
    live = snapshot(output.resolve())
    data["name"], data["summary"] = "Tên thứ hai", "Tóm tắt khác hẳn."
    editor._save(record, data)
    other = editor.records()[-1]         # unchanged by the last build: its page is one file with the live site's
    other_data = editor._load(other)
    other_data["summary"] = "Một tóm tắt mới của mô hình khác."
    editor._save(other, other_data)
    post = editor.posts()[0]
    meta, body = editor._post(post)
    meta["title"] = "Tiêu đề bài đã sửa"
    editor._save_post(post, meta, body)
    broken = lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError("sơ đồ trang hỏng"))
    monkeypatch.setattr(dvk.site.seo, "write_sitemap", broken)
    with pytest.raises(BuildFailed):
        build(root, output, settings_file=settings, cache=cache)
    assert snapshot(output.resolve()) == live
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")
    import dvk.site.build
    monkeypatch.setattr(dvk.site.build, "EMPTY_AT_ONCE", True)
    build(root, output, settings_file=settings, cache=cache)
    assert "Tên thứ hai" in (output / "mo-hinh" / record.stem / "index.html").read_text(encoding="utf-8")
    cold = tmp_path / "cold" / "output"
    build(root, cold, settings_file=settings, cache=tmp_path / "cold-cache", full=True)
    assert differences(tree(output), tree(cold)) == []


def test_a_template_change_makes_every_page_again(tmp_path, monkeypatch, emptied_at_once):
    """A change to the code, a template or a setting is a change to every page: nothing is carried over, and
    nothing is kept from the site before last (whose pages were made with the old template)."""
    import shutil
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cache, output = tmp_path / "cache", tmp_path / "out" / "output"
    overrides = {"THEME": str(theme)}
    corpus = ROOT                                  # the demo site, built into a temporary folder
    build(corpus, output, settings_file=ROOT / "pelican.conf.py", cache=cache, overrides=overrides)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")      # another build date: a build that keeps pages
    build(corpus, output, settings_file=ROOT / "pelican.conf.py", cache=cache, overrides=overrides)
    assert list((output.parent / ".output.versions").glob("folders-*/mo-hinh/*/index.html"))   # kept for the next
    card = theme / "templates" / "components" / "card.html"
    card.write_text(card.read_text(encoding="utf-8").replace("card__title", "card__title card__title--moi"),
                    encoding="utf-8")
    messages = []
    build(corpus, output, settings_file=ROOT / "pelican.conf.py", cache=cache, overrides=overrides,
          progress=messages.append)
    assert not any("giữ nguyên" in m for m in messages)
    pages = [p.read_text(encoding="utf-8") for p in (output / "mo-hinh").glob("*/index.html")]
    assert len(pages) > 5 and all("card__title--moi" in page for page in pages if "card__title" in page)
    assert "card__title--moi" in (output / "mo-hinh" / "index.html").read_text(encoding="utf-8")


def test_the_build_date_is_the_newest_input_not_the_clock(tmp_path, monkeypatch):
    """/du-lieu/ says when the data last changed: the newest file, or SOURCE_DATE_EPOCH when set."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "site"
    (root / "data" / "models").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "data" / "fields.yaml").write_bytes((ROOT / "data" / "fields.yaml").read_bytes())
    (root / "data" / "models" / "me-do-dau.yaml").write_text(
        "name: Mẹ đỡ đầu\nkind: collective\nowner: Công an tỉnh Đắk Nông\nfield: culture-society\n"
        "topics: [children]\nprovince: Đắk Nông\nstatus: registered\nsummary: Nhận đỡ đầu trẻ em.\n", encoding="utf-8")
    (root / "data" / ".git").mkdir()          # hidden files and folders are not the site's data
    (root / "data" / ".git" / "index").write_text("x", encoding="utf-8")
    (root / "data" / ".ghi-chu").write_text("x", encoding="utf-8")
    when = dt.datetime(2024, 7, 22, 9, 40, tzinfo=dt.timezone(dt.timedelta(hours=7))).timestamp()
    for path in [*root.rglob("*")]:
        os.utime(path, (when, when))
    later = when + 400 * 86400
    for path in (root / "data" / ".git" / "index", root / "data" / ".ghi-chu"):
        os.utime(path, (later, later))
    build(root, root / "output", settings_file=ROOT / "pelican.conf.py", search=False)
    page = (root / "output" / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert "Dữ liệu cập nhật ngày 22/7/2024" in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 5, 8, 0, tzinfo=dt.timezone(
        dt.timedelta(hours=7))).timestamp())))
    build(root, root / "output", settings_file=ROOT / "pelican.conf.py", search=False)
    page = (root / "output" / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert "Dữ liệu cập nhật ngày 5/1/2025" in page


def test_the_validation_cache_sees_every_change_of_a_record_or_a_front_matter(site, tmp_path):
    """Records' checks and posts' front matter are cached between runs: what an editor changes is seen
    at once, valid to invalid and back, and two posts with the same front matter are both reported."""
    from dvk.load.corpus import load_corpus
    cache = tmp_path / "cache"

    def problems():
        return sorted((p.path, p.field, p.message) for p in load_corpus(site.root, cache=cache).problems)

    record = site.model("to-hoa-giai")
    site.post("bai-mot", title="Bài một")
    assert problems() == []
    assert problems() == []                                           # from the cache, still valid
    site.model("to-hoa-giai", status="da-xong")                       # a value the schema refuses
    site.post("bai-mot", title="Bài một", date="2024-13-40 09:40")    # an impossible date, as long as the old
    got = problems()
    assert [(f, field) for f, field, _ in got] == [("content/tin-tuc/bai-mot.md", "date"),
                                                   ("data/models/to-hoa-giai.yaml", "status")]
    assert "2024-13-40" in got[0][2]
    site.model("to-hoa-giai")                                          # put right again
    site.post("bai-mot", title="Bài một")
    assert problems() == []
    site.post("bai-hai", title="Bài một")                             # the same front matter twice
    got = problems()
    assert [(f, field) for f, field, _ in got] == [("content/tin-tuc/bai-mot.md", "title")]
    assert os.path.getsize(record) > 0


def test_a_first_parse_apart_reads_the_same_records_and_problems(site, tmp_path, monkeypatch):
    """Many files to parse (a first build): a forked child parses them and writes the parse cache, and the
    build reads the cache. What it reads equals what this process parses itself, valid records and problems
    alike; when the cache cannot be written, this process parses them as before."""
    from dvk.load import corpus as loader
    site.model("to-hoa-giai")
    site.model("me-do-dau", province="Đắk Nông")
    site.model("sai-tinh-trang", status="da-xong")
    (site.root / "data" / "models" / "hong.yaml").write_text("name: [không đóng\n", encoding="utf-8")

    def read(cache):
        got = loader.load_corpus(site.root, cache=cache)
        return ({k: (r.data, r.place.display, r.field.id, r.stamp) for k, r in got.models.items()},
                sorted((p.path, p.line, p.field, p.message) for p in got.problems))

    here = read(None)
    assert set(here[0]) == {"to-hoa-giai", "me-do-dau"} and len(here[1]) == 2
    parsed_by = []
    monkeypatch.setattr(loader, "map_items", lambda f, items: parsed_by.append(os.getpid()) or [f(x) for x in items])
    monkeypatch.setattr(loader, "PARSE_APART", 1)
    apart = read(tmp_path / "cache")
    assert parsed_by == []                                    # nothing parsed in this process
    assert (tmp_path / "cache" / "parsed-records.pickle").exists()
    assert (apart[0].keys(), apart[1]) == (here[0].keys(), here[1])
    assert all(apart[0][k][:3] == here[0][k][:3] for k in here[0])
    one, two = loader.load_corpus(site.root, cache=tmp_path / "cache").models.values()
    assert [k for k in one.data if k in two.data] and all(k is next(j for j in two.data if j == k)
                                                          for k in one.data if k in two.data)   # keys shared
    parsed_by.clear()
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")      # the cache cannot be written there
    assert read(blocked)[1] == here[1] and parsed_by == [os.getpid()]


UNCHANGED = "không cần dựng lại"


def test_a_build_with_nothing_changed_keeps_the_site_and_any_change_is_built(site, monkeypatch):
    """Nothing changed since the last build: the site in place is kept as it is (no new folder), and the build
    says so. Any change a build would show is built: a record edited, a file added to content/, the build
    date's source, a different output setting."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site.model("me-do-dau")
    site.post("da-dang", title="Bài đã đăng công khai", slug="da-dang")
    first = site.build()
    before = os.path.realpath(site.output)

    def again():
        messages = []
        result = build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", progress=messages.append)
        return result, os.path.realpath(site.output), any(UNCHANGED in m for m in messages)

    result, folder, unchanged = again()
    assert (folder, unchanged) == (before, True)
    assert (result.pages, result.models, result.posts) == (first.pages, 1, 1)

    site.model("me-do-dau", name="Mẹ đỡ đầu trẻ mồ côi")              # an edit
    result, folder, unchanged = again()
    assert folder != before and not unchanged
    assert "Mẹ đỡ đầu trẻ mồ côi" in site.page("mo-hinh/me-do-dau")
    assert (result.pages, result.models, result.posts) == (first.pages, 1, 1)
    before = folder

    site.model("me-do-dau", name="Mẹ đỡ đầu trẻ mồ côi", recognized={"year": 2023, "level": "province"})
    result, folder, unchanged = again()                                # the same size, another year
    assert folder != before and not unchanged
    assert "2023" in site.page("mo-hinh/me-do-dau") and "2024" not in site.page("mo-hinh/me-do-dau")
    before = folder

    site.post("bai-moi", title="Bài mới thêm vào", slug="bai-moi")   # a file added
    result, folder, unchanged = again()
    assert folder != before and not unchanged
    assert "Bài mới thêm vào" in site.page("tin-tuc")
    assert result.posts == 2 and result.pages > first.pages
    before = folder

    (site.root / "content" / "tin-tuc" / "bai-moi.md").unlink()      # a file removed
    result, folder, unchanged = again()
    assert folder != before and not unchanged
    assert "Bài mới thêm vào" not in site.page("tin-tuc") and result.posts == 1
    before = folder

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 5, 8, 0, tzinfo=dt.timezone(
        dt.timedelta(hours=7))).timestamp())))                         # where the build date comes from
    result, folder, unchanged = again()
    assert folder != before and not unchanged
    assert "Dữ liệu cập nhật ngày 5/1/2025" in site.page("du-lieu")
    result, folder2, unchanged = again()
    assert (folder2, unchanged) == (folder, True)

    other = site.root / "khac" / "output"                             # another output folder: its own build
    build(site.root, other, settings_file=ROOT / "pelican.conf.py")
    assert (other / "mo-hinh" / "me-do-dau" / "index.html").is_file()
    result, folder3, unchanged = again()
    assert (folder3, unchanged) == (folder, True)

    result = build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", full=True)   # --full: always
    assert os.path.realpath(site.output) != folder
    import shutil                                                      # the site folder deleted by hand
    shutil.rmtree(os.path.realpath(site.output))
    result, folder, unchanged = again()
    assert not unchanged and "Mẹ đỡ đầu trẻ mồ côi" in site.page("mo-hinh/me-do-dau")


def test_a_scheduled_post_is_published_by_the_first_build_after_its_time(site, monkeypatch):
    """No file changes when a scheduled post's time comes: the next build must still publish it."""
    import types
    import pelican.contents
    import dvk.model.visibility as visibility
    from dvk.model.visibility import TIMEZONE

    def clock(monkeypatch, *when):       # Vietnam time, for our rule and for Pelican's own (WITH_FUTURE_DATES)
        local = dt.datetime(*when)

        class Clock(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                aware = local.replace(tzinfo=TIMEZONE)
                return aware.astimezone(tz) if tz else aware.astimezone().replace(tzinfo=None)

        monkeypatch.setattr(visibility, "now_local", lambda: local)
        monkeypatch.setattr(pelican.contents, "datetime", types.SimpleNamespace(datetime=Clock, UTC=dt.timezone.utc))

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site.model("me-do-dau")
    site.post("da-dang", title="Bài đã đăng công khai", slug="da-dang")
    site.post("hen-gio", title="Bài hẹn giờ ngày mai", slug="hen-gio", date="2030-03-02 07:30")
    clock(monkeypatch, 2030, 3, 1, 12, 0)
    site.build()
    assert not (site.output / "tin-tuc" / "hen-gio").exists()
    messages = []
    clock(monkeypatch, 2030, 3, 2, 7, 29)
    build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", progress=messages.append)
    assert any(UNCHANGED in m for m in messages)                      # a minute early: nothing to do
    assert not (site.output / "tin-tuc" / "hen-gio").exists()
    messages = []
    clock(monkeypatch, 2030, 3, 2, 7, 31)
    result = build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", progress=messages.append)
    assert not any(UNCHANGED in m for m in messages)
    assert "Bài hẹn giờ ngày mai" in site.page("tin-tuc/hen-gio")
    assert result.posts == 2


def test_a_change_to_the_theme_or_a_hidden_file_is_not_missed(site, tmp_path, monkeypatch):
    """Static files of the theme are inputs too; a hidden file put into content/ is refused, not ignored."""
    import shutil
    from dvk.model.problems import InvalidContent
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    overrides = {"THEME": str(theme)}
    site.model("me-do-dau")
    build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", overrides=overrides)
    css = next((theme / "static").rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* đường viền mới */\n", encoding="utf-8")
    build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", overrides=overrides)
    built = site.output / "theme" / css.relative_to(theme / "static")
    assert "đường viền mới" in built.read_text(encoding="utf-8")
    before = os.path.realpath(site.output)
    site.write("content/tin-tuc/.nhap-an.md", "---\ntitle: Ẩn\n---\n")
    with pytest.raises(InvalidContent) as caught:
        build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", overrides=overrides)
    assert ".nhap-an.md" in str(caught.value.problems)
    assert os.path.realpath(site.output) == before


def test_pages_set_aside_and_rendered_on_every_core_are_the_pages_rendered_at_once(corpus, tmp_path, monkeypatch):
    """Posts, post listings and showcase listings are set aside and rendered together in forked workers
    (``incremental.render_pending``); the site is byte for byte the one made by rendering each page at once."""
    import dvk.parallel
    import dvk.site.incremental
    import dvk.site.showcase
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")
    settings = ROOT / "pelican.conf.py"
    monkeypatch.setattr(dvk.site.incremental, "DEFER", False)
    monkeypatch.setattr(dvk.site.showcase, "LISTINGS_MIN", 10**9)
    at_once = tmp_path / "at-once" / "output"
    build(corpus, at_once, settings_file=settings, cache=tmp_path / "cache-1", full=True)
    monkeypatch.setattr(dvk.site.incremental, "DEFER", True)
    monkeypatch.setattr(dvk.site.showcase, "LISTINGS_MIN", 1)
    monkeypatch.setattr(dvk.parallel, "MIN_ITEMS", 1)
    set_aside = tmp_path / "set-aside" / "output"
    build(corpus, set_aside, settings_file=settings, cache=tmp_path / "cache-2", full=True)
    files = tree(at_once)
    assert len([n for n in files if n.startswith("tin-tuc/")]) > 10 and any(n.startswith("tinh/") for n in files)
    assert differences(files, tree(set_aside)) == []


def test_open_data_and_search_written_meanwhile_equal_those_written_in_turn(site, tmp_path, monkeypatch):
    """At national scale the statistics are counted, and the showcase pages, the open data and the search
    index written, by forked children while the build goes on: the files are those the build writes in
    turn, the build counts the
    same pages rendered and carried over, and a child's error fails the build, which leaves the last site as
    it was."""
    from dvk import parallel
    from dvk.derive import opendata
    from dvk.site.build import BuildFailed
    for i, province in enumerate(PROVINCES):
        site.model(f"mo-hinh-{i}", province=province)
    site.post("bai-mot", title="Bài một", models=["mo-hinh-1"])
    site.post("bai-hai", title="Bài hai", date="2024-08-02 10:00")
    writers, write_catalog = tmp_path / "writers", opendata.write_catalog

    def noted(*args, **kw):
        with open(writers, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return write_catalog(*args, **kw)
    monkeypatch.setattr(opendata, "write_catalog", noted)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    import dvk.derive.showcase
    counters, compute = tmp_path / "counters", dvk.derive.showcase.compute

    def counted(*args, **kw):
        with open(counters, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return compute(*args, **kw)
    monkeypatch.setattr(dvk.derive.showcase, "compute", counted)

    def both():
        """Build into in-turn/ as at a province's scale, then into meanwhile/ as at the nation's; what each
        build said about pages rendered and carried over."""
        said = {}
        for name, least in (("in-turn", 10**9), ("meanwhile", 0)):
            monkeypatch.setattr(parallel, "BACKGROUND_MIN", least)
            heard = []
            result = build(site.root, tmp_path / name, settings_file=ROOT / "pelican.conf.py", progress=heard.append)
            said[name] = (result.pages, [m for m in heard if m.startswith("Dựng lại")])
        return said

    said = both()
    assert [int(p) for p in writers.read_text(encoding="utf-8").split()][1:] != [os.getpid()]
    assert [int(p) == os.getpid() for p in counters.read_text(encoding="utf-8").split()] == [True, False]
    assert said["meanwhile"] == said["in-turn"]
    in_turn, meanwhile = tree(tmp_path / "in-turn"), tree(tmp_path / "meanwhile")
    assert differences(in_turn, meanwhile) == []
    assert any(name.startswith("du-lieu/") for name in meanwhile) and "tim-kiem/index.html" in meanwhile
    assert {"mo-hinh/mo-hinh-3/index.html", "tin-tuc/bai-mot/index.html", "sitemap.xml"} <= set(meanwhile)
    for change in (lambda: site.model("mo-hinh-2", summary="Một tóm tắt khác."),
                   lambda: site.post("bai-hai", title="Bài hai, sửa lại", date="2024-08-02 10:00")):
        change()
        said = both()
        assert said["meanwhile"] == said["in-turn"] and said["in-turn"][1]      # "Dựng lại 11 trang, giữ nguyên …"
        meanwhile = tree(tmp_path / "meanwhile")
        assert differences(tree(tmp_path / "in-turn"), meanwhile) == []

    def full(*args, **kw):
        raise OSError(28, "ổ đĩa đầy")
    monkeypatch.setattr(opendata, "write_catalog", full)
    site.model("mo-hinh-0", summary="Tóm tắt mới của mô hình.")
    with pytest.raises(BuildFailed, match="ổ đĩa đầy"):
        build(site.root, tmp_path / "meanwhile", settings_file=ROOT / "pelican.conf.py")
    assert tree(tmp_path / "meanwhile") == meanwhile


def test_the_catalog_order_read_from_the_parse_cache_ignores_case_and_diacritics(site, tmp_path):
    """The parse cache keeps each record's name folded for the catalog's order: read fresh or from the
    cache, records recognised the same year are in name order, case and diacritics ignored."""
    from dvk.derive.showcase import derive
    from dvk.load.corpus import load_corpus
    for rid, name in (("binh-yen", "Bình yên xóm nhỏ"), ("anh-sang", "Ánh sáng đường quê"),
                      ("an-toan", "an toàn giao thông"), ("dong-long", "Đồng lòng giữ rừng")):
        site.model(rid, name=name, status="recognized", recognized={"year": 2023, "level": "grassroots"})
    for _ in range(2):          # parsed, then read from the cache
        corpus = load_corpus(site.root, cache=tmp_path / "cache")
        assert [m.id for m in derive(corpus).models] == ["an-toan", "anh-sang", "binh-yen", "dong-long"]
