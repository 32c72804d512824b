"""Instructor-only tests for ex03_rnn: graded by `make grade`, shown after the due date (the
default for hidden_tests/), left out of `make release`."""

import torch
from torch import nn

from kata.testing.calls import call
from kata.testing.checks import frozen_copy
from kata.testing.rnn_checks import expect_rnn_outputs
from kata.testing.values import label


def test_run_rnn_on_a_larger_batch(learner, device):
    """run_rnn on a batch of 16 sequences of 40 steps"""
    ex = learner("ex03_rnn")
    rnn = nn.RNN(8, 16, batch_first=True).to(device)
    batch = torch.randn(16, 40, 8).to(device)
    before = frozen_copy(rnn)
    result = call(ex.run_rnn, rnn, batch)
    expect_rnn_outputs(result, rnn, batch, label(ex.run_rnn, (rnn, batch)), device, before=before)
