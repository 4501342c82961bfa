"""The footer line of keys, drawn as one line of text.

Textual's `Footer` mounts a widget per key and mounts them all again whenever
focus moves; that was a third of the time to the first check-in screen. This
bar shows the same active bindings (hidden ones left out, disabled ones dim,
grouped keys together) in a single widget. It always begins with the safety
card's keys, so they are never the ones cut off on a narrow terminal, and
every dialog has its own bar, so a dialog never shows the keys of the screen
under it.
"""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from ..keys import SAFETY_KEYS, SAFETY_WORDS

SAFETY_ACTIONS = ("safety", "app.safety")


class KeyBar(Static):
    """The keys that work here, with what they do, at the bottom of a screen."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        color: $text-disabled;
    }
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_keys)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.call_after_refresh(self.show_keys)

    def show_keys(self) -> None:
        """Redraw from the screen's active bindings (one entry per action)."""
        if not self.is_attached:  # the screen closed before this redraw came due
            return
        shown: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if (
                binding.show
                and binding.action not in shown
                and binding.action not in SAFETY_ACTIONS
            ):
                shown[binding.action] = (binding, enabled)
        key_style = self.get_component_rich_style("key-bar--key")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="ellipsis")
        typing = isinstance(self.screen.focused, Input)  # there `!` is a character
        line.append(f" {'F1' if typing else SAFETY_KEYS}", style=key_style)
        line.append(f" {SAFETY_WORDS}")
        for group, members in groupby(shown.values(), lambda item: item[0].group):
            items = list(members)
            if group is not None and len(items) > 1:
                keys = "".join(self.app.get_key_display(binding) for binding, _ in items)
                entries = [(keys, group.description, all(enabled for _, enabled in items))]
            else:
                entries = [
                    (self.app.get_key_display(binding), binding.description, enabled)
                    for binding, enabled in items
                ]
            for key, description, enabled in entries:
                line.append(f" {key}", style=key_style if enabled else disabled_style)
                line.append(f" {description}", style="" if enabled else disabled_style)
        self.update(line)
