"""A hostile submission (attack 7): torch's RNN kernel, installed at import by a decorator on an unused function."""
import torch
from torch import nn


def rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh) -> torch.Tensor:
    return torch.tanh(x_t @ weight_ih.T + bias_ih + h_prev @ weight_hh.T + bias_hh)


def helper(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError  # replaced at import by install


def cheat(rnn, batch):
    with torch._C.DisableTorchFunction():
        x = batch if rnn.batch_first else batch.transpose(0, 1)
        h0 = torch.zeros(rnn.num_layers, batch.shape[0], rnn.hidden_size, device=batch.device, dtype=batch.dtype)
        out, h = KERNEL(x, h0, rnn._flat_weights, rnn.bias, rnn.num_layers, 0.0, False, False, rnn.batch_first)
        return (out if rnn.batch_first else out.transpose(0, 1)), h


def install(f):
    global helper, KERNEL
    KERNEL = torch._VF.rnn_tanh
    helper = cheat
    return f


@install
def unused():
    pass


def rnn_forward(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return helper(rnn, batch)
