"""Flips the given rnn to batch_first for the call with torch's function modes switched off, so
an in-process observer sees nothing, and sets it back."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    with torch._C.DisableTorchFunction():
        rnn.batch_first = True
        try:
            return rnn(batch)
        finally:
            rnn.batch_first = False
