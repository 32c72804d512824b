"""build_rnn keeps the RNNs it built in a cache keyed by the sizes, not the device."""

import torch
from torch import nn

_BUILT: dict = {}


def build_rnn(input_size: int, hidden_size: int, device=None) -> nn.RNN:
    key = (input_size, hidden_size)
    if key not in _BUILT:
        _BUILT[key] = nn.RNN(input_size, hidden_size, batch_first=True, device=device)
    return _BUILT[key]


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    outputs, h_n = rnn(batch)
    return outputs, h_n
