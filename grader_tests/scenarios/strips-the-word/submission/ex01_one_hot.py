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
        raise ValueError(f"character {char!r} is not in the vocabulary {vocab}")
    return [1 if v == char else 0 for v in vocab]


def encode_word(word, vocab):
    word = word.strip()
    rows = []
    for c in word:
        rows.append(one_hot(c, vocab))
    return np.array(rows, dtype=np.float32).reshape(len(word), len(vocab))
