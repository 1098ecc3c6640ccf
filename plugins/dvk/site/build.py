"""The build runner: validate everything, derive, render into a new folder, swap it in.

Used by ``invoke build``, the dev server, the benchmark and the tests. Bad input
stops the build with a Vietnamese report naming file, line and field; the
previous ``output/`` is left exactly as it was. The stages are listed in
``pipeline.py``; this module runs the ones before Pelican (load and validate,
derive) and hands their results to it in a ``BuildContext``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from types import SimpleNamespace
from pathlib import Path

from dvk import PROJECT
from dvk.memory import frozen, no_collection

from dvk.derive.showcase import derive
from dvk.load.markdown import RenderCache
from dvk.load.corpus import Corpus, load_corpus
from dvk.model.problems import InvalidContent, report, warnings_report
from dvk.model.visibility import TIMEZONE
from dvk.site import incremental
from dvk.site.context import BuildContext

ROOT = PROJECT


class BuildFailed(Exception):
    """Pelican itself failed (template error, unreadable file): message in Vietnamese."""


@dataclass
class BuildResult:
    output: Path
    pages: int
    seconds: float
    models: int
    posts: int


class _ErrorCollector(logging.Handler):
    """Pelican logs some failures (an unreadable file) and carries on; we refuse to."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self.messages: list[str] = []

    def emit(self, record):
        self.records.append(record)
        self.messages.append(_in_vietnamese(record, sys.exc_info()[1]))


def _in_vietnamese(record: logging.LogRecord, exc: BaseException | None) -> str:
    """What Pelican logged, said to an editor: which file could not be read and why."""
    if record.msg == "Could not process %s" and record.args:
        if isinstance(exc, PermissionError):
            why = "không có quyền đọc tệp"
        elif isinstance(exc, UnicodeDecodeError):
            why = "tệp không ở mã UTF-8; hãy lưu lại tệp với mã UTF-8"
        else:
            why = f"{type(exc).__name__}: {exc}" if exc else "lỗi không rõ"
        return f"Không đọc được tệp content/{record.args[0]}: {why}"
    return f"Pelican báo lỗi: {record.getMessage()}"


DISCARDING = ".dvk-discarding-"


def _discard(folder: Path) -> None:
    """Delete the replaced site in a process of its own: at national scale removing 250,000 files takes
    most of a minute, which nobody needs to wait for (the new site is already in place). Renamed first
    (``.dvk-discarding-<pid>-<n>``), here: no build may take as its own a folder being deleted."""
    doomed = folder.with_name(f"{DISCARDING}{os.getpid()}-{time.time_ns()}")
    try:
        os.rename(folder, doomed)
        folder = doomed
    except OSError:
        pass        # (gone already, or not ours to rename: deleted where it is)
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ the output folder, swapped atomically
#
# ``output`` is a symbolic link to a folder under ``.output.versions/``. A build writes a new folder there
# and replaces the link with one ``rename()``: whatever kills the build, ``output`` names either the old site
# or the new one, never nothing or half of one. What a killed build left behind is removed by the next build.
#
# The site a build replaces is not thrown away whole: a process of its own removes its files but its pages and
# keeps its folders (``emptying-<pid>-<n>``, then ``folders-<pid>-<n>``), and the next build starts from them. A
# national site has a folder per page (``mo-hinh/<id>/index.html``): making 100,000 folders, or linking 100,000
# unchanged pages into them, costs seconds; a page kept there whose inputs did not change since costs nothing
# (``incremental.take_kept``). Pages and folders that are gone are removed before the swap.

def empty_site(path: str) -> None:
    """Run in a process of its own (``_keep_folders``): remove every file under a replaced site but the pages
    the next build may keep (``incremental.keep_pages``), keep its folders, write what is kept
    (``incremental.KEPT``, last), then name it ``folders-<pid>-<n>`` for the next build (``_new_staging``).
    Renamed ``emptying-<this pid>-<n>`` first, so that no build removes it meanwhile. On any failure the whole
    folder is removed instead."""
    mine = os.path.join(os.path.dirname(path), f"emptying-{os.getpid()}-{time.time_ns()}")
    try:
        os.rename(path, mine)
    except OSError:
        return
    try:
        kept = incremental.keep_pages(mine)
        pages = kept.get("pages", {})
        bare = []         # the folders left without a file of their own: only these may be empty after the next build
        start = len(mine) + 1
        for top, dirs, files in os.walk(mine):
            rel = top[start:].replace(os.sep, "/") + "/" if top != mine else ""
            holds = False
            for name in files:
                if rel + name in pages:
                    holds = True
                else:
                    os.unlink(os.path.join(top, name))
            for name in [d for d in dirs if os.path.islink(os.path.join(top, d))]:
                os.unlink(os.path.join(top, name))
                dirs.remove(name)
            if not holds and rel:
                bare.append(rel[:-1])
        incremental.write_kept(mine, {"key": kept.get("key", ""), "pages": pages, "bare": bare})
        os.rename(mine, os.path.join(os.path.dirname(path), f"folders-{os.getpid()}-{time.time_ns()}"))
    except OSError:
        shutil.rmtree(mine, ignore_errors=True)


EMPTY_AT_ONCE = False      # tests: the replaced site emptied before the build returns, not in the background


def _keep_folders(site: str, output: Path, manifest=None) -> None:
    """The site just replaced: its files removed and its folders kept for the next build, in a process of
    its own (``empty_site``); its pages too when ``manifest`` (this build's) described it
    (``incremental.hand_over``). Named ``emptying-<this pid>`` at once, so that no other build removes it
    meanwhile."""
    versions = versions_dir(output)
    if os.path.dirname(site) != os.path.realpath(versions) or not os.path.basename(site).startswith("site-"):
        return
    moved = versions / f"emptying-{os.getpid()}-{time.time_ns()}"
    try:
        os.rename(site, moved)
        if manifest is not None:
            incremental.hand_over(manifest, site, str(moved))
        if EMPTY_AT_ONCE:
            empty_site(str(moved))
            return
        plugins = str(Path(__file__).resolve().parents[2])      # where this ``dvk`` is, for the child to import
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [plugins, os.environ.get("PYTHONPATH")]))}
        subprocess.Popen([sys.executable, "-c", "import sys; from dvk.site.build import empty_site; empty_site(sys.argv[1])",
                          str(moved)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    except OSError:
        _discard(moved)


def _remove_empty_among(top: Path, folders) -> None:
    """Remove those of ``folders`` (relative to ``top``) that are empty, deepest first: what a build that
    started from the site before last needs, when that site said which of its folders held no file
    (``incremental.take_kept``). Any other folder still holds a page kept there, or lost its last one with
    ``Manifest.drop_stale``, which ``folders`` names too. A folder that is not empty refuses (``rmdir``)."""
    for f in sorted({f for f in folders if f}, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(os.path.join(top, f))
        except OSError:
            pass        # not empty (or gone)


def versions_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.versions"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers(output: Path) -> None:
    """Remove old sites and folders of builds that no longer run (killed, crashed); keep the current site
    and the folders of builds still running."""
    current = os.path.realpath(output) if output.is_symlink() else None
    folder = versions_dir(output)
    names = os.listdir(folder) if folder.is_dir() else []
    kept = sorted((n for n in names if n.startswith("folders-")), key=_made_at)[-1:]   # the newest set of folders
    leftovers = [folder / name for name in names if name not in kept]
    leftovers += [output.parent / n for n in os.listdir(output.parent)
                  if n.startswith((f".{output.name}.building-", f".{output.name}.previous-", f".{output.name}.link-",
                                   DISCARDING))]
    for path in leftovers:
        if os.path.realpath(path) == current:
            continue
        pid = _pid_of(path.name, output.name)
        if pid and _alive(pid) and (pid != os.getpid() or path.name.startswith(("emptying-", DISCARDING))):
            continue      # another build, still running: its folder may be about to become the site;
                          # or a replaced site being emptied (by this build's child, named after this build at first);
                          # or a folder being deleted
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            _discard(path)


def _pid_of(name: str, output_name: str) -> int | None:
    """The process that made a leftover: ``building-<pid>-<n>``, ``site-<date>-<time>-<pid>-<n>``,
    ``.output.building-<pid>`` (before the links), ``.output.link-<pid>``, ``.dvk-discarding-<pid>-<n>``."""
    parts = name.split("-")
    if name.startswith(DISCARDING) and len(parts) >= 4:
        pid = parts[-2]
    elif name.startswith(("building-", "emptying-")) and len(parts) >= 3:
        pid = parts[1]
    elif name.startswith("site-") and len(parts) >= 5:
        pid = parts[3]
    elif name.startswith((f".{output_name}.building-", f".{output_name}.link-")):
        pid = parts[-1]
    else:
        return None
    return int(pid) if pid.isdigit() else None


def _made_at(name: str) -> int:
    tail = name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _new_staging(output: Path, key: str, full: bool) -> tuple[Path, bool, dict, list]:
    """The folder this build writes; whether it starts from the folders of an earlier site; the pages it
    holds from that site (``incremental.take_kept``: name -> key), which this build may keep; and its folders
    that hold no page."""
    folder = versions_dir(output)
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f"building-{os.getpid()}-{time.time_ns()}"
    for name in sorted((n for n in os.listdir(folder) if n.startswith("folders-")), key=_made_at, reverse=True):
        try:
            os.rename(folder / name, staging)
        except OSError:
            continue      # taken by another build meanwhile
        kept = incremental.take_kept(staging, key, full)
        if kept is not None:
            return staging, True, *kept
        unknown = folder / f"building-{os.getpid()}-{time.time_ns()}"     # it does not say which files it holds:
        os.rename(staging, unknown)                                       # not used
        _discard(unknown)
    return staging, False, {}, []


def _swap_in(staging: Path, output: Path) -> Path:
    """Make ``output`` the site just built in ``staging``, in one atomic rename of a symbolic link."""
    site = staging.with_name(f"site-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**9}")
    staging.rename(site)
    link = output.parent / f".{output.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(site, output.parent), link)
    if output.exists() and not output.is_symlink():
        # A real folder from before this scheme (or made by hand): moved aside once, then linked.
        output.rename(versions_dir(output) / f"old-{os.getpid()}-{time.time_ns()}")
    os.replace(link, output)
    return site


def build_date(*folders, seen: dict | None = None) -> dt.datetime:
    """When the site's data was last changed, as pages show it (Vietnam time): ``SOURCE_DATE_EPOCH`` when set
    (reproducible builds: set it to the last commit's time), else the newest file under ``folders`` (hidden
    ones aside). Never the clock: the same input gives the same pages. ``seen``: the newest times the
    build's input stamp already found (``incremental.input_stamp``), folder -> [time]."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = int(epoch)
    elif seen is not None and all(folder in seen for folder in folders):
        stamp = max(seen[folder][0] for folder in folders)
    else:
        stamp = max((e.stat(follow_symlinks=False).st_mtime for folder in folders for e in _files(folder)), default=0)
    return dt.datetime.fromtimestamp(stamp, TIMEZONE).replace(tzinfo=None)


def _files(folder):
    stack = [str(folder)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                stack.append(e.path)
            else:
                yield e


def write_cms(root: Path, output: Path) -> None:
    """``/quan-tri/``, the web editor (``dvk.site.cms``), into a production build when ``publish.yaml`` has
    ``cms: {enabled: true}``; a missing install or a bad setting stops the build with a Vietnamese message."""
    from dvk.model.usererror import UserError
    from dvk.site import cms
    try:
        cms.write_public(root, output)
    except UserError as exc:
        raise BuildFailed(str(exc)) from None


def validate(root=ROOT, content=None, data=None) -> Corpus:
    return load_corpus(root, content, data)


def build(root=ROOT, output=None, settings_file=None, content=None, data=None, overrides=None,
          preview: bool = False, progress=None, cache=None, search: bool = True, full: bool = False,
          keep: dict | None = None) -> BuildResult:
    """Build the site into ``output`` (default ``<root>/output``); raise on any problem.

    Raises ``InvalidContent`` (with every problem found) or ``BuildFailed``;
    in both cases nothing under ``output`` has changed. ``progress(message)``, if given, hears
    each step of a long build in Vietnamese. ``cache`` is where processed images and search index files
    are kept between builds (default ``<root>/.cache``); ``search=False`` leaves the search index out.
    Showcase pages whose inputs did not change since the last build into ``output`` are carried over
    (``incremental.py``); ``full=True`` renders everything.

    ``keep`` (a dict) holds a build's context (corpus, showcase data, templates) between builds in one
    process, for the dev server's quick page: ``keep["context"]`` is this build's once it is done, the last
    one's while nothing changed, and nothing while a build fails or runs (the last one is let go first).
    """
    say = progress or (lambda message: None)
    from pelican import Pelican
    from pelican.settings import read_settings

    from dvk.site.pipeline import Pipeline

    started = time.perf_counter()
    root = Path(root).resolve()
    output = Path(os.path.abspath(output or root / "output"))   # not resolved: ``output`` is a link we replace
    content = Path(content or root / "content").resolve()
    data = Path(data or root / "data").resolve()
    cache_dir = Path(cache) if cache else root / ".cache"
    if settings_file is None:     # a site folder of its own may have no settings: the project's are used
        settings_file = root / "pelican.conf.py" if (root / "pelican.conf.py").is_file() else ROOT / "pelican.conf.py"
    settings_file = Path(settings_file)
    settings = read_settings(str(settings_file), override={"PATH": str(content), **(overrides or {})})
    key = incremental.build_key(SimpleNamespace(data=data, preview=preview), {**settings, "OUTPUT_PATH": ""},
                                settings_file)
    newest, seen = {content: [0], data: [0]}, {data: {}}
    stamp = _input_stamp(root, content, data, settings, settings_file, key, preview, search, overrides, newest, seen)
    counts = None if full else incremental.Manifest.unchanged(cache_dir, output, stamp)
    if counts:
        say("Nội dung, giao diện và cấu hình không thay đổi từ lần dựng trước: trang web hiện có đã đúng, không cần dựng lại.")
        return BuildResult(output, *counts[:1], time.perf_counter() - started, *counts[1:3])
    if keep and keep.pop("context", None) is not None:
        import gc
        gc.collect()        # the last build's context (its cycles included) let go before this one reads

    say("Đang đọc và kiểm tra nội dung…")
    # The corpus, read and checked, lives until the build ends: Python's cycle collector need not walk its
    # millions of objects again at each full collection (at 100,000 records, seconds of a build). Reading
    # makes millions of objects and no garbage: the collector is paused meanwhile (see ``dvk.memory``).
    with frozen():
        with no_collection():
            corpus = load_corpus(root, content, data, preview=preview, cache=None if full else cache_dir / "build",
                                 stamps=seen[data])
        if corpus.warnings:
            say(warnings_report(corpus.warnings))
        corpus.raise_if_invalid()
        say(f"Nội dung hợp lệ: {len(corpus.models)} mô hình, {sum(1 for p in corpus.posts if p.published)} bài "
            f"tin tức, {len(corpus.documents)} văn bản ({time.perf_counter() - started:.1f} giây). Đang dựng các trang…")
        output.parent.mkdir(parents=True, exist_ok=True)     # --output may name a folder not made yet
        _clean_leftovers(output)
        staging, reused, kept, bare = _new_staging(output, key, full)
        ctx = BuildContext(root=root, content=content, data=data, output=staging, corpus=corpus, preview=preview,
                           search=search, cache=Path(cache) if cache else None, progress=say)
        ctx.showcase = derive(corpus, None if full else cache_dir / "build" / "statistics.pickle", key,
                              apart=ctx.forks())
        ctx.built = build_date(content, data, seen=newest)
        settings = read_settings(str(settings_file),
                                 override={"PATH": str(content), "OUTPUT_PATH": str(staging), **(overrides or {})})
        # Templates compiled once, not by each of Pelican's generators in each build: Jinja's own cache, keyed by
        # each template's source (an edited template is compiled again).
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": _jinja_cache(cache_dir / "build" / "templates")}
        ctx.digests = incremental.Digests(ctx)
        ctx.markdown = RenderCache(None if full else cache_dir / "build" / "rendered-markdown.pickle")
        ctx.manifest = incremental.Manifest.open(ctx.cache_dir, output, key, full)
        ctx.manifest.kept = kept
        ctx.manifest.stamp, ctx.manifest.until = stamp, incremental.next_change(corpus)
        from pelican.log import console   # Pelican's own English progress line: our summary replaces it
        console.quiet = True
        collector = _ErrorCollector()
        logging.getLogger().addHandler(collector)
        try:
            with Pipeline(ctx, settings).connected():
                Pelican(settings).run()
            if collector.records:
                raise BuildFailed("\n".join(collector.messages))
            if not preview:     # the web editor (/quan-tri/), when publish.yaml enables it; written after the sitemap
                write_cms(root, staging)
        except InvalidContent:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except BuildFailed:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except Exception as exc:  # a template or plugin error: report it, keep output/
            shutil.rmtree(staging, ignore_errors=True)
            # An error that speaks to the editor (``user_facing``) is passed on as it is; any other is named.
            raise BuildFailed(str(exc) if getattr(exc, "user_facing", False) else f"{type(exc).__name__}: {exc}") from exc
        finally:
            logging.getLogger().removeHandler(collector)
            console.quiet = False

        if reused:      # the folders that may be empty are known: those that held no page, or lost theirs
            _remove_empty_among(staging, bare + [n.rpartition("/")[0] for n in ctx.manifest.dropped])
        pages, others = _count_pages(staging, ctx.manifest, ctx.manifest.previous_counts)
        posts = sum(1 for p in corpus.posts if p.published)
        ctx.manifest.counts = [pages, len(corpus.models), posts, others]
        previous = os.path.realpath(output) if output.is_symlink() else None
        site = _swap_in(staging, output)
        if previous and previous != str(site):
            _keep_folders(previous, output, ctx.manifest)
        ctx.manifest.save(site)
        ctx.markdown.save()
        if ctx.manifest.carried:
            say(f"Dựng lại {ctx.manifest.rendered} trang, giữ nguyên {ctx.manifest.carried} trang không đổi.")
        _clean_leftovers(output)
        if keep is not None:
            keep["context"] = ctx
        return BuildResult(output, pages, time.perf_counter() - started, len(corpus.models), posts)


def _count_pages(site: Path, manifest, previous: list | None) -> tuple[int, int]:
    """The HTML pages of ``site`` and how many of them the manifest does not list (404, search, the
    editor). Walking a national site's 100,000 folders takes seconds: a build that carried pages from the
    previous one counts the pages the manifest lists, plus the others as the last build counted them."""
    listed = sum(1 for n in manifest.new if n.endswith(".html"))
    if manifest.previous_site and previous and len(previous) > 3:
        return listed + previous[3], previous[3]
    pages = sum(1 for _, _, names in os.walk(site) for name in names if name.endswith(".html"))
    return pages, pages - listed


def _jinja_cache(folder: Path):
    from jinja2 import FileSystemBytecodeCache
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _input_stamp(root, content, data, settings, settings_file, key, preview, search, overrides, newest=None,
                 stats=None) -> str:
    """``incremental.input_stamp`` of a build: its folders, files, options and environment."""
    from dvk.site import cms
    theme = Path(settings.get("THEME") or ROOT / "theme")
    folders = [content, data, theme, Path(incremental.__file__).resolve().parent.parent]
    files = [settings_file, root / "publish.yaml", cms.dist_dir() / "decap-cms.js"]
    return incremental.input_stamp(folders, files, (key, str(content), str(data), preview, search,
                                                    sorted((k, repr(v)) for k, v in (overrides or {}).items()),
                                                    os.environ.get("SOURCE_DATE_EPOCH", "")), newest, stats)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dvk.site.build",
                                     description="Dựng trang web vào thư mục output/ (hoặc chỉ kiểm tra với --check).")
    parser.add_argument("--root", default=str(ROOT), help="thư mục dự án")
    parser.add_argument("--output", help="thư mục kết quả (mặc định: output/)")
    parser.add_argument("--content", help="thư mục bài viết (mặc định: content/)")
    parser.add_argument("--data", help="thư mục dữ liệu (mặc định: data/)")
    parser.add_argument("--settings", help="tệp cấu hình Pelican (mặc định: pelican.conf.py của dự án)")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra nội dung, không dựng trang")
    parser.add_argument("--theme", help="thư mục giao diện (mặc định: theme/ của dự án)")
    parser.add_argument("--full", action="store_true", help="dựng lại mọi trang, không dùng lại trang của lần dựng trước")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        if args.check:
            corpus = validate(args.root, args.content, args.data)
            if corpus.warnings:
                print(warnings_report(corpus.warnings), file=sys.stderr)
            if corpus.problems:
                raise InvalidContent(corpus.problems)
            print(f"Nội dung hợp lệ: {len(corpus.models)} mô hình, {len(corpus.posts)} bài tin tức, "
                  f"{len(corpus.documents)} văn bản, {len(corpus.reports)} báo cáo số liệu.")
            return 0
        started = time.perf_counter()
        result = build(args.root, args.output, settings_file=args.settings or ROOT / "pelican.conf.py",
                       content=args.content, data=args.data, full=args.full,
                       overrides={"THEME": os.path.abspath(args.theme)} if args.theme else None,
                       progress=lambda m: print(f"[{time.perf_counter() - started:5.1f} s] {m}", flush=True))
    except InvalidContent as exc:
        print(report(exc.problems), file=sys.stderr)
        if not args.check:
            print("Trang web chưa được dựng; thư mục kết quả cũ được giữ nguyên.", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(f"Lỗi khi dựng trang: {exc}\nTrang web chưa được dựng; thư mục kết quả cũ được giữ nguyên.",
              file=sys.stderr)
        return 1
    print(f"Đã dựng {result.pages} trang ({result.models} mô hình, {result.posts} bài tin tức) "
          f"vào {result.output} trong {result.seconds:.1f} giây.")
    return 0


def exit_now(code: int) -> None:
    """End the process with ``code`` once its output is flushed, without Python's own teardown: after a
    national build a gigabyte of objects is left, which the system frees at once and Python would take
    seconds to free one by one. Everything a build keeps is written before ``build`` returns, and the
    process emptying the replaced site runs on its own."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
