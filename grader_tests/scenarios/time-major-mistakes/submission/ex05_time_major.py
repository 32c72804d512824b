def to_time_major(batch):
    b, t, f = batch.shape
    return batch.reshape(t, b, f)


def run_time_major(rnn, batch):
    rnn.batch_first = True
    return rnn(batch)
