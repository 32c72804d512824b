"""The Korean texts the style checks read (the catalogue, the notebook), the prose left when code is
taken out, the glossary's table of replaced words, and which texts are titles: what the checks of
korean_sentences.py and korean_code_font.py share (grader_tests/korean_style.py runs them all)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from kata import ROOT
from kata.i18n import as_catalog, po

HANGUL = re.compile(r"[\uac00-\ud7a3]")
GLOSSARY = ROOT / "kata" / "i18n" / "locales" / "GLOSSARY.md"
NOTEBOOK = ROOT / "kata.ipynb"
CATALOGUE = ROOT / "kata" / "i18n" / "locales" / "ko.po"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*(?::[^{}]*)?\}")
CODE_SPAN = re.compile(r"``[^`\n]*``|`[^`\n]*`")  # reStructuredText's double backticks too (the stubs)


def korean_texts(catalogue: Path | None = None) -> dict[str, str]:
    """Every Korean text the kata shows, by where it comes from: each catalogue entry (messages,
    titles, tasks, hints, instructions) and each Korean line of the notebook. README.ko.md is not
    here: see README_KO below."""
    path = catalogue or CATALOGUE
    return dict(read_korean_texts(path, stamp(path), stamp(NOTEBOOK)))


def stamp(path: Path) -> tuple[int, int]:
    """What changes when a file is written: read_korean_texts reads the files again then."""
    found = path.stat()
    return found.st_mtime_ns, found.st_size


@functools.cache  # each check of the fast tier reads them all: parsed once (28 parses took 2.4 s)
def read_korean_texts(catalogue: Path, *_stamps: tuple[int, int]) -> dict[str, str]:
    """korean_texts, read from the files as they are now."""
    entries = po.parse(catalogue.read_text(encoding="utf-8"))
    shown = as_catalog(entries)
    texts = {f"message: {english}": text for english, text in shown["messages"].items()}
    for name, fields in shown["exercises"].items():
        for field, value in fields.items():
            if isinstance(value, dict):  # test hints, by test
                texts.update({f"exercises.{name}.{field}.{test}": text for test, text in value.items() if text})
                continue
            for number, text in enumerate(value if isinstance(value, list) else [value], start=1):
                if text:
                    texts[f"exercises.{name}.{field}" + (f".{number}" if isinstance(value, list) else "")] = text
    texts.update({f"instructions.{name}": text for name, text in shown["instructions"].items()})
    texts.update(notebook_korean())
    return texts


def notebook_korean(path: Path = NOTEBOOK) -> dict[str, str]:
    """The notebook's Korean: each line with Hangul in it, by cell."""
    found = {}
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        for line_number, line in enumerate("".join(cell["source"]).splitlines(), start=1):
            if HANGUL.search(line):
                found[f"kata.ipynb cell {number} line {line_number}"] = line.strip().lstrip("# ")
    return found


def prose(text: str) -> str:
    """The text with code taken out: backticked spans, placeholders, indented code lines (four
    spaces or more in instructions) and lines of the shape drawings."""
    kept = []
    for line in text.splitlines():
        if line.startswith("    ") and not HANGUL.search(line):
            continue
        kept.append(line)
    return PLACEHOLDER.sub(" ", CODE_SPAN.sub(" ", "\n".join(kept)))


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


# --- 8. One term per concept: the glossary's table says which word replaces which. ---
def glossary_rows() -> list[dict[str, str]]:
    return [dict(row) for row in read_glossary_rows(GLOSSARY, stamp(GLOSSARY))]


@functools.cache  # each Korean text is checked against it: parsed once per version of the file
def read_glossary_rows(glossary: Path, *_stamps: tuple[int, int]) -> tuple[dict[str, str], ...]:
    rows, header = [], []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = []  # a table ends: the next one ("Terms at a glance", then "Terms") has its own header
            continue
        if line.startswith("| ---"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not header:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


def replaced_words() -> dict[str, str]:
    """Each word the glossary says not to use (backticked in its third column; `/.../` is a
    regular expression), with the term to use instead."""
    return dict(read_replaced_words(GLOSSARY, stamp(GLOSSARY)))


@functools.cache
def read_replaced_words(glossary: Path, *stamps: tuple[int, int]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (w, row["한국어"])
        for row in read_glossary_rows(glossary, *stamps)
        for w in re.findall(r"`([^`]+)`", row.get("대신 쓰지 않는 말", ""))
    )


def word_pattern(word: str) -> str:
    return word[1:-1] if word.startswith("/") and word.endswith("/") and len(word) > 2 else re.escape(word)


def off_glossary(text: str) -> list[str]:
    return [
        f"{m.group()!r} (the glossary says {term})"
        for word, term in replaced_words().items()
        for m in re.finditer(word_pattern(word), text)
    ]


_TITLES: set[str] = set()


def is_title(where: str) -> bool:
    """Text that is not a sentence in English either: a test title, a task, a title, a fragment
    filled into another message (its English starts in lower case: "exited with code {code}")."""
    if where.endswith((".title", ".task")):
        return True
    if not where.startswith("message: "):
        return False
    english = where[len("message: ") :]
    return english in graded_titles() or not english[:1].isupper() or english.endswith(":")


def graded_titles() -> set[str]:
    """The English titles of the graded tests (tests/ and hidden_tests/)."""
    if not _TITLES:
        from kata import HIDDEN_DIR
        from kata.instructor.bundle import titles_of_tests

        _TITLES.update(titles_of_tests(ROOT / "tests") | titles_of_tests(HIDDEN_DIR))
    return _TITLES


def is_test_title(where: str) -> bool:
    return where.startswith("message: ") and where[len("message: ") :] in graded_titles()


# --- Review 15, class 2: a list of three or more closed by a comma only ("`setup`, `hint`, `explain`,
# `reset`은", "순서, 제목, 힌트, 점수는"): GLOSSARY.md closes it with 와/과 or (이)나 ("A, B와 C"). ---
CLAUSE_END = re.compile(
    r"(?:[하되않있없쓰읽]고|며|면서|[어아해여]서|지만|거나|든지|으로|을|를|은|는|이|가|에|에서|다|요|게|도|이며|라면)$"
)
JOINED_ITEM = re.compile(r"(?:와|과|나|이나|및)$")
LIST_RUN = re.compile(r"[^,.:;!?()\[\]\n]+(?:, [^,.:;!?()\[\]\n]+){2,}")


def comma_only_list(text: str) -> list[str]:
    """Runs of three or more comma-separated nouns or code (outside brackets; a code span counts as
    one word) whose last item has no 와/과/(이)나 before it. A run of single letters ("h, e, l, o")
    is a set, and keyword arguments ("hidden_size=8, steps=100, lr=0.1") read as a call's
    arguments: neither is a list to close."""
    body = re.sub(r"(?<=\w)\.(?=\w)", "_", CODE_SPAN.sub("CODE", PLACEHOLDER.sub("X", text)))  # a.b is one name
    body = "\n".join(line for line in body.splitlines() if not line.startswith(("    ", "|")))
    body = re.sub(r"(?<!\n)\n(?!\n)", " ", body)  # a paragraph's lines, wrapped, are one line of prose
    for _ in range(3):
        body = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", body)
    found = []
    for run in LIST_RUN.findall(body):
        segments = run.split(", ")
        ends = [k for k in range(1, len(segments)) if any(CLAUSE_END.search(w) for w in segments[k].split())]
        segments = segments[: ends[0] + 1] if ends else segments  # the list ends where a clause goes on
        if len(segments) < 3:
            continue
        first, *middle, last = segments
        items = [(first.split() or [""])[-1], *middle, (last.split() or [""])[0]]
        if "=" in run or any(len(item.split()) > 6 or CLAUSE_END.search(item) for item in items[:-1]):
            continue
        if JOINED_ITEM.search(items[-2]) or any(JOINED_ITEM.search(word) for word in last.split()[:3]):
            continue
        if all(re.fullmatch(r"\w|[\d.]+", item.strip("'\"")) for item in items[:-1]):
            continue
        found.append(run.strip()[-70:])
    return found


# --- Review 26, class 2: a list whose 와/과 joins a clause ("torch 텐서 연산과 받은 rnn을 그대로
# 호출하는 것") or another pair ("연산과 rnn의 가중치와 크기"): the 와 can attach to the wrong thing.
# Put the clause or the pair first, so that 와/과 joins two plain nouns (GLOSSARY.md, lists). ---
TANGLED_LIST = (
    re.compile(r"[과와] [^,.:()\n]*것[.,)]"),  # the last item a clause ending in 것
    re.compile(r"[과와] [^ ,.\n]+의 [^ ,.()\n]+[과와] "),  # "X과 Y의 A와 B": one pair inside another
)


def tangled_list(text: str) -> list[str]:
    """A 와/과 before a clause item or before an item that holds its own 와/과."""
    body = re.sub(r"(?<=\w)\.(?=\w)", "_", CODE_SPAN.sub("CODE", PLACEHOLDER.sub("X", text)))
    return [match.group(0) for pattern in TANGLED_LIST for match in pattern.finditer(body)]
