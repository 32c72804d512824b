"""Takes batch_first before num_layers: rnn_shapes(b, t, i, h, 2, True) reads num_layers=True."""


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, batch_first=True, num_layers=1) -> dict:
    if batch_first:
        return {
            "input": (batch_size, seq_len, input_size),
            "output": (batch_size, seq_len, hidden_size),
            "h_n": (num_layers, batch_size, hidden_size),
        }
    return {
        "input": (seq_len, batch_size, input_size),
        "output": (seq_len, batch_size, hidden_size),
        "h_n": (num_layers, batch_size, hidden_size),
    }
