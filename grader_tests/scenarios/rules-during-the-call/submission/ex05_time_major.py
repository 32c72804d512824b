"""Switches the rnn to batch_first for the call and sets it back in a finally."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    rnn.batch_first = True
    try:
        return rnn(batch)
    finally:
        rnn.batch_first = False
