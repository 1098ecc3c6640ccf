"""Statistics charts as accessible HTML bars, made at build time (no Pelican import).

Why not a picture (pygal's SVG, used before): a chart drawn in a fixed viewBox shrinks its text with the
screen and ignores the reader's text size; bars in HTML and CSS keep their labels as page text, whole at
any width and as large as the rest of the page, and need no library and no script. Colours come from the
theme (``.bars`` in ``site.css``).

Each ``Chart`` carries its data as rows, and the template shows the same rows as a table under the bars
(``components/chart.html``): the table is the chart's text alternative; the bars are one image for
assistive technology (``role="img"``), named by the title and the values in words.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from xml.sax.saxutils import escape

from dvk.model import urls
from dvk.render.formatting import vn_number


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
    markup: str = dc_field(default="", repr=False)     # the bars, HTML made here from escaped parts

    @property
    def total(self) -> int:
        return sum(sum(v) for _, v, _ in self.rows)

    @property
    def description(self) -> str:
        """The values in words: with the title, the accessible name of the bars."""
        parts = []
        for label, values, _ in self.rows:
            if len(self.series) == 1:
                parts.append(f"{label}: {vn_number(values[0])}")
            else:
                parts.append(f"{label}: " + ", ".join(f"{s.lower()} {vn_number(v)}" for s, v in zip(self.series, values)))
        return "; ".join(parts) + "."


# ---------------------------------------------------------------- bars in HTML
# Bars are HTML and CSS, not a picture: their labels are page text, so they wrap whole at any width,
# stay at the reader's text size (at least 12 px at 375 px) and follow the font-size control (A−/A/A+).
# Each bar's length is its share of the largest row. The whole is one image for assistive technology
# (role="img", named by the chart's title and its values in words); the table under it has the numbers.


def _bars(chart: Chart, mode: str) -> str:
    """``mode``: ``"single"`` (one bar a row), ``"stacked"`` (the series end to end, the total printed)
    or ``"grouped"`` (one thin bar per series, each with its value)."""
    if mode == "stacked":
        top = max((sum(v) for _, v, _ in chart.rows), default=0) or 1
    else:
        top = max((max(v) for _, v, _ in chart.rows), default=0) or 1
    tid, did = f"{chart.id}-tieu-de", f"{chart.id}-mo-ta"
    parts = [f'<div class="bars bars--{mode}" role="img" aria-labelledby="{tid} {did}">',
             f'<span class="visually-hidden" id="{tid}">{escape(chart.title)}</span>'
             f'<span class="visually-hidden" id="{did}">{escape(chart.description)}</span>']
    if mode != "single" and len(chart.series) > 1:
        parts.append('<ul class="bars__legend">' + "".join(
            f'<li><span class="bars__key bars__key--{i}"></span>{escape(name)}</li>'
            for i, name in enumerate(chart.series)) + "</ul>")
    parts.append('<ol class="bars__rows">')
    for label, values, _ in chart.rows:
        parts.append(f'<li class="bars__row"><span class="bars__label">{escape(label)}</span>')
        if mode == "grouped":
            for i, v in enumerate(values):
                parts.append(f'<span class="bars__track">{_bar(i, v, top)}'
                             f'<span class="bars__value">{escape(vn_number(v))}</span></span>')
        else:
            shown = values if mode == "stacked" else values[:1]
            parts.append('<span class="bars__track">' + "".join(_bar(i, v, top) for i, v in enumerate(shown))
                         + f'<span class="bars__value">{escape(vn_number(sum(shown)))}</span></span>')
        parts.append("</li>")
    parts.append("</ol></div>")
    return "".join(parts)


def _bar(series: int, value: int, top: int) -> str:
    if value <= 0:
        return ""
    return f'<span class="bars__bar bars__bar--{series}" style="width:{100 * value / top:.2f}%"></span>'


def bar_chart(chart_id: str, title: str, label_header: str, rows, value_header: str = "Số mô hình",
              note: str = "") -> Chart:
    """Horizontal bars, one per category: ``rows`` are ``(label, count)`` or ``(label, count, url)``."""
    rows = [(r[0], (int(r[1]),), r[2] if len(r) > 2 else None) for r in rows]
    chart = Chart(chart_id, title, label_header, (value_header,), rows, note)
    chart.markup = _bars(chart, "single")
    return chart


def stacked_chart(chart_id: str, title: str, label_header: str, series: tuple[str, ...], rows,
                  note: str = "") -> Chart:
    """Horizontal stacked bars: ``rows`` are ``(label, (count per series…))`` or with a url."""
    rows = [(r[0], tuple(int(v) for v in r[1]), r[2] if len(r) > 2 else None) for r in rows]
    chart = Chart(chart_id, title, label_header, tuple(series), rows, note)
    chart.markup = _bars(chart, "stacked")
    return chart


def year_chart(chart_id: str, title: str, by_year: dict[str, dict[int, int]], note: str = "") -> Chart:
    """One row per year, one bar per entry of ``by_year`` (e.g. registered, recognised).

    Every year between the first and the last is shown, with zeros, so gaps are visible.
    """
    years = sorted({y for counts in by_year.values() for y in counts})
    if years:
        years = list(range(years[0], years[-1] + 1))
    series = tuple(by_year)
    rows = [(str(y), tuple(by_year[s].get(y, 0) for s in series), None) for y in years]
    chart = Chart(chart_id, title, "Năm", series, rows, note)
    chart.markup = _bars(chart, "grouped")
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
