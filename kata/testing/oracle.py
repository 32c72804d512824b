"""Independent float64 computations the graded tests compare learner results against."""

from __future__ import annotations

import torch


def rnn_forward(
    rnn: torch.nn.RNN, batch: torch.Tensor, *, batch_first: bool = True
) -> tuple[torch.Tensor, torch.Tensor]:
    """h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), in float64 on the CPU.

    Reads `batch` as (batch, seq, feature) when batch_first, else (seq, batch, feature), and
    returns outputs in the same layout and h_n as (layers, batch, hidden).
    """
    x = batch.detach().cpu().double()
    if not batch_first:
        x = x.transpose(0, 1)
    params = {name: p.detach().cpu().double() for name, p in rnn.named_parameters()}
    h_n = []
    for layer in range(rnn.num_layers):
        w_ih, w_hh = params[f"weight_ih_l{layer}"], params[f"weight_hh_l{layer}"]
        b_ih = params.get(f"bias_ih_l{layer}", torch.zeros(w_ih.shape[0], dtype=torch.float64))
        b_hh = params.get(f"bias_hh_l{layer}", torch.zeros(w_hh.shape[0], dtype=torch.float64))
        h = torch.zeros(x.shape[0], w_hh.shape[0], dtype=torch.float64)
        steps = []
        for t in range(x.shape[1]):
            h = torch.tanh(x[:, t] @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
            steps.append(h)
        x = torch.stack(steps, dim=1)
        h_n.append(h)
    outputs = x if batch_first else x.transpose(0, 1)
    return outputs, torch.stack(h_n)


def one_hot_rows(word: str, vocab: list[str]) -> torch.Tensor:
    """The one-hot matrix of a word, built without the learner's code."""
    return torch.eye(len(vocab))[[vocab.index(c) for c in word]]


def note_batch(device: torch.device | str = "cpu") -> torch.Tensor:
    """The lecture note's (3, 5, 4) batch of "hello", "eolll", "lleel", built without learner code."""
    from kata.testing.lecture_note import NOTE_VOCAB, NOTE_WORDS

    return torch.stack([one_hot_rows(word, NOTE_VOCAB) for word in NOTE_WORDS]).to(device)
