"""Site search: what the index holds of each content page (free of Pelican).

The search page ``/tim-kiem/`` searches one compact index of the site's own (``dvk.derive.recindex``,
``recindex/``) holding the model records, news posts and official documents. This module turns each of
them into what the index holds (``model_doc``, ``post_doc``, ``document_doc``: title, owner and place,
summary and text, date, filters, result-card data) and names the search page's filters (section,
field, today's province, year, kind, recognition level).

Vietnamese without diacritics: words are matched folded (``dvk.model.text.fold``: no diacritics, ``đ`` as
``d``), and ranked higher when spelt as typed.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field as dc_field

from dvk.render.formatting import vn_date
from dvk.model.provinces import resolve
from dvk.derive.recindex import Doc
from dvk.model import urls
from dvk.model.schema import KINDS, LEVELS
from dvk.model.text import slugify

SEARCH_URL = urls.SEARCH

# Section (filter "muc") labels: what a result card says the result is.
SECTION_POST, SECTION_MODEL, SECTION_DOCUMENT = "Tin tức", "Mô hình", "Văn bản"


@dataclass
class Option:
    value: str        # the value as the page states it (shown in the filter list)
    slug: str         # the value in the search page's address (?tinh=lam-dong)


@dataclass
class Facet:
    key: str          # the filter's name in the index and in the address
    label: str        # the label of its control on the search page
    all_label: str    # the option that removes the filter
    options: list[Option] = dc_field(default_factory=list)


def _options(values) -> list[Option]:
    return [Option(v, slugify(v)) for v in values]


def facets(fields, provinces, years) -> list[Facet]:
    """The search page's filters, in the order they are shown, with every value the site can have."""
    return [
        Facet("muc", "Loại nội dung", "Tất cả", _options([SECTION_POST, SECTION_MODEL, SECTION_DOCUMENT])),
        Facet("linh-vuc", "Lĩnh vực", "Tất cả lĩnh vực", _options(f.name for f in fields)),
        Facet("tinh", "Tỉnh, thành phố", "Cả nước", _options(p.name for p in provinces)),
        Facet("nam", "Năm", "Mọi năm", _options(str(y) for y in sorted(set(years), reverse=True))),
        Facet("loai", "Mô hình tập thể, cá nhân", "Tập thể và cá nhân",
              _options(label.capitalize() for label in KINDS.values())),
        Facet("cap", "Cấp công nhận", "Mọi cấp", _options(label.capitalize() for label in LEVELS.values())),
    ]


def model_year(record):
    """The year a model page is dated by: its recognition, else its registration (or None)."""
    rec = record.data.get("recognized")
    return rec["year"] if rec else record.data.get("registered")


def model_filters(record) -> dict:
    """Filters of a model page."""
    d, rec, year = record.data, record.data.get("recognized"), model_year(record)
    return {"linh-vuc": [record.field.name], "tinh": [record.place.province.name], "nam": [str(year)] if year else [],
            "loai": KINDS[d["kind"]].capitalize(), "cap": LEVELS[rec["level"]].capitalize() if rec else None}


def _slugs(section, filters) -> dict:
    """Filter values as the index files them: facet → slugs."""
    out = {"muc": [slugify(section)]}
    for k, vals in filters.items():
        out[k] = [slugify(v) for v in ([vals] if isinstance(vals, str) else vals or []) if v]
    return out


_TAG = re.compile(r"<[^>]+>")


def text_of(markup) -> str:
    """The text of an HTML fragment (a post's content, as Pelican rendered it)."""
    return " ".join(html.unescape(_TAG.sub(" ", str(markup or ""))).split())


def model_doc(record, thumb=None) -> Doc:
    """What the index holds of a model record; ``thumb`` makes a card image address from an image's source."""
    d, place = record.data, record.place
    written = place.written if place.former_differs else ""
    year = model_year(record)
    image = (d.get("images") or [None])[0]
    return Doc(url=urls.model(record.id), title=d["name"], section=SECTION_MODEL, owner=d.get("owner") or "",
               locality=d.get("locality") or "", places=" ".join(filter(None, (place.province.name, written))),
               summary=d.get("summary") or "", date=f"{year:04d}-01-01" if year else "",
               date_label=str(year) if year else "", filters=_slugs(SECTION_MODEL, model_filters(record)),
               place_label=place.province.name + (f" (hồ sơ ghi: {written})" if written else ""),
               image=(thumb(image["src"]) if thumb else image["src"]) if image else "",
               image_alt=(image.get("alt") or "") if image else "")


def post_doc(url, title, date, summary="", content="", province=None, models=(), image="", image_alt="") -> Doc:
    """What the index holds of a news post (``summary`` and ``content`` as HTML)."""
    return Doc(url=url, title=title, section=SECTION_POST, places=" ".join(filter(None, (province or "",))),
               summary=text_of(summary), body=text_of(content), date=date.strftime("%Y-%m-%dT%H:%M") if date else "",
               date_label=vn_date(date) if date else "", place_label=province or "",
               filters=_slugs(SECTION_POST, post_filters(date, province, models)),
               image=image or "", image_alt=image_alt or "")


def document_doc(url, title, date, subject="", content="", issuer="", number="", doc_type="", place="",
                 province=None) -> Doc:
    """What the index holds of an official document (``content`` as HTML)."""
    return Doc(url=url, title=title, section=SECTION_DOCUMENT, owner=" ".join(filter(None, (issuer, number, doc_type))),
               places=" ".join(filter(None, (place, province or ""))), summary=subject, body=text_of(content),
               date=date.strftime("%Y-%m-%dT%H:%M") if date else "", date_label=vn_date(date) if date else "",
               place_label=place or "", filters=_slugs(SECTION_DOCUMENT, post_filters(date, province, ())))


def post_filters(date, province=None, models=()) -> dict:
    """Filters of a news post or an official document: its year, today's province, the fields of its models."""
    ref = resolve(province) if isinstance(province, str) and province.strip() else None
    return {"linh-vuc": sorted({m.field.name for m in models}),
            "tinh": [ref.province.name] if ref else [], "nam": [str(date.year)] if date else []}
