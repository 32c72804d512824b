def to_time_major(batch):
    return batch.transpose(0, 1)


def run_time_major(rnn, batch):
    outputs, h_n = rnn(to_time_major(batch))
    return outputs.reshape(batch.shape[0], batch.shape[1], -1), h_n  # reshape, not transpose
