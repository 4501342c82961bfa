"""The errors a person can fix, and how a message repeats what they typed.

Split from `model` so every layer can raise and word its errors from one
small module: a PainmoodError's message is one plain sentence, and a value
repeated in it is cut to a readable length, so a 10,000-character argument
or cell is never echoed back whole. Standard library only.
"""

from __future__ import annotations

import re

# A value repeated in a message is cut to about this many characters.
QUOTED_MAX_CHARS = 60


class PainmoodError(Exception):
    """A problem the person can fix; its message is one plain sentence."""


class InvalidInput(PainmoodError):
    """A value that breaks a rule of the data model (names the field)."""

    def __init__(self, message: str, field_name: str | None = None) -> None:
        super().__init__(message)
        self.field_name = field_name


def quoted(value: object, limit: int = QUOTED_MAX_CHARS) -> str:
    """`repr` of a value for a message, cut to about `limit` characters.

    A 10,000-character argument or cell is not repeated back whole; repr
    also escapes control characters and lone surrogates, so printing the
    message cannot fail or rewrite the terminal.
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, str):
        return f"{value[: limit - 3]!r}… ({len(value)} characters)"
    return f"{text[: limit - 1]}… ({len(text)} characters)"


def cut_long_words(message: str, limit: int = 2 * QUOTED_MAX_CHARS) -> str:
    """Shorten any run of more than `limit` non-blank characters in a message.

    The last guard for errors that repeat what was typed (click's own "Invalid
    value" messages among them): a 10,000-character argument is cut to about
    QUOTED_MAX_CHARS characters and its length.
    """
    return re.sub(
        rf"\S{{{limit + 1},}}",
        lambda m: f"{m.group()[:QUOTED_MAX_CHARS]}… ({len(m.group())} characters)",
        message,
    )
