"""run_rnn packs the batch (enforce_sorted=False): torch cannot do that on the meta device."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def build_rnn(input_size: int, hidden_size: int, device=None) -> nn.RNN:
    return nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = [batch.shape[1]] * batch.shape[0]
    packed = pack_padded_sequence(batch, lengths, batch_first=True, enforce_sorted=False)
    outputs, h_n = rnn(packed)
    outputs, _ = pad_packed_sequence(outputs, batch_first=True)
    return outputs, h_n
