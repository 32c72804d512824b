"""Text helpers for what a terminal shows: display width (Hangul takes two columns), padding,
wrapping to the terminal's width without breaking inside brackets, and indenting. Below checks
and report, which both lay out learner-facing text."""

from __future__ import annotations

import shutil
import unicodedata

OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">", "`": "`"}


def terminal_width() -> int:
    """Columns to fill: the terminal's (COLUMNS when set, 80 when output is not a terminal), at most 100."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def atoms(line: str) -> list[str]:
    """The line's words, where a bracketed or backticked stretch ("(1, 5, 2)입니다", "`make test`를")
    counts as one word, so a line never breaks inside a tuple or an expression."""
    words, current, closers = [], "", []
    for char in line:
        if char == " " and not closers:
            words.append(current)
            current = ""
            continue
        current += char
        if closers and char == closers[-1]:
            closers.pop()
        elif char in OPENERS:
            closers.append(OPENERS[char])
    if closers:  # an unmatched bracket (a "<" in prose): plain words instead
        return line.split(" ")
    return words + [current]


def wrap(line: str, width: int, prefix: str, first_prefix: str | None = None) -> list[str]:
    """Break a line between words (see atoms) so each piece takes at most `width` terminal
    columns (Hangul counts two) after its prefix; a word wider than a whole line is broken at
    its own spaces, and only where it has none at a column."""
    first = prefix if first_prefix is None else first_prefix
    pieces: list[str] = []
    current = ""
    for word in atoms(line):
        lead = first if not pieces else prefix
        candidate = f"{current} {word}" if current else word
        if width_of(lead + candidate) <= width:
            current = candidate
            continue
        if current:
            pieces.append(lead + current)
            lead = prefix
        while width_of(lead + word) > width:  # too wide for any line: break inside it
            head, word = _split_to_fit(word, width - width_of(lead))
            pieces.append(lead + head)
            lead = prefix
        current = word
    pieces.append((first if not pieces else prefix) + current)
    return pieces


def _split_to_fit(word: str, room: int) -> tuple[str, str]:
    """The longest head of word that fits in room columns, cut at a space if it has one."""
    cut = 0
    for index in range(1, len(word) + 1):
        if width_of(word[:index]) > room:
            break
        cut = index
    cut = max(cut, 1)
    space = word.rfind(" ", 0, cut + 1)
    if space > 0:
        return word[:space], word[space + 1 :]
    return word[:cut], word[cut:]


def indent(text: str, prefix: str = "    ", width: int | None = None, first_prefix: str | None = None) -> str:
    """Indent a message, wrapping its prose lines to the terminal's width; drawings (lines that
    start with a space) keep their layout."""
    width = terminal_width() if width is None else width
    lines = []
    for number, line in enumerate(text.splitlines()):
        lead = first_prefix if number == 0 and first_prefix is not None else prefix
        if line.startswith(" ") or width_of(lead + line) <= width:
            lines.append(lead + line)
        else:
            lines += wrap(line, width, prefix, lead)
    return "\n".join(lines)


def hard_wrap(text: str, prefix: str, width: int | None = None) -> str:
    """Printed output, cut into pieces that fit the terminal after the prefix, never reflowed."""
    width = terminal_width() if width is None else width
    room = max(width - width_of(prefix), 10)
    lines = []
    for line in text.splitlines() or [""]:
        while width_of(line) > room:
            cut = 0
            while width_of(line[: cut + 1]) <= room:
                cut += 1
            lines.append(prefix + line[:cut])
            line = line[cut:]
        lines.append(prefix + line)
    return "\n".join(lines)


def width_of(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Left-justify by display width."""
    return text + " " * max(width - width_of(text), 0)
