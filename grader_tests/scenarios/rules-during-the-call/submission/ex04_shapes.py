"""Runs an nn.RNN on the meta device to read the shapes off it."""

import torch
from torch import nn


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    rnn = nn.RNN(input_size, hidden_size, num_layers=num_layers, batch_first=batch_first, device="meta")
    shape = (batch_size, seq_len, input_size) if batch_first else (seq_len, batch_size, input_size)
    outputs, h_n = rnn(torch.zeros(shape, device="meta"))
    return {"input": shape, "output": tuple(outputs.shape), "h_n": tuple(h_n.shape)}
