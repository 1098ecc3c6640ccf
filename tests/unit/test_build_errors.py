"""A failure Pelican only logs (and carries on after) fails the build; the previous output stays as it was.

One tiny site in a temporary folder, built once: Pelican is made to log an ERROR the way it does for a
file it cannot read (“Could not process …”, then it goes on with the other files).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvk.site import reader
from dvk.site.build import BuildFailed, build

PROJECT = Path(__file__).resolve().parents[2]

MODEL = """name: Mẹ đỡ đầu
kind: collective
owner: Công an tỉnh Đắk Nông
field: culture-society
topics: [children]
province: Đắk Nông
status: recognized
recognized: {year: 2024, level: province}
summary: Cán bộ, chiến sĩ nhận đỡ đầu trẻ em có hoàn cảnh khó khăn.
"""

POST = """---
title: {title}
date: 2024-07-22 09:40
category: Phong trào thi đua
summary: Mười năm qua, tỉnh có nhiều mô hình được công nhận.
province: Đắk Nông
---

Nội dung bài viết về phong trào “Dân vận khéo”.
"""


def test_an_error_pelican_logs_fails_the_build_and_keeps_the_output(tmp_path, monkeypatch):
    root = tmp_path / "site"
    (root / "data" / "models").mkdir(parents=True)
    (root / "content" / "tin-tuc").mkdir(parents=True)
    shutil.copy(PROJECT / "data" / "fields.yaml", root / "data" / "fields.yaml")
    (root / "data" / "models" / "me-do-dau.yaml").write_text(MODEL, encoding="utf-8")
    (root / "content" / "tin-tuc" / "dak-nong-phong-trao.md").write_text(
        POST.format(title="Đắk Nông nâng cao chất lượng phong trào"), encoding="utf-8")
    (root / "content" / "tin-tuc" / "tep-hong.md").write_text(POST.format(title="Bài không đọc được"),
                                                               encoding="utf-8")
    output = root / "output"
    output.mkdir()
    (output / "index.html").write_text("trang cũ", encoding="utf-8")     # the site as it was before

    original = reader.VietnameseMarkdownReader.read

    def read(self, source_path):
        if source_path.endswith("tep-hong.md"):
            raise PermissionError(13, "Permission denied", source_path)
        return original(self, source_path)

    monkeypatch.setattr(reader.VietnameseMarkdownReader, "read", read)
    with pytest.raises(BuildFailed) as failed:
        build(root, output, settings_file=PROJECT / "pelican.conf.py", search=False)
    # Pelican's own log line ("Could not process …"), said in Vietnamese with the file and the reason
    assert str(failed.value) == "Không đọc được tệp content/tin-tuc/tep-hong.md: không có quyền đọc tệp"
    # Untouched: still the same plain folder with the same single file, and no half-built site left over.
    assert not output.is_symlink()
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "trang cũ"
    versions = root / ".output.versions"
    assert not versions.exists() or list(versions.iterdir()) == []


def test_a_site_builds_into_a_folder_whose_parent_does_not_exist_yet(tmp_path):
    root = tmp_path / "site"
    (root / "data" / "models").mkdir(parents=True)
    (root / "content").mkdir()
    shutil.copy(PROJECT / "data" / "fields.yaml", root / "data" / "fields.yaml")
    (root / "data" / "models" / "me-do-dau.yaml").write_text(MODEL, encoding="utf-8")
    output = tmp_path / "ban-dung" / "moi" / "output"
    build(root, output, settings_file=PROJECT / "pelican.conf.py", search=False)
    assert "<h1>Mẹ đỡ đầu</h1>" in (output / "mo-hinh" / "me-do-dau" / "index.html").read_text(encoding="utf-8")
