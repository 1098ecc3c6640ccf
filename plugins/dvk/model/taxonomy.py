"""The four fields (lĩnh vực) and their topics, from ``data/fields.yaml``."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dvk.model.text import slugify

RESERVED_TOPIC_SLUGS = {"tat-ca", "trang", "chu-de-khac"}   # /linh-vuc/<field>/tat-ca/, …/trang/N/
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    field_id: str


@dataclass(frozen=True)
class Field:
    id: str
    name: str
    slug: str
    description: str
    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class Taxonomy:
    fields: tuple[Field, ...]

    # Made once per taxonomy (a national build asks for them for each of 100,000 records); not to be changed.
    @functools.cached_property
    def by_id(self) -> dict[str, Field]:
        return {f.id: f for f in self.fields}

    @functools.cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for f in self.fields for t in f.topics}


def parse_taxonomy(data) -> tuple[Taxonomy | None, list[tuple[tuple, str]]]:
    """Build the taxonomy from parsed ``fields.yaml``; returns (taxonomy, problems)."""
    problems: list[tuple[tuple, str]] = []
    if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
        return None, [((), "cần khóa “fields” chứa danh sách các lĩnh vực")]
    fields, seen_topics = [], set()
    for i, f in enumerate(data["fields"]):
        if not isinstance(f, dict):
            problems.append((("fields", i), "cần một nhóm trường id, name, slug, topics"))
            continue
        for key in ("id", "name", "slug"):
            if not isinstance(f.get(key), str) or not f.get(key):
                problems.append((("fields", i, key), "thiếu trường bắt buộc"))
            elif key != "name" and not _SLUG.fullmatch(f[key]):
                problems.append((("fields", i, key), f"“{f[key]}” không dùng được trong địa chỉ trang; cần chữ "
                                                     "thường không dấu, số và dấu gạch ngang, ví dụ kinh-te"))
        if not isinstance(f.get("topics") or [], list):
            problems.append((("fields", i, "topics"), "cần một danh sách các chủ đề"))
            continue
        topics = []
        for j, t in enumerate(f.get("topics") or []):
            if not isinstance(t, dict) or not isinstance(t.get("id"), str) or not isinstance(t.get("name"), str) \
                    or not t["id"] or not t["name"]:
                problems.append((("fields", i, "topics", j), "cần id và name (văn bản) của chủ đề"))
                continue
            if slugify(t["name"]) in RESERVED_TOPIC_SLUGS:
                problems.append((("fields", i, "topics", j, "name"), f"chủ đề “{t['name']}” có địa chỉ "
                                 f"“{slugify(t['name'])}” trùng với một trang do trang web tự tạo; hãy đổi tên chủ đề"))
            if not _SLUG.fullmatch(t["id"]):
                problems.append((("fields", i, "topics", j, "id"), f"mã chủ đề “{t['id']}” không hợp lệ; cần chữ "
                                                                   "thường không dấu, số và dấu gạch ngang"))
            if t["id"] in seen_topics:
                problems.append((("fields", i, "topics", j, "id"), f"mã chủ đề “{t['id']}” bị trùng"))
            seen_topics.add(t["id"])
            topics.append(Topic(str(t["id"]), str(t["name"]), str(f.get("id"))))
        fields.append(Field(str(f.get("id")), str(f.get("name")), str(f.get("slug")),
                            str(f.get("description") or ""), tuple(topics)))
    return (Taxonomy(tuple(fields)) if not problems else None), problems
