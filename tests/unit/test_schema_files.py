"""The committed JSON Schema files: in sync with dvk.model.schema, valid, wired for VS Code, agreeing with the checker."""
from __future__ import annotations

import datetime as dt
import fnmatch
import json

import jsonschema
import pytest
import yaml

from conftest import ROOT, VALID_MODEL
from dvk.tools import schemafiles
from dvk.tools.scaffold import new_document, new_model, new_post
from dvk.load.yamlsrc import split_front_matter


def as_json(value):
    """YAML values as the YAML extension sees them: dates are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def validator(name):
    doc = json.loads((ROOT / schemafiles.FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(doc)
    return jsonschema.Draft202012Validator(doc)


def errors(name, data):
    return sorted(e.message for e in validator(name).iter_errors(as_json(data)))


def test_committed_files_match_the_code():
    stale = schemafiles.stale(ROOT)
    assert stale == [], (f"{', '.join(stale)} in {schemafiles.FOLDER}/ differ from dvk/schema.py "
                         f"(and data/fields.yaml): run `invoke schema` and commit the result")


def test_vscode_maps_records_and_reports_to_the_schemas():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema_file, kind, sample in (("./data/schema/model.schema.json", "model", "data/models/dak-nong/me-do-dau.yaml"),
                                      ("./data/schema/report.schema.json", "report", "data/reports/dak-nong-2013-2023.yaml")):
        assert (ROOT / schema_file).is_file()
        assert any(fnmatch.fnmatch(sample, glob.replace("**/", "*")) for glob in mapping[schema_file]), (kind, sample)
        assert (ROOT / sample).is_file()


def test_every_demo_record_report_and_front_matter_is_valid_against_its_schema():
    checked = 0
    for path in sorted((ROOT / "data" / "models").rglob("*.yaml")):
        assert errors("model", yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path
        checked += 1
    for path in sorted((ROOT / "data" / "reports").glob("*.yaml")):
        assert errors("report", yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path
    for folder, name in (("tin-tuc", "post"), ("van-ban", "document")):
        for path in sorted((ROOT / "content" / folder).glob("*.md")):
            meta = split_front_matter(path.read_text(encoding="utf-8"))[0].load()
            assert errors(name, meta) == [], path
    assert checked >= 30


def test_scaffolded_files_with_empty_optional_keys_are_valid(site):
    record = yaml.safe_load(new_model(site.root, "Mẹ đỡ đầu", province="Đắk Nông", field="culture-society")
                            .read_text(encoding="utf-8"))
    assert record["locality"] is None and errors("model", record) == []
    post = split_front_matter(new_post(site.root, "Bài mới").read_text(encoding="utf-8"))[0].load()
    assert errors("post", post) == []
    doc = split_front_matter(new_document(site.root, "1-CV/HU", "thử").read_text(encoding="utf-8"))[0].load()
    assert errors("document", doc) == []


@pytest.mark.parametrize("change, expected", [
    ({"field": "culture"}, "'culture' is not one of"),
    ({"topics": ["tre-em"]}, "['tre-em'] is not valid under any of the given schemas"),
    ({"recognized": {"year": 2024}}, "'level' is a required property"),
    ({"summary": None}, "None is not of type 'string'"),
    ({"nam": "Mẹ đỡ đầu"}, "Additional properties are not allowed ('nam' was unexpected)"),
])
def test_the_schema_refuses_what_the_checker_refuses(site, change, expected):
    data = {**VALID_MODEL, **change}
    assert any(expected in e for e in errors("model", data)), errors("model", data)
    site.model("thu", **change)
    assert site.problems(), "the build's checker accepts what the schema refuses"
