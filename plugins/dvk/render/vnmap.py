"""A map of Vietnam with one proportional symbol per province, as inline SVG (no Pelican import).

Why a small hand-made SVG and not a chart library's point layer: pygal has no
map of Vietnam's 34 provinces (its world map stops at countries), and its
charts cannot make each symbol a link with its own accessible name. The map
needs little: 34 points projected from longitude/latitude, a circle whose
*area* is proportional to the count, a label, and a link. The projection is
equirectangular with longitudes scaled by cos(16°), the country's middle
latitude: over 15° of latitude the distortion is invisible at this size.

Coordinates come with ``vietnamadminunits`` (``dvk.model.provinces`` reads each
province's centroid from its ``admin_units`` table). The country's shape is
drawn, faintly and for orientation only, from the same table: the centroids of
the 3,321 communes snapped to a grid, one dot per occupied cell — including
the Hoàng Sa and Trường Sa special zones.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from dvk.render.formatting import vn_number

LON0, LON1, LAT0, LAT1 = 102.0, 114.9, 8.3, 23.6      # frame: mainland and both archipelagos
KX = math.cos(math.radians(16))                         # equirectangular: shrink longitudes
SCALE = 48                                              # SVG units per degree of latitude
MARGIN = 6
R_MAX = 17                                              # radius of the largest symbol
GRID = 0.2                                              # degrees per backdrop dot
FONT = 11


def project(lon: float, lat: float) -> tuple[float, float]:
    return MARGIN + (lon - LON0) * KX * SCALE, MARGIN + (LAT1 - lat) * SCALE


WIDTH = round(2 * MARGIN + (LON1 - LON0) * KX * SCALE)
HEIGHT = round(2 * MARGIN + (LAT1 - LAT0) * SCALE)


@functools.lru_cache(maxsize=1)
def backdrop() -> str:
    """The country's outline as dots: one per grid cell holding a commune centroid."""
    from dvk.model.provinces import commune_centroids   # kept in the user's cache: importing the library takes seconds

    cells = sorted({(round(lon / GRID), round(lat / GRID)) for lon, lat in commune_centroids()})
    dots = []
    for cx, cy in cells:
        x, y = project(cx * GRID, cy * GRID)
        dots.append(f"M{x:.1f} {y:.1f}h0")
    return f'<path class="vn-map__land" d="{"".join(dots)}"/>'


@dataclass(frozen=True)
class Symbol:
    name: str
    lon: float
    lat: float
    value: int
    url: str            # the province page, absolute or site-relative as the page links
    label: str          # accessible name of the link


def _place_labels(points):
    """Label placement: around the symbol, at the candidate position that overlaps least.

    ``points`` are (x, y, r, text), placed in the order given (largest first);
    overlapping another label costs far more than covering a symbol (labels
    have a white halo), and leaving the frame is ruled out. Returns (x, y,
    anchor) per point. Deterministic.
    """
    circles = [(x - r, y - r, x + r, y + r) for x, y, r, _ in points]
    labels, placed = [], []

    def box(x, y, anchor, text):
        w = 0.62 * FONT * len(text) + 4        # Vietnamese letters with marks run a little wide
        x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        return (x0, y - FONT * 0.95, x0 + w, y + FONT * 0.3)   # marks stacked above capitals (Ễ, Ộ) reach high

    def overlap(a, b):
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    def cost(b, own):
        if b[0] < 0 or b[2] > WIDTH or b[1] < 0 or b[3] > HEIGHT:
            return math.inf
        return (20 * sum(overlap(b, o) for o in labels)
                + sum(overlap(b, c) for i, c in enumerate(circles) if i != own))

    for i, (x, y, r, text) in enumerate(points):
        options = []
        for d in (2, 8, 16, 26):
            options += [(x + r + d, y + FONT * 0.35, "start"), (x - r - d, y + FONT * 0.35, "end"),
                        (x, y - r - d - 1, "middle"), (x, y + r + d + FONT - 2, "middle"),
                        (x + r * 0.7 + d, y - r * 0.7 - d / 2, "start"), (x + r * 0.7 + d, y + r * 0.7 + FONT, "start"),
                        (x - r * 0.7 - d, y - r * 0.7 - d / 2, "end"), (x - r * 0.7 - d, y + r * 0.7 + FONT, "end")]
        best = min(options, key=lambda o: cost(box(*o, text), i))   # first of equals: stable
        labels.append(box(*best, text))
        placed.append(best)
    return placed


def province_map(symbols: list[Symbol], title: str, description: str, map_id: str = "ban-do") -> str:
    """The map as an SVG string: every province a linked, labelled circle sized by its value."""
    top = max((s.value for s in symbols), default=0) or 1
    ordered = sorted(symbols, key=lambda s: (-s.value, s.name))
    points = []
    for s in ordered:
        x, y = project(s.lon, s.lat)
        r = max(2.5, R_MAX * math.sqrt(s.value / top)) if s.value else 2.5
        points.append((x, y, r, s.name))
    labels = _place_labels(points)
    # Links in reading order, north to south, so the keyboard moves down the country;
    # circles are drawn largest first, so small ones stay visible above them.
    draw = sorted(range(len(ordered)), key=lambda i: (-ordered[i].lat, ordered[i].lon))
    circles, texts = [], []
    for i in range(len(ordered)):
        s, (x, y, r, _) = ordered[i], points[i]
        empty = " vn-map__symbol--empty" if not s.value else ""
        circles.append(f'<circle class="vn-map__symbol{empty}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>')
    for i in draw:
        s, (x, y, r, _), (lx, ly, anchor) = ordered[i], points[i], labels[i]
        texts.append(
            f'<a href={quoteattr(s.url)} aria-label={quoteattr(s.label)} class="vn-map__link">'
            f'<circle class="vn-map__target" cx="{x:.1f}" cy="{y:.1f}" r="{max(r, 6):.1f}"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="vn-map__label">{escape(s.name)}</text></a>')
    hs_x, hs_y = project(111.4, 17.35)
    ts_x, ts_y = project(113.2, 10.7)
    tid, did = f"{map_id}-tieu-de", f"{map_id}-mo-ta"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="vn-map__svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'aria-labelledby="{tid} {did}">'
            f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(description)}</desc>'
            f'<g aria-hidden="true">{backdrop()}'
            f'<text x="{hs_x:.1f}" y="{hs_y:.1f}" class="vn-map__sea" text-anchor="middle">Quần đảo Hoàng Sa</text>'
            f'<text x="{ts_x:.1f}" y="{ts_y:.1f}" class="vn-map__sea" text-anchor="middle">Quần đảo Trường Sa</text>'
            f'{"".join(circles)}</g>'
            f'{"".join(texts)}</svg>')


def symbol_label(name: str, value: int, recognized: int) -> str:
    return f"{name}: {vn_number(value)} mô hình có hồ sơ, {vn_number(recognized)} được công nhận"
