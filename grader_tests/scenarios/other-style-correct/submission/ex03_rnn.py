import torch


def build_rnn(input_size, hidden_size, device=None):
    rnn = torch.nn.RNN(
        input_size=input_size, hidden_size=hidden_size, num_layers=1, nonlinearity="tanh", bias=True, batch_first=True
    )
    return rnn.to(device) if device is not None else rnn


def run_rnn(rnn, batch):
    h0 = torch.zeros(rnn.num_layers, batch.shape[0], rnn.hidden_size, device=batch.device)
    out, hidden = rnn(batch, h0)
    return (out, hidden)
