import torch


def build_rnn(input_size, hidden_size, device=None):
    return torch.nn.RNN(input_size, hidden_size, batch_first=True, device=device)


def run_rnn(rnn, batch):
    outputs, h_n = rnn(batch.transpose(0, 1))
    return outputs.transpose(0, 1), h_n
