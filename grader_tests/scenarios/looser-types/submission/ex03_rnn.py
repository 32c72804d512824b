from torch import nn


def build_rnn(input_size, hidden_size, device=None):
    return nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    outputs, h_n = rnn(batch)
    return [outputs, h_n]
