import torch


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    order = (batch_size, seq_len) if batch_first else (seq_len, batch_size)
    return {
        "input": tuple(torch.Size([*order, input_size])),
        "output": tuple(torch.Size([*order, hidden_size])),
        "h_n": tuple(torch.Size([num_layers, batch_size, hidden_size])),
    }
