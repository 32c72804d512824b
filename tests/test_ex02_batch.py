"""Graded tests for exercises/ex02_batch.py."""

import pytest
import torch

from kata.checks import call, expect_close, expect_raises, expect_tensor, label
from kata.i18n import N_
from kata.note import NOTE_VOCAB, NOTE_WORDS
from kata.oracle import one_hot_rows

AXES = ("batch", "seq_len", "input_size")
TIME_MAJOR_HINT = N_(
    "Stack the words along dim 0, so batch[i] is word i: (batch, seq_len, input_size) is what "
    "nn.RNN(..., batch_first=True) reads."
)


@pytest.fixture
def ex(learner):
    return learner("ex02_batch")


def expected_batch(words, vocab):
    return torch.stack([one_hot_rows(word, vocab) for word in words])


def check_batch(ex, words, vocab, device=None):
    args = (words, vocab) if device is None else (words, vocab, device)
    got = call(ex.make_batch, *args)
    what = label(ex.make_batch, args)
    shape = (len(words), len(words[0]), len(vocab))
    expect_tensor(got, what, shape=shape, axes=AXES, device=device or "cpu", swap_hint=TIME_MAJOR_HINT)
    expect_close(
        got,
        expected_batch(words, vocab),
        what,
        atol=0,
        axes=AXES,
        advice="batch[i, t] must be the one-hot vector of letter t of word i.",
    )
    return got


def test_note_example(ex):
    """the note's words give a (3, 5, 4) float32 batch on the CPU"""
    check_batch(ex, NOTE_WORDS, NOTE_VOCAB)


@pytest.mark.parametrize(
    ("words", "vocab"),
    [
        (["abc", "bca", "cab"], ["a", "b", "c"]),
        (["hi", "ih", "hh", "ii", "hi"], ["h", "i"]),
        (["sequence"], list("sequnc")),
        (["abcdefg", "gfedcba"], list("gfedcba")),
    ],
    ids=["square-3x3", "five-short-words", "one-word", "reversed-vocab"],
)
def test_fresh_words(ex, words, vocab):
    """make_batch stacks any equal-length words, one word per row of the batch"""
    check_batch(ex, words, vocab)


def test_on_the_grading_device(ex, device):
    """make_batch puts the batch on the device it is given"""
    check_batch(ex, ["hello", "world"], list("helowrd"), device)


def test_no_words(ex):
    """make_batch([]) raises ValueError"""
    expect_raises(ValueError, ex.make_batch, [], NOTE_VOCAB, why="because there are no words to stack")


@pytest.mark.parametrize(
    "words",
    [["hello", "hi"], ["abc", "abc", "ab"], ["ab", "abc", "abc"]],
    ids=["second-shorter", "last-shorter", "first-shorter"],
)
def test_words_of_different_lengths(ex, words):
    """make_batch raises ValueError when the words do not all have the same length"""
    vocab = sorted(set("".join(words)))
    expect_raises(
        ValueError,
        ex.make_batch,
        words,
        vocab,
        why="because the words have different lengths (check every word, not only the first two)",
    )


def test_character_not_in_vocab(ex):
    """make_batch raises ValueError naming a character missing from the vocabulary"""
    expect_raises(
        ValueError, ex.make_batch, ["help"], NOTE_VOCAB, mentioning="p", why="because 'p' is not in the vocabulary"
    )
