"""ex07's model as the judge rebuilds it (kata.testing.char_rnn): a model that is not the documented
CharRNN is refused by a message that names what differs, not only the parts it has."""

from __future__ import annotations

import pytest
from torch import nn

from kata.testing.char_rnn import rebuild
from kata.testing.outcomes import Failed


class Model(nn.Module):
    def __init__(self, rnn: nn.RNN, head: nn.Linear) -> None:
        super().__init__()
        self.rnn, self.head = rnn, head


def refusal(model: nn.Module) -> str:
    with pytest.raises(Failed) as failed:
        rebuild(model, "train()")
    return str(failed.value)


def test_the_documented_model_is_rebuilt():
    assert rebuild(Model(nn.RNN(5, 8, batch_first=True), nn.Linear(8, 5)), "train()") is not None


def test_a_time_major_rnn_is_named_as_one():
    message = refusal(Model(nn.RNN(5, 8), nn.Linear(8, 5)))
    assert "RNN rnn without batch_first=True" in message, message


def test_sizes_that_do_not_meet_are_named_with_both_parts():
    message = refusal(Model(nn.RNN(5, 8, batch_first=True), nn.Linear(6, 5)))
    assert "RNN rnn (input_size=5, hidden_size=8)" in message, message
    assert "Linear head (in_features=6, out_features=5)" in message, message


def test_a_model_with_the_right_parts_and_sizes_names_them_plainly():
    model = Model(nn.RNN(5, 8, batch_first=True), nn.Linear(8, 5))
    model.extra = nn.Parameter(model.head.bias.detach().clone())
    message = refusal(model)
    assert "RNN rnn, Linear head, parameter extra" in message, message
