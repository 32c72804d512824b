"""Text helpers for what a terminal shows: display width (Hangul takes two columns), padding,
wrapping and indenting. Below checks and report, which both lay out learner-facing text."""

from __future__ import annotations

import unicodedata


def wrap(line: str, width: int, prefix: str) -> list[str]:
    """Break a line at spaces so each piece takes at most `width` terminal columns (Hangul counts
    two), each piece after `prefix`; a word longer than the width stays whole."""
    pieces, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and width_of(candidate) > width:
            pieces.append(prefix + current)
            candidate = word
        current = candidate
    return pieces + [prefix + current]


def indent(text: str, prefix: str = "    ", width: int = 100) -> str:
    """Indent a message, wrapping its prose lines for a terminal; drawings (lines that start
    with a space) are kept as they are."""
    lines = []
    for line in text.splitlines():
        if line.startswith(" ") or len(line) + len(prefix) <= width:
            lines.append(prefix + line)
        else:
            lines += wrap(line, width - len(prefix), prefix)
    return "\n".join(lines)


def width_of(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Left-justify by display width."""
    return text + " " * max(width - width_of(text), 0)
