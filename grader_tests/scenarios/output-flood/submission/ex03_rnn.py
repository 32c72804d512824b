def build_rnn(input_size, hidden_size, device=None):
    print("debug " * 1_000_000, end="")
    raise NotImplementedError("todo")


def run_rnn(rnn, batch):
    print("debug " * 1_000_000)
    raise NotImplementedError("todo")
