"""Where notifications appear: never over the status line or the field in use.

Textual stacks its toasts at the bottom right. At 80x24 that is where the
check-in form's last fields are, so when the focused widget sits in the lower
half of the screen the toasts move to the top, under the status line.
"""

from __future__ import annotations

from textual.screen import Screen

TOAST_RACK = "#textual-toastrack"
ON_TOP = "-top"


def place_notifications(screen: Screen[object]) -> None:
    """Put the screen's toasts in the half away from its focused widget."""
    racks = screen.query(TOAST_RACK)
    if not racks:
        return  # notifications are off (as in most tests)
    focused = screen.focused
    low = False
    if focused is not None and focused.region.height:
        middle = focused.region.y + focused.region.height // 2
        low = middle >= screen.size.height // 2
    racks.first().set_class(low, ON_TOP)
