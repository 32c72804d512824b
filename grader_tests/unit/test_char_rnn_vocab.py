"""ex07's vocabulary in another order (kata.testing.char_rnn_vocab): a model trained, with the
right loop, on a vocabulary sorted or in a set's order is named by that order, and a model
trained on the documented one, or trained badly, is not."""

from __future__ import annotations

import functools

import torch
from torch import nn

from kata.testing.char_rnn_diagnoses import training_diagnosis
from kata.testing.char_rnn_vocab import SORTED, VOCAB, hihello_data, trained_order_advice


class CharRNN(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.RNN(5, 8, batch_first=True)
        self.head = nn.Linear(8, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0])


@functools.cache
def trained(order: tuple[str, ...], steps: int = 200) -> nn.Module:
    return trained_on(list(order), steps)


def trained_on(vocab: list[str], steps: int) -> nn.Module:
    """A right training loop over the vocabulary in the order given: plain gradient descent by
    hand (an optimizer's first step imports torch._dynamo, seconds this tier cannot spend)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: more threads only spin on a loaded machine
    try:
        return descend(vocab, steps)
    finally:
        torch.set_num_threads(threads)


def descend(vocab: list[str], steps: int) -> nn.Module:
    torch.manual_seed(0)
    model = CharRNN()
    x, y = hihello_data(vocab=vocab)
    for _step in range(steps):
        model.zero_grad()
        nn.functional.cross_entropy(model(x).reshape(-1, 5), y).backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= 1.0 * p.grad
    return model


def test_a_sorted_vocabulary_is_named() -> None:
    advice = training_diagnosis(trained(tuple(SORTED)))
    assert advice.startswith(
        "Your code's result matches what training with a sorted vocabulary, ['e', 'h', 'i', 'l', 'o'], gives"
    ), advice


def test_a_vocabulary_in_another_order_is_named() -> None:
    order = ["o", "l", "e", "i", "h"]
    advice = trained_order_advice(trained(tuple(order)))
    assert advice.startswith(
        f"Your code's result matches what training with the vocabulary in another order, {order}, gives"
    ), advice


def test_the_documented_order_or_an_untrained_model_names_no_order() -> None:
    assert trained_order_advice(trained(tuple(VOCAB))) == ""
    assert trained_order_advice(trained(tuple(SORTED), steps=3)) == ""
