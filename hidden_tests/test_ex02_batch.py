"""Instructor-only tests for ex02_batch: graded by `make grade`, shown after the due date,
left out of `make release`. Same helpers and style as tests/test_ex02_batch.py."""

import pytest
import torch

from kata.testing.calls import call
from kata.testing.checks import expect_close, expect_tensor
from kata.testing.oracle import one_hot_rows
from kata.testing.values import label

pytestmark = pytest.mark.visibility("after_due_date")


@pytest.mark.parametrize(
    ("words", "vocab"),
    [(["안녕", "녕안"], ["안", "녕"]), (["a b", "b a"], ["a", " ", "b"]), (["xyzzyx" * 4] * 6, ["z", "y", "x"])],
    ids=["hangul", "spaces", "long-words"],
)
def test_unseen_words(learner, words, vocab):
    """make_batch handles any characters, spaces and long words"""
    ex = learner("ex02_batch")
    got = call(ex.make_batch, words, vocab)
    what = label(ex.make_batch, (words, vocab))
    expect_tensor(got, what, shape=(len(words), len(words[0]), len(vocab)), axes=("batch", "seq_len", "input_size"))
    expected = torch.stack([one_hot_rows(w, vocab) for w in words])
    expect_close(got, expected, what, atol=0, axes=("batch", "seq_len", "input_size"))
