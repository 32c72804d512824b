"""Graded tests for exercises/ex01_one_hot.py."""

import numpy as np
import pytest

from kata.checks import call, expect_raises, fail, short
from kata.note import NOTE_VOCAB, NOTE_WORDS


@pytest.fixture
def ex(learner):
    return learner("ex01_one_hot")


def test_vocab_of_hello(ex):
    """build_vocab(["hello"]) is h, e, l, o"""
    got = call(ex.build_vocab, ["hello"])
    if list(got) != NOTE_VOCAB:
        fail(
            f'build_vocab(["hello"]) returned {short(got)}; expected {NOTE_VOCAB}: each distinct character once, in order of first appearance.'
        )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (NOTE_WORDS, ["h", "e", "l", "o"]),
        (["hihello"], ["h", "i", "e", "l", "o"]),
        (["banana", "bandana"], ["b", "a", "n", "d"]),
        (["Ab a", "bA"], ["A", "b", " ", "a"]),
        (["zyx", "xyz", "w"], ["z", "y", "x", "w"]),
    ],
    ids=["note", "hihello", "repeats", "case-and-space", "not-sorted"],
)
def test_vocab_keeps_first_appearance_order(ex, words, expected):
    """build_vocab keeps every distinct character in order of first appearance"""
    got = call(ex.build_vocab, words)
    if not isinstance(got, list | tuple) or list(got) != expected:
        extra = ""
        if isinstance(got, list | tuple) and sorted(got) == sorted(expected):
            extra = (
                " The characters are right but the order is not: do not sort, and do not use set() (it forgets order)."
            )
        elif isinstance(got, list | tuple) and set(got) == {c.lower() for c in expected}:
            extra = " Every character counts as it is: 'A' and 'a' are different."
        fail(f"build_vocab({words!r}) returned {short(got)}; expected {expected}.{extra}")


@pytest.mark.parametrize(
    ("char", "vocab", "expected"),
    [
        ("e", NOTE_VOCAB, [0, 1, 0, 0]),
        ("h", NOTE_VOCAB, [1, 0, 0, 0]),
        ("o", NOTE_VOCAB, [0, 0, 0, 1]),
        ("c", ["a", "b", "c", "d", "e", "f"], [0, 0, 1, 0, 0, 0]),
        (" ", ["x", " "], [0, 1]),
    ],
    ids=["note-e", "note-h", "note-o", "six-letters", "space"],
)
def test_one_hot_values(ex, char, vocab, expected):
    """one_hot puts a single 1 at the character's position"""
    got = call(ex.one_hot, char, vocab)
    try:
        values = [int(v) for v in got]
    except (TypeError, ValueError):
        fail(f"one_hot({char!r}, {vocab!r}) returned {short(got)}; expected a list of ints like {expected}.")
    if len(values) != len(vocab) or values != expected or any(v != w for v, w in zip(got, expected)):
        fail(
            f"one_hot({char!r}, {vocab!r}) returned {short(got)}; expected {expected}: as long as the vocabulary, one 1 at vocab.index({char!r})."
        )


def test_one_hot_unknown_character(ex):
    """one_hot raises ValueError naming a character that is not in the vocabulary"""
    expect_raises(ValueError, ex.one_hot, "z", NOTE_VOCAB, mentioning="z", why="because 'z' is not in the vocabulary")


@pytest.mark.parametrize(
    ("word", "vocab"),
    [("hello", NOTE_VOCAB), ("lleel", NOTE_VOCAB), ("abcab", ["c", "b", "a"]), ("q", ["p", "q", "r", "s", "t"])],
    ids=["note-hello", "note-lleel", "three-letters", "one-letter"],
)
def test_encode_word(ex, word, vocab):
    """encode_word gives one float32 one-hot row per character"""
    what = f"encode_word({word!r}, {vocab!r})"
    got = call(ex.encode_word, word, vocab)
    if not isinstance(got, np.ndarray):
        fail(
            f"{what} returned {type(got).__name__} {short(got)}; expected a numpy array (np.array(rows, dtype=np.float32))."
        )
    want_shape = (len(word), len(vocab))
    if got.shape != want_shape:
        fail(
            f"{what} returned shape {got.shape}; expected (seq_len={len(word)}, input_size={len(vocab)}): one row per character, one column per vocabulary entry."
        )
    if got.dtype != np.float32:
        fail(
            f"{what} returned dtype {got.dtype}; expected float32, the dtype nn.RNN's weights use: np.array(rows, dtype=np.float32) or .astype(np.float32)."
        )
    expected = np.eye(len(vocab), dtype=np.float32)[[vocab.index(c) for c in word]]
    if not np.array_equal(got, expected):
        row = int(np.argmax((got != expected).any(axis=1)))
        fail(f"{what}: row {row} (character {word[row]!r}) is {got[row].tolist()}; expected {expected[row].tolist()}.")
