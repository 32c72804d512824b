import torch


def build_rnn(input_size, hidden_size, device=None):
    return torch.nn.GRU(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    return rnn(batch)
