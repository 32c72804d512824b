from solutions.ex01_one_hot import build_vocab, encode_word, one_hot  # noqa: F401
