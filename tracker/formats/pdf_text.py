"""Fonts and text for the PDF: every character prints, or shows a visible marker.

The PDF embeds DejaVu Sans (from matplotlib's wheel, found without importing
matplotlib), which covers Latin with accents, Greek, Cyrillic, Hebrew, Arabic
and many symbols. It has no Chinese, Japanese or Korean characters and no
emoji, and no font small enough to ship has them all; so a character the
font lacks is replaced by a bracketed marker (an emoji by its name, a run of
CJK characters by its count), never by an empty box. Right-to-left text is
shaped and ordered by HarfBuzz (uharfbuzz) through fpdf2.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Container
from pathlib import Path

FONT = "DejaVu"
MARGIN = 15.0  # mm
PT = 0.3528  # millimetres per point
BODY = 9.5  # pt
SMALL = 7.5
GREY = (90, 90, 90)
MISSING_NOTE = (
    "Characters the PDF's font lacks (emoji; Chinese, Japanese or Korean text) are shown "
    "in [brackets]; the HTML report shows them as typed."
)
# Invisible joiners and modifiers: dropped with the emoji they belong to.
_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}
_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "YI")
_RTL = {"R", "AL"}


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold, as shipped inside matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib (which ships the PDF's font) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((s for s in _SCRIPTS if name.startswith(s)), None)


def printable(text: str, cmap: Container[int]) -> str:
    """`text` with every character the font lacks replaced by a visible [marker]."""
    out: list[str] = []
    run_script, run_count = "", 0

    def flush() -> None:
        nonlocal run_script, run_count
        if run_count:
            noun = "character" if run_count == 1 else "characters"
            out.append(f"[{run_count} {run_script} {noun}]")
        run_script, run_count = "", 0

    for char in text:
        code = ord(char)
        if code in cmap or char in "\n\t":
            flush()
            out.append(char)
            continue
        script = _script(char)
        if script is not None:
            if script != run_script:
                flush()
                run_script = script
            run_count += 1
            continue
        flush()
        if code in _INVISIBLE or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        name = unicodedata.name(char, f"U+{code:04X}").lower()
        out.append(f"[{name}]")
    flush()
    return "".join(out)


def has_rtl(text: str) -> bool:
    """Whether the text holds right-to-left letters (Hebrew, Arabic, ...)."""
    return any(unicodedata.bidirectional(char) in _RTL for char in text)
