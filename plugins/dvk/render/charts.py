"""Statistics charts as static, accessible SVG, made at build time (no Pelican import).

Library: pygal (pure Python, pinned in requirements.txt). Why pygal and not
Vega-Lite through ``vl-convert-python``: a national build draws about 250
charts (34 province pages, the national page) and pygal draws one in about
5 ms in the build's own process, while vl-convert pays a JavaScript-runtime
round trip per call; pygal's SVG is also plain enough to make accessible and to
colour from the theme's CSS custom properties. Its script and stylesheet are
switched off and stripped (``js=[]``, ``css=[]``): the theme styles the chart
(``.chart`` in ``site.css``) and nothing needs JavaScript.

Each ``Chart`` carries its data as rows, and the template shows the same rows
as a table next to the picture (``components/chart.html``): the table is the
chart's text alternative, the SVG has ``role="img"``, a ``<title>`` and a
``<desc>`` that also lists the values.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field as dc_field
from xml.sax.saxutils import escape

from dvk.model import urls
from dvk.render.formatting import vn_number

WIDTH = 340          # viewBox width of a year chart: about the column on a 375 px phone, so 12 units ≈ 12 px


@dataclass
class Chart:
    """One chart: its words, its data and its picture.

    ``rows`` are ``(label, values, url)``: one value per series; ``url`` (site-relative,
    or None) links the label in the table.
    """

    id: str                          # unique on its page, ASCII
    title: str
    label_header: str                # heading of the first table column
    series: tuple[str, ...]          # headings of the value columns
    rows: list[tuple[str, tuple[int, ...], str | None]]
    note: str = ""                   # one sentence under the title, optional
    svg: str = dc_field(default="", repr=False)

    @property
    def total(self) -> int:
        return sum(sum(v) for _, v, _ in self.rows)

    @property
    def description(self) -> str:
        """The values in words, for the SVG's ``<desc>``."""
        parts = []
        for label, values, _ in self.rows:
            if len(self.series) == 1:
                parts.append(f"{label}: {vn_number(values[0])}")
            else:
                parts.append(f"{label}: " + ", ".join(f"{s.lower()} {vn_number(v)}" for s, v in zip(self.series, values)))
        return "; ".join(parts) + "."


def _ticks(top: int) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``top``: about five, at 1, 2 or 5 × 10ⁿ."""
    top = max(top, 1)
    raw = top / 5
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return list(range(0, top + step, step)) if top % step else list(range(0, top + 1, step))


_JUNK = re.compile(r"<!--.*?-->|<defs>.*?</defs>|<title>[^<]*</title>|<desc [^>]*>[^<]*</desc>"
                   r'|<g transform="[^"]*" class="plot tooltip-overlay">.*?</g></g>', re.S)


def _finish(svg: str, chart: Chart) -> str:
    """pygal's SVG, cleaned: no script, style, comments or tooltip data; a title and description."""
    svg = _JUNK.sub("", svg)
    svg = re.sub(r' id="activate-serie-\d+"', "", svg)                  # pygal repeats them in every chart
    svg = re.sub(r'<rect (?![^>]*width=)[^>]*/>', "", svg)               # zero bars: pygal leaves out their width
    head, sep, rest = svg.partition(">")
    tid, did = f"{chart.id}-tieu-de", f"{chart.id}-mo-ta"
    head = re.sub(r' id="[^"]*"', "", head)
    head += f' role="img" aria-labelledby="{tid} {did}" focusable="false"'
    return (f"{head}{sep}<title id=\"{tid}\">{escape(chart.title)}</title>"
            f"<desc id=\"{did}\">{escape(chart.description)}</desc>{rest}")


def _style():
    """Font sizes only, in SVG units, equal to those of ``.chart__svg`` in site.css: pygal sizes its
    margins from them. Colours come from the theme's CSS, not from here."""
    from pygal.style import Style

    return Style(label_font_size=12, major_label_font_size=12, value_font_size=12, legend_font_size=13,
                 title_font_size=13, font_family="sans-serif", background="#fff", plot_background="#fff")


def _config(**changes) -> dict:
    config = dict(js=[], css=[], style=_style(), disable_xml_declaration=True, explicit_size=False, width=WIDTH,
                  classes=["chart__svg"], show_legend=False, legend_at_bottom=True, legend_at_bottom_columns=2,
                  print_values=False, value_formatter=vn_number, margin=8, spacing=6,
                  show_y_guides=True, show_x_guides=False, truncate_label=-1, truncate_legend=-1)
    config.update(changes)
    return config


# ---------------------------------------------------------------- horizontal bars, drawn by hand
# On a phone the chart is about 343 px wide: its viewBox is as wide as the narrowest column it is
# drawn in, so that 12 units stay at least 12 px; each label stands whole above its bar, wrapped
# onto a second line when long, never cut.

BAR_WIDTH = 320        # viewBox width of a horizontal bar chart
FONT_PX = 12
LINE = 16              # label line height
BAR = 16               # bar thickness
GAP = 12               # between one row and the next label
VALUE_ROOM = 44        # right of the longest bar: its printed value


def _wrap(text: str, width: float) -> list[str]:
    """Split ``text`` on spaces into lines of at most ``width`` units at 12 units per letter height."""
    limit = max(8, int(width / (0.6 * FONT_PX)))   # letters with Vietnamese marks run about 0.6 em wide
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines or [""]


def _hbars(chart: Chart, stacked: bool) -> str:
    """The SVG of a horizontal bar chart, bars bottom-up in the markup (as pygal drew them), labels whole."""
    top = max((sum(v) for _, v, _ in chart.rows), default=0) or 1
    span = BAR_WIDTH - VALUE_ROOM
    legend = ""
    y = 4
    if stacked and len(chart.series) > 1:
        items, x = [], 0
        for i, name in enumerate(chart.series):
            items.append(f'<rect class="chart__bar chart__bar--{i}" x="{x}" y="{y}" width="12" height="12"/>'
                         f'<text x="{x + 16}" y="{y + 11}" class="chart__legend">{escape(name)}</text>')
            x += 24 + int(0.6 * FONT_PX * len(name))
        legend = f'<g class="legends">{"".join(items)}</g>'
        y += 12 + GAP
    rows = []
    for label, values, _ in chart.rows:
        lines = _wrap(label, BAR_WIDTH)
        texts = "".join(f'<text x="0" y="{y + (k + 1) * LINE - 4}" class="chart__label">{escape(t)}</text>'
                        for k, t in enumerate(lines))
        y += LINE * len(lines) + 2
        x, bars = 0.0, []
        for i, v in enumerate(values if stacked else values[:1]):
            w = span * v / top
            if w > 0:
                bars.append(f'<rect class="chart__bar chart__bar--{i}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}"/>')
            x += w
        total = sum(values) if stacked else values[0]
        cls = "value chart__total" if stacked else "value"   # a stacked bar prints its total, not each part
        value = f'<text x="{x + 4:.1f}" y="{y + BAR - 3}" class="{cls}">{escape(vn_number(total))}</text>'
        rows.append(f"<g>{texts}{''.join(bars)}{value}</g>")
        y += BAR + GAP
    height = y - GAP + 4
    body = legend + "".join(reversed(rows))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg chart__svg--bars" viewBox="0 0 {BAR_WIDTH} {height}" '
            f'width="{BAR_WIDTH}" height="{height}">{body}</svg>')


def bar_chart(chart_id: str, title: str, label_header: str, rows, value_header: str = "Số mô hình",
              note: str = "") -> Chart:
    """Horizontal bars, one per category: ``rows`` are ``(label, count)`` or ``(label, count, url)``."""
    rows = [(r[0], (int(r[1]),), r[2] if len(r) > 2 else None) for r in rows]
    chart = Chart(chart_id, title, label_header, (value_header,), rows, note)
    chart.svg = _finish(_hbars(chart, stacked=False), chart)
    return chart


def stacked_chart(chart_id: str, title: str, label_header: str, series: tuple[str, ...], rows,
                  note: str = "") -> Chart:
    """Horizontal stacked bars: ``rows`` are ``(label, (count per series…))`` or with a url."""
    rows = [(r[0], tuple(int(v) for v in r[1]), r[2] if len(r) > 2 else None) for r in rows]
    chart = Chart(chart_id, title, label_header, tuple(series), rows, note)
    chart.svg = _finish(_hbars(chart, stacked=True), chart)
    return chart


def year_chart(chart_id: str, title: str, by_year: dict[str, dict[int, int]], note: str = "") -> Chart:
    """Vertical bars per year, one series per entry of ``by_year`` (e.g. registered, recognised).

    Every year between the first and the last is shown, with zeros, so gaps are visible.
    """
    import pygal

    years = sorted({y for counts in by_year.values() for y in counts})
    if years:
        years = list(range(years[0], years[-1] + 1))
    series = tuple(by_year)
    rows = [(str(y), tuple(by_year[s].get(y, 0) for s in series), None) for y in years]
    chart = Chart(chart_id, title, "Năm", series, rows, note)
    top = max((max(v) for _, v, _ in rows), default=0)
    every = math.ceil(len(years) / 8)       # at most eight year labels under the axis; the table has all
    g = pygal.Bar(**_config(height=280, show_legend=len(series) > 1, y_labels=_ticks(top),
                            show_minor_x_labels=every == 1, x_labels_major_every=every if every > 1 else None))
    g.uuid = chart_id
    g.x_labels = [str(y) for y in years]
    for s in series:
        g.add(s, [by_year[s].get(y, 0) for y in years])
    chart.svg = _finish(g.render(is_unicode=True), chart)
    return chart


# ---------------------------------------------------------------- the charts of a set of records

REGISTERED = "Đăng ký xây dựng"
RECOGNIZED = "Được công nhận"


def tally_charts(tally, fields, formers=(), where: str = "") -> list[Chart]:
    """The charts of one ``dvk.derive.stats.Tally``: by field, topic, kind, level, status, year, former province.

    ``fields``: the taxonomy's fields, in order; ``formers``: the pre-2025
    provinces of a merged province (a chart by former province when given);
    ``where``: appended to the titles (“ở Lâm Đồng”). Empty breakdowns (no
    topics, no recognition) are left out.
    """
    from dvk.model.schema import KINDS, LEVELS, STATUSES

    suffix = f" {where}" if where else ""
    charts = [bar_chart("bieu-do-linh-vuc", f"Mô hình theo lĩnh vực{suffix}", "Lĩnh vực",
                        [(f.name, tally.by_field.get(f.id, 0), urls.field(f.slug)) for f in fields])]
    topics = [(t.name, tally.by_topic[t.id]) for f in fields for t in f.topics if tally.by_topic.get(t.id)]
    if topics:
        topics.sort(key=lambda r: -r[1])
        charts.append(bar_chart("bieu-do-chu-de", f"Mô hình theo chủ đề{suffix}", "Chủ đề", topics,
                                note="Một mô hình có thể thuộc nhiều chủ đề; chỉ nêu các chủ đề có mô hình."))
    charts.append(bar_chart("bieu-do-loai", f"Mô hình tập thể và cá nhân{suffix}", "Loại mô hình",
                            [(label.capitalize(), tally.by_kind.get(k, 0)) for k, label in KINDS.items()]))
    if tally.recognized:
        charts.append(bar_chart("bieu-do-cap", f"Mô hình được công nhận theo cấp{suffix}", "Cấp công nhận",
                                [(label.capitalize(), tally.by_level.get(k, 0)) for k, label in LEVELS.items()]))
    charts.append(bar_chart("bieu-do-tinh-trang", f"Mô hình theo tình trạng{suffix}", "Tình trạng",
                            [(label.capitalize(), tally.by_status.get(k, 0)) for k, label in STATUSES.items()]))
    if tally.registered_by_year or tally.recognized_by_year:
        charts.append(year_chart("bieu-do-nam", f"Mô hình đăng ký và được công nhận theo năm{suffix}",
                                 {REGISTERED: dict(tally.registered_by_year), RECOGNIZED: dict(tally.recognized_by_year)},
                                 note="Năm đăng ký và năm công nhận ghi trong hồ sơ; hồ sơ không ghi năm không được tính."))
    if len(formers) > 1:
        charts.append(bar_chart("bieu-do-tinh-cu", f"Mô hình theo tỉnh, thành phố trước năm 2025 ghi trong hồ sơ{suffix}",
                                "Tỉnh, thành phố trước 2025", [(name, tally.by_former.get(name, 0)) for name in formers]))
    return charts


def field_kind_chart(tally, fields) -> Chart:
    """Each field split into collective and individual models."""
    from dvk.model.schema import KINDS

    return stacked_chart("bieu-do-linh-vuc-loai", "Mô hình theo lĩnh vực và loại, cả nước", "Lĩnh vực",
                         tuple(label.capitalize() for label in KINDS.values()),
                         [(f.name, tuple(tally.by_field_kind.get((f.id, k), 0) for k in KINDS), urls.field(f.slug))
                          for f in fields])
