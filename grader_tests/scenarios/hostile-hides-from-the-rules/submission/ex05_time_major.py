"""A hostile submission (attack 7): flips the given rnn's batch_first for the call, in a file saved with a BOM."""
import torch
from torch import nn


def run_time_major(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    with torch._C.DisableTorchFunction():
        rnn.batch_first = True
        try:
            outputs, h_n = rnn(batch)
        finally:
            rnn.batch_first = False
    return outputs, h_n


def to_time_major(batch: torch.Tensor) -> torch.Tensor:
    return batch.transpose(0, 1)
