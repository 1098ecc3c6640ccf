"""Fixtures: small sites built into temporary folders, and the demo site built once."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

from dvk.site.build import build
from dvk.load.corpus import load_corpus

VALID_MODEL = {
    "name": "Mẹ đỡ đầu",
    "kind": "collective",
    "owner": "Công an tỉnh Đắk Nông",
    "field": "culture-society",
    "topics": ["children"],
    "province": "Đắk Nông",
    "status": "recognized",
    "recognized": {"year": 2024, "level": "province"},
    "summary": "Cán bộ, chiến sĩ nhận đỡ đầu trẻ em có hoàn cảnh khó khăn.",
}

VALID_POST = {
    "title": "Đắk Nông nâng cao chất lượng phong trào",
    "date": "2024-07-22 09:40",
    "category": "Phong trào thi đua",
    "summary": "Mười năm qua, tỉnh có 697 mô hình được công nhận.",
    "province": "Đắk Nông",
}


class Site:
    """A throwaway project: content/ and data/ in a temporary folder, built with the real settings."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True)
        (root / "data" / "models").mkdir(parents=True)
        shutil.copy(ROOT / "data" / "fields.yaml", root / "data" / "fields.yaml")
        self.output = root / "output"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def model(self, record_id: str, folder: str = "", **changes) -> Path:
        data = {**VALID_MODEL, **changes}
        data = {k: v for k, v in data.items() if v is not None}
        rel = f"data/models/{folder + '/' if folder else ''}{record_id}.yaml"
        return self.write(rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def post(self, name: str, body: str = "Nội dung bài viết.", **changes) -> Path:
        meta = {k: v for k, v in {**VALID_POST, **changes}.items() if v is not None}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return self.write(f"content/tin-tuc/{name}.md", f"---\n{front}---\n\n{body}\n")

    def build(self):
        return build(self.root, self.output, settings_file=ROOT / "pelican.conf.py")

    def problems(self):
        return load_corpus(self.root).problems

    def page(self, url: str) -> str:
        return (self.output / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "site")


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The repository's own demo content, built once for the whole session."""
    out = tmp_path_factory.mktemp("demo") / "output"
    build(ROOT, out)
    return out


def read_page(output: Path, url: str) -> str:
    return (output / url.strip("/") / "index.html").read_text(encoding="utf-8")
