"""run_time_major written exactly as ex05's last hint says (kata.toml)."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch.transpose(0, 1))
    return outputs.transpose(0, 1), h_n
