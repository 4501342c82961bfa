"""A paper chart as inline SVG for the HTML report: no scripts, fonts or links outside it.

The SVG keeps the chart's millimetre coordinates in its viewBox and scales to
the page width, so it prints as sharp as the PDF.
"""

from __future__ import annotations

from html import escape

from .paper import Dot, Line, PaperChart, Text


def _line(line: Line) -> str:
    points = " ".join(f"{x:.2f},{y:.2f}" for x, y in line.points)
    dash = ' stroke-dasharray="1.6 1"' if line.dashed else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{line.colour}" '
        f'stroke-width="{line.width:g}"{dash}/>'
    )


def _dot(dot: Dot) -> str:
    if dot.square:
        side = dot.radius * 1.8
        return (
            f'<rect x="{dot.x - side / 2:.2f}" y="{dot.y - side / 2:.2f}" '
            f'width="{side:.2f}" height="{side:.2f}" fill="{dot.colour}"/>'
        )
    return f'<circle cx="{dot.x:.2f}" cy="{dot.y:.2f}" r="{dot.radius:g}" fill="{dot.colour}"/>'


def _text(text: Text) -> str:
    return (
        f'<text x="{text.x:.2f}" y="{text.y:.2f}" font-size="{text.size:g}" '
        f'fill="{text.colour}" text-anchor="{text.anchor}">{escape(text.text)}</text>'
    )


def to_svg(chart: PaperChart) -> str:
    """The chart as one `<svg>` element with a title for screen readers."""
    parts = [
        f'<svg viewBox="0 0 {chart.width:g} {chart.height:g}" '
        f'width="100%" role="img" aria-label="{escape(chart.title)}" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
        f"<title>{escape(chart.title)}</title>",
    ]
    parts += [_line(line) for _, line in chart.lines]
    parts += [_dot(dot) for _, dot in chart.dots]
    parts += [_text(text) for text in chart.texts]
    parts.append("</svg>")
    return "\n".join(parts)
