"""Korean messages, a check in a helper, a comprehension over enumerate."""

import numpy as np


def build_vocab(words):
    seen = []
    for char in "".join(words):
        if char not in seen:
            seen += [char]
    return seen


def _require(char, vocab):
    if char not in vocab:
        raise ValueError(f"문자 {char!r}가 어휘 {vocab}에 없습니다")


def one_hot(char, vocab):
    _require(char, vocab)
    return [1 if i == vocab.index(char) else 0 for i, _ in enumerate(vocab)]


def encode_word(word, vocab):
    out = np.zeros((len(word), len(vocab)), dtype=np.float32)
    for t, char in enumerate(word):
        out[t] = one_hot(char, vocab)
    return out
