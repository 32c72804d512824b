"""The twenty-sixth Korean review's class 3a that a program can see: a file path in the Korean
that the English does not have ("세 함수를 작성하세요(exercises/ex01_one_hot.py)." for "Write three
functions:"). The Korean says what the English says; a path added in one exercise only is also
wrong for a notebook user or under --impl. Classes 1, 2 and 3b are checks in
grader_tests/korean_style.py with their samples in grader_tests/reviewed_sentences.py."""

from __future__ import annotations

import re

from grader_tests.catalog import catalog_entries

PATH = re.compile(r"(?:exercises|solutions|tests)/[\w./]+\.py")


def added_paths(english: str, korean: str) -> list[str]:
    """The paths the Korean names and the English does not."""
    return [path for path in PATH.findall(korean) if path not in english]


def test_the_check_catches_the_reviewed_path() -> None:
    english = "Write three functions:\n\n1. build_vocab(words) returns"
    assert added_paths(english, "세 함수를 작성하세요(exercises/ex01_one_hot.py).\n\n1. build_vocab(words)은")
    assert not added_paths(english, "세 함수를 작성하세요.\n\n1. build_vocab(words)은")
    assert not added_paths("(exercises/ex01_one_hot.py, line 5)", "(exercises/ex01_one_hot.py 5번 줄)")


def test_no_korean_text_adds_a_path() -> None:
    found = [
        f"{entry.msgid[:60]!r}: {path}"
        for entry in catalog_entries("ko")
        if entry.translated
        for path in added_paths(entry.msgid, entry.msgstr)
    ]
    assert not found, "\n".join(found)
