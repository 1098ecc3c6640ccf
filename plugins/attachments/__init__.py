"""Pelican plugin: ``file_info(path)`` for templates — the type and size of an attached file.

``components/attachments.html`` lists a document's attachments as
“Kế hoạch chi tiết (PDF, 1,2 MB)”, so a reader on a phone knows what a link
will download. The path is relative to ``content/``; the validator has
already checked that the file exists.
"""
from __future__ import annotations

import os

from pelican import signals

from dvk.files import describe


def add_template_globals(generator):
    content = generator.settings["PATH"]
    generator.env.globals["file_info"] = lambda rel: describe(os.path.join(content, str(rel)))


def register():
    signals.generator_init.connect(add_template_globals)
