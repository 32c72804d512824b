"""The documented training replayed ahead, in the grader before it forks its judges
(kata.testing.char_rnn.replay_ahead): served only for a start equal to the bit, and the start it
is replayed from is the one the reference train() builds, so that right submissions find it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import torch
from torch import nn

from kata.testing import char_rnn
from kata.testing.char_rnn import Rebuilt, rebuild, replay
from kata.testing.char_rnn_diagnoses import PINNED_LR, PINNED_STEPS, replay_documented_ahead
from kata.testing.char_rnn_vocab import hihello_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reference(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """solutions/ex07_train_hihello.py, imported here, and forgotten after the test."""
    monkeypatch.syspath_prepend(str(ROOT / "solutions"))
    names = ("ex01_one_hot", "ex02_batch", "ex07_train_hihello")
    for name in names:
        monkeypatch.delitem(sys.modules, name, raising=False)
    yield importlib.import_module("ex07_train_hihello")
    for name in names:
        sys.modules.pop(name, None)


@pytest.fixture(autouse=True)
def _nothing_replayed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(char_rnn, "_replayed", {})


def start(seed: int = 0) -> Rebuilt:
    torch.manual_seed(seed)
    return Rebuilt(nn.RNN(5, 8, batch_first=True), nn.Linear(8, 5), rnn_first=True)


def test_the_reference_train_starts_where_the_grader_replays_ahead(reference: ModuleType) -> None:
    replay_documented_ahead()
    model, _losses = reference.train(steps=0, lr=PINNED_LR)
    x, y = hihello_data()
    learners = rebuild(model, "train(steps=0)")
    for steps, lr in ((PINNED_STEPS, PINNED_LR), (100, 0.1)):
        assert char_rnn._replay_key(learners, x, y, steps, lr) in char_rnn._replayed, (steps, lr)


def test_a_kept_replay_is_what_replaying_gives() -> None:
    x, y = hihello_data()
    kept = replay(start(), x, y, steps=5, lr=0.1)
    assert len(char_rnn._replayed) == 1
    again = replay(start(), x, y, steps=5, lr=0.1)  # served
    char_rnn._replayed.clear()
    fresh = replay(start(), x, y, steps=5, lr=0.1)  # replayed
    for got in (again, fresh):
        assert got[0] == kept[0]
        assert all(torch.equal(a, b) for a, b in zip(got[1], kept[1]))
        assert got[2] is not None and kept[2] is not None and torch.equal(got[2], kept[2])


def test_a_start_one_bit_away_is_replayed_again() -> None:
    x, y = hihello_data()
    kept = replay(start(), x, y, steps=5, lr=0.1)
    nudged = start()
    with torch.no_grad():
        weight = nudged.head.bias
        weight[0] = torch.nextafter(weight[0], torch.tensor(1.0))
    got = replay(nudged, x, y, steps=5, lr=0.1)
    assert len(char_rnn._replayed) == 2
    assert not torch.equal(got[1][0], kept[1][0])


def test_other_data_steps_and_lr_are_kept_apart() -> None:
    x, y = hihello_data()
    replay(start(), x, y, steps=5, lr=0.1)
    replay(start(), x, y, steps=5, lr=0.05)
    replay(start(), x, y, steps=4, lr=0.1)
    replay(start(), x, torch.roll(y, 1), steps=5, lr=0.1)
    assert len(char_rnn._replayed) == 4


def test_the_known_slips_are_never_kept() -> None:
    x, y = hihello_data()
    replay(start(), x, y, steps=3, lr=0.1, optimizer=torch.optim.SGD)
    replay(start(), x, y, steps=3, lr=0.1, fresh_each_step=True)
    replay(start(), x, y, steps=3, lr=0.1, zero_grad=False)
    assert char_rnn._replayed == {}


def test_what_a_caller_changes_in_a_served_replay_stays_its_own() -> None:
    x, y = hihello_data()
    replay(start(), x, y, steps=3, lr=0.1)
    losses, weights, grad = replay(start(), x, y, steps=3, lr=0.1)
    losses.append(1.0)
    weights[0].zero_()
    assert grad is not None
    grad.zero_()
    again = replay(start(), x, y, steps=3, lr=0.1)
    assert len(again[0]) == 3
    assert again[1][0].abs().sum() > 0
    assert again[2] is not None and again[2].abs().sum() > 0


def test_replaying_ahead_leaves_the_random_state_as_it_was() -> None:
    torch.manual_seed(123)
    before = torch.get_rng_state()
    replay_documented_ahead()
    assert torch.equal(torch.get_rng_state(), before)


def test_a_start_with_a_frozen_parameter_is_replayed_not_served() -> None:
    """A frozen bias stays where it starts: the reference's replay would move it."""
    x, y = hihello_data()
    kept = replay(start(), x, y, steps=3, lr=0.1)
    frozen = start()
    frozen.head.bias.requires_grad_(False)
    got = replay(frozen, x, y, steps=3, lr=0.1)
    assert len(char_rnn._replayed) == 2
    assert not torch.equal(got[1][-1], kept[1][-1])


def test_a_start_with_buffers_is_never_kept() -> None:
    x, y = hihello_data()
    for buffer in (torch.zeros(3), torch.zeros(1), torch.ones(2)):
        with_buffer = start()
        with_buffer.rnn.register_buffer("seen", buffer)
        losses, _weights, _grad = replay(with_buffer, x, y, steps=2, lr=0.1)
        assert len(losses) == 2
    assert char_rnn._replayed == {}
