def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    if batch_first:
        return {
            "input": (batch_size, seq_len, input_size),
            "output": (batch_size, seq_len, hidden_size),
            "h_n": (num_layers, batch_size, hidden_size),
        }
    return {
        "input": (seq_len, batch_size, input_size),
        "output": (seq_len, batch_size, hidden_size),
        "h_n": (num_layers, seq_len, hidden_size),  # time-major h_n thought to follow the input
    }
