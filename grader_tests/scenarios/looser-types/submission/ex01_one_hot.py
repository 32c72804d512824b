import numpy as np


def build_vocab(words):
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"{char!r} is not in the vocabulary")
    return np.eye(len(vocab))[vocab.index(char)]  # a float ndarray, not a list of ints


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32).reshape(len(word), len(vocab))
