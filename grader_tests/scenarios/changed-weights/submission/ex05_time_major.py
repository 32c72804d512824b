import torch


def to_time_major(batch):
    return batch.transpose(0, 1)


def run_time_major(rnn, batch):
    with torch.no_grad():
        for p in rnn.parameters():
            p.add_(0.01)  # a "small adjustment"
    outputs, h_n = rnn(to_time_major(batch))
    return outputs.transpose(0, 1), h_n
