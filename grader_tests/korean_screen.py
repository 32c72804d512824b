"""What the Korean tests of the slow tier share (grader_tests/test_korean_*.py): the Korean texts,
what counts as English on a Korean screen, a Korean report graded through the real CLI, and the
checks of where a line breaks (kata/i18n/locales/GLOSSARY.md has the rules)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from grader_tests.golden import (
    KOREAN_COLUMNS,
)
from grader_tests.warm_kata import run_kata
from kata import ROOT
from kata.core.text import width_of
from kata.i18n import catalog

COLUMNS = KOREAN_COLUMNS


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def texts_ko() -> dict[str, str]:
    return catalog("ko").get("messages", {})


# What a Korean screen may show in Latin letters: code, paths, names from PyTorch and Python.
CODE_WORDS = set(
    "RNN GRU LSTM Linear Adam CrossEntropyLoss tanh torch numpy Python PyTorch kata make test watch hint explain "
    "solution reset list dtype float32 float64 transpose reshape view seed set dict tuple import exit raise "
    "NotImplementedError ValueError Ctrl-C CPU GPU cpu cuda mps batch_first autograd FORCE IMPL EX TF32 "
    "sys os abort ctypes argmax zero_grad backward step head Linear Module nn one_hot hihello ihello hihell "
    "ilello hello eolll lleel abort SIGABRT SIGSEGV SIGKILL SIGBUS SIGFPE docstring".split()
)


PYTHON_TEXT = re.compile(
    r"[A-Za-z]*(Error|Exception|Exit|Interrupt|Iteration)(를|을|이|가)?( 일으켰습니다| 일어났습니다)?: .*?(?= \(\S+\.py |$)"
    r"|오류 메시지: .*?(?= 작성한 코드에서 |$)"  # the error's own text, quoted after the Korean sentence
)


QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^<>]*>")


def english_words(text: str) -> tuple[list[str], list[str]]:
    """The longest run of plain English words in text, and all of them, once code, quotes and
    Python's own exception text (which the kata cannot translate) are taken out."""
    text = QUOTED.sub(" ", PYTHON_TEXT.sub(" ", text))
    longest: list[str] = []
    run: list[str] = []
    every: list[str] = []
    for token in text.split():
        word = token.strip(".,:;!?()[]")
        plain = re.fullmatch(r"[A-Za-z][a-z]+", word) is not None
        if plain and word not in CODE_WORDS and not HANGUL.search(token):
            run.append(word)
            every.append(word)
            longest = max(longest, run, key=len)
        elif not (plain or word in ("|", "-", "")):  # a code word or Hangul ends a run
            run = []
    return longest, every


def is_english(text: str, indent: int) -> bool:
    """Three English words in a row, or two in a line with no Hangul (a header, a label); code
    lines (indented 8 or more: a syntax error's source line, a drawing) are left out."""
    in_a_row, in_all = english_words(text)
    return len(in_a_row) >= 3 or (indent < 8 and len(in_all) >= 2 and not HANGUL.search(text))


def paragraphs(report: str) -> list[str]:
    """Report lines with wrapped continuations joined back, learner-printed output left out."""
    return [text for text, _ in indented_paragraphs(report)]


def indented_paragraphs(report: str) -> list[tuple[str, int]]:
    joined: list[str] = []
    for line in report.splitlines():
        if line.lstrip().startswith("|"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if joined and line.strip() and indent == 4 and joined[-1][1] == 4:
            joined[-1] = (joined[-1][0] + " " + line.strip(), 4)
        else:
            joined.append((line.strip(), indent))
    return joined


def korean_report(tree: Path, *exercises: str, tmp: Path, columns: int = COLUMNS) -> str:
    env = {
        **os.environ,
        "KATA_LANG": "ko",
        "KATA_LAUNCHER": "make",  # the reports shown in README.ko.md are `make test`'s
        "KATA_DEVICE": "cpu",
        "COLUMNS": str(columns),
        "PYTHONDONTWRITEBYTECODE": "1",
        "KATA_STATE_DIR": str(tmp / "state"),
        "TMPDIR": str(tmp),
        "KATA_IMPL_SHOWN": "",  # the tree stands for exercises/: the commands it suggests name no folder
    }
    proc = run_kata(["test", f"--impl={tree}", "--timeout=10", *exercises], env=env)
    return proc.stdout + proc.stderr


def korean_texts_to_hold_to_the_glossary() -> dict[str, str]:
    entries = catalog("ko")
    texts = {f"messages: {k}": v for k, v in entries.get("messages", {}).items()}
    texts.update({f"instructions.{k}": v for k, v in entries.get("instructions", {}).items()})
    for name, fields in entries.get("exercises", {}).items():
        texts[f"exercises.{name}"] = " ".join(
            [fields.get("title", ""), fields.get("task", ""), *fields.get("hints", [])]
        )
        # a test's hint too (review 13 found "nn.RNN(..., device=device)로" in one nothing checked)
        for test, hint in fields.get("test_hints", {}).items():
            texts[f"exercises.{name}.test_hint.{test}"] = hint
    texts["README.ko.md"] = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    return texts


def docstring_titles() -> set[str]:
    import ast

    titles = set()
    for folder in ("tests", "hidden_tests"):
        for path in (ROOT / folder).glob("test_*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and ast.get_docstring(node):
                    titles.add(ast.get_docstring(node).splitlines()[0].rstrip("."))
    return titles


WIDTHS = (60, 72, 80)


PAIRS = {")": "(", "]": "[", "}": "{"}


def balanced(text: str) -> bool:
    """Round, square and curly brackets matched, and backticks paired."""
    stack: list[str] = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in PAIRS:
            if not stack or stack.pop() != PAIRS[char]:
                return False
    return not stack and text.count("`") % 2 == 0


# a file path wider than a line keeps a line of its own, with its particle or line number (kata.core.text)
LONE_PATH = re.compile(r"\s*\(?[^\s`]*/[\w.-]*\.[A-Za-z]\w*\S*(?: [0-9]+번 줄\S*)?")


def over_width(line: str, width: int) -> bool:
    """Whether a line is wider than width columns and is not a path alone on its line."""
    return width_of(line) > width and not LONE_PATH.fullmatch(line)


def bad_breaks(lines: list[str], width: int) -> list[str]:
    """Lines of one wrapped paragraph that are too wide, split a bracket, a tuple or code between
    lines, or leave an operator at a line's end or start ("(3, 5, 4) ==" / "[3, 5, 4]는")."""
    from kata.core.text import atoms, prose_asides

    bad = [f"{width_of(line)} columns: {line}" for line in lines if over_width(line, width)]
    paragraph = " ".join(line.strip() for line in lines)
    # A Korean aside in round brackets is prose: a line may break inside it (kata.core.text).
    asides = prose_asides(paragraph)
    if asides:
        stripped, offset = [], 0
        for line in lines:
            text = line.strip()
            stripped.append("".join(c for i, c in enumerate(text) if offset + i not in asides))
            offset += len(text) + 1
        lines = stripped
        paragraph = "".join(c for i, c in enumerate(paragraph) if i not in asides)
    # A call or an expression wider than a whole line must break somewhere: after a comma inside it.
    too_wide = [a for a in atoms(paragraph) if width_of(a) > width - 8]
    if balanced(paragraph):
        bad += [
            f"split inside brackets: {line.strip()}"
            for line in lines
            if not balanced(line.strip())
            and not any(w in a for w in line.split()[:1] + line.split()[-1:] for a in too_wide)
        ]
    for line in lines:
        text = line.strip()
        if re.search(r"\s(==|=|@|->|\+)$", text) or re.match(r"(==|=|@|->|\+)\s", text):
            bad.append(f"split around an operator: {text}")
    return bad


def message_blocks(report: str) -> list[list[str]]:
    """The wrapped lines of each message in a report: consecutive lines indented by 4."""
    blocks: list[list[str]] = []
    previous = -1
    for line in report.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if indent == 4 and line.strip() and not line.lstrip().startswith("|"):
            if previous == 4:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        previous = indent if line.strip() else -1
    return blocks
