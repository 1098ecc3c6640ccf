"""Plain domain objects for the unit tests: records, reports and corpora built from literal data.

Nothing here calls a function under test to make an expectation; it only builds inputs.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from dvk.load.corpus import Corpus, ModelRecord, Report
from dvk.model.provinces import resolve
from dvk.model.taxonomy import parse_taxonomy

PROJECT = Path(__file__).resolve().parents[2]
FIELDS_YAML = PROJECT / "data" / "fields.yaml"
TAXONOMY = parse_taxonomy(yaml.safe_load(FIELDS_YAML.read_text(encoding="utf-8")))[0]
FIELDS = TAXONOMY.fields


def record(rid: str, name: str, province: str, field: str = "culture-society", topics=(), kind: str = "collective",
           registered: int | None = None, recognized: tuple[int, str] | None = None, status: str | None = None,
           owner: str = "Hội Liên hiệp Phụ nữ xã", **extra) -> ModelRecord:
    """A validated-looking model record, made directly (no YAML, no loader)."""
    data = {"name": name, "kind": kind, "owner": owner, "field": field, "province": province,
            "status": status or ("recognized" if recognized else "registered"),
            "summary": f"Tóm tắt mô hình {name}.", **extra}
    if topics:
        data["topics"] = list(topics)
    if registered:
        data["registered"] = registered
    if recognized:
        data["recognized"] = {"year": recognized[0], "level": recognized[1]}
    place = resolve(province)
    assert place is not None, province
    f = TAXONOMY.by_id[field]
    return ModelRecord(rid, f"data/models/{rid}.yaml", data, place, f, [TAXONOMY.topics[t] for t in topics])


def report(rid: str, province: str | None, period: tuple[int, int] | None, unit: str | None = None,
           **totals) -> Report:
    scope = {k: v for k, v in (("province", province), ("unit", unit)) if v}
    data = {"title": f"Báo cáo {rid}", "scope": scope, "totals": totals,
            "source": {"title": "Báo Đắk Nông", "url": "https://baodaknong.vn/bai-viet.html"}}
    if period:
        data["period"] = {"from": period[0], "to": period[1]}
    return Report(rid, f"data/reports/{rid}.yaml", data, resolve(province) if province else None)


def corpus(models, reports=()) -> Corpus:
    return Corpus(root=PROJECT, taxonomy=TAXONOMY, models={m.id: m for m in models}, reports=list(reports))
