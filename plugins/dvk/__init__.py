"""The "Dân vận khéo" showcase site: its content model, build pipeline and editors' tools.

Stages, in the order a build runs them (``ARCHITECTURE.md`` has the whole picture):

- ``dvk.model``   the content model: schema, vocabularies, fields and topics, provinces, addresses
- ``dvk.load``    reading and validating ``content/`` and ``data/`` into a ``Corpus``
- ``dvk.derive``  data computed from the corpus: statistics, catalog, related items, search, open data
- ``dvk.render``  HTML, SVG and image helpers the templates use
- ``dvk.site``    the build runner and the one Pelican adapter (the only code that imports Pelican)
- ``dvk.tools``   the editors' commands: scaffold, importers, dev server, publish
- ``dvk.bench``   the synthetic corpus for benchmarks

``dvk.model``, ``dvk.load``, ``dvk.derive`` and ``dvk.render`` never import Pelican.
"""
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]    # the repository this package is installed from (editable)
