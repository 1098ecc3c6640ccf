"""invoke publish: production build, fingerprinted assets, pre-compressed text, to a folder and to a git branch."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import subprocess
import sys

import brotli
import pytest

from conftest import ROOT
from dvk.render import assets
from dvk.tools.publish import Config, load_config, publish
from dvk.model.usererror import UserError

SITEURL = "https://danvankheo.example.vn/trang"


def make_site(site):
    site.model("me-do-dau")
    site.post("da-dang", title="Bài đã đăng", slug="da-dang", models=["me-do-dau"])
    site.post("con-nhap", title="Bài còn nháp", slug="con-nhap", status="draft")
    site.post("hen-gio", title="Bài hẹn giờ", slug="hen-gio", date=f"{dt.date.today().year + 1}-01-01 08:00")
    return site


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_publish_to_a_folder(site, tmp_path):
    make_site(site)
    dest = tmp_path / "www"
    result = publish(site.root, Config(SITEURL, "rsync", str(dest)), settings_file=ROOT / "pelican.conf.py",
                     log=lambda *a: None)
    home = (dest / "index.html").read_text(encoding="utf-8")
    # Production settings: absolute addresses from the site URL, no drafts, no scheduled posts.
    assert f'href="{SITEURL}/tin-tuc/"' in home
    assert (dest / "tin-tuc" / "da-dang" / "index.html").is_file()
    assert not (dest / "tin-tuc" / "con-nhap").exists() and not (dest / "tin-tuc" / "hen-gio").exists()
    feed = (dest / "feeds" / "tin-tuc.atom.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/tin-tuc/da-dang/" in feed and "Bài hẹn giờ" not in feed and "Bài còn nháp" not in feed
    # CSS is fingerprinted: every page points at the hashed name, which holds the stylesheet.
    css = re.search(rf'href="{re.escape(SITEURL)}/theme/css/(site\.[0-9a-f]{{10}}\.css)"', home)[1]
    assert (dest / "theme" / "css" / css).read_bytes() == (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    assert result.fingerprinted["/theme/css/site.css"] == f"/theme/css/{css}"
    for page in dest.rglob("*.html"):
        assert "/theme/css/site.css\"" not in page.read_text(encoding="utf-8"), page
    # The search page loads its fingerprinted script, which finds the index under the site address.
    search = (dest / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    script = re.search(rf'src="{re.escape(SITEURL)}/theme/js/(search\.[0-9a-f]{{10}}\.js)"', search)[1]
    assert (dest / "theme" / "js" / script).is_file()
    assert f'data-index="{SITEURL}/recindex/"' in search
    manifest = json.loads((dest / "recindex" / "index.json").read_text(encoding="utf-8"))
    assert manifest["records"] > 0 and all((dest / "recindex" / "t" / f"{k}.bin").is_file() for k in manifest["shards"].split()
                                          if re.fullmatch("[a-z0-9]+", k))
    # Text files are pre-compressed; what a client unpacks is the page itself.
    raw = (dest / "index.html").read_bytes()
    assert gzip.decompress((dest / "index.html.gz").read_bytes()) == raw
    assert brotli.decompress((dest / "index.html.br").read_bytes()) == raw
    assert len((dest / "index.html.br").read_bytes()) < len(raw) / 2
    # Publishing again after a post is removed removes its page from the target.
    (site.root / "content" / "tin-tuc" / "da-dang.md").unlink()
    publish(site.root, Config(SITEURL, "rsync", str(dest)), settings_file=ROOT / "pelican.conf.py",
            log=lambda *a: None)
    assert not (dest / "tin-tuc" / "da-dang").exists() and (dest / "index.html").is_file()


def test_publish_refuses_when_validation_fails_and_leaves_the_target_alone(site, tmp_path):
    make_site(site)
    dest = tmp_path / "www"
    publish(site.root, Config(SITEURL, "rsync", str(dest)), settings_file=ROOT / "pelican.conf.py", log=lambda *a: None)
    before = {p.relative_to(dest): p.stat().st_mtime_ns for p in dest.rglob("*")}
    site.model("me-do-dau", field="culture")
    with pytest.raises(UserError) as exc:
        publish(site.root, Config(SITEURL, "rsync", str(dest)), settings_file=ROOT / "pelican.conf.py",
                log=lambda *a: None)
    message = str(exc.value)
    assert message.startswith("Không đăng vì nội dung có lỗi:")
    assert "data/models/me-do-dau.yaml:4 — trường “field”: giá trị “culture” không hợp lệ" in message
    assert {p.relative_to(dest): p.stat().st_mtime_ns for p in dest.rglob("*")} == before


def test_publish_to_a_git_branch_for_github_pages(site, tmp_path):
    make_site(site)
    bare = tmp_path / "pages.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("init", "--quiet", cwd=site.root)
    git("remote", "add", "origin", str(bare), cwd=site.root)
    config = load_config(site.root, siteurl=SITEURL, method="git", cname="danvankheo.example.vn")
    assert (config.to, config.branch, config.precompress) == ("origin", "gh-pages", False)
    publish(site.root, config, settings_file=ROOT / "pelican.conf.py", log=lambda *a: None)
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert {"index.html", ".nojekyll", "CNAME", "tin-tuc/da-dang/index.html"} <= set(files)
    assert not [f for f in files if f.endswith((".gz", ".br"))]
    assert git("show", "gh-pages:CNAME", cwd=bare).strip() == "danvankheo.example.vn"
    assert "Bài đã đăng" in git("show", "gh-pages:tin-tuc/da-dang/index.html", cwd=bare)
    assert "tin-tuc/con-nhap/index.html" not in files
    # The next publication continues the branch's history.
    site.post("bai-moi", title="Bài mới đăng", slug="bai-moi")
    publish(site.root, config, settings_file=ROOT / "pelican.conf.py", log=lambda *a: None)
    log = git("log", "--format=%s", "gh-pages", cwd=bare).splitlines()
    assert len(log) == 2 and all(line.startswith("Đăng trang web ") for line in log)
    assert "tin-tuc/bai-moi/index.html" in git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare)


def test_the_command_needs_a_site_address_and_a_target(site, tmp_path):
    make_site(site)
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "PUBLISH_TO", "PUBLISH_METHOD")}
    env["DVK_PROJECT"] = str(site.root)
    run = subprocess.run([sys.executable, "-m", "invoke", "publish", "--to", str(tmp_path / "www")], cwd=ROOT,
                         env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Lỗi: Chưa có địa chỉ trang web công khai" in run.stderr
    with pytest.raises(UserError, match="Chưa có nơi đăng"):
        load_config(site.root, siteurl=SITEURL)
    site.write("publish.yaml", f"siteurl: {SITEURL}\nmethod: ftp\nto: x\n")
    with pytest.raises(UserError, match="Cách đăng “ftp” không hợp lệ"):
        load_config(site.root)
    run = subprocess.run([sys.executable, "-m", "invoke", "publish", "--method", "rsync", "--to",
                          str(tmp_path / "www"), "--dry-run"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Chạy thử (--dry-run)" in run.stdout and not (tmp_path / "www").exists()
    assert (site.root / "output" / "index.html.br").is_file()


def test_fingerprints_follow_references_between_assets(tmp_path):
    site = tmp_path / "out"
    (site / "theme" / "css").mkdir(parents=True)
    (site / "theme" / "js").mkdir(parents=True)
    (site / "theme" / "css" / "base.css").write_text("body { color: #222 }\n")
    (site / "theme" / "css" / "site.css").write_text('@import url("/theme/css/base.css");\n')
    (site / "theme" / "js" / "tim-kiem.js").write_text("console.log('tìm kiếm');\n")
    (site / "index.html").write_text('<link href="/theme/css/site.css"><script src="/theme/js/tim-kiem.js?v=1">'
                                     '</script><a href="/theme/css/site.css.map">x</a>')
    first = assets.fingerprint(site)
    html = (site / "index.html").read_text()
    assert f'href="{first["/theme/css/site.css"]}"' in html and f'src="{first["/theme/js/tim-kiem.js"]}?v=1"' in html
    assert 'href="/theme/css/site.css.map"' in html        # another file that merely starts the same way
    hashed_site = site / first["/theme/css/site.css"].lstrip("/")
    assert first["/theme/css/base.css"] in hashed_site.read_text()
    # Changing only base.css changes the name of site.css too, since site.css points at it.
    (site / "theme" / "css" / "base.css").write_text("body { color: #000 }\n")
    for p in list(site.rglob("*.*.css")) + list(site.rglob("*.*.js")):
        p.unlink()
    (site / "theme" / "css" / "site.css").write_text('@import url("/theme/css/base.css");\n')
    second = assets.fingerprint(site)
    assert second["/theme/css/base.css"] != first["/theme/css/base.css"]
    assert second["/theme/css/site.css"] != first["/theme/css/site.css"]
    assert second["/theme/js/tim-kiem.js"] == first["/theme/js/tim-kiem.js"]
