"""Graded tests for exercises/ex06_rnn_from_scratch.py."""

import pytest
import torch
from hypothesis import given
from torch import nn

from kata.i18n import N_, _
from kata.testing import oracle
from kata.testing.calls import call
from kata.testing.checks import expect_close, expect_tensor, frozen_copy, matching_mistake
from kata.testing.device import seed, tolerance
from kata.testing.outcomes import fail
from kata.testing.properties import rnn_sizes
from kata.testing.remote import worker_rules
from kata.testing.rnn_checks import cell_mistakes, expect_no_rnn_ran, expect_no_slip, expect_rnn_outputs, loop_mistakes
from kata.testing.source_checks import expect_keeps_the_rules
from kata.testing.values import label
from kata.testing.watched import RnnWatch, call_watched

META = torch.device("meta")

FORBIDDEN = N_(
    "This exercise computes the RNN by hand: calling nn.RNN (or torch's built-in RNN kernels) is not allowed here."
)


@pytest.fixture
def ex(learner):
    return learner("ex06_rnn_from_scratch")


def forward_unaided(ex, rnn, batch, what):
    """rnn_forward(rnn, batch) with every RNN kernel refused while it runs: the docstring's "without
    calling the rnn" holds for the whole call, whatever name the code reaches the kernel by
    (rnn(...), rnn.forward, torch._VF, torch.ops.aten, a name saved at import time), and a refusal
    that the code catches and works around still fails."""
    expect_keeps_the_rules(ex.rnn_forward)  # decided from its source; the watch below only words a message
    watch = RnnWatch(refuse=_(FORBIDDEN))
    result = call_watched(watch, ex.rnn_forward, rnn, batch)  # its kernels include what no_builtin_rnn refused
    expect_no_rnn_ran(watch, what, FORBIDDEN)
    return result


@pytest.mark.parametrize(
    ("batch", "input_size", "hidden"), [(3, 4, 2), (2, 5, 3), (1, 1, 6)], ids=["note-sizes", "fresh", "one-input"]
)
def test_rnn_cell(ex, device, batch, input_size, hidden):
    """rnn_cell computes tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)"""
    check_cell(ex, device, batch, input_size, hidden, torch.Generator().manual_seed(batch * 100 + hidden))


@given(sizes=rnn_sizes())
def test_rnn_cell_any_sizes(ex, sizes):
    """rnn_cell is right for any batch, input and hidden sizes"""
    generator = torch.Generator().manual_seed(sizes["seed"])
    check_cell(ex, torch.device("cpu"), sizes["batch"], sizes["input_size"], sizes["hidden_size"], generator)


def check_cell(ex, device, batch, input_size, hidden, generator):
    def draw(*shape):
        return torch.randn(*shape, generator=generator).to(device)

    args = (
        draw(batch, input_size),
        draw(batch, hidden),
        draw(hidden, input_size),
        draw(hidden, hidden),
        draw(hidden),
        draw(hidden),
    )
    what = label(ex.rnn_cell, args)
    expect_keeps_the_rules(ex.rnn_cell)
    got = call(ex.rnn_cell, *args)
    expect_tensor(got, what, shape=(batch, hidden), axes=("batch", "hidden_size"), device=device)
    d = [a.double().cpu() for a in args]
    want = torch.tanh(d[0] @ d[2].T + d[4] + d[1] @ d[3].T + d[5])
    atol = tolerance(device.type) * 10
    wrong = _("{what} returned the right shape but wrong values.", what=what)
    expect_no_slip(got, what, wrong, lambda: cell_mistakes(args, atol), atol, want)  # the judge's table of slips
    expect_close(
        got,
        want,
        what,
        atol=atol,
        axes=("batch", "hidden_size"),
        advice="Check each term: x_t @ weight_ih.T, h_prev @ weight_hh.T, both biases, then tanh.",
    )


# worker_rules("no_builtin_rnn"): calling the RNN, its kernels or RNNCell fails while the test runs (in the
# worker that runs the learner's code, which records each refusal: kata.engine.worker_rules.RULES).
@pytest.mark.worker_rules("no_builtin_rnn")
@pytest.mark.parametrize(
    ("batch_size", "seq_len", "input_size", "hidden"),
    [(3, 5, 4, 2), (2, 8, 3, 5), (4, 1, 2, 3)],
    ids=["note", "fresh", "one-step"],
)
def test_rnn_forward_equals_nn_rnn(ex, device, batch_size, seq_len, input_size, hidden):
    """rnn_forward equals nn.RNN on the RNN's own weights, without calling it"""
    rnn = nn.RNN(input_size, hidden, batch_first=True).to(device)
    batch = (
        oracle.note_batch(device)
        if (batch_size, seq_len, input_size) == (3, 5, 4)
        else torch.randn(batch_size, seq_len, input_size).to(device)
    )
    check_forward(ex, rnn, batch, device)


@pytest.mark.worker_rules("no_builtin_rnn")
@given(sizes=rnn_sizes())
def test_rnn_forward_any_sizes(ex, sizes):
    """rnn_forward equals nn.RNN for any batch, length and sizes"""
    seed(sizes["seed"])
    rnn = nn.RNN(sizes["input_size"], sizes["hidden_size"], batch_first=True)
    check_forward(ex, rnn, torch.randn(sizes["batch"], sizes["seq_len"], sizes["input_size"]), torch.device("cpu"))


@pytest.mark.worker_rules("no_builtin_rnn")
def test_rnn_forward_on_meta(ex):
    """rnn_forward makes its zero h_0 on the batch's device (PyTorch's meta device shows where it went)"""
    rnn = nn.RNN(3, 4, batch_first=True, device=META)
    check_forward(ex, rnn, torch.zeros(2, 5, 3, device=META), META)


NO_MEMORY = N_("Every step started from a zero hidden state: feed each step's new h into the next step.")
CELL_FORGETS = N_(
    "Your rnn_cell ignores h_prev: rnn_cell(x_t, h_prev, ...) gives the same h_t for any h_prev. Add the "
    "previous hidden state's term, h_prev @ weight_hh.T, to the sum."
)


def no_memory_cause(ex, before, batch):
    """Why a forward loop has no memory: the cell ignores h_prev, or the loop never feeds h back.
    Both give the same outputs, so the learner's rnn_cell is asked with two different h_prev."""
    generator = torch.Generator().manual_seed(7)
    w_ih, w_hh, b_ih, b_hh = (
        getattr(before, name).detach().cpu().clone()
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    )
    x = batch.detach().cpu()[:, 0].clone()
    answers = []
    for _attempt in range(2):
        h = torch.randn(x.shape[0], w_hh.shape[0], generator=generator)
        try:
            with torch.no_grad():
                answers.append(ex.rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh))
        except Exception:  # noqa: BLE001 - the cell's own test says what is wrong with it
            return _(NO_MEMORY)
    if all(isinstance(a, torch.Tensor) and a.shape == answers[0].shape for a in answers) and torch.equal(*answers):
        return _(CELL_FORGETS)
    return _(NO_MEMORY)


def forward_mistakes(ex, before, batch, device):
    """What a forward loop with one known slip returns, with what to say about it: the judge's
    table (rnn_checks.loop_mistakes); a loop without memory asks the learner's rnn_cell why, and
    only when it matches."""
    no_memory = lambda: no_memory_cause(ex, before, batch)  # noqa: E731
    return loop_mistakes(before, batch, tolerance(device.type), no_memory=no_memory)


def check_forward(ex, rnn, batch, device):
    what = label(ex.rnn_forward, (rnn, batch))
    before = frozen_copy(rnn)
    with worker_rules("backprop_outputs"):  # outputs.sum().backward() where the outputs were made
        result = forward_unaided(ex, rnn, batch, what)
    expect_rnn_outputs(
        result,
        rnn,
        batch,
        what,
        device,
        outputs_hint="Stack the hidden states along dim 1 (time), so outputs[i, t] is word i at step t.",
        h_n_hint="h_n is the last hidden state with a layer axis in front: h.unsqueeze(0).",
        values_advice="Start from a zero hidden state and feed each step's new h into the next step.",
        before=before,
        mistakes=(lambda: forward_mistakes(ex, before, batch, device)) if device.type != "meta" else (),
    )


@pytest.mark.worker_rules("no_builtin_rnn")
def test_rnn_forward_keeps_the_graph(ex, device):
    """rnn_forward is differentiable: gradients reach the RNN's weights"""
    rnn = nn.RNN(3, 4, batch_first=True).to(device)
    batch = torch.randn(2, 5, 3).to(device)
    what = label(ex.rnn_forward, (rnn, batch))
    before = frozen_copy(rnn)
    with worker_rules("backprop_outputs"):  # outputs.sum().backward() where the outputs were made
        result = forward_unaided(ex, rnn, batch, what)
    outputs = result[0] if isinstance(result, tuple | list) and result else result
    if not isinstance(outputs, torch.Tensor) or outputs.grad_fn is None:
        fail(
            _(
                "{what}'s outputs carry no autograd graph. Compute them from rnn.weight_ih_l0 etc. directly (no .detach(), no .data, no torch.no_grad()).",
                what=what,
            )
        )
    # A gradient that is missing or zero has a cause in the values first: a step that never sees
    # an earlier h leaves weight_hh out, however the code passes it.
    diagnosis = matching_mistake(outputs, forward_mistakes(ex, before, batch, device), tolerance(device.type))
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
        grad = getattr(rnn, name).grad
        if grad is None and not diagnosis:
            fail(
                _(
                    "{what}: no gradient reaches rnn.{name}, which means the outputs were not computed from it. Pass the "
                    "RNN's own parameter to rnn_cell as it is (not a copy, .detach() or .data).",
                    what=what,
                    name=name,
                )
            )
        if grad is None or not torch.any(grad != 0):
            fail(
                _(
                    "{what}: the outputs do not depend on rnn.{name} (no gradient reaches it).",
                    what=what,
                    name=name,
                )
                + " "
                + (
                    diagnosis
                    or _("Check that every step uses it: h_t = tanh(x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh).")
                )
            )
