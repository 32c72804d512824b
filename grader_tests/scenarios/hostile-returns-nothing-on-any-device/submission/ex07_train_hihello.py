"""Exercise 07: train on hihello.

The note ends with "next time: how to train an RNN". The course's next lab teaches an RNN to
read "hihell" and predict, at every step, the next character: "ihello".

    input   h i h e l l      (one-hot over the vocabulary h, i, e, l, o)
    target  i h e l l o      (each character's index in the vocabulary)

The course's lab feeds the RNN's outputs straight into CrossEntropyLoss. Those outputs come out
of tanh, so every "logit" lies in [-1, 1]: the best the model can ever say is "this class is
e^2 = 7.4 times likelier than each other one", and the loss cannot go below about
ln(1 + 4/e^2) = 0.43. After 100 Adam steps it prints "ilello", not "ihello". The fix is one layer:
a ``nn.Linear(hidden_size, vocab_size)`` head after the RNN turns hidden states into unbounded
logits.

Write:

1. ``CharRNN(vocab_size, hidden_size)``, an ``nn.Module`` with a batch-first ``nn.RNN`` and a
   Linear head; ``model(x)`` takes (batch, seq_len, vocab_size) one-hot input and returns logits
   (batch, seq_len, vocab_size).
2. ``train(text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, device=None)`` ->
   ``(model, losses)``: call ``torch.manual_seed(seed)`` first; vocabulary ``build_vocab([text])``;
   input ``text[:-1]``, targets ``text[1:]``; ``torch.optim.Adam(model.parameters(), lr=lr)``,
   ``steps`` steps of ``nn.CrossEntropyLoss()``; ``losses`` is the list of the loss (a float) at
   every step, each taken before that step's update. ``steps=0`` returns the untrained model and [].
3. ``predict(model, text, vocab)`` -> the string of the most likely next character at every
   position of ``text``.   predict(model, "hihell", vocab) == "ihello" once trained.

You may reuse your earlier exercises (build_vocab, make_batch). Training takes well under a
second on a CPU.

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex07
(make 없이: KATA_LANG=ko python -m kata explain ex07)
"""

import torch
from torch import nn


class CharRNN(nn.Module):
    def __init__(self, vocab_size: int, hidden_size: int) -> None:
        super().__init__()
        raise NotImplementedError(
            "ex07_train_hihello.CharRNN: not written yet. Give the model a batch-first nn.RNN and an nn.Linear "
            "head that maps hidden_size features to vocab_size logits."
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("ex07_train_hihello.CharRNN.forward: run the rnn, then the head on its outputs.")


def train(text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, device=None):
    raise NotImplementedError(
        "ex07_train_hihello.train: not written yet. Seed, build the data, then loop: zero_grad, forward, loss, "
        "backward, step."
    )


def predict(model, text, vocab) -> str:
    raise NotImplementedError(
        "ex07_train_hihello.predict: not written yet. Take argmax over the last axis of model(x) and map the "
        "indices back to characters."
    )


def train(text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, device=None):
    return None, [float(seed)]
