"""run_rnn written exactly as ex03's last hint says (kata.toml)."""

import torch
from torch import nn


def build_rnn(input_size: int, hidden_size: int, device=None) -> nn.RNN:
    return nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch)
    return outputs, h_n
