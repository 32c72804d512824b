import numpy as np


def build_vocab(words):
    return sorted(set("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"{char} not in vocab")
    return [int(v == char) for v in vocab]


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32)
