"""Graded tests for exercises/ex04_shapes.py: every answer is checked against a real nn.RNN."""

import pytest
import torch
from torch import nn

from kata.checks import call, fail, label, short
from kata.i18n import _

CASES = [
    # batch, seq_len, input_size, hidden_size, num_layers, batch_first
    (3, 5, 4, 2, 1, True),
    (3, 5, 4, 2, 1, False),
    (2, 7, 3, 6, 1, True),
    (4, 1, 5, 3, 2, True),
    (6, 9, 2, 4, 3, False),
    (1, 8, 10, 1, 2, False),
]
IDS = ["note", "note-time-major", "fresh", "two-layers", "three-layers-time-major", "one-word-time-major"]


def measured(batch, seq_len, input_size, hidden, layers, batch_first):
    """The shapes a real nn.RNN reads and returns for this configuration."""
    rnn = nn.RNN(input_size, hidden, num_layers=layers, batch_first=batch_first)
    shape = (batch, seq_len, input_size) if batch_first else (seq_len, batch, input_size)
    with torch.no_grad():
        out, h_n = rnn(torch.zeros(shape))
    return {"input": shape, "output": tuple(out.shape), "h_n": tuple(h_n.shape)}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_shapes_match_a_real_rnn(learner, case):
    """rnn_shapes gives the shapes a real nn.RNN reads and returns"""
    ex = learner("ex04_shapes")
    batch, seq_len, input_size, hidden, layers, batch_first = case
    kwargs = {"num_layers": layers, "batch_first": batch_first}
    got = call(ex.rnn_shapes, batch, seq_len, input_size, hidden, **kwargs)
    what = label(ex.rnn_shapes, (batch, seq_len, input_size, hidden), kwargs)
    if not isinstance(got, dict):
        fail(
            _(
                "{what} returned {short_got}; expected a dict with keys 'input', 'output', 'h_n'.",
                what=what,
                short_got=short(got),
            )
        )
    want = measured(*case)
    for key, shape in want.items():
        if key not in got:
            fail(
                _(
                    "{what} has no {key} key; expected {{'input': ..., 'output': ..., 'h_n': ...}}.",
                    what=what,
                    key=repr(key),
                )
            )
        value = got[key]
        try:
            value = tuple(int(n) for n in value)
        except (TypeError, ValueError):
            fail(
                _(
                    "{what}[{key}] is {short_got_key}; expected a tuple of ints like {shape}.",
                    what=what,
                    key=repr(key),
                    short_got_key=short(got[key]),
                    shape=shape,
                )
            )
        if value != shape:
            advice = ""
            if key == "h_n" and value == (batch, layers, hidden):
                advice = " " + _(
                    "h_n is never batch-first: it is (num_layers, batch, hidden_size) even with batch_first=True."
                )
            elif not batch_first and value == (batch, seq_len, shape[2]):
                advice = " " + _("With batch_first=False the RNN is time-major: seq_len comes first.")
            elif key == "h_n" and layers > 1 and value[0] == 1:
                advice = " " + _("h_n holds the last hidden state of every layer: its first axis is num_layers.")
            fail(
                _(
                    "{what}[{key}] is {value}; a real nn.RNN gives {shape}.{advice}",
                    what=what,
                    key=repr(key),
                    value=value,
                    shape=shape,
                    advice=advice,
                )
            )
