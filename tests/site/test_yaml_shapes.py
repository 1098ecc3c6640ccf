"""Every key of every content type, given values of every YAML shape: the validator answers with problems,
never an exception; and what it accepts, the build builds (validation and build agree on every value)."""
import datetime as dt
import shutil

import pytest
import yaml

from conftest import ROOT, VALID_MODEL, VALID_POST
from dvk.model import schema
from dvk.site.build import build
from dvk.load.corpus import load_corpus

SHAPES = [
    [["a"]], {"a": [1]}, None, True, 3.5, -1, 0, "", " ", "x" * 3000, dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 3, 4),
    {"a": {"b": {"c": 1}}}, [None], [{}], [[]], 10 ** 30, "2024-07-22", "2024-07-22 09:40", "../../etc/passwd",
    ["../x.jpg"], [{"src": "../../x.jpg", "alt": "a"}], [{"title": "t", "file": "../x.pdf"}],
    [{"title": ["a"], "url": ["b"], "date": ["c"]}], [{"label": ["x"], "value": "12", "unit": {}}],
    {"year": "x", "level": []}, {"province": ["x"], "unit": {}}, {"from": "2020", "to": None}, {"recognized": -1},
    {"x": 1}, {1: 2}, {None: 1}, "<script>alert(1)</script>", "https://x.vn/\"onmouseover=1", "Đắk Nông",
    ["children"], [{"title": "Báo", "url": "https://baodaknong.vn/a", "date": "2024-07-22"}],
]
DOCUMENT = {"number": "1-CV/HU", "doc_type": "Công văn", "issuer": "Huyện ủy", "place": "Triệu Phong",
            "date": "2019-07-30", "subject": "việc", "recipients": ["Các chi bộ"], "signer": "A",
            "signer_role": "Bí thư", "system": "party"}
REPORT = {"title": "Báo cáo", "scope": {"province": "Đắk Nông"}, "period": {"from": 2020, "to": 2021},
          "totals": {"recognized": 3}, "source": {"title": "Nguồn"}}
KINDS = {
    "model": (VALID_MODEL, schema.MODEL, "data/models/{name}.yaml", False),
    "report": (REPORT, schema.REPORT, "data/reports/{name}.yaml", False),
    "post": (VALID_POST, schema.POST, "content/tin-tuc/{name}.md", True),
    "document": (DOCUMENT, schema.DOCUMENT, "content/van-ban/{name}.md", True),
}


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_cases(root, kind, key):
    valid, _, pattern, markdown = KINDS[kind]
    for i, value in enumerate(SHAPES):
        name = f"{kind}-{key.replace('_', '-')}-{i}"
        data = {**valid, key: value}
        if kind in ("post", "document"):
            data.setdefault("slug", name)
        text = dump(data)
        path = root / pattern.format(name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{text}---\n\nThân bài.\n" if markdown else text, encoding="utf-8")


def fresh(root):
    shutil.rmtree(root, ignore_errors=True)
    (root / "data" / "models").mkdir(parents=True)
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "fields.yaml", root / "data" / "fields.yaml")


@pytest.mark.parametrize("kind", list(KINDS))
def test_validator_reports_every_shape_and_build_agrees(tmp_path, kind):
    root = tmp_path / "site"
    spec = KINDS[kind][1]
    accepted = []
    for key in list(spec.keys) + ["khoa-la"]:
        fresh(root)
        write_cases(root, kind, key)
        corpus = load_corpus(root)           # raises nothing, whatever the shape
        bad = {p.path for p in corpus.problems}
        written = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "fields.yaml")
        accepted += [(p.relative_to(root), p.read_text(encoding="utf-8")) for p in written
                     if p.relative_to(root).as_posix() not in bad]
        assert bad, f"{kind}.{key}: every shape accepted"
    # Everything the validator accepted, built together: no crash, nothing refused afterwards.
    fresh(root)
    for rel, text in accepted:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "data" / "models" / "tot.yaml").write_text(dump(VALID_MODEL), encoding="utf-8")
    assert load_corpus(root).problems == []
    result = build(root, root / "output", settings_file=ROOT / "pelican.conf.py")
    assert result.pages > 0


def test_fields_file_of_any_shape_is_reported_not_raised(tmp_path):
    root = tmp_path / "site"
    for value in SHAPES:
        fresh(root)
        (root / "data" / "fields.yaml").write_text(dump({"fields": value}), encoding="utf-8")
        problems = load_corpus(root).problems
        assert problems and all(p.path == "data/fields.yaml" for p in problems), value
        fresh(root)
        data = yaml.safe_load((ROOT / "data" / "fields.yaml").read_text(encoding="utf-8"))
        data["fields"][0]["topics"] = value
        (root / "data" / "fields.yaml").write_text(dump(data), encoding="utf-8")
        load_corpus(root)   # no exception, whatever the topics hold
