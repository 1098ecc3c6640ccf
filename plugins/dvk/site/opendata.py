"""Open data at ``/du-lieu/`` (the Pelican side of ``dvk.derive.opendata``).

Writes the published catalog as ``du-lieu/mo-hinh.csv`` (UTF-8 with BOM) and
``du-lieu/mo-hinh.json``, the statistics as ``du-lieu/thong-ke.json``, a copy of
``data/schema/model.schema.json``, and the page ``/du-lieu/`` that explains
every column, the licence and the build date, from the build context;
records that ``dvk.model.visibility.is_public`` refuses are left out, so a
preview build publishes no draft here either.
"""
from __future__ import annotations

import json
import os
import shutil


from pelican.generators import Generator

from dvk import PROJECT, memory

from dvk.derive import opendata
from dvk.site import incremental
from dvk.derive.stats import compute
from dvk.model.visibility import is_public


class OpenDataGenerator(Generator):
    ctx = None      # the BuildContext, given by the pipeline

    def generate_context(self):
        pass

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
        show, siteurl = self.ctx.showcase, self.settings["SITEURL"]
        records = sorted((m for m in self.ctx.corpus.models.values() if is_public(m)), key=lambda m: m.id)
        stats = show.stats
        if len(records) != len(self.ctx.corpus.models):    # preview build: count the public records only
            stats = compute(records)
        folder = os.path.join(self.output_path, opendata.DIR)
        os.makedirs(folder, exist_ok=True)
        built = self.ctx.built
        meta = {"title": f"{self.settings['SITENAME']} – danh sách mô hình", "licence": opendata.LICENCE,
                "licence_url": opendata.LICENCE_URL, "source": f"{siteurl}/du-lieu/",
                "generated": built.strftime("%Y-%m-%d")}
        digests, kept = self.ctx.digests, incremental.record_cache(self.ctx, "open-data-rows")
        count = opendata.write_catalog(os.path.join(folder, opendata.CSV_FILE),
                                       os.path.join(folder, opendata.JSON_FILE), records, meta, siteurl,
                                       rows=lambda r, make: kept.get(digests.record(r), make))
        kept.save()
        del kept, records
        memory.give_back()
        doc = opendata.statistics_document(stats, show.provinces, show.taxonomy.fields, show.reports,
                                           {**meta, "title": f"{self.settings['SITENAME']} – thống kê"})
        with open(os.path.join(folder, opendata.STATS_FILE), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, ensure_ascii=False, indent=1))
        schema = self.ctx.data / "schema" / opendata.SCHEMA_FILE
        if not schema.is_file():       # a site of its own without the schema files: the project's
            schema = PROJECT / "data" / "schema" / opendata.SCHEMA_FILE
        shutil.copyfile(schema, os.path.join(folder, opendata.SCHEMA_FILE))
        files = [(name, os.path.getsize(os.path.join(folder, name))) for name in
                 (opendata.CSV_FILE, opendata.JSON_FILE, opendata.STATS_FILE, opendata.SCHEMA_FILE)]
        html = self.get_template("opendata").render(
            self.context, page_url=opendata.DIR, columns=opendata.COLUMNS, count=count, files=dict(files), built=built,
            licence=opendata.LICENCE, licence_name=opendata.LICENCE_NAME, licence_url=opendata.LICENCE_URL)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(html)
