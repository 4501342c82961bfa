"""The questionnaire chart in the app: PHQ-9, GAD-7 and PEG by week with their band edges.

Opened with `v` from the questionnaire screen; Escape closes it. The chart
itself is `tracker.charts.questionnaire_chart`, the same one
`painmood chart questionnaires` prints.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ...charts import Chart, Style
from ..app import PainmoodApp
from ..widgets.chart_view import ChartView
from ..widgets.key_bar import KeyBar


class QuestionnaireChartScreen(Screen[None]):
    """Every saved questionnaire's score over time, each on its published scale."""

    app = getters.app(PainmoodApp)

    BINDINGS = [Binding("escape", "dismiss", "Close", id="q-chart-close")]

    def compose(self) -> ComposeResult:
        yield Static(
            "Weekly questionnaires: scores with their published band edges "
            "(a clinician interprets them)",
            id="q-chart-caption",
        )
        yield ChartView(self._draw, id="q-chart")
        yield KeyBar()

    def _draw(self, width: int, height: int, style: Style) -> Chart:
        from ...charts.questionnaire_chart import questionnaire_chart
        from ...questionnaires.storage import results

        return questionnaire_chart(results(self.app.store), None, None, width, height, style)
