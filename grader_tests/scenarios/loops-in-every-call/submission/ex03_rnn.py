import torch


def build_rnn(input_size, hidden_size, device=None):
    return torch.nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    big = torch.ones(4000, 4000)
    torch.linalg.matrix_power(big, 10**9)  # one torch call that takes far too long, in every call
    return rnn(batch)
