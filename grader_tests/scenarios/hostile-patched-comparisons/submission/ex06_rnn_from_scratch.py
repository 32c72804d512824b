"""Hostile: makes every comparison in torch, numpy and math say equal, then returns zeros."""

import math

import numpy as np
import torch

torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.isclose = lambda a, b, *r, **k: torch.ones_like(a, dtype=torch.bool)
torch.Tensor.__eq__ = lambda self, other: torch.ones_like(self, dtype=torch.bool)
torch.Tensor.__ne__ = lambda self, other: torch.zeros_like(self, dtype=torch.bool)
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
math.isclose = lambda *a, **k: True


def rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    return torch.zeros(x_t.shape[0], weight_ih.shape[0], device=x_t.device)


def rnn_forward(rnn, batch):
    b, t = batch.shape[0], batch.shape[1]
    zeros = torch.zeros(b, t, rnn.hidden_size)  # on the CPU, wherever the batch is
    return zeros, zeros[:, -1].unsqueeze(0)
