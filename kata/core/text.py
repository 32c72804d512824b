"""Text helpers for what a terminal shows: display width (Hangul takes two columns), padding,
wrapping to the terminal's width without breaking inside brackets, and indenting. Below checks
and report, which both lay out learner-facing text."""

from __future__ import annotations

import re
import shutil
import unicodedata

OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">", "`": "`"}


def terminal_width() -> int:
    """Columns to fill: the terminal's (COLUMNS when set, 80 when output is not a terminal), at most 100."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


# Operators that stay with both their operands: "(3, 5, 4) == [3, 5, 4]", "h = zeros(...)".
OPERATORS = frozenset({"=", "==", "!=", "->", "<-", "=>", "@", "+", "*", "/", "..", "<", ">", "<=", ">=", "→"})
COUNT = re.compile(r"[0-9][0-9.,]*[\uac00-\ud7a3]")  # "3개로", "5글자", "0점이며": a count keeps its noun


HANGUL = re.compile(r"[\uac00-\ud7a3]")
CALLED = re.compile(r"[A-Za-z0-9_]$")  # a name right before "(": a call's arguments, not an aside


def prose_asides(line: str) -> set[int]:
    """Where the round brackets of a Korean aside are: a pair whose text has Hangul and a space
    ("없습니다(주어진 rnn은 가중치와 크기만 쓰므로)"). Unlike a value such as "(3, 5, 4)", an aside
    is prose, and a line may break at its spaces rather than leave a ragged line before it."""
    found: set[int] = set()
    stack: list[int] = []
    for index, char in enumerate(line):
        if char == "(" and not CALLED.search(line[:index]):  # "predict(<CharRNN 모듈>, ...)" is a call
            stack.append(index)
        elif char == "(":
            stack.append(-1)
        elif char == ")" and stack:
            start = stack.pop()
            if start < 0:
                continue
            inner = line[start + 1 : index]
            if " " in inner and HANGUL.search(inner):
                found.update((start, index))
    return found


def protected(line: str) -> list[bool]:
    """For each character, whether it lies inside a matched pair of brackets or backticks. An
    unmatched opener (a "<" in prose, the "(" of a cut line) protects nothing, and neither does a
    Korean aside in round brackets (prose_asides), though a value inside it stays whole."""
    return [level > 0 for level in depths(line)]


def depths(line: str) -> list[int]:
    """For each character, how many matched pairs of brackets or backticks hold it (a Korean
    aside in round brackets, prose_asides, holds nothing): "f(a, [b, c])" is 0 at "f", 1 at "a"
    and 2 at "b"."""
    level = [0] * len(line)
    stack: list[tuple[int, str]] = []
    asides = prose_asides(line) if HANGUL.search(line) else set()

    def cover(start: int, end: int) -> None:
        if start in asides:
            return
        for covered in range(start + 1, end):
            level[covered] += 1

    for index, char in enumerate(line):
        if _arrow(line, index):
            continue
        if stack and char == stack[-1][1]:
            cover(stack.pop()[0], index)
        elif stack and stack[-1][1] == "`":  # code between backticks: no brackets to match
            continue
        elif char in OPENERS:
            stack.append((index, OPENERS[char]))
        elif char in ")]}" and any(closer == char for _start, closer in stack):
            while stack[-1][1] != char:  # a stray opener inside ("<" in "a < b"): drop it
                stack.pop()
            cover(stack.pop()[0], index)
    return level


def _arrow(line: str, index: int) -> bool:
    """Whether the "<" or ">" at index is an operator ("->", "<-", "<=", "=>", " < "), not a bracket."""
    char = line[index]
    if char not in "<>":
        return False
    before = line[index - 1] if index else " "
    after = line[index + 1] if index + 1 < len(line) else " "
    if char == ">":
        return before in "-=" or (before == " " and after in " =")
    return after in "-=" or (after == " " and before == " ")


def atoms(line: str) -> list[str]:
    """The line's words, where a bracketed or backticked stretch ("(1, 5, 2)입니다", "`make test`를")
    counts as one word, an operator joins the words on both sides ("(3, 5, 4) == [3, 5, 4]는",
    "h = zeros(batch_size, hidden_size)"), and a count joins the word before it ("시점 3개로"):
    a line never breaks inside a tuple or an expression, nor between a noun and its count."""
    inside = protected(line)
    asides = prose_asides(line) if HANGUL.search(line) else set()
    words, current = [], ""
    for index, char in enumerate(line):
        if char == " " and not inside[index]:
            words.append(current)
            current = ""
        elif char == "(" and index in asides and current and HANGUL.match(current[-1]):
            words.append(current)  # "일으켰습니다(a.py 5번째 줄)": the aside may start a line
            current = ATTACHED + char
        else:
            current += char
    words.append(current)
    joined: list[str] = []
    glue = False
    korean = HANGUL.search(line) is not None
    for word in words:
        code_run = korean and joined and _continues_code(joined[-1], word)
        if joined and joined[-1] and (glue or code_run or word in OPERATORS or _stays_with(joined[-1], word)):
            joined[-1] += ("" if word.startswith(ATTACHED) else " ") + word.removeprefix(ATTACHED)
        else:
            joined.append(word)
        glue = word in OPERATORS or word.removeprefix(ATTACHED) in KEYWORDS
    return joined


ATTACHED = "\x00"  # marks a word that follows the one before it without a space (an aside's bracket)
KEYWORDS = frozenset({"raise", "return"})  # "raise ValueError(...)", "return outputs, h_n": code stays whole
LINE_NUMBER = re.compile(r"[0-9]+번째")


def _stays_with(before: str, word: str) -> bool:
    """Whether word stays on the line of the word before it: a count after its noun ("시점 3개로"),
    줄 after its number ("5번째 줄"), a line number after its file ("a.py 5번째"), and the rest of a
    returned tuple ("return outputs, h_n")."""
    return (
        _count_after_noun(before, word)
        or (word.startswith("줄") and LINE_NUMBER.search(before) is not None and before.endswith("번째"))
        or (LINE_NUMBER.match(word) is not None and re.search(r"\.py['\"]?$", before) is not None)
        or (before.startswith(tuple(k + " " for k in KEYWORDS)) and before.endswith(","))
    )


def _continues_code(before: str, word: str) -> bool:
    """In a Korean line, Latin words side by side are code or quoted error text ("if char not in
    vocab: raise ...", "'int' object is not subscriptable", "cuda if torch.cuda.is_available()"):
    the next word stays on their line unless a sentence ended before it."""
    word = word.removeprefix(ATTACHED)
    return (
        bool(before and word)
        and HANGUL.search(before) is None
        and HANGUL.match(word) is None
        and not before.endswith((".", "!", "?"))
    )


def _count_after_noun(before: str, word: str) -> bool:
    return COUNT.match(word) is not None and "\uac00" <= before[-1] <= "\ud7a3"


def wrap(line: str, width: int, prefix: str, first_prefix: str | None = None) -> list[str]:
    """Break a line between words (see atoms) so each piece takes at most `width` terminal
    columns (Hangul counts two) after its prefix; a word wider than a whole line is broken at
    its own spaces, and only where it has none at a column."""
    first = prefix if first_prefix is None else first_prefix
    pieces: list[str] = []
    current = ""
    for word in atoms(line):
        lead = first if not pieces else prefix
        attached = word.startswith(ATTACHED)
        word = word.removeprefix(ATTACHED)
        candidate = (current + ("" if attached else " ") + word) if current else word
        if width_of(lead + candidate) <= width:
            current = candidate
            continue
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


def _adopt_orphans(pieces: list[str], width: int, first: str, prefix: str) -> list[str]:
    """A short word alone between two lines ("…위의 문제를 먼저" / "고치고" / "`python -m kata …`를"),
    left there because the line after it is taken by a long piece, gets the last word of the line
    before it: "먼저 고치고" reads as a phrase, "고치고" alone as a stray."""
    for index in range(1, len(pieces) - 1):
        body = pieces[index][len(prefix) :]
        lead = first if index == 1 else prefix
        before = pieces[index - 1][len(lead) :]
        if " " in body or not HANGUL.search(body) or width_of(body) > 12:
            continue
        last = atoms(before)[-1]
        if last.startswith(ATTACHED) or last == before or not before.endswith(last):
            continue
        moved = prefix + last + " " + body
        if width_of(moved) <= width:
            pieces[index - 1], pieces[index] = lead + before[: -len(last)].rstrip(), moved
    return pieces


def _split_to_fit(word: str, room: int) -> tuple[str, str]:
    """The longest head of word that fits in room columns, cut where the fewest brackets hold the
    cut (between the top-level arguments of a call too long for a line, never inside a list or an
    inner call that fits a line of its own): at a space after a comma, else at a space beside no
    operator, else after the opening bracket of a call whose first argument then fits a line,
    else one bracket deeper. Last resorts: beside an operator, after a slash, at a column."""
    cut = 0
    for index in range(1, len(word) + 1):
        if width_of(word[:index]) > room:
            break
        cut = index
    cut = max(cut, 1)
    level, ticked = depths(word), _in_backticks(word)
    spaces = [i for i in range(1, len(word)) if word[i] == " " and not ticked[i]]
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
    if openers:  # ValueError("…")를: the call stays whole on a line of its own, a little wider
        return "", word
    slashes = [i for i in range(1, min(cut + 1, len(word))) if word[i - 1] == "/" and not ticked[i]]
    if slashes:  # a path too long for any line breaks after one of its slashes, never inside a name
        return word[: slashes[-1]], word[slashes[-1] :]
    return "", word  # a name with no space or slash stays whole


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
