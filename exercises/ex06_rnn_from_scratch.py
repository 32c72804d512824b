"""Exercise 06: an RNN from scratch.

Behind nn.RNN is one line of arithmetic, applied at every time step t:

    h_t = tanh(x_t @ W_ih.T + b_ih + h_{t-1} @ W_hh.T + b_hh)

    x_t      (batch, input_size)         the letters at step t
    h_{t-1}  (batch, hidden_size)        the previous hidden state (zeros before the first step)
    W_ih     (hidden_size, input_size)   rnn.weight_ih_l0
    W_hh     (hidden_size, hidden_size)  rnn.weight_hh_l0
    b_ih, b_hh (hidden_size,)            rnn.bias_ih_l0, rnn.bias_hh_l0

The hidden state is the memory: it is why the second "l" of "hello" gets another output than the
first.

Write:

1. ``rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh)`` -> h_t, the line above.
2. ``rnn_forward(rnn, batch)`` -> ``(outputs, h_n)`` for a one-layer, batch-first ``rnn`` and a
   (batch, seq_len, input_size) ``batch``, computed from the rnn's parameters with your
   rnn_cell, without calling the rnn (the tests make calling it fail). outputs stacks every h_t:
   (batch, seq_len, hidden_size); h_n is the last one as (1, batch, hidden_size). Create the zero
   h_0 on the batch's device. The result must equal ``rnn(batch)`` within float32 rounding.

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex06
(make 없이: KATA_LANG=ko python -m kata explain ex06)
"""

import torch
from torch import nn


def rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh) -> torch.Tensor:
    raise NotImplementedError(
        "ex06_rnn_from_scratch.rnn_cell: not written yet. Write the docstring's formula in torch: @ multiplies "
        "matrices, .T transposes one."
    )


def rnn_forward(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError(
        "ex06_rnn_from_scratch.rnn_forward: not written yet. Start from a zero h of shape (batch_size, hidden_size) "
        "and loop over t = 0 .. seq_len-1 calling rnn_cell."
    )
