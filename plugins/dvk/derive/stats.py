"""Counting model records: by today's province, field, topic, kind, level, status, year."""
from __future__ import annotations

import hashlib
import marshal
from collections import Counter
from operator import itemgetter
from pathlib import Path
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
    by_field_kind: Counter = dc_field(default_factory=Counter)  # (field id, kind) -> count
    registered_by_year: Counter = dc_field(default_factory=Counter)
    recognized_by_year: Counter = dc_field(default_factory=Counter)

    def add(self, record) -> None:
        data = record.data
        self.total += 1
        self.by_field[record.field.id] += 1
        for t in record.topics:
            self.by_topic[t.id] += 1
        self.by_kind[data["kind"]] += 1
        self.by_field_kind[(record.field.id, data["kind"])] += 1
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


def compute(records, cache: Path | None = None, version: str = "") -> Statistics:
    """The tallies of ``records``: the nation's, each province's and each field's, each the same as adding the
    records to it one by one (``Tally.add``), every count in the same order. Made from each record's counted
    values, read once, a column at a time (at national scale, three times quicker than record by record).

    With ``cache`` (a file), the tallies are kept there with a digest of every record's counted values and
    province, in order, under ``version`` (the build key: the code): when no counted value changed since (an
    edit of a summary, a description, a picture), they are read back, not counted again."""
    rows, codes, provinces, fields = [], [], {}, {}
    for r in records:
        d = r.data
        rec = d.get("recognized")
        row = (r.field.id, [t.id for t in r.topics], d["kind"], d["status"], r.place.former or r.place.province.name,
               d.get("registered"), rec["level"] if rec else None, rec["year"] if rec else None, bool(rec))
        rows.append(row)
        code = r.place.province.code
        codes.append(code)
        provinces.setdefault(code, []).append(row)
        fields.setdefault(row[0], []).append(row)
    digest = None
    if cache is not None:
        from dvk import cachefile
        try:
            digest = hashlib.blake2b(marshal.dumps((codes, rows), 2), digest_size=16).hexdigest()
        except ValueError:          # a value marshal does not know: counted, not kept
            digest = None
        kept = cachefile.load(cache, version) if digest else None
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest:
            return kept[1]
    stats = Statistics(_tally(rows), {code: _tally(v) for code, v in provinces.items()},
                       {field: _tally(v) for field, v in fields.items()})
    if digest:
        cachefile.save(cache, version, (digest, stats))
    return stats


def _tally(rows) -> Tally:
    field, kind = itemgetter(0), itemgetter(2)
    recognized = [row for row in rows if row[8]]
    return Tally(total=len(rows), recognized=len(recognized), by_field=Counter(map(field, rows)),
                 by_topic=Counter(t for row in rows for t in row[1]), by_kind=Counter(map(kind, rows)),
                 by_level=Counter(map(itemgetter(6), recognized)), by_status=Counter(map(itemgetter(3), rows)),
                 by_former=Counter(map(itemgetter(4), rows)), by_field_kind=Counter(map(itemgetter(0, 2), rows)),
                 registered_by_year=Counter(y for y in map(itemgetter(5), rows) if y),
                 recognized_by_year=Counter(map(itemgetter(7), recognized)))


# ---------------------------------------------------------------- reported figures against the records

@dataclass(frozen=True)
class Coverage:
    """How many of the models a report counts have a record on the site."""

    key: str            # "recognized" | "registered": which reported total
    on_site: int        # records in the report's scope whose year falls in its period
    reported: int       # the committee's figure

    @property
    def label(self) -> str:
        return "được công nhận" if self.key == "recognized" else "đăng ký xây dựng"


def in_report_scope(report, record) -> bool:
    """True when ``record`` lies in the place ``report`` speaks of.

    A report names a province as written at its time. When that name is a
    former province now merged into a larger one, and the report's period ends
    before the 2025 merger, it speaks of the former province only (a 2013–2023
    report on “Đắk Nông” says nothing of Bình Thuận); otherwise of today's
    province as a whole.
    """
    place = report.place
    if place is None or record.place.province.code != place.province.code:
        return False
    period_to = (report.data.get("period") or {}).get("to") or 0
    if place.province.merged and place.former and period_to < 2025:
        return (record.place.former or record.place.province.name) == place.former
    return True


def report_coverage(report, records) -> list[Coverage]:
    """For each total the report gives, the records of its scope within its period.

    ``records`` are the published records (any order). A recognised total is
    compared with records recognised in a year of the period, a registered
    total with records registered in a year of the period. Nothing is added up:
    the two figures are shown side by side.
    """
    if report.place is None:
        return []
    period = report.data.get("period") or {}
    lo, hi = period.get("from") or 0, period.get("to") or 9999
    totals = report.data.get("totals") or {}
    found = []
    for key in ("recognized", "registered"):
        if totals.get(key) is None:
            continue
        n = 0
        for r in records:
            year = r.recognized_year if key == "recognized" else r.data.get("registered")
            if year and lo <= year <= hi and in_report_scope(report, r):
                n += 1
        found.append(Coverage(key, n, totals[key]))
    return found
