import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(to_time_major(batch))
    return outputs, h_n  # outputs left time-major: (seq_len, batch, hidden)
