from torch import nn


def build_rnn(input_size, hidden_size, device=None):
    return nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    rnn.reset_parameters()  # "start fresh": draws new weights
    return rnn(batch)
