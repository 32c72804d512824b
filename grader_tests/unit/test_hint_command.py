"""`hint` follows the failing test: the hint of the first test that failed in the last grade and
has one of its own (kata.toml's test_hints), then the exercise's general hints."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kata import EXERCISES_DIR, ROOT
from kata.core.manifest import find_exercise, load_manifest
from kata.core.results import FailureKind
from kata.core.results import TestResult as Result  # not collected as a test class
from kata.learner import commands, state


@pytest.fixture(autouse=True)
def _state_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "STATE_DIR", tmp_path)


def graded(name: str, failing: list[str], passing: list[str] = (), kind: str = "wrong") -> None:
    """Record a grade of the learner's own tree in which `failing` tests failed."""
    tests = [
        Result(name, f"tests/test_{name}.py::{test}[case]", test, 1.0, "visible", test not in failing)
        for test in [*failing, *passing]
    ]
    for test in tests:
        test.kind = "" if test.passed else kind
    state.record_progress({name: tests}, EXERCISES_DIR)


def exercise(name: str):
    found = find_exercise(name, load_manifest())
    assert found is not None
    return found


def test_the_hint_of_the_failing_test_comes_first_then_the_general_ones() -> None:
    graded("ex01_one_hot", ["test_one_hot_unknown_character"], ["test_vocab_of_hello"])
    first = commands.hint(exercise("ex01"))
    words = " ".join(first.split())
    # the test's title, as the report showed it, not its function's name (issue 30)
    assert words.startswith(
        "Hint for ex01_one_hot, failing test: one_hot raises ValueError naming a character that is not in"
    ), first
    assert "raise ValueError(" in words and "vocab.index raises on its own does not count" in words
    assert commands.hint(exercise("ex01")).startswith("Hint 1/3 for ex01_one_hot"), "each test's hint once"


def test_the_first_failing_test_with_a_hint_chooses() -> None:
    graded("ex04_shapes", ["test_any_rnn", "test_defaults"])
    assert "by position" in commands.hint(exercise("ex04"))
    assert "documented defaults" in commands.hint(exercise("ex04"))
    assert commands.hint(exercise("ex04")).startswith("Hint 1/3 for ex04_shapes")


def test_without_a_failing_test_the_general_hints_go_on() -> None:
    assert commands.hint(exercise("ex02")).startswith("Hint 1/3 for ex02_batch")
    graded("ex02_batch", [], ["test_no_words"])
    assert commands.hint(exercise("ex02")).startswith("Hint 2/3 for ex02_batch")


def graded_test_functions(name: str) -> set[str]:
    found = set()
    for folder in ("tests", "hidden_tests"):
        path = ROOT / folder / f"test_{name}.py"
        if path.exists():
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    return found


@pytest.mark.parametrize("name", [e.name for e in load_manifest() if e.test_hints])
def test_every_test_hint_belongs_to_a_graded_test(name: str) -> None:
    """A renamed test would lose its hint without a word: each key names a test that exists."""
    assert {test for test, _hint in exercise(name).test_hints} <= graded_test_functions(name)


def test_a_stub_gets_the_first_nudge_not_a_test_hint() -> None:
    graded("ex01_one_hot", ["test_vocab_of_hello", "test_one_hot_values"], kind=FailureKind.STUB.value)
    assert commands.hint(exercise("ex01")).startswith("Hint 1/3 for ex01_one_hot")


def test_a_test_hint_says_how_many_failing_tests_still_have_one() -> None:
    """ "Run this again for the general hints" was wrong while other failing tests had hints of
    their own (a learner saw six test hints before Hint 1/3): the footer counts them."""
    graded("ex04_shapes", ["test_any_rnn", "test_defaults"])
    first = " ".join(commands.hint(exercise("ex04")).split())
    assert "Hints left for other failing tests: 1." in first, first
    last = " ".join(commands.hint(exercise("ex04")).split())
    assert "For the exercise's general hints, run this again" in last, last
