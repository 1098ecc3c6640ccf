"""Pelican plugin: open data at ``/du-lieu/`` (thin glue over ``dvk.opendata``).

Writes the published catalog as ``du-lieu/mo-hinh.csv`` (UTF-8 with BOM) and
``du-lieu/mo-hinh.json``, the statistics as ``du-lieu/thong-ke.json``, a copy of
``data/schema/model.schema.json``, and the page ``/du-lieu/`` that explains
every column, the licence and the build date. Runs after the showcase
generator, whose context (records, statistics, provinces, fields, reports) it
reads; records that ``dvk.visibility.is_public`` refuses are left out, so a
preview build publishes no draft here either.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from dvk import opendata
from dvk.stats import compute
from dvk.visibility import is_public, now_local


class OpenDataGenerator(Generator):

    def generate_context(self):
        pass

    def generate_output(self, writer):
        ctx = self.context
        siteurl = self.settings["SITEURL"]
        records = sorted((m for m in (ctx.get("dvk_models") or {}).values() if is_public(m)), key=lambda m: m.id)
        stats = ctx["dvk_stats"]
        if len(records) != len(ctx.get("dvk_models") or {}):    # preview build: count the public records only
            stats = compute(records)
        folder = os.path.join(self.output_path, opendata.DIR)
        os.makedirs(folder, exist_ok=True)
        built = now_local()
        meta = {"title": f"{self.settings['SITENAME']} – danh sách mô hình", "licence": opendata.LICENCE,
                "licence_url": opendata.LICENCE_URL, "source": f"{siteurl}/du-lieu/",
                "generated": built.strftime("%Y-%m-%d")}
        count = opendata.write_catalog(os.path.join(folder, opendata.CSV_FILE),
                                       os.path.join(folder, opendata.JSON_FILE), records, meta, siteurl)
        doc = opendata.statistics_document(stats, ctx["dvk_provinces"], ctx["dvk_fields"], ctx.get("dvk_reports") or [],
                                           {**meta, "title": f"{self.settings['SITENAME']} – thống kê"})
        with open(os.path.join(folder, opendata.STATS_FILE), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, ensure_ascii=False, indent=1))
        root = Path(self.settings.get("DVK_DATA_PATH") or Path(self.settings.get("DVK_ROOT") or ".") / "data")
        schema = root / "schema" / opendata.SCHEMA_FILE
        if not schema.is_file():
            schema = Path(__file__).resolve().parents[2] / "data" / "schema" / opendata.SCHEMA_FILE
        shutil.copyfile(schema, os.path.join(folder, opendata.SCHEMA_FILE))
        files = [(name, os.path.getsize(os.path.join(folder, name))) for name in
                 (opendata.CSV_FILE, opendata.JSON_FILE, opendata.STATS_FILE, opendata.SCHEMA_FILE)]
        html = self.get_template("opendata").render(
            ctx, page_url=opendata.DIR, columns=opendata.COLUMNS, count=count, files=dict(files), built=built,
            licence=opendata.LICENCE, licence_name=opendata.LICENCE_NAME, licence_url=opendata.LICENCE_URL)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(html)


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
