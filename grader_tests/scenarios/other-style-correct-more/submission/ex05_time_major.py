import torch


def to_time_major(batch):
    return batch.permute(1, 0, 2)


def run_time_major(rnn, batch):
    outputs, h_n = rnn(torch.swapaxes(batch, 0, 1))
    return torch.swapaxes(outputs, 0, 1).contiguous(), h_n
