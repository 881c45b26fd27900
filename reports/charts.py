"""Server-side charts as inline SVG: no script, no style attributes (the console's CSP
allows neither), every bar a link (drill-down) and a ``<title>`` tooltip, numbers printed
beside the bars. A chart is a labelled ``group`` (not an ``img``: it holds links). Colours
are presentation attributes; sizes come from the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Colour-blind-safe palette (Okabe–Ito), one colour per series.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")


@dataclass
class Segment:
    """One part of a stacked bar."""

    key: str
    label: str
    value: int
    href: str | None = None
    colour: str = PALETTE[0]


@dataclass
class Bar:
    """A bar: its label, value (or stacked segments), link and the text printed beside it."""

    key: str
    label: str
    value: float
    href: str | None = None
    note: str = ""
    segments: list[Segment] = field(default_factory=list)
    colour: str = PALETTE[0]


def _attrs(**values) -> str:
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(v)}"'
                    for k, v in values.items() if v is not None)


def _link(inner: str, href: str | None, label: str, css: str, key: str) -> str:
    title = f"<title>{escape(label)}</title>"
    if not href:
        return f'<g class="{css}" data-key="{escape(key)}">{title}{inner}</g>'
    return (f'<a class="{css}" data-key="{escape(key)}" href="{escape(href)}">'
            f"{title}{inner}</a>")


def horizontal_bars(chart_id: str, title: str, bars: list[Bar], max_value: float | None = None,
                    suffix: str = "", width: int = 360) -> Markup:
    """One row per bar, longest = ``max_value`` (default: the largest value).

    Each label sits on its own lines above its bar, wrapped whole (long office and commune
    names are never cut), and the chart is narrow (``width`` user units ≈ CSS pixels of a
    phone), so its text keeps its size on a 390-pixel screen. The text beside a bar (its
    note or value) stays on the bar's line when every such text is short, else it goes on
    a line of its own under the bar.
    """
    line, bar_h, gap, pad = 18, 14, 10, 4
    shown = [bar.note or _number(bar.value, suffix) for bar in bars]
    note_w = max([_text_width(text) for text in shown] + [0])
    beside = note_w <= width * 0.4
    plot = width - (note_w + 8 if beside else 0)
    top = max([max_value or 0] + [b.value for b in bars]) or 1
    rows, y = [], pad
    for bar, text in zip(bars, shown, strict=True):
        lines = wrap(bar.label, LABEL_CHARS)
        label = "".join(f'<tspan {_attrs(x=0, dy=0 if i == 0 else line)}>{escape(part)}</tspan>'
                        for i, part in enumerate(lines))
        inner = f'<text {_attrs(x=0, y=y + 14)} class="label">{label}</text>'
        bar_y = y + len(lines) * line + 2
        length = round(plot * bar.value / top, 1) if bar.value else 0
        inner += _rect(0, bar_y, max(length, 1), bar_h, bar.colour, bar.value)
        if beside:
            inner += (f'<text {_attrs(x=round(length + 6, 1), y=bar_y + bar_h - 2)} '
                      f'class="value">{escape(text)}</text>')
            y = bar_y + bar_h + gap
        else:
            inner += (f'<text {_attrs(x=0, y=bar_y + bar_h + 15)} class="value">'
                      f"{escape(text)}</text>")
            y = bar_y + bar_h + line + gap
        rows.append(_link(inner, bar.href, f"{bar.label}: {text}", "bar-link", bar.key))
    if not bars:
        rows.append(f'<text x="0" y="{line}" class="empty">—</text>')
        y += line + gap
    height = y + pad
    parts = [f'<svg {_attrs(id=chart_id, class_="chart hbars", viewBox=f"0 0 {width} {height}")} '
             f'role="group" aria-labelledby="{chart_id}-title" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{escape(title)}</title>', *rows, "</svg>"]
    return Markup("".join(parts))


# Characters of a label line in a horizontal bar chart (about 7.5 units each at 14 units).
LABEL_CHARS = 44


def wrap(text: str, limit: int) -> list[str]:
    """Words of ``text`` in lines of at most ``limit`` characters (a longer word alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text_width(text: str) -> int:
    """About how wide ``text`` is at the charts' 14-unit font."""
    return round(7.5 * len(text))


def stacked_columns(chart_id: str, title: str, columns: list[Bar], legend: list[Segment],
                    width: int = 720, height: int = 240) -> Markup:
    """Vertical stacked columns (one per period), a legend of the series below."""
    pad_left, pad_bottom, pad_top, legend_h = 34, 34, 14, 22
    plot_h = height - pad_bottom - pad_top - legend_h
    top = max([c.value for c in columns] + [1])
    slot = (width - pad_left - 8) / max(1, len(columns))
    bar_w = max(4.0, min(36.0, slot * 0.7))
    parts = [f'<svg {_attrs(id=chart_id, class_="chart", viewBox=f"0 0 {width} {height}")} '
             f'role="group" aria-labelledby="{chart_id}-title" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<line {_attrs(x1=pad_left, y1=pad_top + plot_h, x2=width - 4)} '
             f'{_attrs(y2=pad_top + plot_h)} class="axis" stroke="#888"/>',
             f'<text {_attrs(x=pad_left - 4, y=pad_top + 8, text_anchor="end")} class="tick">'
             f"{top}</text>",
             f'<text {_attrs(x=pad_left - 4, y=pad_top + plot_h, text_anchor="end")} '
             f'class="tick">0</text>']
    label_every = max(1, len(columns) // 12)
    for index, column in enumerate(columns):
        x = round(pad_left + index * slot + (slot - bar_w) / 2, 1)
        base = pad_top + plot_h
        segments = []
        for segment in column.segments:
            if not segment.value:
                continue
            h = round(plot_h * segment.value / top, 1)
            base -= h
            rect = _rect(x, round(base, 1), round(bar_w, 1), h, segment.colour, segment.value)
            segments.append(_link(rect, segment.href,
                                  f"{column.label} · {segment.label}: {segment.value}",
                                  "bar-link", f"{column.key}:{segment.key}"))
        total = (f'<text {_attrs(x=x + bar_w / 2, y=round(base - 3, 1))} text-anchor="middle" '
                 f'class="value">{column.value}</text>') if column.value else ""
        label = (f'<text {_attrs(x=x + bar_w / 2, y=pad_top + plot_h + 14)} '
                 f'text-anchor="middle" class="tick">{escape(column.note)}</text>'
                 ) if index % label_every == 0 else ""
        parts.append(f'<g class="column" data-key="{escape(column.key)}" '
                     f'data-value="{column.value}">{"".join(segments)}{total}{label}</g>')
    x = pad_left
    for segment in legend:
        parts.append(f'<rect {_attrs(x=x, y=height - 14, width=10, height=10)} '
                     f'fill="{escape(segment.colour)}"/>'
                     f'<text {_attrs(x=x + 14, y=height - 5)} class="legend">'
                     f"{escape(segment.label)}</text>")
        x += 24 + 8 * len(segment.label)
    parts.append("</svg>")
    return Markup("".join(parts))


def _rect(x, y, width, height, colour: str, value) -> str:
    return (f'<rect {_attrs(x=x, y=y, width=width, height=height, fill=colour)} class="bar" '
            f'data-value="{escape(value)}"/>')


def _number(value: float, suffix: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",") + suffix
    return f"{int(value)}{suffix}"
