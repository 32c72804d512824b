"""The documented training replayed ahead, in the grader before it forks its judges
(kata.testing.char_rnn.replay_ahead): served only for a start equal to the bit, and the start it
is replayed from is the one the reference train() builds, so that right submissions find it.

This tier takes no torch.optim step (the first imports torch._dynamo: seconds it cannot spend):
the documented optimizer is a plain descent written here; the slow tier grades with Adam."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
import torch

from kata.testing import char_rnn
from kata.testing.char_rnn import Rebuilt, rebuild, reference_start, replay, replay_ahead
from kata.testing.char_rnn_diagnoses import PINNED_LR, PINNED_STEPS, REPLAYED_AHEAD
from kata.testing.char_rnn_vocab import VOCAB, hihello_data

ROOT = Path(__file__).resolve().parents[2]


class Descent:
    """Plain gradient descent: the documented optimizer of these tests. Counts its trainings."""

    made = 0

    def __init__(self, params: Iterable[torch.nn.Parameter], lr: float) -> None:
        self.params, self.lr = list(params), lr
        Descent.made += 1

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p -= self.lr * p.grad


class Halved(Descent):
    """Another optimizer: half the step."""

    def step(self) -> None:
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p -= self.lr / 2 * p.grad


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
def _nothing_replayed_and_descent_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(char_rnn, "_replayed", {})
    monkeypatch.setattr(char_rnn, "DOCUMENTED", (Descent, False, True))


def start() -> Rebuilt:
    return reference_start(len(VOCAB), 8)


def replayed(model: Rebuilt, steps: int = 3, lr: float = 0.1, **kwargs: object) -> tuple:
    x, y = kwargs.pop("data", None) or hihello_data()
    return replay(model, x, y, steps=steps, lr=lr, optimizer=kwargs.pop("optimizer", Descent), **kwargs)  # type: ignore[arg-type]


def test_the_reference_train_starts_where_the_grader_replays_ahead(reference: ModuleType) -> None:
    model, _losses = reference.train(steps=0, lr=PINNED_LR)  # no step: nothing of torch.optim runs
    learners = rebuild(model, "train(steps=0)")
    x, y = hihello_data()
    for steps, lr in REPLAYED_AHEAD:
        assert char_rnn._replay_key(learners, x, y, steps, lr) == char_rnn._replay_key(start(), x, y, steps, lr)


def test_what_is_replayed_ahead_is_what_the_optimizer_test_replays() -> None:
    """Its pinned steps (tests/test_ex07_train_hihello.py) and the whole default training
    (kata.testing.trained_model.expect_adam_to_the_end)."""
    assert set(REPLAYED_AHEAD) == {(PINNED_STEPS, PINNED_LR), (100, 0.1)}
    x, y = hihello_data()
    replay_ahead(len(VOCAB), 8, [(2, 0.1), (3, 0.05)], x, y)
    assert {key[-2:] for key in char_rnn._replayed} == {(2, 0.1), (3, 0.05)}


def test_a_kept_replay_is_what_replaying_gives() -> None:
    kept = replayed(start())
    assert len(char_rnn._replayed) == 1
    trainings = Descent.made
    again = replayed(start())  # served: nothing trained
    assert Descent.made == trainings
    char_rnn._replayed.clear()
    fresh = replayed(start())  # replayed
    for got in (again, fresh):
        assert got[0] == kept[0]
        assert all(torch.equal(a, b) for a, b in zip(got[1], kept[1]))
        assert got[2] is not None and kept[2] is not None and torch.equal(got[2], kept[2])


def test_a_start_one_bit_away_is_replayed_again() -> None:
    kept = replayed(start())
    nudged = start()
    with torch.no_grad():
        nudged.head.bias[0] = torch.nextafter(nudged.head.bias[0], torch.tensor(1.0))
    got = replayed(nudged)
    assert len(char_rnn._replayed) == 2
    assert not torch.equal(got[1][0], kept[1][0])


def test_other_data_steps_and_lr_are_kept_apart() -> None:
    x, y = hihello_data()
    replayed(start())
    replayed(start(), lr=0.05)
    replayed(start(), steps=4)
    replayed(start(), data=(x, torch.roll(y, 1)))
    assert len(char_rnn._replayed) == 4


def test_the_known_slips_are_never_kept() -> None:
    replayed(start(), optimizer=Halved)
    replayed(start(), fresh_each_step=True)
    replayed(start(), zero_grad=False)
    assert char_rnn._replayed == {}


def test_what_a_caller_changes_in_a_served_replay_stays_its_own() -> None:
    replayed(start())
    losses, weights, grad = replayed(start())
    losses.append(1.0)
    weights[0].zero_()
    assert grad is not None
    grad.zero_()
    again = replayed(start())
    assert len(again[0]) == 3
    assert again[1][0].abs().sum() > 0
    assert again[2] is not None and again[2].abs().sum() > 0


def test_the_reference_start_leaves_the_random_state_as_it_was() -> None:
    torch.manual_seed(123)
    before = torch.get_rng_state()
    start()
    assert torch.equal(torch.get_rng_state(), before)


def test_a_start_with_a_frozen_parameter_is_replayed_not_served() -> None:
    """A frozen bias stays where it starts: the reference's replay would move it."""
    kept = replayed(start())
    frozen = start()
    frozen.head.bias.requires_grad_(False)
    got = replayed(frozen)
    assert len(char_rnn._replayed) == 2
    assert not torch.equal(got[1][-1], kept[1][-1])


def test_a_start_with_buffers_is_never_kept() -> None:
    for buffer in (torch.zeros(3), torch.zeros(1), torch.ones(2)):
        with_buffer = start()
        with_buffer.rnn.register_buffer("seen", buffer)
        losses, _weights, _grad = replayed(with_buffer, steps=2)
        assert len(losses) == 2
    assert char_rnn._replayed == {}
