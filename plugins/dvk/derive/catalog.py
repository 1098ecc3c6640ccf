"""The model catalog's filters and the small index its script filters instantly.

Without JavaScript, a reader filters the catalog (``/mo-hinh/``) by following
plain links to pre-generated listings, one dimension at a time: field,
province, kind, recognition level, recognition year. Their number stays bounded
at national scale: every record appears once per dimension, never in a cross
product. Field and province already have complete paginated listings (the
field's “all models” page and the province page), so their filter links go
there; the catalog writes listings only for kind, level and year. With
JavaScript, ``catalog_index()`` gives the script every record in a compact
columnar form, so any combination of filters is applied in the browser.

No Pelican import: the generator hands these to the templates.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from dvk.model import urls
from dvk.model.schema import KINDS, LEVELS, STATUSES
from dvk.model.text import slugify

CATALOG_URL = urls.CATALOG
INDEX_URL = urls.CATALOG_INDEX
INDEX_VERSION = 1


@dataclass
class Option:
    """One value of a filter: its label, its listing's address and the records it keeps."""

    value: str          # the value the script compares (field id, province code, kind, level, year)
    label: str
    slug: str
    url: str            # the pre-generated listing, relative to the site root
    items: list = dc_field(default_factory=list, repr=False)
    catalog_listing: bool = True   # False: the listing is another page of the site (field, province)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Facet:
    """One filter dimension of the catalog."""

    key: str            # query parameter used by the script: linh-vuc, tinh, loai, cap, nam
    label: str          # Vietnamese, shown to readers
    options: list[Option]

    def option(self, value) -> Option | None:
        return next((o for o in self.options if o.value == str(value)), None)


def facets(models: list, provinces, fields) -> list[Facet]:
    """The catalog's five filters, each option holding its records in catalog order.

    ``models`` is the sorted catalog; options without any record are left out,
    so no listing is empty.
    """
    by = {k: {} for k in ("field", "province", "kind", "level", "year")}
    for m in models:
        by["field"].setdefault(m.field.id, []).append(m)
        by["province"].setdefault(m.place.province.code, []).append(m)
        by["kind"].setdefault(m.data["kind"], []).append(m)
        recognized = m.data.get("recognized") or {}
        if recognized.get("level"):
            by["level"].setdefault(recognized["level"], []).append(m)
        if recognized.get("year"):
            by["year"].setdefault(recognized["year"], []).append(m)

    def facet(key, label, dimension, choices, elsewhere=None):
        """choices: (value, label, slug) in display order; values without records are left out.

        ``elsewhere(slug)``: the address of an existing listing to link to instead of writing one.
        """
        return Facet(key, label, [
            Option(str(value), text, slug, elsewhere(slug) if elsewhere else urls.catalog_facet(key, slug),
                   by[dimension][value], catalog_listing=elsewhere is None)
            for value, text, slug in choices if value in by[dimension]])

    return [
        facet("linh-vuc", "Lĩnh vực", "field", [(f.id, f.name, f.slug) for f in fields],
              elsewhere=urls.field_all),
        facet("tinh", "Tỉnh, thành phố", "province", [(p.code, p.name, p.slug) for p in provinces],
              elsewhere=urls.province),
        facet("loai", "Loại mô hình", "kind", [(k, v.capitalize(), slugify(v)) for k, v in KINDS.items()]),
        facet("cap", "Cấp công nhận", "level", [(k, v.capitalize(), slugify(v)) for k, v in LEVELS.items()]),
        facet("nam", "Năm công nhận", "year", [(y, str(y), str(y)) for y in sorted(by["year"], reverse=True)]),
    ]


def catalog_index(models: list, provinces, fields) -> dict:
    """Every published record in a compact columnar form for the catalog script.

    Each row: id, name, owner, province index, province as written when it
    differs from today's, field index, kind index, level index (-1 when not
    recognised), recognition year (0), status index, registration year (0),
    illustrative (0/1). Vocabularies are listed once, in the same order as the
    filters.
    """
    provinces = list(provinces)
    p_index = {p.code: i for i, p in enumerate(provinces)}
    f_index = {f.id: i for i, f in enumerate(fields)}
    kinds, levels, statuses = list(KINDS), list(LEVELS), list(STATUSES)
    rows = []
    for m in models:
        d = m.data
        recognized = d.get("recognized") or {}
        rows.append([
            m.id, d["name"], d["owner"], p_index[m.place.province.code],
            m.place.written if m.place.former_differs else "",
            f_index[m.field.id], kinds.index(d["kind"]),
            levels.index(recognized["level"]) if recognized.get("level") in LEVELS else -1,
            recognized.get("year") or 0, statuses.index(d["status"]) if d.get("status") in STATUSES else 0,
            d.get("registered") or 0, 1 if d.get("illustrative") else 0,
        ])
    return {
        "version": INDEX_VERSION,
        "fields": [[f.id, f.name] for f in fields],
        "provinces": [[p.code, p.name] for p in provinces],
        "kinds": [[k, v] for k, v in KINDS.items()],
        "levels": [[k, v] for k, v in LEVELS.items()],
        "statuses": [[k, v] for k, v in STATUSES.items()],
        "columns": ["id", "name", "owner", "province", "written", "field", "kind", "level", "year",
                    "status", "registered", "illustrative"],
        "models": rows,
    }
