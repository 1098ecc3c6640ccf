"""The generator behind the ``showcase`` plugin (thin glue over ``dvk``)."""
from __future__ import annotations

import bisect
import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm
from markupsafe import Markup
from pelican.generators import Generator

from dvk import sanitize

from dvk import build as dvk_build
from dvk.catalog import INDEX_URL, catalog_index, facets
from dvk.corpus import load_corpus
from dvk.provinces import all_provinces, resolve
from dvk.schema import FIELD_IDS, KINDS, LEVELS, STATUSES
from dvk.charts import field_kind_chart, tally_charts, year_chart, bar_chart, REGISTERED, RECOGNIZED
from dvk.stats import Tally, compute, report_coverage
from dvk.vnmap import Symbol, province_map, symbol_label
from dvk.text import fold, slugify

MODELS_PER_PAGE = 24
TOPIC_PREVIEW = 6
RELATED = 6
RELATED_POSTS = 4      # related news posts under a post
RELATED_WINDOW = 12    # candidates looked at per model, province or field: the nearest in time


@dataclass
class Listing:
    """One page of a paginated listing."""

    items: list
    number: int
    count: int
    total: int
    base_url: str

    def url_of(self, n: int) -> str:
        return self.base_url if n == 1 else f"{self.base_url}trang/{n}/"

    @property
    def url(self):
        return self.url_of(self.number)

    @property
    def prev_url(self):
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self):
        return self.url_of(self.number + 1) if self.number < self.count else None


def template_globals(settings) -> dict:
    """Vocabularies and the site address, for macros imported without the page context."""
    return {"SITEURL": settings["SITEURL"], "KINDS": KINDS, "LEVELS": LEVELS, "STATUSES": STATUSES,
            "FIELD_NAMES": FIELD_IDS}


PARALLEL_FROM = 2000   # pages; below this, forking workers costs more than it saves
_job = None            # the function forked workers run (inherited through fork, not pickled)


def _run_job(bounds):
    return _job(*bounds)


def in_parallel(job, count: int):
    """Run ``job(start, stop)`` over ``range(count)`` split across every core.

    Model pages are independent of each other, so a national site renders them
    in forked workers that inherit the loaded templates and data; exceptions
    come back to the parent and fail the build as usual.
    """
    global _job
    workers = os.cpu_count() or 1
    if count < PARALLEL_FROM or workers < 2:
        job(0, count)
        return
    import multiprocessing
    step = math.ceil(count / (workers * 4))
    _job = job
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.map(_run_job, [(i, min(i + step, count)) for i in range(0, count, step)], chunksize=1)
    finally:
        _job = None


class CardCache:
    """``model_card(record, level)`` for templates: the macro of ``components/card.html``, memoised.

    A national site shows each model's card on many pages (catalog, field,
    topic and province listings, related models); rendering it once per heading
    level instead of at every appearance saves most of the listing time.
    """

    def __init__(self, env):
        self.env, self.cache, self.macro = env, {}, None

    def __call__(self, record, heading_level=3):
        key = (record.id, heading_level)
        html = self.cache.get(key)
        if html is None:
            if self.macro is None:
                self.macro = self.env.get_template("components/card.html").module.model_card
            html = self.cache[key] = self.macro(record, heading_level)
        return html


def model_sort_key(record):
    """Most recently recognised first, then by name (diacritics ignored)."""
    return (-(record.recognized_year or 0), fold(record.data["name"]))


class ShowcaseGenerator(Generator):

    def generate_context(self):
        root = Path(self.settings.get("DVK_ROOT") or Path(self.path).parent)
        corpus = dvk_build.preloaded_corpus(root) or load_corpus(
            root, self.path, self.settings.get("DVK_DATA_PATH") or root / "data")
        corpus.raise_if_invalid()
        models = sorted(corpus.models.values(), key=model_sort_key)
        taxonomy = corpus.taxonomy
        stats = compute(models)
        provinces = all_provinces()
        topic_slugs = {t.id: slugify(t.name) for t in taxonomy.topics.values()}
        reports_by_province = defaultdict(list)
        for r in corpus.reports:
            reports_by_province[r.place.province.code if r.place else None].append(r)
        models_by_province = defaultdict(list)
        for m in models:
            models_by_province[m.place.province.code].append(m)
        coverage = {r.id: report_coverage(r, models_by_province.get(r.place.province.code, []))
                    for r in corpus.reports if r.place}
        self.models, self.taxonomy, self.stats, self.provinces = models, taxonomy, stats, provinces
        self.reports, self.reports_by_province = corpus.reports, reports_by_province
        self.context.update(
            dvk_models=corpus.models, dvk_draft_models=corpus.drafts, dvk_fields=taxonomy.fields, dvk_field_by_id=taxonomy.by_id,
            dvk_topics=taxonomy.topics, dvk_topic_slugs=topic_slugs, dvk_provinces=provinces,
            dvk_stats=stats, dvk_reports=corpus.reports, empty_tally=Tally(), dvk_coverage=coverage,
        )
        self._relate_posts()

    # ------------------------------------------------------------ writing

    def _write(self, url: str, template, **ctx):
        path = os.path.join(self.output_path, url, "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        html = template.render(self.context, page_url=url, **ctx)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)

    def _write_listing(self, base_url: str, items: list, template_name: str, **ctx):
        template = self.get_template(template_name)
        count = max(1, math.ceil(len(items) / MODELS_PER_PAGE))
        for n in range(1, count + 1):
            page = Listing(items[(n - 1) * MODELS_PER_PAGE: n * MODELS_PER_PAGE], n, count, len(items), base_url)
            self._write(page.url, template, listing=page, **ctx)

    def generate_output(self, writer):
        articles = self.context.get("articles", [])
        documents = sorted((p for p in self.context.get("pages", []) if getattr(p, "template", "") == "document"),
                           key=lambda d: d.date, reverse=True)
        mentions = defaultdict(list)
        for a in articles:
            for mid in getattr(a, "models", None) or []:
                mentions[mid].append(a)
        self._write_models(mentions)
        self._write_fields()
        self._write_provinces()
        self._write_stats()
        self._write("van-ban/", self.get_template("documents"), documents=documents)
        self._write("", self.get_template("home"), latest=articles[:6],
                    featured=[m for m in self.models if m.data.get("featured")][:6],
                    covered=sum(1 for p in self.provinces if p.code in self.stats.by_province))

    def _write_models(self, mentions):
        """One page per model; "related" are its neighbours in the same province and field."""
        template = self.get_template("model")
        groups, position = defaultdict(list), {}
        for m in self.models:
            group = groups[(m.place.province.code, m.field.id)]
            position[m.id] = len(group)
            group.append(m)

        def write_range(start, stop):
            for m in self.models[start:stop]:
                group, i = groups[(m.place.province.code, m.field.id)], position[m.id]
                lo = max(0, min(i - RELATED // 2, len(group) - RELATED - 1))
                related = [r for r in group[lo: lo + RELATED + 1] if r is not m][:RELATED]
                description = m.data.get("description")
                self._write(f"mo-hinh/{m.id}/", template, record=m, related=related,
                            mentions=mentions.get(m.id, []),
                            description_html=self._description_html(description) if description else "")

        say = self.settings.get("DVK_PROGRESS") or (lambda message: None)
        say(f"Đang viết {len(self.models)} trang mô hình trên {os.cpu_count() or 1} lõi…")
        in_parallel(write_range, len(self.models))
        say("Đang viết danh mục, lĩnh vực, tỉnh, thành phố và thống kê…")
        self._write_catalog()

    @staticmethod
    def _description_html(markdown: str) -> Markup:
        """A record's description, rendered and sanitised: the one place it is marked safe."""
        html = cmarkgfm.markdown_to_html(markdown)
        return Markup(sanitize.clean(html) if sanitize.markdown_needs_cleaning(markdown) else html)

    def _write_fields(self):
        by_field = defaultdict(list)
        by_topic = defaultdict(list)
        for m in self.models:
            by_field[m.field.id].append(m)
            for t in m.topics:
                by_topic[t.id].append(m)
            if not m.topics:
                by_topic[(m.field.id, None)].append(m)
        field_tpl = self.get_template("field")
        catalog_facets = facets(self.models, self.provinces, self.taxonomy.fields)
        panel = self.env.get_template("components/catalog-filters.html").module.catalog_filters
        for f in self.taxonomy.fields:
            base = f"linh-vuc/{f.slug}/"
            sections = [(t, f"{base}{slugify(t.name)}/", by_topic.get(t.id, [])) for t in f.topics]
            untopical = by_topic.get((f.id, None), [])
            if untopical:
                sections.append((None, f"{base}chu-de-khac/", untopical))
            self._write(base, field_tpl, field=f, sections=sections, preview=TOPIC_PREVIEW,
                        tally=self.stats.by_field.get(f.id, Tally()))
            for topic, url, items in sections:
                self._write_listing(url, items, "topic", field=f, topic=topic)
            # The field's complete listing is also where the catalog's field filter leads: it carries
            # the catalog's filter panel, with this field chosen.
            field_facet = next(x for x in catalog_facets if x.key == "linh-vuc")
            option = field_facet.option(f.id)
            self._write_listing(f"{base}tat-ca/", by_field.get(f.id, []), "topic", field=f, topic=None,
                                filters_html=panel(catalog_facets, (field_facet, option)) if option else "")
        self._write("linh-vuc/", self.get_template("fields"))

    def _write_provinces(self):
        by_province = defaultdict(list)
        for m in self.models:
            by_province[m.place.province.code].append(m)
        for p in self.provinces:
            tally = self.stats.by_province.get(p.code, Tally())
            charts = tally_charts(tally, self.taxonomy.fields, p.formers, f"ở {p.name}") if tally.total else []
            self._write_listing(f"tinh/{p.slug}/", by_province.get(p.code, []), "province", province=p,
                                tally=tally, charts=charts, reports=self.reports_by_province.get(p.code, []))
        self._write("tinh/", self.get_template("provinces"))

    def _write_stats(self):
        """The national page: map, the sortable table of provinces (most records first), national charts."""
        siteurl = self.settings["SITEURL"]
        tallies = {p.code: self.stats.by_province.get(p.code, Tally()) for p in self.provinces}
        ordered = sorted(self.provinces, key=lambda p: (-tallies[p.code].total, fold(p.name)))
        rows = []
        for p in ordered:
            reports = self.reports_by_province.get(p.code, [])
            reported = [r.data["totals"]["recognized"] for r in reports if r.data["totals"].get("recognized") is not None]
            rows.append((p, tallies[p.code], reports, max(reported, default=-1)))
        national = self.stats.national
        map_svg = province_map(
            [Symbol(p.name, p.lon, p.lat, tallies[p.code].total, f"{siteurl}/tinh/{p.slug}/",
                    symbol_label(p.name, tallies[p.code].total, tallies[p.code].recognized)) for p in self.provinces],
            "Bản đồ số mô hình có hồ sơ theo tỉnh, thành phố",
            "Mỗi tỉnh, thành phố là một vòng tròn đặt ở trung tâm tỉnh, diện tích tỉ lệ với số mô hình có hồ sơ; "
            "nhiều nhất: " + ", ".join(f"{p.name} {tallies[p.code].total}" for p in ordered[:3]) + ".")
        charts = []
        if national.registered_by_year or national.recognized_by_year:
            charts.append(year_chart("bieu-do-nam", "Mô hình đăng ký và được công nhận theo năm, cả nước",
                                     {REGISTERED: dict(national.registered_by_year),
                                      RECOGNIZED: dict(national.recognized_by_year)},
                                     note="Năm đăng ký và năm công nhận ghi trong hồ sơ; hồ sơ không ghi năm không được tính."))
        charts.append(field_kind_chart(national, self.taxonomy.fields))
        if national.recognized:
            charts.append(bar_chart("bieu-do-cap", "Mô hình được công nhận theo cấp, cả nước", "Cấp công nhận",
                                    [(label.capitalize(), national.by_level.get(k, 0)) for k, label in LEVELS.items()]))
        self._write("thong-ke/", self.get_template("stats"), rows=rows, charts=charts, map_svg=map_svg,
                    map_rows=[(p, t.total, t.recognized) for p, t, _, _ in rows],
                    unplaced_reports=self.reports_by_province.get(None, []))

    # ------------------------------------------------ reader experience: catalog filters, related posts

    def _write_catalog(self):
        """The catalog, one pre-generated listing per filter value, and the index its script filters.

        Filters work one dimension at a time as plain links (field, province,
        kind, recognition level, recognition year): field and province link to
        their existing listings, and each record is listed at most three more
        times (kind, level, year), so the page count grows linearly, never as
        a cross product. Templates get ``facets`` (every filter and its options),
        ``active`` (the facet and option of this listing, or None) and
        ``filters_html`` (the filter panel, rendered once per listing rather
        than on each of its pages). Pages are written on every core.
        """
        catalog_facets = facets(self.models, self.provinces, self.taxonomy.fields)
        panel = self.env.get_template("components/catalog-filters.html").module.catalog_filters
        listings = [("mo-hinh/", self.models, None)] + [
            (o.url, o.items, (f, o)) for f in catalog_facets for o in f.options if o.catalog_listing]
        pages = []
        for url, items, active in listings:
            count = max(1, math.ceil(len(items) / MODELS_PER_PAGE))
            html = panel(catalog_facets, active)
            pages += [(url, items, active, html, n, count) for n in range(1, count + 1)]
        template = self.get_template("models")

        def write_range(start, stop):
            for base_url, items, active, html, n, count in pages[start:stop]:
                page = Listing(items[(n - 1) * MODELS_PER_PAGE: n * MODELS_PER_PAGE], n, count, len(items), base_url)
                self._write(page.url, template, listing=page, facets=catalog_facets, active=active, filters_html=html)

        in_parallel(write_range, len(pages))
        path = os.path.join(self.output_path, INDEX_URL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(catalog_index(self.models, self.provinces, self.taxonomy.fields), fh,
                      ensure_ascii=False, separators=(",", ":"))

    def _relate_posts(self):
        """Give every published post its neighbours: ``dvk_related``, ``dvk_older``, ``dvk_newer``,
        and ``dvk_url`` (its address, computed once: Pelican's ``url`` recomputes it at every use).

        Related posts share a model (strongest), then the province, then a
        field of the models they mention; among equals the nearest in time
        wins. Only the posts closest in time are looked at per model, province and field,
        so the cost stays linear in the number of posts.
        """
        articles = list(self.context.get("articles") or [])     # newest first
        models = self.context.get("dvk_models") or {}
        by = {"model": defaultdict(list), "province": defaultdict(list), "field": defaultdict(list)}
        keys = []
        for i, a in enumerate(articles):
            a.dvk_url = a.url
            mids = [m for m in (getattr(a, "models", None) or []) if m in models]
            ref = resolve(a.province) if isinstance(getattr(a, "province", None), str) else None
            own = {"model": mids, "province": [ref.province.code] if ref else [],
                   "field": sorted({models[m].field.id for m in mids})}
            for dim, values in own.items():
                for v in values:
                    by[dim][v].append(i)
            keys.append(own)
        weights = {"model": 4, "province": 2, "field": 1}
        for i, a in enumerate(articles):
            score = defaultdict(int)
            for dim, values in keys[i].items():
                for v in values:
                    group = by[dim][v]
                    if len(group) > RELATED_WINDOW:
                        at = bisect.bisect_left(group, i)
                        group = group[max(0, at - RELATED_WINDOW // 2): at + RELATED_WINDOW // 2 + 1]
                    for j in group:
                        if j != i:
                            score[j] += weights[dim]
            best = sorted(score, key=lambda j: (-score[j], abs(j - i), j))[:RELATED_POSTS]
            a.dvk_related = [articles[j] for j in best]
            a.dvk_newer = articles[i - 1] if i > 0 else None
            a.dvk_older = articles[i + 1] if i + 1 < len(articles) else None
