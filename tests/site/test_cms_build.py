"""The web editor in the public build: /quan-tri/ only when publish.yaml enables it, served from the site's
own host (the pinned script copied in, a CSP naming no foreign script host), out of the sitemap."""
from __future__ import annotations

import re

import pytest
import yaml

from dvk.site.build import BuildFailed
from dvk.tools import cms

ENABLED = """siteurl: https://danvankheo.example.vn
cms:
  enabled: true
  backend: gitlab
  repo: ban-dan-van/dan-van-kheo
  branch: main
  app_id: 0123456789abcdef
  publish_mode: editorial_workflow
"""


@pytest.fixture(scope="module")
def require_cms():
    if not cms.installed():
        pytest.fail("Decap CMS is not installed: run `invoke test` or `invoke cms-install`")


def test_public_build_has_no_editor_unless_publish_yaml_enables_it(site, require_cms):
    site.model("tot")
    site.build()
    assert not (site.output / "quan-tri").exists()
    site.write("publish.yaml", "siteurl: https://danvankheo.example.vn\ncms:\n  enabled: false\n")
    site.build()
    assert not (site.output / "quan-tri").exists()


def test_enabled_editor_is_written_with_its_own_script_config_and_policy(site, require_cms):
    site.model("tot")
    site.write("publish.yaml", ENABLED)
    site.build()
    admin = site.output / "quan-tri"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "<title>Soạn bài — Dân vận khéo</title>" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert re.findall(r'<script src="([^"]+)"', page) == ["decap-cms.js", "dvk-cms.js"]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "script-src 'self' 'unsafe-eval';" in policy        # no other host may serve a script
    assert "connect-src 'self' blob: data: https://gitlab.com;" in policy
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "dvk-cms.js").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "gitlab"
    assert config["backend"]["repo"] == "ban-dan-van/dan-van-kheo"
    assert config["backend"]["app_id"] == "0123456789abcdef"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "vi"
    assert "local_backend" not in config
    sitemap = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("sitemap*.xml"))
    assert "/quan-tri/" not in sitemap and "/mo-hinh/tot/" in sitemap
    # `invoke publish` gives the site's CSS and JS hashed names; the editor keeps its own (it loads its parts by
    # name), and the stylesheet its preview names is still there.
    from dvk.render.assets import fingerprint
    names = sorted(p.name for p in admin.iterdir())
    mapping = fingerprint(site.output)
    assert sorted(p.name for p in admin.iterdir()) == names
    assert not [url for url in mapping if url.startswith("/quan-tri/")]
    assert 'registerPreviewStyle("../theme/css/site.css")' in (admin / "dvk-cms.js").read_text(encoding="utf-8")
    assert (site.output / "theme" / "css" / "site.css").is_file()


def test_missing_install_stops_the_build_with_the_command_that_installs_it(site, tmp_path, monkeypatch):
    site.model("tot")
    site.write("publish.yaml", ENABLED)
    monkeypatch.setenv("DVK_CMS_DIR", str(tmp_path / "nothing-here"))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert str(failed.value) == ("Chưa cài trình soạn bài Decap CMS 3.16.3 (cần cho trang /quan-tri/). "
                                 "Cài bằng lệnh: invoke cms-install")
    assert not site.output.exists()


def test_unknown_backend_is_refused_in_vietnamese(site, require_cms):
    site.model("tot")
    site.write("publish.yaml", ENABLED.replace("backend: gitlab", "backend: bitbucket"))
    with pytest.raises(BuildFailed, match="cms.backend “bitbucket” không hợp lệ; cần một trong: github, gitlab, "
                                          "gitea, forgejo"):
        site.build()


def test_gitea_without_editorial_workflow_is_said_before_building(site):
    site.model("tot")
    site.write("publish.yaml", ENABLED.replace("backend: gitlab", "backend: gitea"))
    with pytest.raises(BuildFailed, match="chưa có quy trình duyệt bài với Gitea; đặt cms.publish_mode: simple"):
        site.build()
