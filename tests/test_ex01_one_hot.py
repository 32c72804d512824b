"""Graded tests for exercises/ex01_one_hot.py."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kata.i18n import N_, _
from kata.testing.calls import call, expect_raises
from kata.testing.checks import character_itself, expect_items, expect_type, names_the_character
from kata.testing.lecture_note import NOTE_VOCAB, NOTE_WORDS
from kata.testing.outcomes import fail
from kata.testing.properties import (
    ALPHABET,
    edged_words,
    spaced_vocabularies,
    strings,
    vocab_and_edged_word,
    with_edges,
)
from kata.testing.values import label, short, type_name

ONE_HOT_TYPE = N_("a list of Python ints, one per vocabulary entry, like [0, 1, 0, 0]")
ONE_HOT_WHY = N_(
    "The documented type is the contract later code relies on: write [0] * len(vocab) and set one entry to 1 "
    "(not a numpy array, not floats or bools)."
)


@pytest.fixture
def ex(learner):
    return learner("ex01_one_hot")


def test_vocab_of_hello(ex):
    """build_vocab(["hello"]) is h, e, l, o"""
    got = call(ex.build_vocab, ["hello"])
    expect_type(got, label(ex.build_vocab, (["hello"],)), list, N_("a list of characters"))
    if list(got) != NOTE_VOCAB:
        fail(
            _(
                "ex01_one_hot.build_vocab(['hello']) returned {short_got}; expected {NOTE_VOCAB}: each distinct character once, in order of first appearance.",
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
        ([], []),
        (["", "a", ""], ["a"]),
        ([" hi", "ho ", "   "], [" ", "h", "i", "o"]),
    ],
    ids=["note", "hihello", "repeats", "case-and-space", "not-sorted", "no-words", "empty-words", "spaces-at-edges"],
)
def test_vocab_keeps_first_appearance_order(ex, words, expected):
    """build_vocab keeps every distinct character in order of first appearance"""
    got = call(ex.build_vocab, words)
    expect_type(got, label(ex.build_vocab, (words,)), list, N_("a list of characters"))
    if list(got) != expected:
        extra = vocab_advice(ex, words, got, expected)
        fail(
            _(
                "ex01_one_hot.build_vocab({words}) returned {short_got}; expected {expected}.{extra}",
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
    what = label(ex.one_hot, (char, vocab))
    expect_type(got, what, list, ONE_HOT_TYPE, ONE_HOT_WHY)
    expect_items(got, what, int, ONE_HOT_TYPE, ONE_HOT_WHY)
    values = got
    if len(values) != len(vocab) or values != expected or any(v != w for v, w in zip(got, expected)):
        fail(
            _(
                "ex01_one_hot.one_hot({char}, {vocab}) returned {short_got}; expected {expected}: as long as the vocabulary, one 1 at vocab.index({char}).",
                char=repr(char),
                vocab=repr(vocab),
                short_got=short(got),
                expected=expected,
            )
        )


def test_one_hot_unknown_character(ex):
    """one_hot raises ValueError naming a character that is not in the vocabulary"""
    expect_raises(
        ValueError,
        ex.one_hot,
        "z",
        NOTE_VOCAB,
        mentioning=names_the_character("z"),
        names=character_itself("z"),
        why="because 'z' is not in the vocabulary",
        case="Raising it for a character that is not in the vocabulary is right.",
    )


@given(vocab=spaced_vocabularies(), data=st.data())
def test_one_hot_any_vocabulary(ex, vocab, data):
    """one_hot works for any vocabulary and any of its characters, and refuses any other character"""
    char = data.draw(with_edges(vocab))
    got = call(ex.one_hot, char, vocab)
    what = label(ex.one_hot, (char, vocab))
    expected = [int(v == char) for v in vocab]
    expect_type(got, what, list, ONE_HOT_TYPE, ONE_HOT_WHY)
    expect_items(got, what, int, ONE_HOT_TYPE, ONE_HOT_WHY)
    if got != expected:
        fail(_("{what} returned {got}; expected {expected}.", what=what, got=got, expected=expected))
    stranger = data.draw(with_edges([c for c in ALPHABET if c not in vocab]))
    expect_raises(
        ValueError,
        ex.one_hot,
        stranger,
        vocab,
        mentioning=names_the_character(stranger),
        names=character_itself(stranger),
        why="because that character is not in the vocabulary",
        case="Raising it for a character that is not in the vocabulary is right.",
    )


@given(words=st.lists(st.one_of(edged_words(), strings(max_size=6)), min_size=1, max_size=4))
def test_vocab_of_any_words(ex, words):
    """build_vocab gives each distinct character of any words once, in order of first appearance"""
    got = call(ex.build_vocab, words)
    what = label(ex.build_vocab, (words,))
    expected = list(dict.fromkeys("".join(words)))
    expect_type(got, what, list, N_("a list of characters"))
    if got != expected:
        fail(
            _(
                "{what} returned {got}; expected the vocabulary {expected}.",
                what=what,
                got=short(got),
                expected=expected,
            )
            + vocab_advice(ex, words, got, expected)
        )


PROBE = ["ʃŋʃ"]  # characters no other test uses: what build_vocab gives for them can only hold them
STRIPPED = N_(
    "That is the vocabulary of the words with their edges stripped: a space at the start or end of a word is a "
    "character too. Do not strip() the words."
)
STRIPPED_WORD = N_(
    "That is one row per character of the word with its edges stripped: a space at the start or end of a word is a "
    "character too. Do not strip() the word."
)
NO_SPACES = N_("That is the vocabulary without its spaces: a space is a character too, wherever it is.")
FIXED_ANSWER = N_(
    "Called with other words, {probe}, build_vocab returned {got}, the same answer: it does not build the vocabulary "
    "from the words it is given. Go through the given words and collect their characters."
)
LEFTOVERS = N_(
    "Called right after with {probe}, build_vocab returned {got}: it carries characters of an earlier call. A list "
    "made once, as a default argument (seen=[]) or at the top of the file, is shared by every call: make a new "
    "empty list inside the function, on every call."
)


def vocab_advice(ex, words, got, expected):
    """What to say about a wrong vocabulary: the cause whose result this is (its own transform of
    the reference's answer), or the leftovers of earlier calls, found by calling again with
    characters no earlier call used. The same answer again is a fixed answer only without the
    probe's characters: a list shared between calls holds them from an earlier probe, and then
    adds nothing."""
    if not isinstance(got, list | tuple):
        return ""
    reference = lambda ws: list(dict.fromkeys("".join(ws)))  # noqa: E731 - the reference, on changed words
    if list(got) == reference(w.strip() for w in words):
        return " " + _(STRIPPED)
    if list(got) == reference(w.replace(" ", "") for w in words):
        return " " + _(NO_SPACES)
    try:
        again = call(ex.build_vocab, list(PROBE))
    except pytest.fail.Exception:
        again = None  # the probe's own failure says nothing about this one
    fixed = isinstance(again, list | tuple) and list(again) == list(got) != list(reference(PROBE))
    if fixed and not set("".join(PROBE)) <= set(again):  # holding the probe's characters, it is a shared list
        return " " + _(FIXED_ANSWER, probe=repr(PROBE), got=short(again))
    if isinstance(again, list | tuple) and set(again) - set("".join(PROBE)):
        return " " + _(LEFTOVERS, probe=repr(PROBE), got=short(again))
    if sorted(got) == sorted(expected):
        return " " + _(
            "The characters are right but the order is not: do not sort, and do not use set() (it forgets order)."
        )
    if set(got) == {c.lower() for c in expected}:
        return " " + _("Every character counts as it is: 'A' and 'a' are different.")
    return ""


@pytest.mark.parametrize(
    ("word", "vocab"),
    [
        ("hello", NOTE_VOCAB),
        ("lleel", NOTE_VOCAB),
        ("abcab", ["c", "b", "a"]),
        ("q", ["p", "q", "r", "s", "t"]),
        ("", NOTE_VOCAB),
        ("x", ["x"]),
    ],
    ids=["note-hello", "note-lleel", "three-letters", "one-letter", "empty-word", "one-entry-vocab"],
)
def test_encode_word(ex, word, vocab):
    """encode_word gives one float32 one-hot row per character"""
    check_encoded(ex, word, vocab)


@given(case=vocab_and_edged_word())
def test_encode_any_word(ex, case):
    """encode_word encodes any word over any vocabulary, one row per character"""
    vocab, word = case
    check_encoded(ex, word, vocab)


def check_encoded(ex, word, vocab):
    what = label(ex.encode_word, (word, vocab))  # with its module, as every other call is named
    got = call(ex.encode_word, word, vocab)
    if not isinstance(got, np.ndarray):
        fail(
            _(
                "{what} returned {type_got___name} {short_got}; expected a numpy array (np.array(rows, dtype=np.float32)).",
                what=what,
                type_got___name=type_name(got),
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
            + (
                " "
                + _(
                    "An empty word still has len(vocab) columns: np.array([]) has shape (0,), so give the shape "
                    "explicitly, e.g. .reshape(len(word), len(vocab))."
                )
                if not word
                else ""
            )
            + (
                " " + _(STRIPPED_WORD)
                if word.strip() != word and len(got.shape) >= 1 and got.shape[0] == len(word.strip())
                else ""
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
