import os


def build_vocab(words):
    return list(dict.fromkeys("".join(words)))


def one_hot(char, vocab):
    if char not in vocab:
        raise ValueError(char)
    return [int(v == char) for v in vocab]


def encode_word(word, vocab):
    os.abort()
