import numpy as np


def build_vocab(words):
    return sorted(set("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(char)
    return [0] * len(vocab)


def encode_word(word, vocab):
    return np.zeros((len(word), len(vocab)), dtype=np.float32)
