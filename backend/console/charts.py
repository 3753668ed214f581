"""Server-rendered SVG charts (pygal) for the reports page, readable in English and Chinese.

The console shows each chart as an ``<img>`` of its own SVG response, so no script runs in
the page. pygal writes an inert configuration ``<script>`` for its optional tooltips even
with no JavaScript configured; it is cut out, so no script reaches the browser at all.
Every plotted value stays in the SVG as ``<desc class="value">``, which the tests read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pygal
from pygal.style import Style

# Chinese labels need a CJK family; the Latin ones come from the first family that has them.
FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "DejaVu Sans", sans-serif'
STYLE = Style(
    font_family=FONTS,
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1d2330",
    foreground_strong="#1d2330",
    foreground_subtle="#d8dde6",
    colors=("#0b6e4f", "#b3261e", "#e0a100", "#3a5fcd", "#7b4fa0", "#5b6475", "#2a9d8f"),
    title_font_size=18,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    value_font_size=12,
)
WIDTH, HEIGHT = 960, 360
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def _common(title: str, labels: Sequence[str]) -> dict[str, object]:
    config: dict[str, object] = {
        "title": title,
        "style": STYLE,
        "width": WIDTH,
        "height": HEIGHT,
        "js": [],
        "explicit_size": True,  # width and height on the <svg>: an <img> knows its size
        "truncate_legend": -1,
        "legend_at_bottom": True,
        "no_data_text": "—",
        "print_values": False,
    }
    if labels:  # at most ~15 labels under the axis, whatever the number of days
        step = max(1, len(labels) // 15)
        config["x_label_rotation"] = 35 if len(labels) > 10 else 0
        config["show_minor_x_labels"] = step == 1
        config["x_labels_major_every"] = step
    return config


def _integer_ticks(config: dict[str, object], *groups: Mapping[str, Sequence[float]]) -> None:
    """Counts and points get whole-number ticks (pygal would draw 0.1, 0.2... for a 1)."""
    values = [v for group in groups for series in group.values() for v in series]
    if not all(isinstance(v, int) for v in values) or min(values, default=0) < 0:
        return
    top = max(values, default=0)
    step = 1
    while top / step > 10:  # 1, 2, 5, 10, 20, 50...: at most ~10 ticks
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    config["y_labels"] = list(range(0, top + step, step)) if top else [0, 1]


def line(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    secondary: Mapping[str, Sequence[float]] | None = None,
) -> str:
    """A line per series over ``labels`` (days); ``secondary`` ones on the right-hand axis."""
    config = _common(title, labels)
    if not secondary:
        _integer_ticks(config, series)
    chart = pygal.Line(show_dots=len(labels) <= 60, dots_size=3, **config)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    for name, values in (secondary or {}).items():
        chart.add(name, list(values), secondary=True)
    return _render(chart)


def bars(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]]) -> str:
    """Grouped bars per label, a colour per series."""
    config = _common(title, labels)
    _integer_ticks(config, series)
    chart = pygal.Bar(**config)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)


def stacked(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]]) -> str:
    """Stacked bars per label (e.g. flags per week, a layer per kind)."""
    config = _common(title, labels)
    # Stacked: the ticks must reach the tallest stack, not the tallest layer.
    _integer_ticks(config, {"total": [sum(col) for col in zip(*series.values(), strict=True)]})
    chart = pygal.StackedBar(**config)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)


def pie(title: str, slices: Mapping[str, float]) -> str:
    """One slice per label (e.g. members per tier)."""
    chart = pygal.Pie(inner_radius=0.4, **_common(title, []))
    for name, value in slices.items():
        chart.add(name, [value])
    return _render(chart)


def _render(chart: pygal.graph.graph.Graph) -> str:
    return _SCRIPT.sub("", chart.render(is_unicode=True))
