"""Graded tests for exercises/ex01_one_hot.py."""

import numpy as np
import pytest

from kata.checks import call, expect_raises, fail, short
from kata.i18n import _
from kata.note import NOTE_VOCAB, NOTE_WORDS


@pytest.fixture
def ex(learner):
    return learner("ex01_one_hot")


def test_vocab_of_hello(ex):
    """build_vocab(["hello"]) is h, e, l, o"""
    got = call(ex.build_vocab, ["hello"])
    if list(got) != NOTE_VOCAB:
        fail(
            _(
                'build_vocab(["hello"]) returned {short_got}; expected {NOTE_VOCAB}: each distinct character once, in order of first appearance.',
                short_got=short(got),
                NOTE_VOCAB=NOTE_VOCAB,
            )
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
            extra = " " + _(
                "The characters are right but the order is not: do not sort, and do not use set() (it forgets order)."
            )
        elif isinstance(got, list | tuple) and set(got) == {c.lower() for c in expected}:
            extra = " " + _("Every character counts as it is: 'A' and 'a' are different.")
        fail(
            _(
                "build_vocab({words}) returned {short_got}; expected {expected}.{extra}",
                words=repr(words),
                short_got=short(got),
                expected=expected,
                extra=extra,
            )
        )


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
        fail(
            _(
                "one_hot({char}, {vocab}) returned {short_got}; expected a list of ints like {expected}.",
                char=repr(char),
                vocab=repr(vocab),
                short_got=short(got),
                expected=expected,
            )
        )
    if len(values) != len(vocab) or values != expected or any(v != w for v, w in zip(got, expected)):
        fail(
            _(
                "one_hot({char}, {vocab}) returned {short_got}; expected {expected}: as long as the vocabulary, one 1 at vocab.index({char}).",
                char=repr(char),
                vocab=repr(vocab),
                short_got=short(got),
                expected=expected,
            )
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
            _(
                "{what} returned {type_got___name} {short_got}; expected a numpy array (np.array(rows, dtype=np.float32)).",
                what=what,
                type_got___name=type(got).__name__,
                short_got=short(got),
            )
        )
    want_shape = (len(word), len(vocab))
    if got.shape != want_shape:
        fail(
            _(
                "{what} returned shape {got_shape}; expected (seq_len={len_word}, input_size={len_vocab}): one row per character, one column per vocabulary entry.",
                what=what,
                got_shape=got.shape,
                len_word=len(word),
                len_vocab=len(vocab),
            )
        )
    if got.dtype != np.float32:
        fail(
            _(
                "{what} returned dtype {got_dtype}; expected float32, the dtype nn.RNN's weights use: np.array(rows, dtype=np.float32) or .astype(np.float32).",
                what=what,
                got_dtype=got.dtype,
            )
        )
    expected = np.eye(len(vocab), dtype=np.float32)[[vocab.index(c) for c in word]]
    if not np.array_equal(got, expected):
        row = int(np.argmax((got != expected).any(axis=1)))
        fail(
            _(
                "{what}: row {row} (character {word_row}) is {got_row_tolist}; expected {expected_row_tolist}.",
                what=what,
                row=row,
                word_row=repr(word[row]),
                got_row_tolist=got[row].tolist(),
                expected_row_tolist=expected[row].tolist(),
            )
        )
