"""Counting model records: by today's province, field, topic, kind, level, status, year."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field as dc_field


@dataclass
class Tally:
    """Counts over one set of model records."""

    total: int = 0
    recognized: int = 0          # records with a recognition (status recognized or replicated)
    by_field: Counter = dc_field(default_factory=Counter)
    by_topic: Counter = dc_field(default_factory=Counter)
    by_kind: Counter = dc_field(default_factory=Counter)
    by_level: Counter = dc_field(default_factory=Counter)
    by_status: Counter = dc_field(default_factory=Counter)
    by_former: Counter = dc_field(default_factory=Counter)      # pre-2025 province as written
    registered_by_year: Counter = dc_field(default_factory=Counter)
    recognized_by_year: Counter = dc_field(default_factory=Counter)

    def add(self, record) -> None:
        data = record.data
        self.total += 1
        self.by_field[record.field.id] += 1
        for t in record.topics:
            self.by_topic[t.id] += 1
        self.by_kind[data["kind"]] += 1
        self.by_status[data["status"]] += 1
        self.by_former[record.place.former or record.place.province.name] += 1
        if data.get("registered"):
            self.registered_by_year[data["registered"]] += 1
        rec = data.get("recognized")
        if rec:
            self.recognized += 1
            self.by_level[rec["level"]] += 1
            self.recognized_by_year[rec["year"]] += 1


@dataclass
class Statistics:
    national: Tally
    by_province: dict[str, Tally]      # today's province code -> tally
    by_field: dict[str, Tally]         # field id -> tally


def compute(records) -> Statistics:
    national, by_province, by_field = Tally(), {}, {}
    for r in records:
        national.add(r)
        code = r.place.province.code
        (by_province.get(code) or by_province.setdefault(code, Tally())).add(r)
        (by_field.get(r.field.id) or by_field.setdefault(r.field.id, Tally())).add(r)
    return Statistics(national, by_province, by_field)
