"""rnn_shapes with torch's own shapes: tensor.shape is a torch.Size, a tuple of ints."""

import torch


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True) -> dict:
    outputs = torch.empty(batch_size, seq_len, hidden_size, device="meta")
    if not batch_first:
        outputs = outputs.transpose(0, 1)
    inputs = torch.Size([*outputs.shape[:2], input_size])
    h_n = torch.empty(num_layers, batch_size, hidden_size, device="meta")
    return {"input": inputs, "output": outputs.shape, "h_n": h_n.shape}
