"""Pelican plugin: the showcase pages built from ``data/``.

Adds one generator that reads the model records, the field taxonomy and the
reported figures (through ``dvk.corpus``, which validates everything first) and
writes the model catalog and model pages, field and topic pages, province
pages for today's 34 provinces, the national statistics page, the list of
official documents and the home page.
"""
from pelican import signals

from .generator import CardCache, ShowcaseGenerator, template_globals


def get_generators(pelican):
    return ShowcaseGenerator


def add_template_globals(generator):
    """Names the component macros use, available to every template of every generator."""
    generator.env.globals.update(template_globals(generator.settings), model_card=CardCache(generator.env))


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_globals)
