"""A log-log line chart as a standalone SVG, without plotting libraries."""

from __future__ import annotations

import math
from html import escape

_COLOURS = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#30362f")


def _log_ticks(low: float, high: float) -> list[float]:
    return [10.0**k for k in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def _label(value: float, unit: str) -> str:
    if unit == "s":
        if value >= 1:
            return f"{value:g} s"
        if value >= 1e-3:
            return f"{value * 1e3:g} ms"
        return f"{value * 1e6:g} µs"
    return f"{value:g}"


def loglog_svg(
    series: dict[str, list[tuple[float, float]]],
    *,
    title: str,
    x_label: str,
    y_label: str,
    y_unit: str = "s",
    width: int = 640,
    height: int = 400,
) -> str:
    """An SVG chart of ``series`` (name -> points ``(x, y)``, all positive)
    on log-log axes with decade grid lines and a legend."""
    points = [point for values in series.values() for point in values]
    xs_all = [x for x, _ in points]
    ys_all = [y for _, y in points]
    x_ticks = _log_ticks(min(xs_all), max(xs_all))
    y_ticks = _log_ticks(min(ys_all), max(ys_all))
    left, right, top, bottom = 70, 170, 40, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    lx0, lx1 = math.log10(x_ticks[0]), math.log10(x_ticks[-1])
    ly0, ly1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])

    def px(x: float) -> float:
        return left + (math.log10(x) - lx0) / (lx1 - lx0) * plot_w

    def py(y: float) -> float:
        return top + plot_h - (math.log10(y) - ly0) / (ly1 - ly0) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in x_ticks:
        x = px(tick)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{escape(_label(tick, ''))}</text>"
        )
    for tick in y_ticks:
        y = py(tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_label(tick, y_unit))}</text>"
        )
    out.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>'
    )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    out.append(
        f'<text transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
    for number, (name, values) in enumerate(series.items()):
        colour = _COLOURS[number % len(_COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sorted(values))
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in values:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>')
        legend_y = top + 10 + 20 * number
        out.append(
            f'<line x1="{left + plot_w + 12}" y1="{legend_y}" x2="{left + plot_w + 32}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="2"/>'
        )
        out.append(f'<text x="{left + plot_w + 38}" y="{legend_y + 4}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
