"""Whether a call drew from a random state (kata.testing.random_state.state_marks): a draw from
Python's, numpy's or torch's global generator changes that generator's mark and no other."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from kata.testing.random_state import state_marks


@pytest.mark.parametrize(
    ("draw", "which"),
    [(random.random, 0), (np.random.random, 1), (lambda: np.random.randint(0, 9, 3), 1), (lambda: torch.rand(2), 2)],
    ids=["python", "numpy", "numpy-integers", "torch"],
)
def test_a_draw_changes_its_generators_mark_only(draw, which) -> None:  # noqa: ANN001
    before = state_marks()
    draw()
    after = state_marks()
    assert [b != a for b, a in zip(before, after)] == [i == which for i in range(3)]


def test_numpys_mark_follows_its_whole_state() -> None:
    """A full turn of MT19937's 624 words regenerates the key at the same position; setting the
    state back gives the mark back."""
    saved = np.random.get_state()
    before = state_marks()[1]
    np.random.random(624)
    turned = state_marks()[1]
    np.random.set_state(saved)
    assert turned != before
    assert state_marks()[1] == before


def test_another_numpy_bit_generator_is_marked_too() -> None:
    mt = np.random.get_bit_generator()
    np.random.set_bit_generator(np.random.PCG64(5))
    try:
        before = state_marks()[1]
        np.random.random()
        assert state_marks()[1] != before
    finally:
        np.random.set_bit_generator(mt)
