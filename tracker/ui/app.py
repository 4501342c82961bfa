"""The painmood Textual app: navigation between screens, nothing more.

Screens do their own work; the app holds the store, the pinned-or-real
"today", and a `data_version` counter that screens watch to reload after any
write. It also watches the diary file itself (SQLite's `PRAGMA data_version`,
polled on a light timer): when another process writes, the screen on show
reloads at once and the others when they are next shown. Before quitting or
switching screens it asks about anything typed and not saved.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any, cast

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from ..model import local_today
from ..store import Store
from .keys import SAFETY_WORDS
from .notices import place_notifications

DIARY_POLL_SECONDS = 1.0
# Imported in the background after the first paint (statistics imports its
# libraries when it computes, so it is cheap to include).
WARM_AFTER_SECONDS = 0.5
WARM_SCREENS = (
    "history",
    "charts",
    "guidance",
    "export",
    "help",
    "safety",
    "stats",
    "questionnaire",
    "edit_dialog",
    "confirm_dialog",
    "choice_dialog",
)
# Each screen's style file, by its module. The stats and questionnaire
# screens still name their own files; spelt as they spell them ("screens/../"),
# Textual finds them already read and skips the reparse. The safety card's
# styles are in guidance.tcss.
SCREEN_STYLES = {
    "history": "history.tcss",
    "charts": "charts.tcss",
    "guidance": "guidance.tcss",
    "safety": "guidance.tcss",
    "export": "export.tcss",
    "stats": "screens/../stats.tcss",
    "questionnaire": "screens/../questionnaire.tcss",
}
UNSAVED_CHOICES = (
    ("s", "Save", "save"),
    ("d", "Discard", "discard"),
    ("Esc", "Stay", "stay"),
)


def _screen(module: str, class_name: str, first: bool = False) -> Callable[[], Screen[Any]]:
    """A mode's screen, imported the first time it is shown: start-up pays only
    for the check-in screen (the `first`), not for charts, stats or the Markdown reader."""

    def build() -> Screen[Any]:
        screen_class = getattr(import_module(f"{__package__}.screens.{module}"), class_name)
        screen = cast(Screen[Any], screen_class())
        app = screen.app
        if not first and isinstance(app, PainmoodApp):
            app.load_screen_styles(module)
            # A screen visited later is styled with today's theme when it mounts;
            # without this Textual reparses the whole stylesheet twice before its
            # first paint. (Today's screen, shown first, needs that pass.)
            # Textual has no public way to say so: this sets a private counter
            # that `switch_mode` compares. tests/ui/test_screen_styles.py fails
            # if an upgrade renames it or a theme change is ever missed.
            screen._css_update_count = app._css_update_count
        return screen

    return build


def is_demo_diary(store: Store) -> bool:
    """Whether `painmood demo` made the open diary (its marker row is there)."""
    from ..demo import DEMO_META_KEY

    try:
        row = store.conn.execute(
            "SELECT 1 FROM painmood_meta WHERE key = ?", [DEMO_META_KEY]
        ).fetchone()
    except Exception:  # noqa: BLE001 - an unreadable marker means "not a demo"
        return False
    return row is not None


class PainmoodApp(App[None]):
    """Daily check-in first; history, stats, charts, guidance and export one key away."""

    TITLE = "painmood"
    # Only today's screen's styles are read before the first paint. A screen
    # with its own CSS_PATH makes Textual reparse the whole stylesheet before it
    # paints, so the other screens' styles are read by the app, soon after start
    # (or a screen's own file at its first visit, if that comes sooner): see
    # load_screen_styles.
    CSS_PATH = ["app.tcss", "checkin.tcss"]
    ENABLE_COMMAND_PALETTE = False
    MODES = {
        "checkin": _screen("checkin", "CheckInScreen", first=True),
        "history": _screen("history", "HistoryScreen"),
        "stats": _screen("stats", "StatsScreen"),
        "charts": _screen("charts", "ChartsScreen"),
        "guidance": _screen("guidance", "GuidanceScreen"),
        "export": _screen("export", "ExportScreen"),
    }
    DEFAULT_MODE = "checkin"
    BINDINGS = [
        # F1 works in text fields and dialogs too; the key bar shows both keys first.
        Binding("f1", "safety", SAFETY_WORDS, id="safety-f1", priority=True, show=False),
        Binding("exclamation_mark", "safety", SAFETY_WORDS, key_display="!", id="safety"),
        # Before the screen keys, so a narrow footer cuts those rather than these.
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("c", "switch_mode('checkin')", "Today", id="go-checkin"),
        Binding("h", "switch_mode('history')", "History", id="go-history"),
        Binding("s", "switch_mode('stats')", "Stats", id="go-stats"),
        Binding("g", "switch_mode('charts')", "Charts", id="go-charts"),
        Binding("l", "switch_mode('guidance')", "Guide", id="go-guidance"),
        Binding("e", "switch_mode('export')", "Export", id="go-export"),
        Binding("escape", "leave_field", "Leave field", show=False, id="leave-field"),
    ]

    data_version: reactive[int] = reactive(0)
    # Writes waiting for another process to let go of the diary.
    waiting_for_diary: reactive[int] = reactive(0)

    def __init__(self, store: Store, today: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self._pinned_today = today
        self.is_demo = is_demo_diary(store)
        if self.is_demo:
            self.title = "painmood · DEMO diary"
        self._seen_file_version = store.data_version()
        self._styles_read: set[str] = set()
        self._status: tuple[tuple[int, dt.date], tuple[bool, int]] | None = None

    @property
    def today(self) -> dt.date:
        """The local date, or the one pinned by tests and snapshots."""
        return self._pinned_today or local_today()

    def today_status(self) -> tuple[bool, int]:
        """Whether today is checked in, and the streak: read once per diary version
        (every screen's status line shows them; a long diary's streak is not free)."""
        key = (self.data_version, self.today)
        if self._status is None or self._status[0] != key:
            today = self.today
            self._status = (key, (self.store.get(today) is not None, self.store.streak(today)))
        return self._status[1]

    def on_mount(self) -> None:
        self.set_interval(DIARY_POLL_SECONDS, self.check_diary_file, name="diary-poll")
        # Not at once: the import thread would compete with the first paint.
        self.set_timer(WARM_AFTER_SECONDS, self._warm_screens, name="warm-screens")

    def load_screen_styles(self, *modules: str) -> None:
        """Read the styles of the screens in these modules (all when none are
        named), each file once, before the first of those screens is shown."""
        folder = Path(__file__).parent
        new = False
        for module in modules or tuple(SCREEN_STYLES):
            name = SCREEN_STYLES.get(module)
            if name is not None and name not in self._styles_read:
                self._styles_read.add(name)
                self.stylesheet.read(folder / name)
                new = True
        if new:
            # Parse only the new files (a reparse would parse everything again);
            # their rules are for screens not built yet, styled when they mount.
            self.stylesheet.parse()

    def _warm_screens(self) -> None:
        """Import the other screens' code once today's screen is up, while the
        person reads it, so a first visit later does not wait for imports."""
        self.load_screen_styles()

        def import_screens() -> None:
            for module in WARM_SCREENS:
                import_module(f"{__package__}.screens.{module}")

        self.run_worker(import_screens, thread=True, group="warm-screens", name="warm screens")

    def data_changed(self) -> None:
        """Tell every screen that the diary changed (they reload on resume)."""
        self.data_version += 1

    def check_diary_file(self) -> bool:
        """Reload what is shown if another process wrote to the diary since the last look."""
        if self.waiting_for_diary:
            return False  # a write of ours is waiting; the store is busy
        try:
            version = self.store.data_version()
        except Exception:  # noqa: BLE001 - a failed poll is retried on the next tick
            return False
        if version == self._seen_file_version:
            return False
        self._seen_file_version = version
        self.data_changed()
        for screen in self.screen_stack:
            reload = getattr(screen, "diary_changed", None)
            if reload is None and not screen.is_modal:
                # A screen without its own handler reloads as when it is shown again.
                reload = getattr(screen, "on_screen_resume", None)
            if reload is not None:
                screen.call_later(reload)
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the screen already shown, so the footer fits 80 columns."""
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return False
        if action == "leave_field":
            return isinstance(self.focused, Input)
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification away from the focused field (see notices.py)."""
        place_notifications(self.screen)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        # Toasts on show move when the focus moves into their half. A focus event
        # can still arrive while the app closes, after the last screen is gone.
        if self.screen_stack:
            place_notifications(self.screen)

    def action_leave_field(self) -> None:
        """Escape out of a text field: the screen's keys (and `!`) work again."""
        self.screen.set_focus(None)

    def action_safety(self) -> None:
        from .screens.safety import SafetyScreen

        if not isinstance(self.screen, SafetyScreen):
            self.load_screen_styles("safety")
            self.push_screen(SafetyScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- leaving with unsaved changes ------------------------------------

    async def action_switch_mode(self, mode: str) -> None:
        self.leave_then(lambda: self.switch_mode(mode))

    async def action_quit(self) -> None:
        self.leave_then(self.exit)

    def leave_then(self, proceed: Callable[[], object]) -> None:
        """Run `proceed` now, or after asking save / discard / stay if the
        screen on show holds changes that are not saved."""
        # Already asking? (The dialog's module is imported only once it is
        # needed, not on every screen switch.)
        dialogs = sys.modules.get(f"{__package__}.screens.choice_dialog")
        if dialogs is not None and isinstance(self.screen, dialogs.ChoiceDialog):
            return
        holder = next(
            (s for s in reversed(self.screen_stack) if getattr(s, "unsaved_changes", bool)()),
            None,
        )
        if holder is None:
            proceed()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                holder.save_unsaved(proceed)
            elif answer == "discard":
                holder.discard_unsaved()
                proceed()

        from .screens.choice_dialog import ChoiceDialog

        question = f"{holder.unsaved_changes_words()} Save it first?"
        self.push_screen(ChoiceDialog(question, UNSAVED_CHOICES, "save"), answered)


def make_app(store: Store, today: dt.date | None = None) -> PainmoodApp:
    """Build the app on an open store (shared by the CLI and the tests)."""
    return PainmoodApp(store=store, today=today)
