"""The classes of defect a reader sees in the kata's Korean output as a terminal shows it (issue 30's
eighth review), where grader_tests/korean_style.py reads the texts themselves: code or quoted
error text split across lines by the wrapper, lines wider than 80 columns (Hangul counts two),
a line out of step with the report around it. Each check takes rendered lines and returns what
it found; grader_tests/unit/test_korean_output.py renders the kata's texts and runs them."""

from __future__ import annotations

import re

from kata.core.text import COMMAND, HANGUL, width_of

COLUMNS = 80
OPEN, CLOSE = "([{", ")]}"


def _depth(run: str) -> int:
    """How many brackets are still open at the end of `run`."""
    return sum(c in OPEN for c in run) - sum(c in CLOSE for c in run)


def _latin_tail(line: str) -> str:
    """The Latin words that end a line (code or quoted text), back to the last word with Hangul."""
    words = line.split()
    tail: list[str] = []
    for word in reversed(words):
        if HANGUL.search(word):
            break
        tail.insert(0, word)
    return " ".join(tail)


def _latin_head(line: str) -> str:
    """The Latin words that start a line, up to and with the first that has Hangul or ends a sentence."""
    head: list[str] = []
    for word in line.split():
        head.append(word)
        if HANGUL.search(word) or word.endswith((".", "!", "?")):
            break
    return " ".join(head)


def code_splits(lines: list[str], width: int = COLUMNS) -> list[str]:
    """Where a wrapped Korean paragraph breaks code or quoted text that a line could hold: a
    backticked span split over two lines, or a line that ends inside a run of Latin words (code,
    an English error message) and the next line goes on with it ("if char not in vocab:" /
    "raise ValueError(...)", "'int'" / "object ..."). A break after a comma between the items of
    a list ("%kata list," / "%kata hint") is fine, and so is one in code wider than a whole line
    (code_too_wide reports that code)."""
    found = []
    ticks = 0  # backticks so far: an odd count means a span is open at the end of `before`
    for before, after in zip(lines, lines[1:]):
        ticks += before.count("`")
        if not (before.strip() and after.strip()) or not HANGUL.search(before + after):
            continue
        room = width - (len(after) - len(after.lstrip(" ")))
        if ticks % 2:
            span = before[before.rindex("`") :].strip() + " " + after.split("`")[0].strip() + "`"
            if "`" in before and "`" in after and width_of(span) <= room:
                found.append(f"a backticked span split: {before.strip()[-40:]!r} / {after.strip()[:40]!r}")
            continue
        tail, head = _latin_tail(before), _latin_head(after)
        if not tail or HANGUL.match(head) or tail.endswith((".", "!", "?")):
            continue
        if tail.endswith(",") and _depth(tail) <= 0:
            continue  # between the items of a list
        if width_of(max(list_items(tail + " " + head), key=width_of)) <= room:
            found.append(f"code split: {before.strip()[-40:]!r} / {after.strip()[:40]!r}")
    return found


def code_too_wide(text: str, room: int) -> list[str]:
    """Backticked spans and runs of Latin words in a Korean text that no line of `room` columns
    holds: the wrapper has to break them. Code in a hint or a message is written to fit a line
    (two statements, not one long expression)."""
    spans = re.findall(r"`[^`\n]+`", text)
    if HANGUL.search(text):
        for line in text.splitlines():
            if line.startswith(" "):
                continue  # a drawing or a code line keeps its layout
            run: list[str] = []
            for word in [*line.split(), "가"]:
                ends = HANGUL.search(word) is not None or word.endswith((".", "!", "?"))
                if not HANGUL.match(word):
                    run.append(word)  # "vocab))를": the code before its particle
                if ends:
                    if any(re.search(r"[()\[\]=:]", w) for w in run) and "`" not in " ".join(run):
                        spans += list_items(" ".join(run))
                    run = []
    return [span for span in spans if width_of(span) > room]


def list_items(run: str) -> list[str]:
    """A run cut at the commas outside its brackets: "%kata list, %kata hint ex02" is two items."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(run):
        depth += (char in OPEN) - (char in CLOSE)
        if char == "," and depth <= 0 and run[index + 1 : index + 2] == " ":
            items.append(run[start : index + 1])
            start = index + 2
    return [*items, run[start:]]


def wider_than(lines: list[str], width: int = COLUMNS) -> list[str]:
    return [f"{width_of(line)} columns: {line}" for line in lines if width_of(line) > width]


def breaks_after_opener(lines: list[str]) -> list[str]:
    """A line that ends right after an opening bracket whose content then closes on the next line
    ("ValueError(" / '"the word …")를'): the bracket's content fit a line, so the call could have
    stayed whole. A break there is for a content wider than a line (a call's long first argument)."""
    found = []
    for before, after in zip(lines, lines[1:]):
        if before.rstrip().endswith(tuple(OPEN)) and _closes_within(after):
            found.append(f"a break after {before.strip()[-30:]!r} / {after.strip()[:40]!r}")
    return found


def _closes_within(line: str) -> bool:
    depth = 1
    for char in line:
        depth += (char in OPEN) - (char in CLOSE)
        if depth == 0:
            return True
    return False


def orphans(lines: list[str]) -> list[str]:
    """A short word or two alone on a line between two lines of a paragraph ("…위의 문제를 먼저" /
    "고치고" / "`python -m kata test ex05 --impl=…`를", and review 14's "…위의 문제를" / "먼저 고치고" /
    "`…`를"): the line before could have given it its words."""
    found = []
    for before, line, after in zip(lines, lines[1:], lines[2:]):
        word = line.strip()
        if word and word.count(" ") <= 1 and HANGUL.search(word) and width_of(word) <= 12 and len(before.split()) > 1:
            if after.strip():
                found.append(f"an orphan word: {before.strip()[-30:]!r} / {word!r} / {after.strip()[:30]!r}")
    return found


def backtick_splits(lines: list[str]) -> list[str]:
    """A backticked command split over two lines, however wide it is: a command wider than a line
    goes on a line of its own instead (code_splits sees other spans, where they fit a line)."""
    found, ticks = [], 0
    for before, after in zip(lines, lines[1:]):
        ticks += before.count("`")
        if ticks % 2 and COMMAND.match(before[before.rindex("`") + 1 :]):
            found.append(f"a backticked span split: {before.strip()[-40:]!r} / {after.strip()[:40]!r}")
    return found
