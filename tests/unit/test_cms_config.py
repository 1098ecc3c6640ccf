"""The web editor's configuration (dvk.site.cmsconfig) against the schema it is generated from.

The keys a form must have are read from the committed JSON Schema files (data/schema/*.schema.json), not
from the generator; rules are compared value by value with the validator (dvk.model.schema.check)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from dvk.model import schema
from dvk.site import cmsconfig

COLLECTIONS = {"mo-hinh": "model", "so-lieu": "report", "tin-tuc": "post", "van-ban": "document", "trang": "post"}


def schema_keys(node: dict, prefix: str = "") -> set[str]:
    """Every key path a JSON Schema allows: ``recognized.year``, ``results.label``, ``by_topic.children``."""
    keys = set()
    for option in node.get("anyOf", []):
        keys |= schema_keys(option, prefix)
    if isinstance(node.get("items"), dict):
        keys |= schema_keys(node["items"], prefix)
    for name in (node.get("propertyNames") or {}).get("enum", []):
        keys.add(prefix + name)
    for name, sub in (node.get("properties") or {}).items():
        keys.add(prefix + name)
        keys |= schema_keys(sub, f"{prefix}{name}.")
    return keys


def form_keys(fields: list[dict], prefix: str = "") -> set[str]:
    keys = set()
    for f in fields:
        keys.add(prefix + f["name"])
        keys |= form_keys(f.get("fields", []), f"{prefix}{f['name']}.")
    return keys


@pytest.fixture(scope="module")
def config():
    return cmsconfig.config(ROOT, {"backend": "github", "repo": "ban-dan-van/dan-van-kheo"})


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def field_at(fields, path):
    head, _, rest = path.partition(".")
    f = next(f for f in fields if f["name"] == head)
    return field_at(f["fields"], rest) if rest else f


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_every_schema_key_and_no_other_is_in_the_form(config, name):
    doc = json.loads((ROOT / "data" / "schema" / f"{COLLECTIONS[name]}.schema.json").read_text(encoding="utf-8"))
    fields = collection(config, name)["fields"]
    expected = schema_keys(doc)
    if name in ("tin-tuc", "van-ban", "trang"):
        expected.add("body")                         # the Markdown under the front matter
    assert form_keys(fields) == expected


@pytest.mark.parametrize("name, kind", [("mo-hinh", "model"), ("so-lieu", "report"), ("tin-tuc", "post"),
                                        ("van-ban", "document")])
def test_required_keys_are_required_in_the_form(config, name, kind):
    doc = json.loads((ROOT / "data" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    fields = collection(config, name)["fields"]
    assert {f["name"] for f in fields if f["required"]} == set(doc["required"])


def test_pages_require_only_a_title(config):
    assert [f["name"] for f in collection(config, "trang")["fields"] if f["required"]] == ["title"]


def test_records_are_written_in_their_province_folder_named_from_the_name(config):
    models = collection(config, "mo-hinh")
    assert models["folder"] == "data/models"
    assert models["path"] == "{{province}}/{{slug}}"
    assert models["identifier_field"] == "name"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert (collection(config, "tin-tuc")["folder"], collection(config, "van-ban")["folder"]) == \
        ("content/tin-tuc", "content/van-ban")
    assert collection(config, "so-lieu")["folder"] == "data/reports"


def test_select_lists_have_vietnamese_labels(config):
    fields = collection(config, "mo-hinh")["fields"]
    options = lambda path: [(o["label"], o["value"]) for o in field_at(fields, path)["options"]]  # noqa: E731
    assert options("kind") == [("Tập thể", "collective"), ("Cá nhân", "individual")]
    assert options("field") == [("Kinh tế", "economy"), ("Văn hóa - xã hội", "culture-society"),
                                ("Quốc phòng - an ninh", "defense-security"),
                                ("Xây dựng Đảng và hệ thống chính trị", "party-building")]
    assert options("status") == [("Đăng ký", "registered"), ("Được công nhận", "recognized"),
                                 ("Được nhân rộng", "replicated")]
    assert options("recognized.level") == [("Cấp cơ sở", "grassroots"), ("Cấp huyện", "district"),
                                           ("Cấp tỉnh", "province"), ("Cấp toàn quốc", "national")]
    assert ("Văn hóa - xã hội — Chăm sóc, bảo vệ trẻ em", "children") in options("topics")
    assert field_at(fields, "topics")["multiple"] is True
    provinces = options("province")
    today = [label for label, _ in provinces if "trước 2025" not in label]
    assert len(today) == 34
    assert {"Lâm Đồng", "Hồ Chí Minh", "Huế", "Hà Nội", "Đắk Lắk", "Quảng Trị"} <= set(today)
    assert ("Đắk Nông (trước 2025, nay thuộc Lâm Đồng)", "Đắk Nông") in provinces
    assert provinces[:34] == [(p, p) for p in today]


# Values the validator accepts (True) or refuses (False), checked against the form's pattern for the same key.
PATTERN_CASES = [
    ("tin-tuc", "slug", schema.POST, ["me-do-dau", "bai-2024", "Mẹ đỡ đầu", "me--do", "-me", "a" * 81, "a" * 80]),
    ("tin-tuc", "models", schema.POST, ["me-do-dau", "Me-do-dau", "me do dau"]),
    ("tin-tuc", "source_url", schema.POST, ["https://baodaknong.vn/a", "http://x.vn", "baodaknong.vn",
                                            "https://bao dak.vn", "ftp://x.vn", "https://localhost",
                                            "https://localhost:8000/a", "https://x.vn/<b>", "HTTPS://X.VN"]),
    ("tin-tuc", "category", schema.POST, ["Phong trào thi đua", "   ", "x" * 100, "x" * 101]),
    ("mo-hinh", "name", schema.MODEL, ["Mẹ đỡ đầu", "  ", "\t"]),
]


@pytest.mark.parametrize("name, key, spec, values", PATTERN_CASES)
def test_patterns_accept_and_refuse_what_the_validator_does(config, name, key, spec, values):
    f = field_at(collection(config, name)["fields"], key)
    pattern = (f.get("field") or f)["pattern"][0]
    for value in values:
        validator_ok = not schema.check(spec.keys[key], value)
        form_ok = re.search(pattern, value) is not None
        assert form_ok == validator_ok, (key, value)


def test_number_ranges_are_the_validators(config):
    fields = collection(config, "mo-hinh")["fields"]
    for path in ("registered", "recognized.year"):
        f = field_at(fields, path)
        assert (f["widget"], f["value_type"], f["min"], f["max"]) == ("number", "int", 1945, 2100)
    totals = field_at(collection(config, "so-lieu")["fields"], "totals.recognized")
    assert (totals["value_type"], totals["min"]) == ("int", 0)


def test_dates_are_written_in_the_validators_format(config):
    post = field_at(collection(config, "tin-tuc")["fields"], "date")
    assert post["format"] == "YYYY-MM-DD HH:mm"
    document = field_at(collection(config, "van-ban")["fields"], "date")
    assert (document["format"], document["time_format"]) == ("YYYY-MM-DD", False)


def test_images_go_to_content_images_named_as_the_build_expects(config):
    assert (config["media_folder"], config["public_folder"]) == ("content/images", "images")
    post = collection(config, "tin-tuc")
    assert (post["media_folder"], post["public_folder"]) == ("/content/images", "{static}/images")   # the body
    image = field_at(post["fields"], "image")
    assert (image["widget"], image["media_folder"], image["public_folder"]) == ("image", "/content/images", "images")
    src = field_at(collection(config, "mo-hinh")["fields"], "images.src")
    assert (src["widget"], src["public_folder"]) == ("image", "images")


def test_interface_and_labels_are_vietnamese(config):
    assert config["locale"] == "vi"
    assert [c["label"] for c in config["collections"]] == ["Mô hình", "Số liệu báo cáo", "Tin tức", "Văn bản",
                                                            "Trang tĩnh"]
    fields = collection(config, "mo-hinh")["fields"]
    assert [f["label"] for f in fields[:4]] == ["Tên mô hình", "Loại mô hình", "Đơn vị hoặc người thực hiện", "Lĩnh vực"]
    assert field_at(fields, "summary")["hint"] == "Tóm tắt một, hai câu"


@pytest.mark.parametrize("settings, backend, mode", [
    ({"backend": "github", "repo": "a/b", "base_url": "https://oauth.example.vn", "publish_mode": "simple"},
     {"name": "github", "repo": "a/b", "branch": "main", "base_url": "https://oauth.example.vn"}, "simple"),
    ({"backend": "gitlab", "repo": "a/b", "app_id": "abc", "branch": "chinh"},
     {"name": "gitlab", "repo": "a/b", "branch": "chinh", "app_id": "abc", "auth_type": "pkce"}, "editorial_workflow"),
    ({"backend": "gitea", "repo": "a/b", "base_url": "https://git.example.vn",
      "api_root": "https://git.example.vn/api/v1", "app_id": "id", "publish_mode": "simple"},
     {"name": "gitea", "repo": "a/b", "branch": "main", "base_url": "https://git.example.vn",
      "api_root": "https://git.example.vn/api/v1", "app_id": "id"}, "simple"),
])
def test_backend_comes_from_publish_yaml(settings, backend, mode):
    cfg = cmsconfig.config(ROOT, settings)
    got = {k: v for k, v in cfg["backend"].items() if k != "commit_messages"}
    assert got == backend
    assert cfg["publish_mode"] == mode
    assert "local_backend" not in cfg


def test_local_backend_is_named_only_when_asked(config):
    local = cmsconfig.config(ROOT, {}, local_backend="http://127.0.0.1:8081/api/v1")
    assert local["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1", "allowed_hosts": ["localhost", "127.0.0.1"]}


@pytest.mark.parametrize("settings, connect", [
    ({"backend": "github", "base_url": "https://oauth.example.vn"},
     "'self' blob: data: https://api.github.com https://oauth.example.vn"),
    ({"backend": "gitlab"}, "'self' blob: data: https://gitlab.com"),
    ({"backend": "gitlab", "base_url": "https://git.example.vn", "api_root": "https://git.example.vn/api/v4"},
     "'self' blob: data: https://git.example.vn"),
    ({"backend": "gitea", "base_url": "https://git.example.vn", "api_root": "https://git.example.vn/api/v1"},
     "'self' blob: data: https://git.example.vn"),
])
def test_the_editor_may_talk_to_its_own_host_and_its_git_host_only(settings, connect):
    from dvk.site.cms import csp
    policy = dict(part.strip().split(" ", 1) for part in csp(settings).split(";"))
    assert policy["connect-src"] == connect
    assert policy["script-src"] == "'self' 'unsafe-eval'"
    assert policy["default-src"] == "'none'" and policy["object-src"] == "'none'"
