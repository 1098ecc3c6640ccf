"""dvk.site.build._remove_empty_among: of the folders a build started from that may be empty, those that are
go, deepest first; nothing else."""
from __future__ import annotations

import os

from dvk.site.build import _remove_empty_among


def tree(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(p, n), root) for p, dirs, files in os.walk(root) for n in dirs + files)


def test_empty_folders_among_those_named_go_from_the_deepest_up_and_the_rest_stays(tmp_path):
    for folder in ("mo-hinh/con", "mo-hinh/da-xoa", "tinh/lam-dong/trang/2", "tinh/lam-dong/trang/3",
                   "anh/ab", "rong/rong/rong", "khong-ten/rong"):
        (tmp_path / folder).mkdir(parents=True)
    for path in ("mo-hinh/con/index.html", "tinh/lam-dong/trang/2/index.html", "anh/ab/x.webp"):
        (tmp_path / path).write_text("x", encoding="utf-8")
    _remove_empty_among(tmp_path, ["", "rong", "rong/rong", "rong/rong/rong", "mo-hinh/da-xoa", "mo-hinh/con",
                                   "tinh/lam-dong/trang", "tinh/lam-dong/trang/3", "anh", "anh/ab", "da-mat/roi"])
    assert tree(tmp_path) == ["anh", "anh/ab", "anh/ab/x.webp", "khong-ten", "khong-ten/rong",     # not named: kept
                              "mo-hinh", "mo-hinh/con", "mo-hinh/con/index.html", "tinh", "tinh/lam-dong",
                              "tinh/lam-dong/trang", "tinh/lam-dong/trang/2", "tinh/lam-dong/trang/2/index.html"]
    assert tmp_path.is_dir()                           # the top folder itself stays
