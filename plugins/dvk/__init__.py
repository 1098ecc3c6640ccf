"""Domain logic of the "Dân vận khéo" showcase.

Nothing in this package imports Pelican: the schema, province names, field
taxonomy, corpus loading and validation, statistics and the synthetic corpus
are plain Python, used by the Pelican plugins, by ``tasks.py`` and by tests.
(``dvk.build`` is the one exception: it is the build runner that drives
Pelican, and imports it lazily.)
"""
