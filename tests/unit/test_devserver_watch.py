"""What the dev server watches: the site's content/ and data/, and the project's theme/ (paths written out)."""
from __future__ import annotations

from pathlib import Path

from dvk.tools.devserver import DevServer, watched_paths

PROJECT = Path(__file__).resolve().parents[2]       # this checkout: tests/unit/ is two levels down


def test_the_sites_content_data_and_the_projects_theme_and_code_are_watched(tmp_path):
    site = tmp_path / "xa-dak-ha"
    assert watched_paths(site) == [site / "content", site / "data", PROJECT / "theme", PROJECT / "plugins"]


def test_a_save_in_the_theme_is_seen_by_default(tmp_path):
    dev = DevServer(tmp_path, tmp_path / "preview", port=0, log=lambda *a: None)
    assert PROJECT / "theme" in dev.watch
    assert (PROJECT / "theme" / "templates").is_dir()
    assert dev.watch[:2] == [tmp_path.resolve() / "content", tmp_path.resolve() / "data"]
