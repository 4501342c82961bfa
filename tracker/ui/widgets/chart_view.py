"""The one widget that shows a chart from tracker/charts.py.

charts.py returns plain text with ANSI colours; this widget turns it into Rich
text and asks for a new figure at its own size whenever it is resized or the
theme changes. Swapping the plotting library means changing charts.py only.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static

from ...charts import Chart, Style, choose_style

# Draws a chart for a given width, height and style.
ChartDrawer = Callable[[int, int, Style], Chart]


class ChartView(Static):
    """Shows whatever `drawer` returns, redrawn to fit on resize and theme change."""

    DEFAULT_CSS = """
    ChartView {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    ChartView.-not-enough {
        content-align: center middle;
        color: $text-muted;
    }
    """

    def __init__(self, drawer: ChartDrawer | None = None, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._drawer = drawer
        self._drawn_for: tuple[int, int, Style] | None = None
        self.chart: Chart | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw(force=True))

    def show(self, drawer: ChartDrawer | None) -> None:
        """Draw something else (None: blank until the next `show`)."""
        self._drawer = drawer
        self.redraw(force=True)

    def on_resize(self) -> None:
        self.redraw()

    @property
    def style_name(self) -> Style:
        """dark/light from the app's theme; mono when the app runs with NO_COLOR."""
        return choose_style(
            dark=self.app.current_theme.dark,
            monochrome=bool(getattr(self.app, "no_color", False)),
        )

    def redraw(self, force: bool = False) -> None:
        """Ask charts.py for a figure the size of the content area, unless it is already one."""
        width, height = self.content_size
        if self._drawer is None or width <= 0 or height <= 0:
            if self._drawer is None:
                self.chart = None
                self.update("")
            return
        wanted = (width, height, self.style_name)
        if not force and wanted == self._drawn_for:
            return
        self._drawn_for = wanted
        self.chart = self._drawer(*wanted)
        self.set_class(not self.chart.drawn, "-not-enough")
        if self.chart.drawn:
            self.update(Text.from_ansi(self.chart.text, no_wrap=True, overflow="crop"))
        else:
            self.update(Text(self.chart.text))
