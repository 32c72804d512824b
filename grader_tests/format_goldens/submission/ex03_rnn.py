import torch


def build_rnn(input_size, hidden_size, device=None):
    return torch.nn.RNN(input_size, hidden_size, device=device)


def run_rnn(rnn, batch):
    return rnn(batch)
