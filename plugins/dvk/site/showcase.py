"""The showcase pages: models, catalog, fields and topics, provinces, statistics, documents, home.

Renders what ``dvk.derive.showcase`` derived (``self.ctx.showcase``) with the
theme's templates, at the addresses of ``dvk.model.urls``. Pages are independent
of each other, so a national site writes them on every core (``dvk.parallel``):
first the model pages, then every other page (catalog, fields and topics,
provinces, statistics, home) together.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from pelican.generators import Generator

from dvk import memory
from dvk.derive.catalog import catalog_index, facets
from dvk.derive.showcase import national_rows, related_models
from dvk.derive.stats import Tally
from dvk.load.corpus import prose
from dvk.load.markdown import record_html
from dvk.model import urls
from dvk.model.schema import LEVELS
from dvk.parallel import map_ranges
from dvk.render.charts import REGISTERED, RECOGNIZED, bar_chart, field_kind_chart, tally_charts, year_chart
from dvk.render.vnmap import Symbol, province_map, symbol_label
from dvk.site import incremental

MODELS_PER_PAGE = 24
TOPIC_PREVIEW = 6
LISTINGS_MIN = 500      # pages set aside from which forking workers pays (each page costs about 1 ms)


@dataclass
class Listing:
    """One page of a paginated listing."""

    items: list
    number: int
    count: int
    total: int
    base_url: str

    def url_of(self, n: int) -> str:
        return urls.paginated(self.base_url, n)

    @property
    def url(self):
        return self.url_of(self.number)

    @property
    def prev_url(self):
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self):
        return self.url_of(self.number + 1) if self.number < self.count else None


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


def _mentions(articles) -> dict[str, list]:
    """The posts that name each model (``models:`` in their front matter), newest first as ``articles``."""
    mentions = defaultdict(list)
    for a in articles:
        for mid in getattr(a, "models", None) or []:
            mentions[mid].append(a)
    return mentions


def _let_descriptions_go(models) -> None:
    """Every model page is written, and no other page or file shows a record's description (Markdown, half
    of a record's memory): the records let it go, and the memory goes back to the system before the open
    data and the search index are made (a national build's largest moment: 130 MiB)."""
    for m in models:
        m.data.pop("description", None)
    memory.give_back()


def _description(record) -> dict:
    """A model page's description as HTML: made only when the page is rendered (``late``)."""
    d = prose(record.data.get("description"))
    return {"description_html": Markup(record_html(d)) if d else ""}


class ShowcaseGenerator(Generator):
    ctx = None      # the BuildContext, given by the pipeline
    _deferring = False   # while listings are planned: pages set aside in ctx.pending, rendered together

    def generate_context(self):
        show = self.ctx.showcase
        self.digests = self.ctx.digests
        self.models, self.taxonomy, self.provinces = show.models, show.taxonomy, show.provinces
        self.reports_by_province = show.reports_by_province
        self.ctx.model_pages = self        # for the dev server's quick page after a save (``model_page``)

    @property
    def stats(self):
        return self.ctx.showcase.stats

    def _facets(self):
        """The catalog's filters (``catalog.facets``), made once for the catalog and the field pages."""
        if getattr(self, "_facets_made", None) is None:
            self._facets_made = facets(self.models, self.provinces, self.taxonomy.fields)
        return self._facets_made

    # ------------------------------------------------------------ writing

    def _write(self, url: str, template, inputs=None, late=None, **ctx):
        """Render ``template`` to ``url``. With ``inputs`` (a key of everything the page shows beyond the build
        as a whole), a page whose inputs did not change since the last build is carried over instead
        (``incremental.py``); returns ``(url, key, carried)`` for the manifest, or None. ``late()``, if given,
        returns more of the template's context: made only when the page is rendered."""
        path = os.path.join(self.output_path, url, "index.html")
        manifest = self.ctx.manifest
        key = incremental.key(template.name, url, inputs) if inputs is not None and manifest else None
        name = url + "index.html"
        if key is not None and manifest.carry(name, key, path):
            return name, key, True
        if self._deferring:
            self._set_aside(url, template, key, late, ctx)
            return None
        return self._render(url, template, key, late, **ctx)

    def _set_aside(self, url, template, key, late, ctx):
        self.ctx.pending.append(lambda: [w for w in [self._render(url, template, key, late, **ctx)] if w])

    def _html(self, url: str, template, late=None, **ctx) -> str:
        if late:
            ctx.update(late())
        return template.render(self.context, page_url=url, **ctx)

    def _render(self, url: str, template, key, late=None, **ctx):
        path = os.path.join(self.output_path, url, "index.html")
        name = url + "index.html"
        html = self._html(url, template, late, **ctx)
        if self.ctx.manifest:
            self.ctx.manifest.release(name, path)       # a page kept from the site before last: never written over
        try:
            fh = open(path, "w", encoding="utf-8")      # the usual case: its folder kept from an earlier site
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fh = open(path, "w", encoding="utf-8")
        with fh:
            fh.write(html)
        return (name, key, False) if key is not None else None

    def _noted(self, written):
        if self.ctx.manifest:
            self.ctx.manifest.note([w for w in written if w])

    def _write_listing(self, base_url: str, items: list, template_name: str, inputs="", **ctx):
        template = self.get_template(template_name)
        count = max(1, math.ceil(len(items) / MODELS_PER_PAGE))
        written = []
        for n in range(1, count + 1):
            page = Listing(items[(n - 1) * MODELS_PER_PAGE: n * MODELS_PER_PAGE], n, count, len(items), base_url)
            written.append(self._write(page.url, template, self._listing_key(page, inputs), listing=page, **ctx))
        self._noted(written)

    def _listing_key(self, page: Listing, inputs) -> str:
        return incremental.key("listing", page.number, page.count, page.total, self.digests.records_of(page.items),
                               inputs)

    started = False

    def start_early(self):
        """Once every post is read (``Pipeline.derive_from_posts``), at national scale: the pages, in a child,
        while this process writes Pelican's posts, pages and feeds."""
        self.generate_output(None)

    def generate_output(self, writer):
        """Every showcase page. At national scale, in a forked child while the build goes on with Pelican's
        posts and feeds, open data and the search index (``BuildContext.in_background``): the child renders
        any posts set aside so far too, and hands back its manifest rows; the build waits for it before it
        drops stale pages and writes the sitemap."""
        if self.started:
            return
        self.started = True
        manifest, parent = self.ctx.manifest, os.getpid()

        def write_all():
            apart = os.getpid() != parent
            if apart and manifest is not None:
                manifest.journal = []
            self._write_pages(apart)
            return manifest.journal if apart and manifest is not None else None

        if self.ctx.in_background(write_all, then=lambda rows: rows and manifest.note(rows)):
            self.ctx.pending = []       # the child renders them

    def _write_pages(self, apart: bool = False):
        articles = self.context.get("articles", [])
        documents = sorted((p for p in self.context.get("pages", []) if getattr(p, "template", "") == "document"),
                           key=lambda d: d.date, reverse=True)
        self._write_models(_mentions(articles))
        if not apart:       # in a child, the memory is shared with the build's process: nothing to give back
            _let_descriptions_go(self.models)
        self.ctx.progress("Đang viết danh mục, lĩnh vực, tỉnh, thành phố và thống kê…")
        # Every other page: keys made and unchanged pages carried here, the rest set aside and rendered at the
        # end on every core, together with the posts and post listings Pelican set aside (incremental.py).
        # Each page depends on its own context only, so the order does not matter.
        self._deferring = True
        try:
            self._write_catalog()
            self._write_fields()
            self._write_provinces()
            self._write_stats()
            self._write(urls.DOCUMENTS, self.get_template("documents"), documents=documents)
            self._write("", self.get_template("home"), latest=articles[:6],
                        featured=[m for m in self.models if m.data.get("featured")][:6],
                        covered=sum(1 for p in self.provinces if p.code in self.stats.by_province))
        finally:
            self._deferring = False
        incremental.render_pending(self.ctx, LISTINGS_MIN)

    def _write_models(self, mentions):
        """One page per model; "related" are its neighbours in the same province and field."""
        template = self.get_template("model")
        related = related_models(self.models)
        digests, manifest = self.digests, self.ctx.manifest
        # Here, in one process: each page's key, and the pages whose key is unchanged carried over (a hard
        # link each: forking workers for them would cost more). Only the pages left are rendered in workers.
        carried, left = [], []
        for m in self.models:
            url = urls.model(m.id)
            key = None
            if manifest:
                key = digests.model_page(template.name, url, m, related[m.id], mentions.get(m.id, ()))
                if manifest.carry(url + "index.html", key, os.path.join(self.output_path, url, "index.html")):
                    carried.append((url + "index.html", key, True))
                    continue
            left.append((m, url, key))
        self._noted(carried)

        def write_range(start, stop):
            written = []
            for m, url, key in left[start:stop]:
                written.append(self._render(url, template, key, record=m, related=related[m.id],
                                            mentions=mentions.get(m.id, []), late=lambda m=m: _description(m)))
            return written

        say = self.ctx.progress
        say(f"Đang viết {len(left)} trang mô hình trên {os.cpu_count() or 1} lõi…" if not carried else
            f"Đang viết {len(left)} trang mô hình (giữ nguyên {len(carried)} trang không đổi)…")
        for written in map_ranges(write_range, len(left)):
            self._noted(written)

    def model_page(self, record) -> tuple[str, str]:
        """The address and HTML of ``record``'s page as this build renders a model's page, ``record`` taking
        the place of this build's record of the same id (its neighbours and the posts that name it as this
        build found them). The dev server shows it at once after a record is saved, before the rebuild that
        brings every other page up to date (``dvk.tools.devserver``)."""
        group = (record.place.province.code, record.field.id)
        neighbours = [record if m.id == record.id else m for m in self.models
                      if (m.place.province.code, m.field.id) == group or m.id == record.id]
        url = urls.model(record.id)
        return url, self._html(url, self.get_template("model"), lambda: _description(record), record=record,
                               related=related_models(neighbours)[record.id],
                               mentions=_mentions(self.context.get("articles", [])).get(record.id, []))

    def _write_fields(self):
        show = self.ctx.showcase
        field_tpl = self.get_template("field")
        catalog_facets = self._facets()
        panel = self.env.get_template("components/catalog-filters.html").module.catalog_filters
        for f in self.taxonomy.fields:
            sections = [(t, urls.topic(f.slug, show.topic_slugs[t.id]), show.by_topic.get(t.id, [])) for t in f.topics]
            untopical = show.by_topic.get((f.id, None), [])
            if untopical:
                sections.append((None, urls.topic(f.slug, None), untopical))
            tally = self.stats.by_field.get(f.id, Tally())
            inputs = incremental.key(f, repr(tally), *((t, url, len(items), self.digests.records_of(items[:TOPIC_PREVIEW]))
                                                       for t, url, items in sections))
            self._noted([self._write(urls.field(f.slug), field_tpl, inputs, field=f, sections=sections,
                                     preview=TOPIC_PREVIEW, tally=tally)])
            for topic, url, items in sections:
                self._write_listing(url, items, "topic", incremental.key(f, topic), field=f, topic=topic)
            # The field's complete listing is also where the catalog's field filter leads: it carries
            # the catalog's filter panel, with this field chosen.
            field_facet = next(x for x in catalog_facets if x.key == "linh-vuc")
            option = field_facet.option(f.id)
            html = panel(catalog_facets, (field_facet, option)) if option else ""
            self._write_listing(urls.field_all(f.slug), show.by_field.get(f.id, []), "topic", incremental.key(f, html),
                                field=f, topic=None, filters_html=html)
        self._write(urls.FIELDS, self.get_template("fields"))

    def _write_provinces(self):
        show = self.ctx.showcase
        for p in self.provinces:
            tally = show.tally(p.code)
            charts = tally_charts(tally, self.taxonomy.fields, p.formers, f"ở {p.name}") if tally.total else []
            reports = self.reports_by_province.get(p.code, [])
            inputs = incremental.key(p, repr(tally), *(c.markup for c in charts),
                                     *(repr((r.id, r.data, show.coverage.get(r.id))) for r in reports),
                                     (self.context.get("dvk_province_feeds") or {}).get(p.code))
            self._write_listing(urls.province(p.slug), show.by_province.get(p.code, []), "province", inputs,
                                province=p, tally=tally, charts=charts, reports=reports)
        self._write(urls.PROVINCES, self.get_template("provinces"))

    def _write_stats(self):
        """The national page: map, the sortable table of provinces (most records first), national charts."""
        siteurl = self.settings["SITEURL"]
        rows = national_rows(self.ctx.showcase)
        tallies = {p.code: t for p, t, _, _ in rows}
        national = self.stats.national
        map_svg = province_map(
            [Symbol(p.name, p.lon, p.lat, tallies[p.code].total, f"{siteurl}/{urls.province(p.slug)}",
                    symbol_label(p.name, tallies[p.code].total, tallies[p.code].recognized)) for p in self.provinces],
            "Bản đồ số mô hình có hồ sơ theo tỉnh, thành phố",
            "Mỗi tỉnh, thành phố là một vòng tròn đặt ở trung tâm tỉnh, diện tích tỉ lệ với số mô hình có hồ sơ; "
            "nhiều nhất: " + ", ".join(f"{p.name} {t.total}" for p, t, _, _ in rows[:3]) + ".")
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
        self._write(urls.STATS, self.get_template("stats"), rows=rows, charts=charts, map_svg=map_svg,
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
        catalog_facets = self._facets()
        panel = self.env.get_template("components/catalog-filters.html").module.catalog_filters
        listings = [(urls.CATALOG, self.models, None)] + [
            (o.url, o.items, (f, o)) for f in catalog_facets for o in f.options if o.catalog_listing]
        pages = []
        for url, items, active in listings:
            count = max(1, math.ceil(len(items) / MODELS_PER_PAGE))
            html = panel(catalog_facets, active)
            pages += [(url, items, active, html, n, count) for n in range(1, count + 1)]
        template = self.get_template("models")

        facets_key = incremental.key(*((f.key, f.label, [(o.value, o.label, o.url, o.count) for o in f.options])
                                       for f in catalog_facets))

        manifest, carried, left = self.ctx.manifest, [], []     # as for model pages: carried here, the rest rendered
        for base_url, items, active, html, n, count in pages:
            page = Listing(items[(n - 1) * MODELS_PER_PAGE: n * MODELS_PER_PAGE], n, count, len(items), base_url)
            key = None
            if manifest:
                inputs = self._listing_key(page, incremental.key(facets_key, html,
                                                                 (active[0].key, active[1].value) if active else None))
                key = incremental.key(template.name, page.url, inputs)
                if manifest.carry(page.url + "index.html", key, os.path.join(self.output_path, page.url, "index.html")):
                    carried.append((page.url + "index.html", key, True))
                    continue
            left.append((page, active, html, key))
        self._noted(carried)
        for page, active, html, key in left:
            self._set_aside(page.url, template, key, None, dict(listing=page, facets=catalog_facets, active=active,
                                                                filters_html=html))
        # The catalog script's index of every record: carried over when what it holds did not change (an edit
        # of a record's summary or description), its key a digest of the index itself (``marshal`` format 2:
        # no references, so equal indexes give equal bytes; much quicker than the JSON of 100,000 rows).
        path = os.path.join(self.output_path, urls.CATALOG_INDEX)
        index = catalog_index(self.models, self.provinces, self.taxonomy.fields)
        key = incremental.key("catalog-index", hashlib.sha1(marshal.dumps(index, 2)).hexdigest()) if manifest else None
        if key is not None and manifest.carry(urls.CATALOG_INDEX, key, path):
            self._noted([(urls.CATALOG_INDEX, key, True)])
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if manifest:
            manifest.release(urls.CATALOG_INDEX, path)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(index, fh, ensure_ascii=False, separators=(",", ":"))
        if key is not None:
            self._noted([(urls.CATALOG_INDEX, key, False)])
