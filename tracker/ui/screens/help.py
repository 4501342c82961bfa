"""The keys, one dialog: `?` from anywhere shows the keys of the screen it was pressed on.

The screen's own keys are read from its bindings (so the list is never out of
date), then any keys and words the screen adds (`HELP_KEYS`, `HELP` class
attributes), then the keys that work everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keys import DIALOG_KEYS
from ..widgets.key_bar import KeyBar

EVERYWHERE: tuple[tuple[str, str], ...] = (
    ("F1 (or ! out of text)", "safety card: what to do if you think of harming yourself"),
    ("c h s g l e", "today, history, stats, charts, guidance, export"),
    ("?", "the keys of the screen you are on"),
    ("Escape", "leave a text field; close a dialog without changing anything"),
    ("Ctrl+Q", "quit (asks first if something typed is not saved)"),
)
FOOTNOTE = (
    "Your diary stays in one file on this computer (painmood where). "
    "Guidance is general information, not medical advice."
)

SCREEN_NAMES = {
    "CheckInScreen": "Today's check-in",
    "HistoryScreen": "History",
    "StatsScreen": "Statistics",
    "ChartsScreen": "Charts",
    "GuidanceScreen": "Guidance",
    "ExportScreen": "Export and import",
}


def _key_words(key: str) -> str:
    names = {
        "exclamation_mark": "!",
        "question_mark": "?",
        "delete": "Del",
        "enter": "Enter",
        "escape": "Escape",
        "home": "Home",
        "end": "End",
        "right": "→",
        "left": "←",
        "up": "↑",
        "down": "↓",
    }
    return " ".join(names.get(k, k.replace("ctrl+", "Ctrl+")) for k in key.split(",") if k)


def screen_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, what they do) bound on the screen and on its focused widget's parents."""
    rows: dict[str, list[str]] = {}
    focused = screen.focused
    nodes = list(focused.ancestors_with_self) if focused is not None else [screen]
    for node in nodes:
        if node is screen.app or not type(node).__module__.startswith("tracker."):
            continue  # the app's keys are listed below; Textual's scrolling keys go without saying
        for binding in getattr(node, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in ("app.safety", "safety") or binding.description == binding.key:
                continue
            key = binding.key_display or binding.key
            rows.setdefault(binding.description, [])
            if key not in rows[binding.description]:
                rows[binding.description].append(key)
    return [(" ".join(_key_words(k) for k in keys), words) for words, keys in rows.items()]


def help_text(screen: Screen[object]) -> Group:
    """The help page for `screen`: its keys first, then the keys of everywhere."""
    name = SCREEN_NAMES.get(type(screen).__name__, "This screen")
    rows = [*screen_keys(screen), *getattr(screen, "HELP_KEYS", ())]
    parts: list[RenderableType] = [Text(f"Keys: {name}", style="bold"), _key_table(rows)]
    extra = getattr(screen, "HELP", "")
    if extra:
        parts.append(Text(extra.strip()))
    parts += [
        Text("\nEverywhere", style="bold"),
        _key_table(EVERYWHERE),
        Text(f"\n{FOOTNOTE}", style="dim"),
    ]
    return Group(*parts)


def _key_table(rows: Sequence[tuple[str, str]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 2), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for keys, words in rows:
        table.add_row(keys, words)
    return table


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys of the screen under it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close"), *DIALOG_KEYS]

    def __init__(self, shown: Screen[object]) -> None:
        super().__init__()
        self.text = help_text(shown)

    @property
    def plain(self) -> str:
        """The page as plain text, 80 columns wide (what a test or a screen reader reads)."""
        from rich.console import Console

        console = Console(width=80, record=True, file=StringIO())
        console.print(self.text)
        return console.export_text()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-text"):
            yield Static(self.text)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()
