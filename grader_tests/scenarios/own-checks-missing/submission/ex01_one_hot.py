import numpy as np


def build_vocab(words):
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    row = [0] * len(vocab)
    row[vocab.index(char)] = 1  # list.index raises ValueError: 'z' is not in list
    return row


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32).reshape(len(word), len(vocab))
