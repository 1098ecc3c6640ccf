"""What the showcase pages show, derived from the corpus: plain data, no Pelican.

``derive(corpus)`` sorts the catalog, counts (``stats``), groups records by
province, field and topic, sets reported figures beside the records, and picks
each model's related models. ``related_posts`` scores a post's neighbours and
``national_rows`` orders the statistics table. The Pelican adapter only renders
what these return, so each rule is tested on plain data.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field as dc_field

from dvk.derive.stats import Statistics, Tally, compute, report_coverage
from dvk.model.provinces import all_provinces
from dvk.model.text import fold, slugify

RELATED_MODELS = 6      # related models under a model: its neighbours in the same province and field
RELATED_POSTS = 4       # related news posts under a post
RELATED_WINDOW = 12     # candidates looked at per model, province or field: the nearest in time
POST_WEIGHTS = {"model": 4, "province": 2, "field": 1}


def model_sort_key(record):
    """Catalog order: most recently recognised first, then by name (diacritics ignored)."""
    return (-(record.recognized_year or 0), getattr(record, "folded", None) or fold(record.data["name"]))


@dataclass
class Showcase:
    """Everything the model, field, province, catalog and statistics pages need."""

    models: list                        # published records, in catalog order
    taxonomy: object
    counted: object                     # Statistics, or a ``parallel.Background`` counting them (see ``stats``)
    provinces: list                     # today's 34, in the table's order
    reports: list
    topic_slugs: dict[str, str]         # topic id -> address segment
    by_province: dict[str, list] = dc_field(default_factory=dict)        # code -> records (catalog order)
    by_field: dict[str, list] = dc_field(default_factory=dict)           # field id -> records
    by_topic: dict = dc_field(default_factory=dict)   # topic id, or (field id, None) for no topic -> records
    reports_by_province: dict = dc_field(default_factory=dict)          # code (None: no province) -> reports
    coverage: dict = dc_field(default_factory=dict)                     # report id -> [Coverage]

    @property
    def stats(self) -> Statistics:
        """The statistics; counted apart (``derive(apart=True)``), waited for at first use."""
        if not isinstance(self.counted, Statistics):
            self.counted = self.counted.wait()
        return self.counted

    def tally(self, province_code: str) -> Tally:
        return self.stats.by_province.get(province_code) or Tally()


def derive(corpus, cache=None, version: str = "", apart: bool = False) -> Showcase:
    """The showcase data of ``corpus``. ``cache``, ``version``: where the statistics are kept between builds,
    and under what (``stats.compute``). ``apart``: the statistics are counted in a forked child while the
    build goes on (at national scale, half a second of a one-record edit, on a core otherwise idle then)."""
    from dvk.parallel import Background
    models = sorted(corpus.models.values(), key=model_sort_key)
    taxonomy = corpus.taxonomy
    counted = Background(lambda: compute(models, cache, version), run_here=not apart)
    show = Showcase(models, taxonomy, counted if apart else counted.value, all_provinces(), corpus.reports,
                    {t.id: slugify(t.name) for t in taxonomy.topics.values()})
    by_province, by_field, by_topic = defaultdict(list), defaultdict(list), defaultdict(list)
    for m in models:
        by_province[m.place.province.code].append(m)
        by_field[m.field.id].append(m)
        for t in m.topics:
            by_topic[t.id].append(m)
        if not m.topics:
            by_topic[(m.field.id, None)].append(m)
    reports_by_province = defaultdict(list)
    for r in corpus.reports:
        reports_by_province[r.place.province.code if r.place else None].append(r)
    show.by_province, show.by_field, show.by_topic = dict(by_province), dict(by_field), dict(by_topic)
    show.reports_by_province = dict(reports_by_province)
    show.coverage = {r.id: report_coverage(r, by_province.get(r.place.province.code, []))
                     for r in corpus.reports if r.place}
    return show


def related_models(models: list, size: int = RELATED_MODELS) -> dict[str, list]:
    """Each record's related models: up to ``size`` records of the same province and field, the nearest to
    it in catalog order (``models`` is in catalog order)."""
    groups, position = defaultdict(list), {}
    for m in models:
        group = groups[(m.place.province.code, m.field.id)]
        position[m.id] = len(group)
        group.append(m)
    related = {}
    for m in models:
        group, i = groups[(m.place.province.code, m.field.id)], position[m.id]
        lo = max(0, min(i - size // 2, len(group) - size - 1))
        related[m.id] = [r for r in group[lo: lo + size + 1] if r is not m][:size]
    return related


def related_posts(keys: list[dict[str, list]], size: int = RELATED_POSTS,
                  window: int = RELATED_WINDOW) -> list[list[int]]:
    """For posts ``keys`` (newest first; each ``{"model": [...], "province": [...], "field": [...]}``), the
    indices of each post's related posts.

    Sharing a model scores 4, the province 2, a field of the models mentioned 1; among equal scores the
    nearest in time wins. Only the ``window`` posts nearest in time are looked at per model, province and
    field, so the cost stays linear in the number of posts.
    """
    by = {dim: defaultdict(list) for dim in POST_WEIGHTS}
    for i, own in enumerate(keys):
        for dim, values in own.items():
            for v in values:
                by[dim][v].append(i)
    result = []
    for i, own in enumerate(keys):
        score = defaultdict(int)
        for dim, values in own.items():
            for v in values:
                group = by[dim][v]
                if len(group) > window:
                    at = bisect.bisect_left(group, i)
                    group = group[max(0, at - window // 2): at + window // 2 + 1]
                for j in group:
                    if j != i:
                        score[j] += POST_WEIGHTS[dim]
        result.append(sorted(score, key=lambda j: (-score[j], abs(j - i), j))[:size])
    return result


def national_rows(show: Showcase) -> list[tuple]:
    """The statistics table: ``(province, tally, reports, largest reported recognised total or -1)`` for all
    34 provinces, most records first, then by name."""
    tallies = {p.code: show.tally(p.code) for p in show.provinces}
    ordered = sorted(show.provinces, key=lambda p: (-tallies[p.code].total, fold(p.name)))
    rows = []
    for p in ordered:
        reports = show.reports_by_province.get(p.code, [])
        reported = [r.data["totals"]["recognized"] for r in reports if r.data["totals"].get("recognized") is not None]
        rows.append((p, tallies[p.code], reports, max(reported, default=-1)))
    return rows
