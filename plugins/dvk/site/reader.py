"""The read stage: Markdown with YAML front matter, read by the validator's own rules.

Builds on ``pelican-yaml-metadata`` (which maps YAML values to Pelican
metadata) and adds what this site needs: the text is normalised to NFC before
anything reads it, the body is the site's one Markdown dialect
(``dvk.load.markdown``, sanitised), slugs come from the Vietnamese title without
diacritics (``dvk.model.content``), and files under ``content/van-ban/`` become
official documents with their own template and address (``dvk.model.urls``).
"""
from __future__ import annotations

import os

from markupsafe import Markup

from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from dvk.load import markdown
from dvk.load.yamlsrc import read_text, split_front_matter
from dvk.model import content, schema, urls
from dvk.model.schema import parse_date
from dvk.model.text import nfc


class VietnameseMarkdownReader(YAMLMetadataReader):
    file_extensions = ["md", "markdown"]
    ctx = None      # the BuildContext, given by the pipeline: the corpus already holds every file, parsed

    def read(self, source_path):
        entry = self.ctx.corpus.entry_at(source_path) if self.ctx else None
        if entry is not None and isinstance(entry.front, dict):
            raw, body = dict(entry.front), entry.body     # read and checked once, by the validator
        else:
            # The same split as the validator's (dvk.load.yamlsrc), never Pelican's own: a file the two
            # read differently would reach the page unchecked and unsanitised.
            parts = split_front_matter(read_text(source_path))
            if parts is None:   # the validator has refused such a file already: never publish it unchecked
                raise ValueError(f"{source_path}: thiếu phần thông tin (front matter) YAML giữa hai dòng “---”")
            raw, body = parts[0].load() or {}, parts[1]
        raw = {k: v for k, v in raw.items() if v is not None}   # a key left empty is a key not given
        folder = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/").split("/")[0]
        # The values the validator accepted, in the form it checked them ("title: 2024" is text, a lone
        # tag is a list of one): validation and build agree on every value.
        raw = schema.coerce(schema.spec_of(folder), raw, dates=False)
        kind = content.kind_of(folder)
        raw["slug"] = content.slug_of(kind, raw, os.path.splitext(os.path.basename(source_path))[0])
        if kind == "document":
            raw = self._document_metadata(raw)
        metadata = self._parse_yaml_metadata(raw, source_path)
        if kind == "page":
            metadata.setdefault("template", "page")
        if isinstance(raw.get("summary"), str):
            # The sapo is plain text. Escaped once here, it reads literally in templates (autoescape leaves
            # Markup alone) and in Atom feeds, whose <summary type="html"> a feed reader would run as markup.
            metadata["summary"] = Markup.escape(raw["summary"])
        # Raw HTML an editor or an import wrote is cleaned here, once, before anything else sees it.
        html = self.ctx.markdown.to_html(body) if self.ctx and self.ctx.markdown else markdown.to_html(body)
        return nfc(html), metadata

    @staticmethod
    def _document_metadata(raw: dict) -> dict:
        raw = dict(raw)
        raw["title"] = content.title_of("document", raw)
        raw["template"] = "document"
        raw["url"] = urls.document(raw["slug"])
        raw["save_as"] = raw["url"] + "index.html"
        if parse_date(raw.get("date")):
            raw["date"] = parse_date(raw["date"]).isoformat()
        for key in ("recipients", "cc"):
            if isinstance(raw.get(key), str):
                raw[key] = [raw[key]]
        return raw
