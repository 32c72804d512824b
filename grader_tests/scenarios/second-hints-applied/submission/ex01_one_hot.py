"""ex01 written from its hints as they read, the second one (one_hot) included: a hint that
gives code the tests reject (vocab.index raising its own ValueError) fails here."""

import numpy as np


def build_vocab(words):
    vocab = []
    for word in words:
        for char in word:
            if char not in vocab:
                vocab.append(char)
    return vocab


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"{char!r} is not in the vocabulary")
    row = [0] * len(vocab)
    row[vocab.index(char)] = 1
    return row


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32).reshape(len(word), len(vocab))
