"""Pelican reader: Markdown with YAML front matter, NFC-normalised.

Builds on ``pelican-yaml-metadata`` (which maps YAML values to Pelican
metadata) and adds what this site needs: the text is normalised to NFC before
anything reads it, slugs come from the Vietnamese title without diacritics
(``đ`` → ``d``), and files under ``content/van-ban/`` become official documents
with their own template and ``/van-ban/<slug>/`` address.
"""
from __future__ import annotations

import os

from markupsafe import Markup

from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from dvk.corpus import DOCUMENTS_DIR, PAGES_DIR
from dvk import sanitize, schema
from dvk.schema import parse_date
from dvk.text import nfc, slugify
from dvk.yamlsrc import read_text, split_front_matter


class VietnameseMarkdownReader(YAMLMetadataReader):
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        text = read_text(source_path)
        # The same split as the validator's (dvk.yamlsrc), never Pelican's own: a file the two read
        # differently would reach the page unchecked and unsanitised.
        parts = split_front_matter(text)
        if parts is None:   # the validator has refused such a file already: never publish it unchecked
            raise ValueError(f"{source_path}: thiếu phần thông tin (front matter) YAML giữa hai dòng “---”")
        source, body, _ = parts
        raw = source.load() or {}
        raw = {k: v for k, v in raw.items() if v is not None}   # a key left empty is a key not given
        folder = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/").split("/")[0]
        # The values the validator accepted, in the form it checked them ("title: 2024" is text, a lone
        # tag is a list of one): validation and build agree on every value.
        raw = schema.coerce(schema.spec_of(folder), raw, dates=False)
        if folder == DOCUMENTS_DIR:
            raw = self._document_metadata(raw)
        if not raw.get("slug"):
            raw["slug"] = slugify(str(raw.get("title", ""))) or os.path.splitext(os.path.basename(source_path))[0]
        metadata = self._parse_yaml_metadata(raw, source_path)
        if folder == PAGES_DIR:
            metadata.setdefault("template", "page")
        if isinstance(raw.get("summary"), str):
            # The sapo is plain text. Escaped once here, it reads literally in templates (autoescape leaves
            # Markup alone) and in Atom feeds, whose <summary type="html"> a feed reader would run as markup.
            metadata["summary"] = Markup.escape(raw["summary"])
        self._md.Meta = {k: [str(v)] for k, v in raw.items()}
        # Raw HTML an editor or an import wrote is cleaned here, once, before anything else sees it.
        return sanitize.clean(nfc(self._md.reset().convert(body))), metadata

    @staticmethod
    def _document_metadata(raw: dict) -> dict:
        raw = dict(raw)
        raw.setdefault("title", f"{raw.get('doc_type', 'Văn bản')} số {raw.get('number', '')} "
                                f"về việc {raw.get('subject', '')}")
        slug = raw.get("slug") or slugify(raw["title"])
        raw["slug"] = slug
        raw["template"] = "document"
        raw["url"] = f"van-ban/{slug}/"
        raw["save_as"] = f"van-ban/{slug}/index.html"
        if parse_date(raw.get("date")):
            raw["date"] = parse_date(raw["date"]).isoformat()
        for key in ("recipients", "cc"):
            if isinstance(raw.get(key), str):
                raw[key] = [raw[key]]
        return raw


def add_reader(readers):
    for ext in VietnameseMarkdownReader.file_extensions:
        readers.reader_classes[ext] = VietnameseMarkdownReader


def register():
    signals.readers_init.connect(add_reader)
