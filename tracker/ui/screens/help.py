"""The keys, one screen: `?` from anywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
# painmood keys

| key | does |
| --- | --- |
| `c` `h` `s` `g` `l` `e` | check-in, history, stats, charts, guidance, export |
| `!` | safety card: what to do if you think of harming yourself |
| `?` | this help |
| `Ctrl+Q` | quit |

## Check-in form
| key | does |
| --- | --- |
| `0`–`9` | set the focused score (`1` then `0` quickly sets 10) |
| `←` `→` | lower or raise the score |
| `Backspace` | clear an optional score |
| `Tab` / `Shift+Tab` | next / previous field |
| `m` | show or hide sleep, stress, anxiety, fatigue, activity, tags, note |
| `Enter` or `Ctrl+S` | save |
| `Escape` | leave a text field (then `!`, `?` and the screen keys work again) |

Your diary stays in one file on this computer (`painmood where`).
Guidance is general information, not medical advice.

Press `Escape` to close.
"""


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys."""

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
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP_TEXT)
