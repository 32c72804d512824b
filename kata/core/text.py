"""Text helpers for what a terminal shows: display width (Hangul takes two columns), padding,
wrapping to the terminal's width without breaking inside brackets, and indenting. Below checks
and report, which both lay out learner-facing text."""

from __future__ import annotations

import re
import shutil
import unicodedata

from kata.core.words import (
    ATTACHED,
    CALLED,
    HANGUL,
    OPERATORS,
    atoms,
    depths,
    keeps_together,
    prose_asides,
    protected,
)

# Re-exported: the word rules live in kata.core.words, the layout here.
__all__ = [
    "COMMAND",
    "HANGUL",
    "OPERATORS",
    "atoms",
    "hard_wrap",
    "indent",
    "pad",
    "prose_asides",
    "protected",
    "reflow",
    "terminal_width",
    "width_of",
    "wrap",
]


def terminal_width() -> int:
    """Columns to fill: the terminal's (COLUMNS when set, 80 when output is not a terminal), at most 100."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def wrap(line: str, width: int, prefix: str, first_prefix: str | None = None) -> list[str]:
    """Break a line between words (see atoms) so each piece takes at most `width` terminal
    columns (Hangul counts two) after its prefix; a word wider than a whole line is broken at
    its own spaces, and only where it has none at a column."""
    first = prefix if first_prefix is None else first_prefix
    pieces: list[str] = []
    current = host = ""  # host: the last word on the line, with any aside attached to it
    for word in atoms(line):
        lead = first if not pieces else prefix
        attached = word.startswith(ATTACHED)
        word = word.removeprefix(ATTACHED)
        candidate = (current + ("" if attached else " ") + word) if current else word
        host = host + word if attached else word
        if width_of(lead + candidate) <= width:
            current = candidate
            continue
        if current and attached and width_of(prefix + host) > width:  # the aside would leave its word alone
            head, word = _split_aside(word, width - width_of(lead + current))
            current += head
        if current:
            pieces.append(lead + current)
            lead = prefix
        while width_of(lead + word) > width:  # too wide for any line: break at a space inside it
            head, word = _split_to_fit(word, width - width_of(lead))
            if not head:  # no space to break at (a path): it keeps a line of its own
                break
            pieces.append(lead + head)
            lead = prefix
        current = word
    pieces.append((first if not pieces else prefix) + current)
    return _adopt_orphans(pieces, width, first, prefix)


def _split_aside(aside: str, room: int) -> tuple[str, str]:
    """The longest head of an aside that fits in room columns, cut at one of its spaces ("(a/b/ex01.py"
    / "11번 줄)."), so the word it is attached to keeps its line instead of standing alone; never
    between a number and its 줄 or a noun and its count; ("", aside) where nothing fits."""
    level = depths(aside)
    for index in range(len(aside) - 1, 0, -1):
        if aside[index] != " " or level[index] or width_of(aside[:index]) > room:
            continue
        if not keeps_together(aside[:index], aside[index + 1 :]):
            return aside[:index], aside[index + 1 :]
    return "", aside


def _adopt_orphans(pieces: list[str], width: int, first: str, prefix: str) -> list[str]:
    """A short word or two alone between two lines ("…위의 문제를 먼저" / "고치고" / "`python -m kata
    …`를"), left there because the line after it is taken by a long piece, gets the words of the
    line before it back to where their sentence starts ("위의 문제를 먼저 고치고"), or else its last
    word: "먼저 고치고" alone still reads as a stray (review 14)."""
    for index in range(1, len(pieces) - 1):
        lead = first if index == 1 else prefix
        for _ in range(2):  # "고치고" takes "먼저", and "먼저 고치고", still short, its sentence's start
            body, before = pieces[index][len(prefix) :], pieces[index - 1][len(lead) :]
            if body.count(" ") > 1 or not HANGUL.search(body) or width_of(body) > 12 or before.endswith("."):
                break
            tail = _tail_to_move(before)
            moved = prefix + tail + " " + body
            if not tail or width_of(moved) > width:
                break
            pieces[index - 1], pieces[index] = lead + before[: -len(tail)].rstrip(), moved
    return pieces


def _tail_to_move(before: str) -> str:
    """The end of a line to carry down to the short line after it: the words after the line's last
    sentence end when they are few (up to 30 columns), else its last word; "" when nothing can go."""
    start = max(before.rfind(". "), before.rfind("? "))
    if start > 0 and width_of(before[start + 2 :]) <= 30 and not before[start + 2 :].startswith(ATTACHED):
        return before[start + 2 :]
    last = atoms(before)[-1]
    if last.startswith(ATTACHED) or last == before or not before.endswith(last):
        return ""
    return last


def _split_to_fit(word: str, room: int) -> tuple[str, str]:
    """The longest head of word that fits in room columns, cut where the fewest brackets hold the
    cut (between the top-level arguments of a call too long for a line, never inside a list or an
    inner call that fits a line of its own): at a space after a comma, else at a space beside no
    operator, else after the opening bracket of a call whose first argument then fits a line,
    else one bracket deeper. Last resorts: beside an operator, after a folder's slash; a file's path stays whole."""
    cut = 0
    for index in range(1, len(word) + 1):
        if width_of(word[:index]) > room:
            break
        cut = index
    cut = max(cut, 1)
    level, ticked = depths(word), _in_backticks(word)
    spaces = [
        i
        for i in range(1, len(word))
        if word[i] == " " and not ticked[i] and not keeps_together(word[:i], word[i + 1 :])
    ]
    for depth in sorted({level[i] for i in spaces}):
        here = [i for i in spaces if level[i] == depth]
        commas = [i for i in here if word[i - 1] == ","]
        for candidates in (commas, [i for i in here if not _beside_operator(word, i)]):
            fitting = [i for i in candidates if i <= cut]
            if fitting:
                return word[: fitting[-1]], word[fitting[-1] + 1 :]
        opener = _call_opener(word, level, depth, cut, min(commas), room) if commas else 0
        if opener:
            return word[:opener], word[opener:]
    for depth in sorted({level[i] for i in spaces if i <= cut}):  # "h_t =" / "tanh(x_t @ W_ih.T + ...)"
        fitting = [i for i in spaces if i <= cut and level[i] == depth]
        return word[: fitting[-1]], word[fitting[-1] + 1 :]
    return _last_resort(word, cut, room, ticked)


def _beside_operator(word: str, index: int) -> bool:
    """Whether the space at index has an operator on one side ("h = zeros(...)", "a == b")."""
    before, after = word[:index].rsplit(" ", 1)[-1], word[index + 1 :].split(" ", 1)[0]
    return before in OPERATORS or after in OPERATORS


def _call_opener(word: str, level: list[int], depth: int, cut: int, first: int, room: int) -> int:
    """Where to break after the opening bracket of the call whose arguments are the pieces at
    depth ("predict(" / "<model>, 'hihell', ...") when its first argument, too wide to share the
    line with the call's name, fits a line of its own; 0 for none (break inside it instead)."""
    for index in range(min(cut, first), 0, -1):
        if level[index] < depth:
            return 0
        if word[index - 1] in "([" and level[index - 1] == depth - 1 and CALLED.search(word[: index - 1]):
            return index if width_of(word[index : first + 1]) <= room else 0
    return 0


def _last_resort(word: str, cut: int, room: int, ticked: list[bool]) -> tuple[str, str]:
    """No space fits: a call whose first argument is too long for the line breaks right after an
    opening bracket, where what follows it is too wide for a line of its own too."""
    openers = [
        i for i in range(1, min(cut + 1, len(word))) if word[i - 1] in "([<" and word[i] not in ")]> " and not ticked[i]
    ]
    needed = [i for i in openers if width_of(word[i:]) > room]
    if needed:
        return word[: needed[-1]], word[needed[-1] :]
    slashes = [i for i in range(1, min(cut + 1, len(word))) if word[i - 1] == "/" and not ticked[i]]
    if slashes and not openers and not FILE_PATH.search(word):  # a folder too long for any line: after a slash
        return word[: slashes[-1]], word[slashes[-1] :]
    # ValueError("…")를: the call stays whole on a line of its own, a little wider; a file's path too, as a
    # command does (review 23, query 5: the learner opens or copies the file it names); a name too
    return "", word


FILE_PATH = re.compile(r"/[\w.-]*\.[A-Za-z]\w*[^/]*$")  # ".../ex07_train_hihello.py" (with its particle)


COMMAND = re.compile(r"(python3?|py|make|%%?kata|kata|pytest)\b")  # `python -m kata test ex04 --impl=...`


def _in_backticks(word: str) -> list[bool]:
    """For each character, whether it lies inside a backticked command: a command never breaks;
    wider than a line, it takes a line of its own (a long --impl path may then exceed)."""
    ticked, open_tick = [False] * len(word), word.count("`") >= 2
    inside, start = False, 0
    for index, char in enumerate(word):
        if char == "`" and open_tick and not inside:
            inside, start = True, index
        elif char == "`" and inside:
            inside = False
            if not COMMAND.match(word[start + 1 : index]):  # quoted text too wide for a line breaks at its spaces
                ticked[start:index] = [False] * (index - start)
        ticked[index] = inside
    return ticked


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
    """Printed output, cut into pieces that fit the terminal after the prefix, never reflowed; a
    Korean word (the kata's own note in the box) is cut at the space before it, not mid-word."""
    width = terminal_width() if width is None else width
    room = max(width - width_of(prefix), 10)
    lines = []
    for line in text.splitlines() or [""]:
        while width_of(line) > room:
            cut = 0
            while width_of(line[: cut + 1]) <= room:
                cut += 1
            piece = line[:cut]
            if HANGUL.match(line[cut - 1]) and HANGUL.match(line[cut]) and " " in line[1:cut]:
                cut = line.rindex(" ", 1, cut) + 1  # a Korean word is never split: it moves down whole
                piece = line[: cut - 1]
            lines.append(prefix + piece)
            line = line[cut:]
        lines.append(prefix + line)
    return "\n".join(lines)


def width_of(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Left-justify by display width."""
    return text + " " * max(width - width_of(text), 0)


LIST_ITEM = re.compile(r"(\d+\.|-) +")


def reflow(text: str, width: int | None = None) -> str:
    """Instructions laid out for the terminal: each paragraph and each list item ("1. ...",
    "- ...") joined back into one line and wrapped again, so a narrower terminal leaves no orphan
    words; lines indented deeper than the prose around them (code, drawings) keep their layout."""
    width = terminal_width() if width is None else width
    out: list[str] = []
    block: tuple[str, str, list[str]] | None = None  # (first prefix, later prefix, words)

    def flush() -> None:
        nonlocal block
        if block:
            first, later, words = block
            out.extend(wrap(" ".join(words), width, later, first))
        block = None

    item_lead = 0  # where the text of the current list item starts (0 outside a list)
    for line in text.splitlines():
        stripped = line.strip()
        lead = len(line) - len(line.lstrip(" "))
        item = LIST_ITEM.match(stripped)
        if not stripped:
            flush()
            out.append("")
        elif item and lead <= item_lead:
            flush()
            item_lead = lead + len(item.group())
            block = (" " * lead + item.group(), " " * item_lead, [stripped[item.end() :]])
        elif block is not None and lead == len(block[1]):
            block[2].append(stripped)
        elif block is None and lead in (0, item_lead):  # a new paragraph, in the list item or not
            item_lead = lead
            block = (" " * lead, " " * lead, [stripped])
        else:  # deeper: a drawing or a line of code
            flush()
            out.append(line)
    flush()
    return "\n".join(out)
