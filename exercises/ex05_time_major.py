"""Exercise 05: the batch_first pitfall.

The note builds ``rnn = torch.nn.RNN(4, 2)`` (no batch_first) and runs it on the (3, 5, 4) batch of
"hello", "eolll", "lleel". Its printout begins:

    tensor([[[-0.4147,  0.5972],
             [-0.2881,  0.7695],
             [-0.8337,  0.2788],
             [-0.8337,  0.2788],     <- the same as the row above
             [-0.7734,  0.7448]],

That first block is outputs[0]. If the RNN had read word 0 ("hello") as a sequence, rows 2 and 3
("l" then "l") could not be equal: the second "l" sees a hidden state that the first "l" changed.
They are equal because a default nn.RNN reads (seq_len, batch, input_size): outputs[0] is *time
step 0* of a batch of five "sequences", and each row is the first step of one of them, computed
from a zero hidden state. Sequence b is column b of the batch, (hello[b], eolll[b], lleel[b]), so
the five first steps are h, e, l, l, o and the two "l" rows match (columns 2 and 3 are even the
same whole sequence, l-l-e: the note's second block repeats a row too). The RNN saw 3 time steps
of 5 sequences, not 3 words of 5 letters.

Sometimes you are handed such a time-major RNN (an older model, a library that expects it) and a
batch-major batch. Then transpose around it:

1. ``to_time_major(batch)`` -> the (batch, seq_len, features) tensor as (seq_len, batch, features),
   with the same values: element [t, b] is batch[b, t]. A reshape/view to the new shape keeps the
   order of the numbers and scrambles the words: use a transpose.
2. ``run_time_major(rnn, batch)`` -> ``(outputs, h_n)``: run the given time-major ``rnn`` correctly
   on the batch-major ``batch`` and hand back batch-major outputs (batch, seq_len, hidden) and h_n
   (num_layers, batch, hidden). Do not change the rnn (no ``rnn.batch_first = True``).

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex05
(make 없이: KATA_LANG=ko python -m kata explain ex05)
"""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError(
        "ex05_time_major.to_time_major: not written yet. Time steps must come first: which two axes change "
        "places, and which tensor method moves axes without mixing up the numbers?"
    )


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError(
        "ex05_time_major.run_time_major: not written yet. Hand the rnn the layout it reads, then bring what "
        "comes back into the layout the caller wants."
    )
