import numpy as np


def build_vocab(words):
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"{char!r} is not in the vocabulary")
    return [int(v == char) for v in vocab]


def encode_word(word, vocab):
    rows = [[int(v == c) for v in vocab] for c in word]  # an unknown character becomes a row of zeros
    return np.array(rows, dtype=np.float32).reshape(len(word), len(vocab))
