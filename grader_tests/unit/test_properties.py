"""The property tests' strategies draw the edges on purpose: a space leading, trailing or alone,
and the smallest and largest sizes, in the examples the kata's profile (derandomized, 25
examples) really tries. A word.strip() or a .squeeze() must not pass by luck."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.internal import charmap
from hypothesis.strategies._internal.utils import clear_strategy_cache

from kata import ROOT
from kata.testing import properties


def drawn(strategy: st.SearchStrategy[Any]) -> list[Any]:
    """The examples a graded property test with this strategy tries, in the kata's profile."""
    seen: list[Any] = []

    @given(strategy)
    def collect(value: Any) -> None:
        seen.append(value)

    collect()
    return seen


def test_words_with_spaces_at_their_edges_are_drawn() -> None:
    words = [w for ws in drawn(st.lists(properties.edged_words(), min_size=1, max_size=4)) for w in ws]
    assert any(w.startswith(" ") and w.strip() for w in words), "a leading space"
    assert any(w.endswith(" ") and w.strip() for w in words), "a trailing space"
    assert any(w and not w.strip() for w in words), "spaces only"


def test_an_encoded_word_with_edges_has_the_space_in_its_vocabulary() -> None:
    cases = drawn(properties.vocab_and_edged_word())
    assert any(word[:1] == " " or word[-1:] == " " for _vocab, word in cases)
    assert all(set(word) <= set(vocab) for vocab, word in cases)


def test_batches_of_words_with_edges_are_drawn() -> None:
    cases = drawn(properties.vocab_and_words())
    assert any(words[0].startswith(" ") for _vocab, words in cases)
    assert any(words[0].endswith(" ") for _vocab, words in cases)
    assert all(len({len(w) for w in words}) == 1 and set("".join(words)) <= set(vocab) for vocab, words in cases)


def test_a_space_is_drawn_as_a_character_and_as_a_stranger() -> None:
    chars = drawn(properties.spaced_vocabularies().flatmap(properties.with_edges))
    assert chars.count(" ") >= 3, chars
    strangers = drawn(
        properties.vocabularies().flatmap(lambda v: properties.with_edges(sorted(set(properties.ALPHABET) - set(v))))
    )
    assert strangers.count(" ") >= 3, strangers


def test_sizes_of_one_and_the_largest_are_drawn() -> None:
    sizes = drawn(properties.rnn_sizes(max_layers=3))
    for key, largest in (("batch", 5), ("seq_len", 7), ("input_size", 6), ("hidden_size", 6), ("num_layers", 3)):
        values = {s[key] for s in sizes}
        assert {1, largest} <= values, f"{key}: {sorted(values)}"


def graded_strategies() -> Iterator[tuple[str, st.SearchStrategy[Any]]]:
    """Each strategy a graded property test draws from (its @given arguments), the test files
    imported afresh so that their strategies are new."""
    clear_strategy_cache()  # st.text(...) with the same arguments would be an object met before
    for folder in ("tests", "hidden_tests"):
        for path in sorted((ROOT / folder).glob("test_*.py")):
            spec = importlib.util.spec_from_file_location(f"graded_{folder}_{path.stem}", path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            for name, test in vars(module).items():
                handle = getattr(test, "hypothesis", None)
                for argument, strategy in getattr(handle, "_given_kwargs", {}).items():
                    yield f"{folder}/{path.name}::{name}({argument})", strategy


def test_no_graded_strategy_makes_hypothesis_build_its_unicode_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """`st.text` over an alphabet makes Hypothesis tabulate every Unicode category as it checks
    the strategy (0.9 s in a judge, whose folder holds no cache of the table): on the critical
    path of every grade of that exercise. properties.strings builds strings without it."""

    def refuse() -> None:
        raise AssertionError("Hypothesis built its table of Unicode categories")

    monkeypatch.setattr(charmap, "charmap", refuse)
    monkeypatch.setattr(charmap, "categories", refuse)
    checked = []
    for where, strategy in graded_strategies():
        strategy.validate()
        checked.append(where)
    assert "tests/test_ex01_one_hot.py::test_vocab_of_any_words(words)" in checked, checked
    assert len(checked) > 10, checked
