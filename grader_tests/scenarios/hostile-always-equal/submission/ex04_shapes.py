"""Hostile: returns objects that claim to equal anything: a dict subclass holding tuple
subclasses, both with == always True."""


class Anything(tuple):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = tuple.__hash__


class Shapes(dict):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __getitem__(self, key):
        return Anything((1, 1, 1))

    def get(self, key, default=None):
        return Anything((1, 1, 1))


def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True) -> dict:
    return Shapes(input=Anything(), output=Anything(), h_n=Anything())
