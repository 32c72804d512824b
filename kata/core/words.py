"""How a line divides into words that the wrapper never breaks (below kata.core.text): what
brackets and backticks hold, Korean asides in round brackets, operators with their operands, a
count with its noun, a run of code or quoted error text in a Korean line."""

from __future__ import annotations

import re

OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">", "`": "`"}

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
            words.append(current)  # "일으켰습니다(a.py 5번 줄)": the aside may start a line
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
LINE_NUMBER = re.compile(r"[0-9]+번(?:째)?")


def _stays_with(before: str, word: str) -> bool:
    """Whether word stays on the line of the word before it: a count after its noun ("시점 3개로"),
    줄 after its number ("5번 줄"), a line number after its file ("a.py 5번째"), and the rest of a
    returned tuple ("return outputs, h_n")."""
    return (
        _count_after_noun(before, word)
        or (word.startswith("줄") and re.search(LINE_NUMBER.pattern + "$", before) is not None)
        or (LINE_NUMBER.match(word) is not None and re.search(r"\.py['\"]?$", before) is not None)
        or (before.startswith(tuple(k + " " for k in KEYWORDS)) and before.endswith(","))
    )


def keeps_together(before: str, after: str) -> bool:
    """Whether a word too wide for a line may not be cut at the space between before and after:
    between a line number and its 줄 ("10번" / "줄:") or a noun and its count. Where a path, N번
    and 줄 make one word wider than a line, the cut falls after the path (".../ex06.py" / "10번 줄:")."""
    last = before.rsplit(" ", 1)[-1]
    return (after.startswith("줄") and re.search(LINE_NUMBER.pattern + "$", last) is not None) or (
        COUNT.match(after) is not None and HANGUL.search(last) is not None
    )


def _continues_code(before: str, word: str) -> bool:
    """In a Korean line, Latin words side by side are code or quoted error text ("if char not in
    vocab: raise ...", "'int' object is not subscriptable", "cuda if torch.cuda.is_available()"):
    the next word stays on their line unless a sentence ended before it, or an item of a list
    ("명령: setup, test, watch, …": the line may break after a comma, as between the items of any list)."""
    word = word.removeprefix(ATTACHED)
    return (
        bool(before and word)
        and HANGUL.search(before) is None
        and HANGUL.match(word) is None
        and not before.endswith((".", "!", "?", ","))
    )


def _count_after_noun(before: str, word: str) -> bool:
    """Whether word is a count or a number that names the word before it ("시점 3개로", "반복 0을"):
    that word is a Korean noun, not a name with its particle ("make_batch가 12번 줄을", where the
    number goes with 줄) nor a verb that ends a clause ("계산하면 1.6563입니다"); a number with only
    a particle or 입니다 after it keeps a bare noun only ("반복 0을", not "손실이 1.5694입니다")."""
    noun, count = before.rsplit(" ", 1)[-1], COUNT.match(word)
    if count is None or HANGUL_WORD.fullmatch(noun) is None or noun.endswith(CLAUSE_ENDINGS):
        return False
    return not word[count.end() - 1 :].startswith(PARTICLES) or noun[-1] not in PARTICLES


HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
CLAUSE_ENDINGS = ("하면", "되면", "으면", "하고", "하며", "하여", "해서", "니다")  # a verb, not a noun
PARTICLES = ("입니", "이", "인", "가", "을", "를", "은", "는", "의", "에", "로", "으로", "와", "과", "도", "만")
