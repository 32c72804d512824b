import numpy as np


def build_vocab(words):
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"unknown character: {char}")
    row = np.zeros(len(vocab), dtype=int)
    row[vocab.index(char)] = 1
    return row.tolist()


def encode_word(word, vocab):
    index = {c: i for i, c in enumerate(vocab)}
    return np.eye(len(vocab), dtype=np.float32)[[index[c] for c in word]]
