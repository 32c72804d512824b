"""Exercise 04: shape reasoning.

The note leaves the shapes as blanks: ``outputs shape=(-, -, -)``, ``input_data shape=(-, -, -)``.
Fill them in for any RNN, without running one: work them out from the table below (the tests
make running an RNN fail here, even on the meta device).

For an ``nn.RNN(input_size, hidden_size, num_layers=num_layers, batch_first=batch_first)``:

    batch_first=True  (what this kata uses)
        input   (batch_size, seq_len, input_size)
        output  (batch_size, seq_len, hidden_size)   the top layer's hidden state at every step
        h_n     (num_layers, batch_size, hidden_size) every layer's last hidden state

    batch_first=False (PyTorch's default, time-major)
        input   (seq_len, batch_size, input_size)
        output  (seq_len, batch_size, hidden_size)
        h_n     (num_layers, batch_size, hidden_size)  <- the same as above!

h_n is never batch-first: ``batch_first`` "does not apply to hidden or cell states" (PyTorch docs).
The note's example: rnn_shapes(3, 5, 4, 2) == {"input": (3, 5, 4), "output": (3, 5, 2), "h_n": (1, 3, 2)}.

Write ``rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True)``
returning a dict with the keys "input", "output" and "h_n", each a tuple of ints.

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex04
(make 없이: KATA_LANG=ko python -m kata explain ex04)
"""


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True) -> dict:
    raise NotImplementedError(
        "ex04_shapes.rnn_shapes: not written yet. Return {'input': (...), 'output': (...), 'h_n': (...)} "
        "using the table in the docstring."
    )
