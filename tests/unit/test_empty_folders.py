"""dvk.site.build._remove_empty_folders: the folders of pages gone are removed from a site started from kept
folders, and nothing else."""
from __future__ import annotations

import os

from dvk.site.build import _remove_empty_folders


def tree(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(p, n), root) for p, dirs, files in os.walk(root) for n in dirs + files)


def test_empty_folders_go_from_the_deepest_up_and_the_rest_stays(tmp_path):
    for folder in ("mo-hinh/con/index-cu", "mo-hinh/da-xoa", "tinh/lam-dong/trang/2", "tinh/lam-dong/trang/3",
                   "anh/ab", "rong/rong/rong"):
        (tmp_path / folder).mkdir(parents=True)
    for path in ("mo-hinh/con/index.html", "tinh/lam-dong/trang/2/index.html", "anh/ab/x.webp"):
        (tmp_path / path).write_text("x", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-ngoai"
    (outside / "rong").mkdir(parents=True)
    (tmp_path / "lien-ket").mkdir()
    (tmp_path / "lien-ket" / "den").symlink_to(outside, target_is_directory=True)
    _remove_empty_folders(tmp_path)
    assert tree(tmp_path) == ["anh", "anh/ab", "anh/ab/x.webp", "lien-ket", "lien-ket/den", "mo-hinh", "mo-hinh/con",
                              "mo-hinh/con/index.html", "tinh", "tinh/lam-dong", "tinh/lam-dong/trang",
                              "tinh/lam-dong/trang/2", "tinh/lam-dong/trang/2/index.html"]
    assert (outside / "rong").is_dir()                 # nothing removed through the link
    (tmp_path / "trong" / "rong").mkdir(parents=True)
    _remove_empty_folders(tmp_path / "trong")          # the top folder itself stays, even emptied
    assert tree(tmp_path / "trong") == [] and (tmp_path / "trong").is_dir()


def test_a_folder_known_to_hold_a_page_is_not_read(tmp_path):
    (tmp_path / "mo-hinh" / "giu").mkdir(parents=True)
    (tmp_path / "mo-hinh" / "bo").mkdir()
    _remove_empty_folders(tmp_path, {"mo-hinh/giu/"})
    assert tree(tmp_path) == ["mo-hinh", "mo-hinh/giu"]
    _remove_empty_folders(tmp_path)
    assert tree(tmp_path) == []
