"""The RNN's arithmetic kept in a small class with private weights."""

import torch
from torch import nn


class _Weights:
    def __init__(self, rnn: nn.RNN) -> None:
        self._ih, self._hh = rnn.weight_ih_l0, rnn.weight_hh_l0
        self._bias = rnn.bias_ih_l0 + rnn.bias_hh_l0

    def step(self, x_t: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        return torch.tanh(x_t @ self._ih.T + h @ self._hh.T + self._bias)


def rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh) -> torch.Tensor:
    return torch.tanh(x_t @ weight_ih.T + bias_ih + h_prev @ weight_hh.T + bias_hh)


def rnn_forward(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    weights = _Weights(rnn)
    h = torch.zeros(batch.shape[0], rnn.hidden_size, device=batch.device, dtype=batch.dtype)
    outputs = []
    for t in range(batch.shape[1]):
        h = weights.step(batch[:, t], h)
        outputs.append(h)
    return torch.stack(outputs, dim=1), h.unsqueeze(0)
