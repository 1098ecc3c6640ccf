"""Macros imported into a page (``{% from "x" import y %}``) behave as in Jinja, with or without the shortcut
``dvk.site.pipeline.ImportOnce`` takes: the cached module when the page has no globals of its own, a module
that sees them when it has."""
from __future__ import annotations

import jinja2
import pytest

from dvk.site.pipeline import ImportOnce

TEMPLATES = {
    "macros.html": "{% macro say() %}{{ word }}/{{ only_here | default('-') }}{% endmacro %}",
    "page.html": '{% from "macros.html" import say %}{{ say() }}',
}


@pytest.mark.parametrize("template_class", [jinja2.Template, ImportOnce])
def test_a_macro_sees_the_environment_globals(template_class):
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    env.template_class = template_class
    env.globals["word"] = "chung"
    assert env.get_template("page.html").render() == "chung/-"
    assert env.get_template("page.html").render(only_here="biến của trang") == "chung/-"   # not passed down


@pytest.mark.parametrize("template_class", [jinja2.Template, ImportOnce])
def test_a_macro_sees_the_globals_of_the_page_that_imports_it(template_class):
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    env.template_class = template_class
    env.globals["word"] = "chung"
    page = env.get_template("page.html", globals={"only_here": "riêng"})
    assert page.render() == "chung/riêng"
