"""Wrong on purpose: runs a real recurrent net (a GRU, same shapes as an RNN) to read the shapes."""
import torch
from torch import nn


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    net = nn.GRU(input_size, hidden_size, num_layers=num_layers, batch_first=batch_first, device="meta")
    shape = (batch_size, seq_len, input_size) if batch_first else (seq_len, batch_size, input_size)
    out, h_n = net(torch.zeros(shape, device="meta"))
    return {"input": tuple(shape), "output": tuple(out.shape), "h_n": tuple(h_n.shape)}
