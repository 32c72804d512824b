def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    return {
        "input": (batch_size, seq_len, input_size),
        "output": (batch_size, seq_len, hidden_size),
        "h_n": (batch_size, num_layers, hidden_size),
    }
