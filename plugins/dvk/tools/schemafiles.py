"""The JSON Schema files editors' tools read, generated from ``dvk.model.schema``.

``dvk.model.schema`` is the one description of the content model; these files are
derived from it (plus the topic ids of ``data/fields.yaml``, for completion)
and committed under ``data/schema/`` so that VS Code's YAML extension gives
completion and inline errors in model records and reports
(``.vscode/settings.json`` maps them). ``invoke schema`` rewrites them;
a test fails when they drift from the code.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from dvk.model import schema
from dvk.model.taxonomy import parse_taxonomy
from dvk.load.yamlsrc import Source, YamlSyntaxError, read_text

FOLDER = "data/schema"
SPECS = {
    "model": schema.MODEL,
    "report": schema.REPORT,
    "post": schema.POST,
    "document": schema.DOCUMENT,
}


def _topics(root: Path) -> list[tuple[str, str]]:
    path = Path(root) / "data" / "fields.yaml"
    try:
        taxonomy, _ = parse_taxonomy(Source(read_text(path)).load())
    except (OSError, YamlSyntaxError):
        return []
    return [(t.id, t.name) for t in taxonomy.topics.values()] if taxonomy else []


def _with_topic_enum(node: dict, topics: list[tuple[str, str]]) -> dict:
    """Give every string schema in ``node`` the topic ids as choices."""
    node = copy.deepcopy(node)
    stack = [node]
    while stack:
        current = stack.pop()
        if current.get("type") == "string":
            current["enum"] = [t for t, _ in topics]
            current["markdownEnumDescriptions"] = [name for _, name in topics]
            current.pop("minLength", None)
        if isinstance(current.get("items"), dict):
            stack.append(current["items"])
        stack.extend(current.get("anyOf", []))
    return node


def _optional_may_be_empty(node):
    """An optional key left empty (``locality:``) is accepted by the checker; say so in the schema too."""
    if isinstance(node, list):
        for item in node:
            _optional_may_be_empty(item)
        return
    if not isinstance(node, dict):
        return
    required = set(node.get("required", ()))
    for name, prop in (node.get("properties") or {}).items():
        if name in required:
            continue
        if "type" in prop:
            prop["type"] = [prop["type"], "null"] if isinstance(prop["type"], str) else prop["type"]
        elif "enum" in prop:
            prop["enum"] = prop["enum"] + [None]
            if "markdownEnumDescriptions" in prop:
                prop["markdownEnumDescriptions"] = prop["markdownEnumDescriptions"] + ["để trống"]
        elif "anyOf" in prop:
            prop["anyOf"] = prop["anyOf"] + [{"type": "null"}]
    for value in node.values():
        if isinstance(value, (dict, list)):
            _optional_may_be_empty(value)


def generate(root) -> dict[str, str]:
    """File name → JSON text, for every schema."""
    topics = _topics(root)
    files = {}
    for name, spec in SPECS.items():
        doc = schema.json_schema(spec, f"urn:dan-van-kheo:schema:{name}")
        if topics and name == "model":
            doc["properties"]["topics"] = _with_topic_enum(doc["properties"]["topics"], topics)
        if topics and name == "report":
            doc["properties"]["by_topic"]["propertyNames"] = {"enum": [t for t, _ in topics]}
        _optional_may_be_empty(doc)
        files[f"{name}.schema.json"] = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return files


def write(root) -> list[str]:
    """(Re)write the files under ``data/schema/``; return the names that changed."""
    folder = Path(root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate(root).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale(root) -> list[str]:
    """The files under ``data/schema/`` that are missing or differ from what the code generates."""
    folder = Path(root) / FOLDER
    return [name for name, text in generate(root).items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
