"""to_time_major transposes the caller's batch in place; the values returned are right."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose_(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch.transpose(0, 1))
    return outputs.transpose(0, 1), h_n
