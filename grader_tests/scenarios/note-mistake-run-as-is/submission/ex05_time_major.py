def to_time_major(batch):
    return batch.transpose(0, 1)


def run_time_major(rnn, batch):
    outputs, h_n = rnn(batch)  # reads (3, 5, 4) as 3 steps of 5 sequences
    b, t = batch.shape[0], batch.shape[1]
    return outputs, h_n[:, :b] if h_n.shape[1] >= b else h_n
