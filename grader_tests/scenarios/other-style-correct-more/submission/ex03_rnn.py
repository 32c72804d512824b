import torch


def build_rnn(input_size, hidden_size, device=None):
    rnn = torch.nn.RNN(input_size=input_size, hidden_size=hidden_size, num_layers=1, batch_first=True)
    return rnn if device is None else rnn.to(device)


def run_rnn(rnn, batch):
    h0 = torch.zeros(rnn.num_layers, batch.shape[0], rnn.hidden_size, device=batch.device)
    outputs, h_n = rnn(batch, h0)
    return (outputs, h_n)
