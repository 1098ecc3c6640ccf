"""Site search: the Pelican side of ``dvk.derive.search`` and ``dvk.derive.recindex``.

- Templates get ``model_search_filters(record)``, ``model_year(record)``,
  ``post_search_filters(date, province, models)`` (used with the ``search_meta`` component)
  and ``search_url`` (the search page's address, for the search box in the header), from ``pipeline.py``.
- The search page ``/tim-kiem/``: its filters are written into the page with every
  value the site has, so the page works (and can be linked, ``?q=…&tinh=lam-dong``)
  without loading any filter index; ``theme/static/js/search.js`` runs the queries
  with ``theme/static/js/recindex.js``.
- With the search page, the site's search index ``recindex/`` (``dvk.derive.recindex``): model records,
  news posts and documents, made from the content itself, not from the written pages. Compressed
  files are cached in ``<cache>/recindex/`` and files are rewritten only when they change.
  ``build(..., search=False)`` skips the index (the search page then says it cannot load it).
"""
from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from dvk import memory
from dvk.derive import recindex
from dvk.derive.search import SEARCH_URL, document_doc, facets, model_doc, model_year, post_doc
from dvk.site import incremental

log = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Writes ``/tim-kiem/`` with the filters of the site's content, and the search index."""

    ctx = None      # the BuildContext, given by the pipeline

    def generate_context(self):
        pass

    def documents(self):
        return [p for p in self.context.get("pages") or [] if getattr(p, "template", "") == "document"]

    started = False

    def start_early(self):
        """Once every post is read, at national scale (``Pipeline.derive_from_posts``): the job that writes
        the files, for a child to run at once."""
        self.started = True
        return self.write_files

    def generate_output(self, writer):
        if not self.started:
            self.ctx.in_background(self.write_files)

    def write_files(self):
        models = self.ctx.corpus.models.values()
        years = {a.date.year for a in self.context.get("articles") or []}
        years |= {p.date.year for p in self.documents()}
        years |= {y for y in map(model_year, models) if y}
        page_facets = facets(self.ctx.showcase.taxonomy.fields, self.ctx.showcase.provinces, years)
        path = os.path.join(self.output_path, SEARCH_URL, "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        html = self.get_template("search").render(self.context, page_url=SEARCH_URL, facets=page_facets,
                                                  index_url=f"{self.settings['SITEURL']}/{recindex.INDEX_DIR}/")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)
        if self.ctx.search:
            self.write_index(models)
            memory.give_back()          # the entries of every record and post, gone

    def write_index(self, models):
        thumb = self.env.globals.get("thumb_image")
        by_id = self.ctx.corpus.models
        digests, kept = self.ctx.digests, incremental.record_cache(self.ctx, "search-entries")
        pack = recindex.pack            # entries kept packed: a third of the memory (``recindex.PackedDoc``)
        docs = [kept.get(digests.record(m), lambda m=m: pack(model_doc(m, thumb))) for m in models]
        # A post's entry, kept by its file and address (``Digests.post``) and the records it names (their
        # fields and provinces are its filters).
        for a in self.context.get("articles") or []:
            image = getattr(a, "image", None)
            links = self.ctx.posts.get(a.source_path)
            named = [by_id[m] for m in getattr(a, "models", None) or [] if m in by_id]
            docs.append(kept.get(incremental.key("post-entry", digests.post(a), digests.records_of(named)),
                                 lambda a=a, links=links, image=image, named=named: pack(post_doc(
                links.url if links else a.url, a.title, a.date, getattr(a, "summary", ""), a.content,
                getattr(a, "province", None), named, thumb(image) if image and thumb else image or "",
                getattr(a, "image_alt", "") or ""))))
        for d in self.documents():
            docs.append(kept.get(incremental.key("document-entry", digests.post(d)), lambda d=d: pack(document_doc(
                d.url, d.title, d.date, getattr(d, "subject", ""), d.content, getattr(d, "issuer", ""),
                str(getattr(d, "number", "") or ""), getattr(d, "doc_type", ""), getattr(d, "place", "") or "",
                getattr(d, "province", None)))))
        kept.save()
        stats = recindex.write_index(docs, self.output_path, cache=self.ctx.cache_dir / "recindex")
        self.ctx.progress(f"Chỉ mục tìm kiếm: {stats.records} mục, {stats.bytes / 2**20:.1f} MB, {stats.files} tệp "
            f"(ghi lại {stats.written} tệp) ({stats.seconds:.1f} giây).")
        log.debug("search index: %s entries in %.1f s", stats.records, stats.seconds)
