def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    first, second = (batch_size, seq_len) if batch_first else (seq_len, batch_size)
    return {
        "input": [first, second, input_size],
        "output": [first, second, hidden_size],
        "h_n": [num_layers, batch_size, hidden_size],
    }
