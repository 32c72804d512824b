"""Graded tests for exercises/ex06_rnn_from_scratch.py."""

import pytest
import torch
from torch import nn

from kata import oracle
from kata.checks import call, expect_close, expect_rnn_outputs, expect_tensor, fail, label
from kata.device import tolerance
from kata.i18n import N_, _

FORBIDDEN = N_(
    "This exercise computes the RNN by hand: calling nn.RNN (or torch's built-in RNN kernels) is not allowed here."
)


@pytest.fixture
def ex(learner):
    return learner("ex06_rnn_from_scratch")


@pytest.fixture
def no_builtin_rnn(monkeypatch):
    """Calling the RNN, its kernels, or RNNCell fails inside these tests."""

    def refuse(*args, **kwargs):
        raise RuntimeError(_(FORBIDDEN))

    for owner in (torch._VF, torch):
        for name in ("rnn_tanh", "rnn_relu", "rnn_tanh_cell", "rnn_relu_cell"):
            if hasattr(owner, name):
                monkeypatch.setattr(owner, name, refuse, raising=False)
    monkeypatch.setattr(nn.RNN, "forward", refuse)
    monkeypatch.setattr(nn.RNNCell, "forward", refuse)


@pytest.mark.parametrize(
    ("batch", "input_size", "hidden"), [(3, 4, 2), (2, 5, 3), (1, 1, 6)], ids=["note-sizes", "fresh", "one-input"]
)
def test_rnn_cell(ex, device, batch, input_size, hidden):
    """rnn_cell computes tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)"""
    x = torch.randn(batch, input_size).to(device)
    h = torch.randn(batch, hidden).to(device)
    w_ih, w_hh = torch.randn(hidden, input_size).to(device), torch.randn(hidden, hidden).to(device)
    b_ih, b_hh = torch.randn(hidden).to(device), torch.randn(hidden).to(device)
    args = (x, h, w_ih, w_hh, b_ih, b_hh)
    what = label(ex.rnn_cell, args)
    got = call(ex.rnn_cell, *args)
    expect_tensor(got, what, shape=(batch, hidden), axes=("batch", "hidden_size"), device=device)
    d = [a.double().cpu() for a in args]
    want = torch.tanh(d[0] @ d[2].T + d[4] + d[1] @ d[3].T + d[5])
    expect_close(
        got,
        want,
        what,
        atol=tolerance(device.type) * 10,
        axes=("batch", "hidden_size"),
        advice="Check each term: x_t @ weight_ih.T, h_prev @ weight_hh.T, both biases, then tanh.",
    )


@pytest.mark.parametrize(
    ("batch_size", "seq_len", "input_size", "hidden"),
    [(3, 5, 4, 2), (2, 8, 3, 5), (4, 1, 2, 3)],
    ids=["note", "fresh", "one-step"],
)
def test_rnn_forward_equals_nn_rnn(ex, device, no_builtin_rnn, batch_size, seq_len, input_size, hidden):
    """rnn_forward equals nn.RNN on the RNN's own weights, without calling it"""
    rnn = nn.RNN(input_size, hidden, batch_first=True).to(device)
    batch = (
        oracle.note_batch(device)
        if (batch_size, seq_len, input_size) == (3, 5, 4)
        else torch.randn(batch_size, seq_len, input_size).to(device)
    )
    what = label(ex.rnn_forward, (rnn, batch))
    result = call(ex.rnn_forward, rnn, batch)
    expect_rnn_outputs(
        result,
        rnn,
        batch,
        what,
        device,
        outputs_hint="Stack the hidden states along dim 1 (time), so outputs[i, t] is word i at step t.",
        h_n_hint="h_n is the last hidden state with a layer axis in front: h.unsqueeze(0).",
        values_advice="Start from a zero hidden state and feed each step's new h into the next step.",
    )


def test_rnn_forward_keeps_the_graph(ex, device, no_builtin_rnn):
    """rnn_forward is differentiable: gradients reach the RNN's weights"""
    rnn = nn.RNN(3, 4, batch_first=True).to(device)
    batch = torch.randn(2, 5, 3).to(device)
    what = label(ex.rnn_forward, (rnn, batch))
    result = call(ex.rnn_forward, rnn, batch)
    outputs = result[0] if isinstance(result, tuple | list) and result else result
    if not isinstance(outputs, torch.Tensor) or outputs.grad_fn is None:
        fail(
            _(
                "{what}'s outputs carry no autograd graph. Compute them from rnn.weight_ih_l0 etc. directly (no .detach(), no .data, no torch.no_grad()).",
                what=what,
            )
        )
    outputs.sum().backward()
    if rnn.weight_hh_l0.grad is None or not torch.any(rnn.weight_hh_l0.grad != 0):
        fail(_("{what}: no gradient reaches rnn.weight_hh_l0. Use the RNN's own parameters in rnn_cell.", what=what))
