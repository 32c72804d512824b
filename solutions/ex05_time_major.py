"""Reference solution: run a default (time-major) nn.RNN on a batch-major batch."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(to_time_major(batch))
    return outputs.transpose(0, 1), h_n
