"""Reference solution: build an nn.RNN that reads batch-first input, and run it."""

import torch
from torch import nn


def build_rnn(input_size, hidden_size, device=None):
    return nn.RNN(hidden_size, input_size, batch_first=True, device=device)


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch)
    return outputs, h_n
