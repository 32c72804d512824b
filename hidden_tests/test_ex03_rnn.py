"""Instructor-only tests for ex03_rnn: graded by `make grade` (hidden from students), left out
of `make release`."""

import pytest
import torch
from torch import nn

from kata import oracle
from kata.checks import call, expect_close, label
from kata.device import tolerance

pytestmark = pytest.mark.visibility("hidden")


def test_run_rnn_on_a_larger_batch(learner, device):
    """run_rnn on a batch of 16 sequences of 40 steps"""
    ex = learner("ex03_rnn")
    rnn = nn.RNN(8, 16, batch_first=True).to(device)
    batch = torch.randn(16, 40, 8).to(device)
    outputs, h_n = call(ex.run_rnn, rnn, batch)
    want_out, want_h = oracle.rnn_forward(rnn, batch)
    what = label(ex.run_rnn, (rnn, batch))
    expect_close(
        outputs, want_out, f"{what}'s outputs", atol=tolerance(device.type), axes=("batch", "seq_len", "hidden_size")
    )
    expect_close(h_n, want_h, f"{what}'s h_n", atol=tolerance(device.type), axes=("num_layers", "batch", "hidden_size"))
