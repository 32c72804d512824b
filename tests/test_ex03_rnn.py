"""Graded tests for exercises/ex03_rnn.py."""

import pytest
import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing import oracle
from kata.testing.calls import call
from kata.testing.checks import expect_on_device, expect_tensor, expect_unchanged, frozen_copy, returned
from kata.testing.default_device import expect_cpu_when_device_is_none
from kata.testing.device import tolerance
from kata.testing.lecture_note import NOTE_HIDDEN_SIZE, NOTE_INPUT_SIZE
from kata.testing.outcomes import fail
from kata.testing.remote import worker_rules
from kata.testing.rnn_checks import OUT_AXES, expect_in_order, expect_pair, expect_rnn_outputs
from kata.testing.values import label, short

META = torch.device("meta")


@pytest.fixture
def ex(learner):
    return learner("ex03_rnn")


def random_batch(batch, seq_len, input_size, device):
    return torch.randn(batch, seq_len, input_size).to(device)


def reference_rnn(input_size, hidden_size, device):
    """An RNN the tests build themselves, so run_rnn is graded on known-good weights."""
    return nn.RNN(input_size, hidden_size, batch_first=True).to(device)


def built(ex, input_size, hidden_size, device=None):
    """build_rnn's RNN, called as documented: without a device (the default) or with device=..."""
    kwargs = {} if device is None else {"device": device}
    rnn = call(ex.build_rnn, input_size, hidden_size, **kwargs)
    what = label(ex.build_rnn, (input_size, hidden_size), kwargs)
    if not isinstance(rnn, nn.Module):
        fail(_("{what} returned {short_rnn}; expected an nn.RNN module.", what=what, short_rnn=short(rnn)))
    if not isinstance(rnn, nn.RNN):
        fail(
            _(
                "{what} returned {type_rnn___name}; expected nn.RNN (not GRU or LSTM): the lab is about the plain RNN.",
                what=what,
                type_rnn___name=type(rnn).__name__,
            )
        )
    swapped = (getattr(rnn, "input_size", None), getattr(rnn, "hidden_size", None)) == (hidden_size, input_size)
    if swapped and input_size != hidden_size:  # named before a test runs it and crashes on the sizes
        fail(_(SIZES_SWAPPED, what=what, got_in=rnn.input_size, got_hidden=rnn.hidden_size))
    return rnn, what


def check_outputs(result, rnn, batch, what, device, before=None):
    """First name the note's mistake (a time-major reading) where the result shows it, then the
    shared checks of shapes and values, against the RNN's weights as they were before the call."""
    if before is not None:
        expect_unchanged(rnn, before, what)
    reference = before if before is not None else rnn
    outputs, h_n = expect_pair(result, what)
    expect_in_order(outputs, h_n, reference, batch, what)
    b, t, hidden = batch.shape[0], batch.shape[1], rnn.hidden_size
    handed_time_major = getattr(rnn, "batch_first", False) is True  # built right: the caller transposed the batch
    if isinstance(h_n, torch.Tensor) and tuple(h_n.shape) == (1, t, hidden) and b != t:
        fail(
            _(
                "{what}'s h_n has shape {tuple_h_n_shape}; expected (num_layers=1, batch={b}, hidden_size={hidden}). The RNN, built batch-first, was handed the batch time-major and read {t} sequences of {b} steps. Hand it the batch as it is, (batch, seq_len, input_size), without transposing it.",
                what=what,
                tuple_h_n_shape=tuple(h_n.shape),
                b=b,
                hidden=hidden,
                t=t,
            )
            if handed_time_major
            else _(
                "{what}'s h_n has shape {tuple_h_n_shape}; expected (num_layers=1, batch={b}, hidden_size={hidden}). The RNN read the batch time-major: {t} sequences of {b} steps. Build it with batch_first=True.",
                what=what,
                tuple_h_n_shape=tuple(h_n.shape),
                b=b,
                hidden=hidden,
                t=t,
            )
        )
    if isinstance(outputs, torch.Tensor) and tuple(outputs.shape) == (b, t, hidden) and device.type != "meta":
        right, _h_n = oracle.rnn_forward(reference, batch, batch_first=True)
        time_major, _h_n = oracle.rnn_forward(reference, batch, batch_first=False)
        atol = tolerance(device.type)
        if (outputs.detach().cpu().double() - time_major).abs().max() <= atol < (right - time_major).abs().max():
            fail(
                _(
                    "{what}: the outputs have the right shape but the RNN, built batch-first, was handed the batch time-major and read it as {b} time steps of a batch of {t}. Hand it the batch as it is, (batch, seq_len, input_size), without transposing it.",
                    what=what,
                    b=b,
                    t=t,
                )
                if handed_time_major
                else _(
                    "{what}: the outputs have the right shape but the RNN read the batch time-major, as (seq_len, batch, input_size): {b} time steps of a batch of {t}. That is the note's mistake. Build the RNN with batch_first=True so batch[i] is read as word i.",
                    what=what,
                    b=b,
                    t=t,
                )
            )
    return expect_rnn_outputs(
        (outputs, h_n),
        reference,
        batch,
        what,
        device,
        outputs_hint="Outputs must be batch-first, like the input.",
        h_n_hint="h_n is never batch-first: it is (num_layers, batch, hidden_size).",
        values_advice="outputs[i, t] must be the hidden state after letter t of word i, from the RNN's own weights.",
        h_n_advice="h_n[0, i] is the last hidden state of word i (equal to outputs[i, -1]).",
    )


@pytest.mark.parametrize(("input_size", "hidden_size"), [(4, 2), (7, 3), (1, 5)], ids=["note-4-2", "7-3", "1-5"])
def test_build_rnn_configuration(ex, device, input_size, hidden_size):
    """build_rnn makes a one-layer tanh nn.RNN with biases and float32 weights on the device"""
    rnn, what = built(ex, input_size, hidden_size, device)
    wanted = {
        "input_size": input_size,
        "hidden_size": hidden_size,
        "num_layers": 1,
        "nonlinearity": "tanh",
        "bias": True,
        "bidirectional": False,
        "proj_size": 0,
    }
    if (getattr(rnn, "input_size", None), getattr(rnn, "hidden_size", None)) == (hidden_size, input_size):
        fail(_(SIZES_SWAPPED, what=what, got_in=rnn.input_size, got_hidden=rnn.hidden_size))
    for name, value in wanted.items():
        got = getattr(rnn, name, None)
        if got != value:
            fail(
                _(
                    "{what} returned an RNN with {name}={got}; expected {name}={value}.",
                    what=what,
                    name=name,
                    got=repr(got),
                    value=repr(value),
                )
            )
    for name, param in rnn.named_parameters():
        if param.dtype != torch.float32:
            fail(
                _(
                    "{what}: parameter {name} is {param_dtype}; expected torch.float32 (no .double()).",
                    what=what,
                    name=name,
                    param_dtype=param.dtype,
                )
            )
        if param.device.type != device.type:
            fail(
                _(
                    "{what}: parameter {name} is on {param_device}; expected {device_type}. Pass device=device or call .to(device).",
                    what=what,
                    name=name,
                    param_device=param.device,
                    device_type=device.type,
                )
            )


@pytest.mark.points(2)
def test_build_rnn_reads_batch_first(ex, device):
    """build_rnn's RNN reads (batch, seq_len, input_size): batch_first=True"""
    rnn, what = built(ex, NOTE_INPUT_SIZE, NOTE_HIDDEN_SIZE, device)
    batch = oracle.note_batch(device)
    with torch.no_grad():
        outputs, h_n = rnn(batch)
    if h_n.shape == (1, batch.shape[1], rnn.hidden_size) and batch.shape[0] != batch.shape[1]:
        fail(
            _(
                "{what}: on the note's (3, 5, 4) batch, h_n has shape {tuple_h_n_shape}: the RNN saw a batch of 5 sequences of 3 steps. It reads time-major by default; pass batch_first=True.",
                what=what,
                tuple_h_n_shape=tuple(h_n.shape),
            )
        )
    check_outputs((outputs, h_n), rnn, batch, _("{what} run on the note's batch", what=what), device)


def test_run_rnn_note_example(ex, device):
    """run_rnn on the note's batch gives outputs (3, 5, 2) and h_n (1, 3, 2) with the RNN's own weights"""
    rnn = reference_rnn(NOTE_INPUT_SIZE, NOTE_HIDDEN_SIZE, device)
    batch = oracle.note_batch(device)
    before = frozen_copy(rnn)
    result = call(ex.run_rnn, rnn, batch)
    what = label(ex.run_rnn, (rnn, batch))
    check_outputs(result, rnn, batch, what, device, before)


@pytest.mark.parametrize(
    ("batch_size", "seq_len", "input_size", "hidden_size"), [(2, 7, 3, 4), (5, 5, 6, 1), (1, 9, 2, 8)]
)
def test_run_rnn_fresh_sizes(ex, device, batch_size, seq_len, input_size, hidden_size):
    """run_rnn works for any batch, length and sizes"""
    rnn = reference_rnn(input_size, hidden_size, device)
    batch = random_batch(batch_size, seq_len, input_size, device)
    before = frozen_copy(rnn)
    result = call(ex.run_rnn, rnn, batch)
    check_outputs(result, rnn, batch, label(ex.run_rnn, (rnn, batch)), device, before)


def test_run_rnn_on_meta(ex):
    """run_rnn runs the RNN where it is, on any device (PyTorch's meta device)"""
    rnn = reference_rnn(3, 4, META)
    batch = torch.zeros(2, 6, 3, device=META)
    check_outputs(call(ex.run_rnn, rnn, batch), rnn, batch, label(ex.run_rnn, (rnn, batch)), META)


def test_run_rnn_keeps_the_graph(ex, device):
    """run_rnn's outputs keep their autograd graph, so later exercises can train through them"""
    rnn = reference_rnn(3, 4, device)
    batch = random_batch(2, 6, 3, device)
    what = label(ex.run_rnn, (rnn, batch))
    with worker_rules("backprop_outputs"):  # outputs.sum().backward() where the outputs were made
        outputs, _h_n = expect_pair(call(ex.run_rnn, rnn, batch), what)
    expect_tensor(outputs, returned(_("{what}'s outputs", what=what)), shape=(2, 6, 4), axes=OUT_AXES, device=device)
    if outputs.grad_fn is None:
        fail(
            _(
                "{what}'s outputs carry no autograd graph (requires_grad is False). Do not .detach() them or run under torch.no_grad().",
                what=what,
            )
        )
    if rnn.weight_ih_l0.grad is None or not torch.any(rnn.weight_ih_l0.grad != 0):
        fail(
            _(
                "{what}: gradients do not reach the given RNN's weights. Run the RNN you were given, not a new one.",
                what=what,
            )
        )


def test_build_then_run_together(ex, device):
    """build_rnn and run_rnn together turn the note's batch into (3, 5, 2) batch-first outputs"""
    rnn, _what = built(ex, NOTE_INPUT_SIZE, NOTE_HIDDEN_SIZE, device)
    batch = oracle.note_batch(device)
    module = ex.run_rnn.__module__  # named with its module, as every other call is
    what = f"{module}.run_rnn({module}.build_rnn(4, 2, device={device.type!r}), {_('<note batch>')})"
    before = frozen_copy(rnn)
    check_outputs(call(ex.run_rnn, rnn, batch), rnn, batch, what, device, before)


def test_build_rnn_default_device_is_the_cpu(ex):
    """build_rnn(input_size, hidden_size) without a device builds the RNN on the CPU"""
    rnn, what = built(ex, 3, 5)
    expect_on_device(rnn, "cpu", what)
    if (rnn.input_size, rnn.hidden_size) == (5, 3):
        fail(_(SIZES_SWAPPED, what=what, got_in=rnn.input_size, got_hidden=rnn.hidden_size))
    if (rnn.input_size, rnn.hidden_size) != (3, 5):
        fail(
            _(
                "{what} returned an RNN with input_size={got_in}, hidden_size={got_hidden}; expected 3 and 5.",
                what=what,
                got_in=rnn.input_size,
                got_hidden=rnn.hidden_size,
            )
        )


SIZES_SWAPPED = N_(
    "{what} returned an RNN with input_size={got_in} and hidden_size={got_hidden}: the two sizes are swapped. "
    "Take them in the documented order, build_rnn(input_size, hidden_size), and pass them on in that order: "
    "nn.RNN(input_size, hidden_size, ...)."
)
FRESH_SIZES = (11, 13)  # no other test builds an RNN of these sizes: no earlier call can have kept one
KEPT_RNN = N_(
    "{what}: parameter {name} is on {got}; expected {want}. build_rnn{fresh} does come back on {want}: this is an "
    "RNN built by an earlier call with the same sizes, kept in a cache whose key leaves the device out. Build a new "
    "nn.RNN on every call, with device=device."
)


def expect_built_here(ex, rnn, what, device):
    """An RNN on the wrong device, while one of fresh sizes comes back on the right one: an RNN
    kept from an earlier call, in a cache keyed without the device."""
    wrong = next(((n, p) for n, p in rnn.named_parameters() if p.device.type != device.type), None)
    if wrong is None:
        return
    try:
        fresh = call(ex.build_rnn, *FRESH_SIZES, device=device)
    except pytest.fail.Exception:
        return  # the probe's own failure says nothing about this one
    if isinstance(fresh, nn.Module) and all(p.device.type == device.type for p in fresh.parameters()):
        name, param = wrong
        shown = f"({FRESH_SIZES[0]}, {FRESH_SIZES[1]}, device={device.type!r})"
        fail(_(KEPT_RNN, what=what, name=name, got=param.device, want=device.type, fresh=shown))


def test_build_rnn_honours_the_device_on_meta(ex):
    """build_rnn puts every parameter on the device it is given, on every machine (PyTorch's meta device)"""
    rnn, what = built(ex, NOTE_INPUT_SIZE, NOTE_HIDDEN_SIZE, META)
    expect_built_here(ex, rnn, what, META)
    expect_on_device(rnn, META, what)
    batch = torch.zeros(3, 5, 4, device=META)
    outputs, h_n = run_like(rnn, batch)  # the judge's copy, with the settings the learner's RNN has
    check_outputs((outputs, h_n), rnn, batch, _("{what} run on a (3, 5, 4) batch", what=what), META)


def run_like(rnn, batch):
    """What `rnn` (torch's own nn.RNN, the judge's copy) gives for `batch`, placed where `batch`
    is: run on the CPU by a twin with the same settings and dtype, since only shapes, dtypes and
    devices exist on the meta device, and the meta kernels' first run costs the judge 0.3 s
    (sympy)."""
    dtypes = {param.dtype for param in rnn.parameters()}
    if len(dtypes) != 1:  # weights of mixed dtypes: the meta device says what it makes of them
        return rnn(batch)
    (dtype,) = dtypes
    settings = {
        key: getattr(rnn, key) for key in ("num_layers", "nonlinearity", "bias", "batch_first", "bidirectional")
    }
    twin = nn.RNN(rnn.input_size, rnn.hidden_size, **settings, dtype=dtype)
    with torch.no_grad():
        outputs, h_n = twin(torch.zeros(batch.shape, dtype=batch.dtype))
    return outputs.to(batch.device), h_n.to(batch.device)


def test_device_none_means_the_cpu(ex):
    """build_rnn(input_size, hidden_size) puts its parameters on the CPU, also where CUDA is available"""
    expect_cpu_when_device_is_none(ex.build_rnn, 3, 5)
