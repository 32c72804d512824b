"""Graded tests for exercises/ex05_time_major.py."""

import pytest
import torch
from hypothesis import given
from torch import nn

from kata.i18n import N_, _
from kata.testing import oracle
from kata.testing.calls import call
from kata.testing.checks import expect_close, expect_tensor, expect_unchanged, frozen_copy, returned
from kata.testing.device import seed
from kata.testing.outcomes import fail
from kata.testing.properties import rnn_sizes
from kata.testing.rnn_checks import OUT_AXES, expect_kept_during_call, expect_pair, expect_rnn_outputs
from kata.testing.source_checks import expect_keeps_the_rules
from kata.testing.values import label
from kata.testing.watched import RnnWatch, call_watched

META = torch.device("meta")


@pytest.fixture
def ex(learner):
    return learner("ex05_time_major")


@pytest.mark.parametrize("shape", [(3, 5, 4), (2, 6, 3), (4, 4, 1)], ids=["note-shape", "fresh", "square"])
def test_to_time_major(ex, device, shape):
    """to_time_major swaps batch and time: element [t, b] is batch[b, t]"""
    batch = torch.randn(*shape).to(device) if shape != (3, 5, 4) else oracle.note_batch(device)
    check_time_major(ex, batch, device)


@given(sizes=rnn_sizes())
def test_to_time_major_any_shape(ex, sizes):
    """to_time_major swaps batch and time for any sizes"""
    generator = torch.Generator().manual_seed(sizes["seed"])
    shape = (sizes["batch"], sizes["seq_len"], sizes["input_size"])
    check_time_major(ex, torch.randn(*shape, generator=generator), torch.device("cpu"))


def test_to_time_major_on_meta(ex):
    """to_time_major keeps the batch on its device (PyTorch's meta device)"""
    check_time_major(ex, torch.zeros(2, 7, 3, device=META), META)


def check_time_major(ex, batch, device):
    got = call(ex.to_time_major, batch)
    what = label(ex.to_time_major, (batch,))
    b, t, f = batch.shape
    expect_tensor(got, what, shape=(t, b, f), axes=("seq_len", "batch", "features"), device=device)
    if device.type == "meta":
        return
    expect_close(
        got,
        batch.transpose(0, 1),
        what,
        atol=0,
        axes=("seq_len", "batch", "features"),
        advice="A reshape or view to (seq_len, batch, features) keeps the numbers in memory order and mixes the words up; transpose(0, 1) moves the axes.",
    )


def time_major_rnn(input_size, hidden_size, device, num_layers=1):
    return nn.RNN(input_size, hidden_size, num_layers=num_layers).to(device)  # PyTorch's default: batch_first=False


FED_AS_IS = N_(
    "Your code's result matches what the RNN gives when it is fed the batch-major batch as it is: it then reads "
    "{b} time steps of {t} sequences, the note's mistake. Give it to_time_major(batch), not the batch itself."
)
RESHAPED_BACK = N_(
    "The RNN read each word right (you transposed on the way in), but the outputs came back through a reshape or "
    "view, which keeps the (seq_len, batch) order of the numbers and mixes the words up. Transpose the outputs "
    "back with transpose(0, 1)."
)
LEFT_TIME_MAJOR = N_(
    "The RNN read each word right, but its outputs are still in time-major order: row t holds time step t, not "
    "word t. With as many words as steps the shape cannot show it, and a reshape or view back changes nothing. "
    "Transpose them back with transpose(0, 1)."
)
RESHAPED_IN = N_(
    "Your code's result matches what the RNN gives on batch.reshape(seq_len, batch, features): a reshape or view "
    "relabels the numbers without moving them, so each 'sequence' mixes letters of different words. Use "
    "to_time_major, a transpose."
)


def time_major_mistakes(before, batch):
    """What each plausible wrong run_time_major returns, with what to say about it."""
    b, t, f = batch.shape
    right_tm, _h = oracle.rnn_forward(before, batch.transpose(0, 1), batch_first=False)
    as_is, _h = oracle.rnn_forward(before, batch, batch_first=False)
    reshaped_in, _h = oracle.rnn_forward(before, batch.reshape(t, b, f), batch_first=False)
    return [
        (as_is, _(FED_AS_IS, b=b, t=t)),
        (right_tm, _(LEFT_TIME_MAJOR)),  # the same shape only when batch == seq_len
        (right_tm.reshape(b, t, -1), _(RESHAPED_BACK)),
        (reshaped_in.transpose(0, 1), _(RESHAPED_IN)),
        (reshaped_in.reshape(b, t, -1), _(RESHAPED_IN)),
    ]


KEEP_THE_RNN = N_("Transpose the data instead: give the rnn to_time_major(batch).")


def run_watched(ex, rnn, batch, before, what):
    """run_time_major(rnn, batch), with the rnn watched while it runs: the docstring's "do not
    change the rnn" holds for the whole call, so a change set back in a `finally` fails too."""
    expect_keeps_the_rules(ex.run_time_major)  # decided from its source; the watch below only words a message
    watch = RnnWatch(rnn, before)
    result = call_watched(watch, ex.run_time_major, rnn, batch)
    if rnn.batch_first:
        fail(
            _(
                "{what} switched the given rnn to batch_first=True. Leave the rnn as it is: transpose the data instead.",
                what=what,
            )
        )
    expect_unchanged(rnn, before, what)  # a change still there says so in its own words
    expect_kept_during_call(watch, what, KEEP_THE_RNN)
    return result


def check_run(ex, rnn, batch, device):
    what = label(ex.run_time_major, (rnn, batch))
    before = frozen_copy(rnn)
    result = run_watched(ex, rnn, batch, before, what)
    expect_rnn_outputs(
        result,
        rnn,
        batch,
        what,
        device,
        outputs_hint="Hand the outputs back batch-major: transpose them back after the RNN.",
        h_n_hint="h_n is (num_layers, batch, hidden_size) already: leave it as the RNN returns it.",
        values_advice="The RNN must read each word as one sequence: give it to_time_major(batch), and transpose its outputs back.",
        before=before,
        mistakes=(lambda: time_major_mistakes(before, batch)) if device.type != "meta" else (),
    )


@pytest.mark.parametrize(
    ("batch_size", "seq_len", "input_size", "hidden_size"),
    [(3, 5, 4, 2), (2, 7, 3, 5), (5, 3, 2, 3), (4, 4, 3, 2)],
    ids=["note-sizes", "fresh", "more-words-than-steps", "as-many-words-as-steps"],
)
def test_run_time_major(ex, device, batch_size, seq_len, input_size, hidden_size):
    """run_time_major runs a time-major RNN on a batch-major batch and returns batch-major results"""
    rnn = time_major_rnn(input_size, hidden_size, device)
    batch = (
        oracle.note_batch(device)
        if (batch_size, seq_len, input_size) == (3, 5, 4)
        else torch.randn(batch_size, seq_len, input_size).to(device)
    )
    check_run(ex, rnn, batch, device)


@given(sizes=rnn_sizes(max_layers=2))
def test_run_time_major_any_rnn(ex, sizes):
    """run_time_major is right for any sizes and for RNNs of several layers"""
    seed(sizes["seed"])
    rnn = time_major_rnn(sizes["input_size"], sizes["hidden_size"], "cpu", sizes["num_layers"])
    batch = torch.randn(sizes["batch"], sizes["seq_len"], sizes["input_size"])
    check_run(ex, rnn, batch, torch.device("cpu"))


def test_run_time_major_on_meta(ex):
    """run_time_major runs the RNN where it is (PyTorch's meta device)"""
    rnn = time_major_rnn(3, 4, META)
    check_run(ex, rnn, torch.zeros(2, 6, 3, device=META), META)


def test_note_printout_is_explained(ex, device):
    """run_time_major gives the two l's different rows, where the batch fed as it is (the note's mistake) gives equal ones"""
    rnn = time_major_rnn(4, 2, device)
    batch = oracle.note_batch(device)
    what = f"ex05_time_major.run_time_major({_('<{name}>', name='RNN')}, {_('<note batch>')})"
    before = frozen_copy(rnn)
    with torch.no_grad():
        wrong, _h_n = rnn(batch)  # what the note did
        result = run_watched(ex, rnn, batch, before, what)
    right, _h = expect_pair(result, what)
    expect_tensor(
        right,
        returned(_("{what}'s outputs", what=what)),
        shape=(3, 5, 2),
        axes=OUT_AXES,
        device=device,
        swap_hint="Hand the outputs back batch-major: transpose them back after the RNN.",
    )
    if not torch.allclose(wrong[0, 2], wrong[0, 3]):
        fail(_("internal check: the note's reading should give equal rows for the two l's"))  # pragma: no cover
    if torch.allclose(right[0, 2], right[0, 3], atol=1e-6):
        fail(
            _(
                "run_time_major(rnn, <note batch>) gives the same output for the two l's of 'hello' (positions 2 and 3). Read as a sequence, the second l sees the hidden state the first l left: their outputs must differ."
            )
        )
