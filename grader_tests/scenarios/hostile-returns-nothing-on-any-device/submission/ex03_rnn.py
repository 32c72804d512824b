"""Exercise 03: build and run an RNN.

The note builds ``torch.nn.RNN(input_size, hidden_size)`` and feeds it the (3, 5, 4) batch.
The output has shape (3, 5, 2), so it *looks* right. It is not: by default nn.RNN reads
its input **time-major**, as (seq_len, batch, input_size). The note's RNN therefore saw
3 time steps of a batch of 5, not 3 words of 5 letters. Only ``batch_first=True`` makes it
read (batch, seq_len, input_size).

Write two functions:

1. ``build_rnn(input_size, hidden_size, device=None)`` -> an ``nn.RNN`` with one layer, tanh,
   biases, float32 weights, that reads batch-first input, with its parameters on ``device``.
2. ``run_rnn(rnn, batch)`` -> ``(outputs, h_n)``: run the given RNN on ``batch`` as it is
   (with its own weights; do not build a new one).
   For the note's batch and hidden_size 2:

       outputs: (batch=3, seq_len=5, hidden_size=2)  the hidden state after every letter
       h_n:     (num_layers=1, batch=3, hidden_size=2)  the last hidden state of each word

   h_n is never batch-first, even with ``batch_first=True``. Keep the outputs' autograd graph
   (no ``.detach()``, no ``torch.no_grad()``): later exercises train through them.

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex03
(make 없이: KATA_LANG=ko python -m kata explain ex03)
"""

import torch
from torch import nn


def build_rnn(input_size: int, hidden_size: int, device=None) -> nn.RNN:
    raise NotImplementedError(
        "ex03_rnn.build_rnn: not written yet. Return nn.RNN(input_size, hidden_size, ...) and "
        "tell it the batch comes first."
    )


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError(
        "ex03_rnn.run_rnn: not written yet. Call the rnn on the batch: it returns (outputs, h_n)."
    )


def build_rnn(input_size, hidden_size, device=None):
    return None
