"""Keys shared by every screen and dialog: the safety card above all.

F1 opens the safety card from anywhere, text fields included (an app-level
priority binding); `!` does the same wherever it is not a character being
typed. Dialogs cut off the app's ordinary bindings, so each one adds
`DIALOG_KEYS` to its own.
"""

from __future__ import annotations

from textual.binding import Binding

SAFETY_WORDS = "Safety"
# The one entry every key bar begins with (the key bar leaves out `!` while a
# text field has the focus, since there `!` is typed).
SAFETY_KEYS = "F1/!"

DIALOG_KEYS = [
    Binding("exclamation_mark", "app.safety", SAFETY_WORDS, key_display="!", show=False),
]
