import sys

import numpy as np

print("x" * 3_000_000)  # at import time


def build_vocab(words):
    for _ in range(2000):
        print("debug " * 200)
    sys.stderr.write("e" * 1_000_000)
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(f"{char!r} is not in the vocabulary {vocab}")
    return [int(v == char) for v in vocab]


def encode_word(word, vocab):
    return np.array([one_hot(c, vocab) for c in word], dtype=np.float32).reshape(len(word), len(vocab))
