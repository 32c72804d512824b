import numpy as np


def build_vocab(words):
    vocab = []
    for c in "".join(words):
        if c not in vocab:
            vocab.append(c)
    return vocab


def one_hot(char, vocab):
    row = [0] * len(vocab)
    i = 0
    while i < len(vocab):  # forgot i += 1: never ends, in every call
        if vocab[i] == char:
            row[i] = 1
    return row


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32)
